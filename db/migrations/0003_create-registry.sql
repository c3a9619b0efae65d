CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "reg_buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into" uuid,
	"last_visit_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_houses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"division_code" text NOT NULL,
	"use" text NOT NULL,
	"area_m2" numeric(8, 2),
	"rooms" integer,
	"owner_person_id" uuid,
	"owner_organisation" text,
	"landlord_person_id" uuid,
	"agent_name" text,
	"management_company" text,
	"qr_version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_person_children" (
	"parent_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"origin_code" text NOT NULL,
	"phone" text,
	"education" text,
	"employer" text,
	"division_code" text NOT NULL,
	"spouse_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reg_persons_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "reg_residence_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reg_residence_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"residence_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_residences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"relation" text NOT NULL,
	"arrived_on" date NOT NULL,
	"left_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"channel" text NOT NULL,
	"declared_on" date NOT NULL,
	"deadline_on" date NOT NULL,
	"late_workdays" integer DEFAULT 0 NOT NULL,
	"declared_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reg_houses" ADD CONSTRAINT "reg_houses_building_id_reg_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."reg_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_person_children" ADD CONSTRAINT "reg_person_children_parent_id_reg_persons_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."reg_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_person_children" ADD CONSTRAINT "reg_person_children_child_id_reg_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."reg_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_residence_actions" ADD CONSTRAINT "reg_residence_actions_residence_id_reg_residences_id_fk" FOREIGN KEY ("residence_id") REFERENCES "public"."reg_residences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_residences" ADD CONSTRAINT "reg_residences_person_id_reg_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."reg_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_residences" ADD CONSTRAINT "reg_residences_house_id_reg_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."reg_houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reg_buildings_division_idx" ON "reg_buildings" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reg_buildings_address_trgm_idx" ON "reg_buildings" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "reg_buildings_address_active_key" ON "reg_buildings" USING btree ("address") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "reg_houses_building_unit_key" ON "reg_houses" USING btree ("building_id","unit");--> statement-breakpoint
CREATE INDEX "reg_houses_division_idx" ON "reg_houses" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reg_houses_landlord_idx" ON "reg_houses" USING btree ("landlord_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reg_person_children_key" ON "reg_person_children" USING btree ("parent_id","child_id");--> statement-breakpoint
CREATE INDEX "reg_person_children_child_idx" ON "reg_person_children" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "reg_persons_division_idx" ON "reg_persons" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reg_persons_name_idx" ON "reg_persons" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reg_persons_phone_idx" ON "reg_persons" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "reg_persons_name_birth_idx" ON "reg_persons" USING btree ("name","birth_date");--> statement-breakpoint
CREATE UNIQUE INDEX "reg_residence_actions_tx_key" ON "reg_residence_actions" USING btree ("transaction_id","residence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reg_residences_one_active_key" ON "reg_residences" USING btree ("person_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "reg_residences_person_idx" ON "reg_residences" USING btree ("person_id","arrived_on");--> statement-breakpoint
CREATE INDEX "reg_residences_house_idx" ON "reg_residences" USING btree ("house_id","status");--> statement-breakpoint
CREATE INDEX "reg_residences_division_idx" ON "reg_residences" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
COMMENT ON COLUMN "reg_persons"."id_number" IS 'personal data: citizen ID number';--> statement-breakpoint
COMMENT ON COLUMN "reg_persons"."name" IS 'personal data: name';--> statement-breakpoint
COMMENT ON COLUMN "reg_persons"."phone" IS 'personal data: mobile number';--> statement-breakpoint
COMMENT ON COLUMN "reg_persons"."birth_date" IS 'personal data: birth date';--> statement-breakpoint
COMMENT ON TABLE "reg_residence_actions" IS 'append-only: every arrive, update and leave of a residence';
