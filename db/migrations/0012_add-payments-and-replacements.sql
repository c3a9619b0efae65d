CREATE TABLE "payment_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"applied" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_keys" (
	"provider" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"purpose" text NOT NULL,
	"reference_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"payer_user_id" uuid,
	"description" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider" text NOT NULL,
	"checkout_token" text NOT NULL,
	"provider_ref" text,
	"paid_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_orders_number_unique" UNIQUE("number"),
	CONSTRAINT "payment_orders_checkout_token_unique" UNIQUE("checkout_token")
);
--> statement-breakpoint
CREATE TABLE "permit_replacement_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "permit_replacement_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"replacement_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permit_replacements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"permit_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"fee_fen" integer NOT NULL,
	"order_id" uuid,
	"requested_by" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "permits" ADD COLUMN "card_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_replacement_actions" ADD CONSTRAINT "permit_replacement_actions_replacement_id_permit_replacements_id_fk" FOREIGN KEY ("replacement_id") REFERENCES "public"."permit_replacements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_replacements" ADD CONSTRAINT "permit_replacements_permit_id_permits_id_fk" FOREIGN KEY ("permit_id") REFERENCES "public"."permits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_events_provider_event_key" ON "payment_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "payment_orders_reference_idx" ON "payment_orders" USING btree ("purpose","reference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_replacement_actions_tx_key" ON "permit_replacement_actions" USING btree ("transaction_id","replacement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_replacements_tx_key" ON "permit_replacements" USING btree ("requested_by","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_replacements_open_key" ON "permit_replacements" USING btree ("permit_id") WHERE status in ('awaiting_payment', 'paid');--> statement-breakpoint
CREATE INDEX "permit_replacements_division_idx" ON "permit_replacements" USING btree ("division_code" text_pattern_ops,"status");--> statement-breakpoint
COMMENT ON TABLE "payment_events" IS 'append-only: every payment event a provider reported or a refund made; unique per provider event';--> statement-breakpoint
COMMENT ON TABLE "permit_replacement_actions" IS 'append-only: every step of a card replacement';
