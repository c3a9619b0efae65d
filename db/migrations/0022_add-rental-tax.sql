CREATE TABLE "housing_rents" (
	"house_id" uuid PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"monthly_rent_fen" integer NOT NULL,
	"use" text NOT NULL,
	"period" text NOT NULL,
	"since" date NOT NULL,
	"declared_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_tax_bill_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "housing_tax_bill_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bill_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_tax_bills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"address" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"monthly_rent_fen" integer NOT NULL,
	"months" integer NOT NULL,
	"rate_permille" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text NOT NULL,
	"due_on" date NOT NULL,
	"landlord_phone" text,
	"order_id" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_tax_rates" (
	"division_code" text NOT NULL,
	"use" text NOT NULL,
	"rate_permille" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "housing_tax_rates_division_code_use_pk" PRIMARY KEY("division_code","use")
);
--> statement-breakpoint
ALTER TABLE "housing_tax_bill_actions" ADD CONSTRAINT "housing_tax_bill_actions_bill_id_housing_tax_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."housing_tax_bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "housing_tax_bill_actions_tx_key" ON "housing_tax_bill_actions" USING btree ("transaction_id","bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_tax_bills_period_key" ON "housing_tax_bills" USING btree ("house_id","period_start");--> statement-breakpoint
CREATE INDEX "housing_tax_bills_arrears_idx" ON "housing_tax_bills" USING btree ("division_code" text_pattern_ops,"status","due_on");--> statement-breakpoint
CREATE INDEX "housing_tax_bills_landlord_idx" ON "housing_tax_bills" USING btree ("landlord_phone","status");--> statement-breakpoint
COMMENT ON TABLE "housing_tax_bill_actions" IS 'append-only: every step of a rental tax bill';
--> statement-breakpoint
COMMENT ON COLUMN "housing_tax_bills"."landlord_phone" IS 'personal data: mobile number of the landlord billed';
