-- The ranking moves from one row per ranked application to one row per round holding the ids in position order.
ALTER TABLE "points_rankings" RENAME TO "points_rankings_rows";--> statement-breakpoint
CREATE TABLE "points_rankings" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"application_ids" uuid[] NOT NULL,
	"ranks" integer[] NOT NULL,
	"tie_sizes" integer[] NOT NULL,
	"ranked" integer NOT NULL,
	"admitted" integer NOT NULL,
	"ranked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_rankings" ADD CONSTRAINT "points_rankings_round_id_points_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."points_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "points_rankings" ("round_id", "version", "application_ids", "ranks", "tie_sizes", "ranked", "admitted", "ranked_at")
SELECT o."round_id", o."version", array_agg(o."application_id" ORDER BY o."position"), array_agg(o."rank" ORDER BY o."position"), array_agg(o."tie_size" ORDER BY o."position"),
       count(*), count(*) FILTER (WHERE o."admitted"), now()
FROM "points_rankings_rows" o JOIN "points_rounds" r ON r."id" = o."round_id" AND r."ranking_version" = o."version"
GROUP BY o."round_id", o."version";--> statement-breakpoint
DROP TABLE "points_rankings_rows";--> statement-breakpoint
COMMENT ON TABLE "points_rankings" IS 'derived: a round''s ranking, ids in position order with ranks and tie sizes, rewritten whole at each ranking';
