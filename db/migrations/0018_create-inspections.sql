CREATE TABLE "insp_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"due_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_checklist_items" (
	"code" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"weight" integer NOT NULL,
	"serious" boolean NOT NULL,
	"department" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_grade_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"stars" integer NOT NULL,
	"risk" text NOT NULL,
	"graded_on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_hazard_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insp_hazard_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hazard_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"serious" boolean NOT NULL,
	"status" text NOT NULL,
	"department" text NOT NULL,
	"deadline_on" date NOT NULL,
	"found_on" date NOT NULL,
	"closed_on" date,
	"note" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fix_note" text,
	"fix_photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"landlord_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_house_grades" (
	"house_id" uuid PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"score" integer,
	"stars" integer,
	"risk" text,
	"lost" jsonb,
	"improve" jsonb,
	"graded_on" date,
	"last_inspected_on" date,
	"next_due_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_inspection_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insp_inspection_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"inspection_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"due_on" date NOT NULL,
	"campaign_id" uuid,
	"inspector_id" uuid,
	"done_on" date,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"occupants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insp_registration_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"source" text NOT NULL,
	"inspection_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insp_hazard_actions" ADD CONSTRAINT "insp_hazard_actions_hazard_id_insp_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."insp_hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insp_hazards" ADD CONSTRAINT "insp_hazards_inspection_id_insp_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."insp_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insp_inspection_actions" ADD CONSTRAINT "insp_inspection_actions_inspection_id_insp_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."insp_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insp_inspections" ADD CONSTRAINT "insp_inspections_campaign_id_insp_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."insp_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insp_campaigns_tx_key" ON "insp_campaigns" USING btree ("created_by","transaction_id");--> statement-breakpoint
CREATE INDEX "insp_grade_history_house_idx" ON "insp_grade_history" USING btree ("house_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "insp_hazard_actions_tx_key" ON "insp_hazard_actions" USING btree ("transaction_id","hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insp_hazards_open_key" ON "insp_hazards" USING btree ("house_id","item_code") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "insp_hazards_board_idx" ON "insp_hazards" USING btree ("division_code" text_pattern_ops,"status","deadline_on");--> statement-breakpoint
CREATE INDEX "insp_hazards_department_idx" ON "insp_hazards" USING btree ("department","status","deadline_on");--> statement-breakpoint
CREATE INDEX "insp_hazards_landlord_idx" ON "insp_hazards" USING btree ("landlord_phone","status");--> statement-breakpoint
CREATE INDEX "insp_house_grades_due_idx" ON "insp_house_grades" USING btree ("next_due_on");--> statement-breakpoint
CREATE INDEX "insp_house_grades_division_idx" ON "insp_house_grades" USING btree ("division_code" text_pattern_ops,"risk");--> statement-breakpoint
CREATE UNIQUE INDEX "insp_inspection_actions_tx_key" ON "insp_inspection_actions" USING btree ("transaction_id","inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insp_inspections_planned_key" ON "insp_inspections" USING btree ("house_id","kind") WHERE status = 'planned' and kind <> 'campaign';--> statement-breakpoint
CREATE UNIQUE INDEX "insp_inspections_campaign_key" ON "insp_inspections" USING btree ("campaign_id","house_id");--> statement-breakpoint
CREATE INDEX "insp_inspections_queue_idx" ON "insp_inspections" USING btree ("division_code" text_pattern_ops,"status","due_on");--> statement-breakpoint
CREATE INDEX "insp_inspections_house_idx" ON "insp_inspections" USING btree ("house_id","created_at");--> statement-breakpoint
CREATE INDEX "insp_registration_tasks_queue_idx" ON "insp_registration_tasks" USING btree ("division_code" text_pattern_ops,"status");--> statement-breakpoint
COMMENT ON TABLE "insp_inspection_actions" IS 'append-only: every step of an inspection';
--> statement-breakpoint
COMMENT ON TABLE "insp_hazard_actions" IS 'append-only: every step of a hazard through the loop';
--> statement-breakpoint
COMMENT ON TABLE "insp_grade_history" IS 'append-only: every grade a house has had';
--> statement-breakpoint
COMMENT ON COLUMN "insp_inspections"."occupants" IS 'personal data: names and ID numbers of the occupants found';
--> statement-breakpoint
COMMENT ON COLUMN "insp_hazards"."landlord_phone" IS 'personal data: mobile number of the landlord notified';
--> statement-breakpoint
COMMENT ON COLUMN "insp_registration_tasks"."id_number" IS 'personal data: ID number of an unregistered occupant';
--> statement-breakpoint
COMMENT ON COLUMN "insp_registration_tasks"."phone" IS 'personal data: mobile number of an unregistered occupant';
