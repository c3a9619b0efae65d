DROP INDEX "reg_persons_name_c_idx";--> statement-breakpoint
CREATE INDEX "reg_persons_name_c_division_idx" ON "reg_persons" USING btree ("name" collate "C","id","division_code");