CREATE TABLE "permission_defaults" (
	"permission" text PRIMARY KEY NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workday_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- An existing install has already had the defaults of the permissions it knew: record them, so that
-- only permissions new to it (calendar.manage) are granted by default at the next start.
INSERT INTO "permission_defaults" ("permission")
SELECT p FROM unnest(ARRAY['divisions.read', 'divisions.manage', 'admin.users', 'admin.roles', 'audit.read', 'notify.outbox', 'portal.use']) AS p
WHERE EXISTS (SELECT 1 FROM "roles");
