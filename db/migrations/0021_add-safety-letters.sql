CREATE TABLE "housing_letter_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"house_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"version" integer NOT NULL,
	"signer_user_id" uuid NOT NULL,
	"signer_phone" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_letter_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "housing_letter_signatures" ADD CONSTRAINT "housing_letter_signatures_version_housing_letter_versions_version_fk" FOREIGN KEY ("version") REFERENCES "public"."housing_letter_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "housing_letter_signatures_key" ON "housing_letter_signatures" USING btree ("house_id","version");--> statement-breakpoint
CREATE INDEX "housing_letter_signatures_division_idx" ON "housing_letter_signatures" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
COMMENT ON TABLE "housing_letter_versions" IS 'append-only: every version of the safety responsibility letter';
--> statement-breakpoint
COMMENT ON COLUMN "housing_letter_signatures"."signer_phone" IS 'personal data: mobile number of the signing landlord';
