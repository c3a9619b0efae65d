CREATE TABLE "housing_door_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_event_at" timestamp with time zone,
	CONSTRAINT "housing_door_devices_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "housing_door_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "housing_door_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text,
	"seen_at" timestamp with time zone NOT NULL,
	"device_event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ALTER COLUMN "house_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "insp_registration_tasks" ADD COLUMN "building_id" uuid;--> statement-breakpoint
ALTER TABLE "housing_door_events" ADD CONSTRAINT "housing_door_events_device_id_housing_door_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."housing_door_devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "housing_door_devices_division_idx" ON "housing_door_devices" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "housing_door_events_device_event_key" ON "housing_door_events" USING btree ("device_id","device_event_id");--> statement-breakpoint
CREATE INDEX "housing_door_events_person_idx" ON "housing_door_events" USING btree ("building_id","id_number","seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "insp_registration_tasks_door_key" ON "insp_registration_tasks" USING btree ("building_id","id_number") WHERE status = 'open' and source = 'access';--> statement-breakpoint
COMMENT ON COLUMN "housing_door_events"."id_number" IS 'personal data: ID number read at a building door';
--> statement-breakpoint
COMMENT ON COLUMN "housing_door_events"."name" IS 'personal data: name read at a building door';
