CREATE SEQUENCE "public"."permit_application_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."permit_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permit_application_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "permit_application_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE TABLE "permit_application_evidence" (
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permit_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"address" text NOT NULL,
	"division_code" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"basis" text NOT NULL,
	"basis_detail" text NOT NULL,
	"phone" text,
	"proxy_name" text,
	"proxy_id_number" text,
	"proxy_relation" text,
	"proxy_reason" text,
	"registered_since" date NOT NULL,
	"eligible_from" date NOT NULL,
	"submitted_on" date NOT NULL,
	"accepted_on" date,
	"due_on" date,
	"decided_on" date,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"permit_id" uuid,
	"applicant_user_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permit_applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "permit_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "permit_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"permit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"address" text NOT NULL,
	"application_id" uuid,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"issued_on" date NOT NULL,
	"run_since" date NOT NULL,
	"endorsed_years" integer DEFAULT 0 NOT NULL,
	"valid_until" date NOT NULL,
	"suspended_on" date,
	"ended_on" date,
	"end_reason" text,
	"verify_token" text NOT NULL,
	"holder_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permits_number_unique" UNIQUE("number"),
	CONSTRAINT "permits_verify_token_unique" UNIQUE("verify_token")
);
--> statement-breakpoint
ALTER TABLE "permit_application_actions" ADD CONSTRAINT "permit_application_actions_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_application_evidence" ADD CONSTRAINT "permit_application_evidence_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_actions" ADD CONSTRAINT "permit_actions_permit_id_permits_id_fk" FOREIGN KEY ("permit_id") REFERENCES "public"."permits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits" ADD CONSTRAINT "permits_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_application_actions_tx_key" ON "permit_application_actions" USING btree ("transaction_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_application_evidence_key" ON "permit_application_evidence" USING btree ("application_id","kind","file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_applications_tx_key" ON "permit_applications" USING btree ("applicant_user_id","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_applications_open_key" ON "permit_applications" USING btree ("person_id") WHERE status in ('submitted', 'accepted', 'returned');--> statement-breakpoint
CREATE INDEX "permit_applications_queue_idx" ON "permit_applications" USING btree ("division_code" text_pattern_ops,"status","due_on");--> statement-breakpoint
CREATE INDEX "permit_applications_person_idx" ON "permit_applications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "permit_applications_id_number_idx" ON "permit_applications" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "permit_applications_applicant_idx" ON "permit_applications" USING btree ("applicant_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_actions_tx_key" ON "permit_actions" USING btree ("transaction_id","permit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_one_in_force_key" ON "permits" USING btree ("person_id") WHERE status in ('valid', 'suspended');--> statement-breakpoint
CREATE INDEX "permits_division_idx" ON "permits" USING btree ("division_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "permits_deadline_idx" ON "permits" USING btree ("status","valid_until");--> statement-breakpoint
CREATE INDEX "permits_holder_idx" ON "permits" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "permits_id_number_idx" ON "permits" USING btree ("id_number");--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."id_number" IS 'personal data: citizen ID number';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."name" IS 'personal data: name';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."phone" IS 'personal data: mobile number';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."birth_date" IS 'personal data: birth date';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."address" IS 'personal data: home address';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."proxy_name" IS 'personal data: name of the guardian or relative applying';--> statement-breakpoint
COMMENT ON COLUMN "permit_applications"."proxy_id_number" IS 'personal data: citizen ID number of the guardian or relative';--> statement-breakpoint
COMMENT ON COLUMN "permits"."id_number" IS 'personal data: citizen ID number';--> statement-breakpoint
COMMENT ON COLUMN "permits"."name" IS 'personal data: name';--> statement-breakpoint
COMMENT ON COLUMN "permits"."birth_date" IS 'personal data: birth date';--> statement-breakpoint
COMMENT ON COLUMN "permits"."address" IS 'personal data: residence address';--> statement-breakpoint
COMMENT ON TABLE "files" IS 'personal data: uploaded photos and scanned certificates';--> statement-breakpoint
COMMENT ON TABLE "permit_application_actions" IS 'append-only: every step of a residence-permit application';--> statement-breakpoint
COMMENT ON TABLE "permit_actions" IS 'append-only: every issue, endorsement, suspension, cancellation and revocation of a permit';
