CREATE TABLE "reg_import_rejects" (
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"cells" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reg_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"path" text NOT NULL,
	"columns" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total_rows" integer,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"scope_root" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reg_import_rejects" ADD CONSTRAINT "reg_import_rejects_import_id_reg_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reg_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reg_import_rejects_key" ON "reg_import_rejects" USING btree ("import_id","row_no");--> statement-breakpoint
CREATE INDEX "reg_imports_scope_idx" ON "reg_imports" USING btree ("scope_root" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "reg_imports_sha_idx" ON "reg_imports" USING btree ("sha256");