CREATE TABLE "housing_letter_tallies" (
	"division_code" text NOT NULL,
	"version" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "housing_letter_tallies_division_code_version_pk" PRIMARY KEY("division_code","version")
);
--> statement-breakpoint
INSERT INTO "housing_letter_tallies" ("division_code", "version", "n")
SELECT "division_code", "version", count(*)::int FROM "housing_letter_signatures" GROUP BY 1, 2;--> statement-breakpoint
COMMENT ON TABLE "housing_letter_tallies" IS 'Signatures of the safety responsibility letter per jurisdiction and version, kept with every signature';
