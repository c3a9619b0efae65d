CREATE TABLE "points_tallies" (
	"round_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "points_tallies_round_id_division_code_status_pk" PRIMARY KEY("round_id","division_code","status")
);
--> statement-breakpoint
CREATE TABLE "points_task_tallies" (
	"division_code" text NOT NULL,
	"department" text NOT NULL,
	"state" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "points_task_tallies_division_code_department_state_pk" PRIMARY KEY("division_code","department","state")
);
--> statement-breakpoint
CREATE FUNCTION points_tally_applications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The net change per round, jurisdiction and status of the rows this statement wrote: +1 for each row as it is
  -- now, -1 for each as it was. Rows whose status and jurisdiction did not change cancel out and write nothing.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO points_tallies AS t (round_id, division_code, status, n)
    SELECT round_id, division_code, status, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (round_id, division_code, status) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO points_tallies AS t (round_id, division_code, status, n)
    SELECT round_id, division_code, status, sum(d) FROM (
      SELECT round_id, division_code, status, 1 AS d FROM new_rows
      UNION ALL SELECT round_id, division_code, status, -1 FROM old_rows) x
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (round_id, division_code, status) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO points_tallies AS t (round_id, division_code, status, n)
    SELECT round_id, division_code, status, -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (round_id, division_code, status) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER points_applications_tally_insert AFTER INSERT ON points_applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_applications();
--> statement-breakpoint
CREATE TRIGGER points_applications_tally_update AFTER UPDATE ON points_applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_applications();
--> statement-breakpoint
CREATE TRIGGER points_applications_tally_delete AFTER DELETE ON points_applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_applications();
--> statement-breakpoint
CREATE FUNCTION points_task_state(status text, done_on date, due_on date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status <> 'done' THEN status WHEN done_on <= due_on THEN 'done_on_time' ELSE 'done_late' END
$$;
--> statement-breakpoint
CREATE FUNCTION points_tally_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO points_task_tallies AS t (division_code, department, state, n)
    SELECT division_code, department, points_task_state(status, done_on, due_on), count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (division_code, department, state) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO points_task_tallies AS t (division_code, department, state, n)
    SELECT division_code, department, state, sum(d) FROM (
      SELECT division_code, department, points_task_state(status, done_on, due_on) AS state, 1 AS d FROM new_rows
      UNION ALL SELECT division_code, department, points_task_state(status, done_on, due_on), -1 FROM old_rows) x
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (division_code, department, state) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO points_task_tallies AS t (division_code, department, state, n)
    SELECT division_code, department, points_task_state(status, done_on, due_on), -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (division_code, department, state) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER points_tasks_tally_insert AFTER INSERT ON points_tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_tasks();
--> statement-breakpoint
CREATE TRIGGER points_tasks_tally_update AFTER UPDATE ON points_tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_tasks();
--> statement-breakpoint
CREATE TRIGGER points_tasks_tally_delete AFTER DELETE ON points_tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION points_tally_tasks();
--> statement-breakpoint
-- Existing rows, counted once when the tallies start.
INSERT INTO points_tallies (round_id, division_code, status, n) SELECT round_id, division_code, status, count(*) FROM points_applications GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO points_task_tallies (division_code, department, state, n) SELECT division_code, department, points_task_state(status, done_on, due_on), count(*) FROM points_tasks GROUP BY 1, 2, 3;
--> statement-breakpoint
COMMENT ON TABLE "points_tallies" IS 'derived: applications per round, jurisdiction and status, kept by triggers on points_applications';
--> statement-breakpoint
COMMENT ON TABLE "points_task_tallies" IS 'derived: review tasks per jurisdiction, department and state, kept by triggers on points_tasks';
