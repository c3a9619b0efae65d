CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_declaration_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reg_declaration_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"declaration_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text,
	"relation" text,
	"date" date NOT NULL,
	"declarant" text NOT NULL,
	"declarant_user_id" uuid NOT NULL,
	"submitted_on" date NOT NULL,
	"review_note" text,
	"reject_reason" text,
	"residence_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"transaction_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reg_declaration_actions" ADD CONSTRAINT "reg_declaration_actions_declaration_id_reg_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."reg_declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_declarations" ADD CONSTRAINT "reg_declarations_house_id_reg_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."reg_houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reg_declarations" ADD CONSTRAINT "reg_declarations_residence_id_reg_residences_id_fk" FOREIGN KEY ("residence_id") REFERENCES "public"."reg_residences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reg_declaration_actions_tx_key" ON "reg_declaration_actions" USING btree ("transaction_id","declaration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reg_declarations_tx_key" ON "reg_declarations" USING btree ("declarant_user_id","transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reg_declarations_open_key" ON "reg_declarations" USING btree ("house_id","id_number","kind") WHERE status = 'submitted';--> statement-breakpoint
CREATE INDEX "reg_declarations_division_idx" ON "reg_declarations" USING btree ("division_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "reg_declarations_user_idx" ON "reg_declarations" USING btree ("declarant_user_id","created_at");