CREATE SEQUENCE "public"."points_card_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "points_objection_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_objection_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"objection_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"answer" text,
	"answered_by" uuid,
	"answered_on" date,
	"filed_on" date NOT NULL,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_objections_transaction_id_unique" UNIQUE("transaction_id")
);
--> statement-breakpoint
CREATE TABLE "points_rankings" (
	"round_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"rank" integer NOT NULL,
	"tie_size" integer NOT NULL,
	"admitted" boolean NOT NULL,
	CONSTRAINT "points_rankings_round_id_version_application_id_pk" PRIMARY KEY("round_id","version","application_id")
);
--> statement-breakpoint
ALTER TABLE "points_applications" ADD COLUMN "verify_due" date;--> statement-breakpoint
ALTER TABLE "points_applications" ADD COLUMN "verified_on" date;--> statement-breakpoint
ALTER TABLE "points_applications" ADD COLUMN "card_number" text;--> statement-breakpoint
ALTER TABLE "points_applications" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "ranked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "ranking_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "published_from" date;--> statement-breakpoint
ALTER TABLE "points_rounds" ADD COLUMN "published_until" date;--> statement-breakpoint
ALTER TABLE "points_objection_actions" ADD CONSTRAINT "points_objection_actions_objection_id_points_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."points_objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_objections" ADD CONSTRAINT "points_objections_round_id_points_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."points_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_objections" ADD CONSTRAINT "points_objections_application_id_points_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."points_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_objection_actions_tx_key" ON "points_objection_actions" USING btree ("transaction_id","objection_id");--> statement-breakpoint
CREATE INDEX "points_objections_round_idx" ON "points_objections" USING btree ("round_id","status");--> statement-breakpoint
ALTER TABLE "points_applications" ADD CONSTRAINT "points_applications_card_number_unique" UNIQUE("card_number");--> statement-breakpoint
COMMENT ON TABLE "points_rankings" IS 'derived: a round''s ranking, rewritten whole by one statement at each ranking (a new version each time)';--> statement-breakpoint
COMMENT ON TABLE "points_objection_actions" IS 'append-only: every step of an objection to a published list';--> statement-breakpoint
COMMENT ON COLUMN "points_objections"."contact_phone" IS 'personal data: mobile number of the person objecting';--> statement-breakpoint
COMMENT ON COLUMN "points_objections"."contact_name" IS 'personal data: name of the person objecting';
