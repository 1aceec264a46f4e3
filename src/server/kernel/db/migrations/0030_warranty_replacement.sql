ALTER TABLE "fulfilment_warranty_claims" ADD COLUMN "replacement_unit_id" text;--> statement-breakpoint
ALTER TABLE "fulfilment_warranty_claims" ADD COLUMN "replacement_vin" text;--> statement-breakpoint
ALTER TABLE "fulfilment_warranty_claims" ADD COLUMN "replacement_allocated_at" timestamp with time zone;