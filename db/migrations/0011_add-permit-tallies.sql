CREATE TABLE "permit_expiry_tallies" (
	"division_code" text NOT NULL,
	"valid_until" date NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "permit_expiry_tallies_division_code_valid_until_pk" PRIMARY KEY("division_code","valid_until")
);
--> statement-breakpoint
CREATE TABLE "permit_tallies" (
	"division_code" text NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "permit_tallies_division_code_subject_status_pk" PRIMARY KEY("division_code","subject","status")
);
--> statement-breakpoint
CREATE INDEX "permit_expiry_tallies_day_idx" ON "permit_expiry_tallies" USING btree ("valid_until");--> statement-breakpoint
INSERT INTO "permit_tallies" ("division_code", "subject", "status", "n")
  SELECT "division_code", 'application', "status", count(*) FROM "permit_applications" GROUP BY 1, 3
  UNION ALL SELECT "division_code", 'permit', "status", count(*) FROM "permits" GROUP BY 1, 3;--> statement-breakpoint
INSERT INTO "permit_expiry_tallies" ("division_code", "valid_until", "n")
  SELECT "division_code", "valid_until", count(*) FROM "permits" WHERE "status" = 'valid' GROUP BY 1, 2;--> statement-breakpoint
COMMENT ON TABLE "permit_tallies" IS 'kept by every write of permit_applications and permits, in its transaction';--> statement-breakpoint
COMMENT ON TABLE "permit_expiry_tallies" IS 'valid permits per division and last day of their year, kept by every write of permits';
