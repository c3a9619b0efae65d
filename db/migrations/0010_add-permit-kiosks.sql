CREATE TABLE "permit_kiosks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "permit_kiosks_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE INDEX "permit_kiosks_division_idx" ON "permit_kiosks" USING btree ("division_code" text_pattern_ops);