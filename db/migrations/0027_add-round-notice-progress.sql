ALTER TABLE "points_rounds" ADD COLUMN "notices_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "notices_sent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "notices_after" uuid;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "notices_done_at" timestamp with time zone;--> statement-breakpoint
COMMENT ON COLUMN "points_rounds"."notices_total" IS 'Applicants to be told of their shortlisting: those shortlisted by the round''s shortlisting, plus each one who moves up later';--> statement-breakpoint
COMMENT ON COLUMN "points_rounds"."notices_sent" IS 'Of those, how many have been told (their notice stored)';--> statement-breakpoint
COMMENT ON COLUMN "points_rounds"."notices_after" IS 'The last application id the shortlisting notice job told; a resumed job goes on after it';--> statement-breakpoint
COMMENT ON COLUMN "points_rounds"."notices_done_at" IS 'When the shortlisting notice job had told everyone still shortlisted';
