DROP INDEX "reg_persons_name_idx";--> statement-breakpoint
CREATE INDEX "reg_persons_name_c_idx" ON "reg_persons" USING btree ("name" collate "C","id");