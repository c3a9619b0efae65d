-- Shortlisting the admitted for on-site verification is now a round step of its own (ranked → verifying → publishing).
-- A round ranked before, whose admitted were shortlisted with the ranking, is verifying.
UPDATE "points_rounds" r SET "status" = 'verifying'
WHERE r."status" = 'ranked'
  AND EXISTS (SELECT 1 FROM "points_applications" a WHERE a."round_id" = r."id" AND a."status" IN ('shortlisted', 'verified'));
--> statement-breakpoint
COMMENT ON COLUMN "points_rounds"."status" IS 'open, closed, ranked (ranking stored, nobody moved), verifying (the admitted shortlisted for on-site verification), publishing, final';
