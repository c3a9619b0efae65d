CREATE TABLE "insp_coverage" (
	"division_code" text PRIMARY KEY NOT NULL,
	"houses" integer NOT NULL,
	"covered" integer NOT NULL,
	"overdue" integer NOT NULL,
	"high" integer NOT NULL,
	"medium" integer NOT NULL,
	"low" integer NOT NULL,
	"ungraded" integer NOT NULL,
	"as_of" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_hazard_months" (
	"division_code" text NOT NULL,
	"month" text NOT NULL,
	"found" integer NOT NULL,
	"closed" integer NOT NULL,
	"close_days" integer NOT NULL,
	CONSTRAINT "insp_hazard_months_division_code_month_pk" PRIMARY KEY("division_code","month")
);
--> statement-breakpoint
CREATE TABLE "insp_hazard_tallies" (
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insp_hazard_tallies_division_code_status_pk" PRIMARY KEY("division_code","status")
);
--> statement-breakpoint
CREATE TABLE "insp_registration_task_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insp_registration_task_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "insp_registration_task_actions" ADD CONSTRAINT "insp_registration_task_actions_task_id_insp_registration_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."insp_registration_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insp_registration_task_actions_tx_key" ON "insp_registration_task_actions" USING btree ("transaction_id","task_id");--> statement-breakpoint
CREATE INDEX "insp_inspections_done_idx" ON "insp_inspections" USING btree ("done_on") WHERE status = 'done';
--> statement-breakpoint
CREATE FUNCTION insp_apply_hazard_delta(delta jsonb) RETURNS void LANGUAGE sql AS $$
  -- `delta`: rows as they are now with s = 1 and as they were with s = -1. Unchanged rows cancel out and write nothing.
  WITH r AS (SELECT * FROM jsonb_to_recordset(delta) AS x(division_code text, status text, found_on date, closed_on date, s int))
  INSERT INTO insp_hazard_tallies AS t (division_code, status, n)
  SELECT division_code, status, sum(s) FROM r GROUP BY 1, 2 HAVING sum(s) <> 0 ORDER BY 1, 2
  ON CONFLICT (division_code, status) DO UPDATE SET n = t.n + excluded.n;
  WITH r AS (SELECT * FROM jsonb_to_recordset(delta) AS x(division_code text, status text, found_on date, closed_on date, s int))
  INSERT INTO insp_hazard_months AS t (division_code, month, found, closed, close_days)
  SELECT division_code, month, sum(found), sum(closed), sum(close_days) FROM (
    SELECT division_code, to_char(found_on, 'YYYY-MM') AS month, s AS found, 0 AS closed, 0 AS close_days FROM r
    UNION ALL SELECT division_code, to_char(closed_on, 'YYYY-MM'), 0, s, s * (closed_on - found_on) FROM r WHERE closed_on IS NOT NULL) x
  GROUP BY 1, 2 HAVING sum(found) <> 0 OR sum(closed) <> 0 OR sum(close_days) <> 0 ORDER BY 1, 2
  ON CONFLICT (division_code, month) DO UPDATE SET found = t.found + excluded.found, closed = t.closed + excluded.closed, close_days = t.close_days + excluded.close_days;
$$;
--> statement-breakpoint
CREATE FUNCTION insp_tally_hazards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The statement's rows as they are now (+1) and as they were (-1); a transition table exists only for its own side.
  IF TG_OP = 'INSERT' THEN
    PERFORM insp_apply_hazard_delta((SELECT coalesce(jsonb_agg(jsonb_build_object('division_code', division_code, 'status', status, 'found_on', found_on, 'closed_on', closed_on, 's', 1)), '[]') FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM insp_apply_hazard_delta((SELECT coalesce(jsonb_agg(x), '[]') FROM (
      SELECT jsonb_build_object('division_code', division_code, 'status', status, 'found_on', found_on, 'closed_on', closed_on, 's', 1) AS x FROM new_rows
      UNION ALL SELECT jsonb_build_object('division_code', division_code, 'status', status, 'found_on', found_on, 'closed_on', closed_on, 's', -1) FROM old_rows) d));
  ELSE
    PERFORM insp_apply_hazard_delta((SELECT coalesce(jsonb_agg(jsonb_build_object('division_code', division_code, 'status', status, 'found_on', found_on, 'closed_on', closed_on, 's', -1)), '[]') FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER insp_hazards_tally_insert AFTER INSERT ON insp_hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insp_tally_hazards();
--> statement-breakpoint
CREATE TRIGGER insp_hazards_tally_update AFTER UPDATE ON insp_hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insp_tally_hazards();
--> statement-breakpoint
CREATE TRIGGER insp_hazards_tally_delete AFTER DELETE ON insp_hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insp_tally_hazards();
--> statement-breakpoint
-- Existing hazards, counted once when the tallies start.
INSERT INTO insp_hazard_tallies (division_code, status, n) SELECT division_code, status, count(*) FROM insp_hazards GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO insp_hazard_months (division_code, month, found, closed, close_days)
SELECT division_code, month, sum(found), sum(closed), sum(close_days) FROM (
  SELECT division_code, to_char(found_on, 'YYYY-MM') AS month, 1 AS found, 0 AS closed, 0 AS close_days FROM insp_hazards
  UNION ALL SELECT division_code, to_char(closed_on, 'YYYY-MM'), 0, 1, closed_on - found_on FROM insp_hazards WHERE closed_on IS NOT NULL) x
GROUP BY 1, 2;
--> statement-breakpoint
COMMENT ON TABLE "insp_registration_task_actions" IS 'append-only: every step of a registration task';
--> statement-breakpoint
COMMENT ON TABLE "insp_hazard_tallies" IS 'derived: hazards per jurisdiction and status, kept by triggers on insp_hazards';
--> statement-breakpoint
COMMENT ON TABLE "insp_hazard_months" IS 'derived: hazards found and closed per jurisdiction and month, kept by triggers on insp_hazards';
--> statement-breakpoint
COMMENT ON TABLE "insp_coverage" IS 'derived: rental houses per jurisdiction by coverage and grade, counted by the daily job';
--> statement-breakpoint
UPDATE "insp_registration_tasks" t SET "address" = i."address" FROM "insp_inspections" i WHERE i."id" = t."inspection_id";
--> statement-breakpoint
UPDATE "insp_registration_tasks" t SET "address" = b."address" FROM "reg_buildings" b WHERE b."id" = t."building_id" AND t."address" = '';
