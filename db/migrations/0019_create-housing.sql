CREATE TABLE "housing_blacklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"office" text NOT NULL,
	"division_code" text NOT NULL,
	"listed_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"lifted_on" date,
	"lift_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_blacklist_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "housing_blacklist_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"flagged_on" date NOT NULL,
	"cleared_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_managers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"party_id" uuid NOT NULL,
	"role" text NOT NULL,
	"since" date NOT NULL,
	"warned_entry_id" uuid,
	"created_by" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"credit_code" text,
	"phone" text,
	"division_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "housing_blacklist" ADD CONSTRAINT "housing_blacklist_party_id_housing_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."housing_parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_blacklist_actions" ADD CONSTRAINT "housing_blacklist_actions_entry_id_housing_blacklist_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."housing_blacklist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_managers" ADD CONSTRAINT "housing_managers_party_id_housing_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."housing_parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_managers" ADD CONSTRAINT "housing_managers_warned_entry_id_housing_blacklist_id_fk" FOREIGN KEY ("warned_entry_id") REFERENCES "public"."housing_blacklist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "housing_blacklist_party_idx" ON "housing_blacklist" USING btree ("party_id","status","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_blacklist_actions_tx_key" ON "housing_blacklist_actions" USING btree ("transaction_id","entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_flags_open_key" ON "housing_flags" USING btree ("house_id","kind") WHERE cleared_on is null;--> statement-breakpoint
CREATE INDEX "housing_flags_division_idx" ON "housing_flags" USING btree ("division_code" text_pattern_ops,"cleared_on");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_managers_house_party_key" ON "housing_managers" USING btree ("house_id","party_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_managers_tx_key" ON "housing_managers" USING btree ("created_by","transaction_id");--> statement-breakpoint
CREATE INDEX "housing_managers_party_idx" ON "housing_managers" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_parties_id_number_key" ON "housing_parties" USING btree ("id_number") WHERE id_number is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "housing_parties_credit_code_key" ON "housing_parties" USING btree ("credit_code") WHERE credit_code is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "housing_parties_tx_key" ON "housing_parties" USING btree ("created_by","transaction_id");--> statement-breakpoint
CREATE INDEX "housing_parties_name_idx" ON "housing_parties" USING btree ("name");--> statement-breakpoint
COMMENT ON TABLE "housing_blacklist_actions" IS 'append-only: every step of a blacklist entry';
--> statement-breakpoint
COMMENT ON COLUMN "housing_parties"."id_number" IS 'personal data: ID number of a sub-landlord or agent';
--> statement-breakpoint
COMMENT ON COLUMN "housing_parties"."phone" IS 'personal data: mobile number of a sub-landlord or agent';
