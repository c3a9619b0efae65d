CREATE TABLE "points_pack_actions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_pack_actions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pack_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"transaction_id" uuid NOT NULL,
	"actor_id" uuid,
	"details" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"city" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_until" date,
	"body" jsonb NOT NULL,
	"copied_from_id" uuid,
	"created_by" uuid,
	"transaction_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_pack_actions" ADD CONSTRAINT "points_pack_actions_pack_id_points_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."points_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_pack_actions_tx_key" ON "points_pack_actions" USING btree ("transaction_id","pack_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_packs_code_version_key" ON "points_packs" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "points_packs_tx_key" ON "points_packs" USING btree ("created_by","transaction_id");--> statement-breakpoint
CREATE INDEX "points_packs_city_idx" ON "points_packs" USING btree ("city","status","effective_from");--> statement-breakpoint
COMMENT ON TABLE "points_pack_actions" IS 'append-only: every step of a points policy pack version (shipped, copied, published, discarded)';--> statement-breakpoint
COMMENT ON TABLE "points_packs" IS 'points policy pack versions; a published version never changes';--> statement-breakpoint
CREATE FUNCTION points_packs_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'points pack % version % is published and never changes', OLD.code, OLD.version USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER points_packs_published_frozen BEFORE UPDATE OR DELETE ON "points_packs" FOR EACH ROW EXECUTE FUNCTION points_packs_frozen();
