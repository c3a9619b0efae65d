CREATE SEQUENCE "public"."points_application_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "points_application_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_application_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"round_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"pledged_at" timestamp with time zone NOT NULL,
	"total" numeric(8, 2) NOT NULL,
	"ranking_score" numeric(8, 2) NOT NULL,
	"tie_break_values" jsonb NOT NULL,
	"eligible" boolean NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reviewed_on" date,
	"applicant_user_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "points_department_records" (
	"department" text NOT NULL,
	"id_number" text NOT NULL,
	"fact" text NOT NULL,
	"value" jsonb NOT NULL,
	"as_of" date NOT NULL,
	"batch_id" uuid NOT NULL,
	"loaded_by" uuid,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_department_records_id_number_fact_department_pk" PRIMARY KEY("id_number","fact","department")
);
--> statement-breakpoint
CREATE TABLE "points_round_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_round_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"round_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"pack_id" uuid NOT NULL,
	"status" text NOT NULL,
	"quota" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"materials_cutoff" date NOT NULL,
	"innovation_from" date,
	"innovation_to" date,
	"tax_from" date,
	"tax_to" date,
	"born_on_or_after" date,
	"tie_at_cut" text NOT NULL,
	"created_by" uuid,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_task_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_task_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE TABLE "points_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"department" text NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"facts" jsonb NOT NULL,
	"results" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_on" date NOT NULL,
	"reviewer_id" uuid,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_application_actions" ADD CONSTRAINT "points_application_actions_application_id_points_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."points_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_applications" ADD CONSTRAINT "points_applications_round_id_points_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."points_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_round_actions" ADD CONSTRAINT "points_round_actions_round_id_points_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."points_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD CONSTRAINT "points_rounds_pack_id_points_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."points_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_task_actions" ADD CONSTRAINT "points_task_actions_task_id_points_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."points_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_tasks" ADD CONSTRAINT "points_tasks_application_id_points_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."points_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_application_actions_tx_key" ON "points_application_actions" USING btree ("transaction_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_applications_tx_key" ON "points_applications" USING btree ("applicant_user_id","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_applications_person_round_key" ON "points_applications" USING btree ("round_id","person_id") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "points_applications_queue_idx" ON "points_applications" USING btree ("division_code" text_pattern_ops,"status","due_on");--> statement-breakpoint
CREATE INDEX "points_applications_round_idx" ON "points_applications" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "points_applications_applicant_idx" ON "points_applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "points_applications_person_idx" ON "points_applications" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_round_actions_tx_key" ON "points_round_actions" USING btree ("transaction_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_rounds_tx_key" ON "points_rounds" USING btree ("created_by","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_task_actions_tx_key" ON "points_task_actions" USING btree ("transaction_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_tasks_application_department_key" ON "points_tasks" USING btree ("application_id","department","kind");--> statement-breakpoint
CREATE INDEX "points_tasks_queue_idx" ON "points_tasks" USING btree ("department","status","due_on");--> statement-breakpoint
CREATE INDEX "points_tasks_application_idx" ON "points_tasks" USING btree ("application_id");--> statement-breakpoint
COMMENT ON TABLE "points_round_actions" IS 'append-only: every step of a points round';--> statement-breakpoint
COMMENT ON TABLE "points_application_actions" IS 'append-only: every step of a points application';--> statement-breakpoint
COMMENT ON TABLE "points_task_actions" IS 'append-only: every step of a department review task';--> statement-breakpoint
COMMENT ON COLUMN "points_applications"."id_number" IS 'personal data: citizen ID number';--> statement-breakpoint
COMMENT ON COLUMN "points_applications"."name" IS 'personal data: name';--> statement-breakpoint
COMMENT ON COLUMN "points_applications"."phone" IS 'personal data: mobile number';--> statement-breakpoint
COMMENT ON COLUMN "points_applications"."facts" IS 'personal data: declared and known facts of the applicant';--> statement-breakpoint
COMMENT ON COLUMN "points_department_records"."id_number" IS 'personal data: citizen ID number';--> statement-breakpoint
COMMENT ON COLUMN "points_department_records"."value" IS 'personal data: a department''s record of the person';
