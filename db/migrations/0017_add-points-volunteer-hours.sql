CREATE TABLE "points_volunteer_hours" (
	"id_number" text NOT NULL,
	"year" integer NOT NULL,
	"hours" numeric(7, 1) NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_volunteer_hours_id_number_year_pk" PRIMARY KEY("id_number","year")
);
--> statement-breakpoint
COMMENT ON COLUMN "points_volunteer_hours"."id_number" IS 'personal data: ID number of the volunteer';
