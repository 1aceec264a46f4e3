CREATE TABLE "fulfilment_emission_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"city_name" text NOT NULL,
	"effective_from" date NOT NULL,
	"min_standard" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_plate_quota_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"city_name" text NOT NULL,
	"effective_from" date NOT NULL,
	"kind" text,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_plate_services" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"dealer_id" text NOT NULL,
	"vehicle_title" text NOT NULL,
	"city_code" text NOT NULL,
	"fee_fen" bigint NOT NULL,
	"prepaid" boolean NOT NULL,
	"fee_rule_version" text,
	"quota_kind" text,
	"quota_certificate_no" text,
	"quota_recorded_at" timestamp with time zone,
	"payment_intent_id" text,
	"paid_at" timestamp with time zone,
	"status" text NOT NULL,
	"plate_number" text,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_reinspections" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"dealer_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"report_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"differences" jsonb NOT NULL,
	"status" text NOT NULL,
	"inspector" text NOT NULL,
	"inspected_at" timestamp with time zone NOT NULL,
	"buyer_decided_at" timestamp with time zone,
	"dispute_reason" text,
	"outcome" text,
	"refund_fen" bigint,
	"resolution_note" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_title_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"dealer_id" text NOT NULL,
	"vehicle_title" text NOT NULL,
	"vin" text,
	"destination_city_code" text NOT NULL,
	"emission_standard" text,
	"emission_source" text,
	"seller_documents_at" timestamp with time zone,
	"buyer_documents_at" timestamp with time zone,
	"appointment_at" timestamp with time zone,
	"appointment_office" text,
	"certificate_photo_url" text,
	"completed_on" date,
	"status" text NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_warranty_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"dealer_id" text NOT NULL,
	"vehicle_title" text NOT NULL,
	"vin" text,
	"defect" text NOT NULL,
	"description" text NOT NULL,
	"mileage_km" integer NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"rule" text NOT NULL,
	"eligible" boolean NOT NULL,
	"window_ends_at" timestamp with time zone,
	"window_km" integer,
	"decision_due_at" timestamp with time zone NOT NULL,
	"policy_id" text NOT NULL,
	"status" text NOT NULL,
	"decision" text,
	"decision_reason" text,
	"refund_fen" bigint,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fulfilment_warranty_claims_mileage_ck" CHECK ("fulfilment_warranty_claims"."mileage_km" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fulfilment_warranty_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"major_part_days" integer NOT NULL,
	"serious_defect_days" integer NOT NULL,
	"serious_defect_km" integer NOT NULL,
	"decision_days" integer NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_emission_rules_city_uq" ON "fulfilment_emission_rules" USING btree ("city_code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_plate_quota_rules_city_uq" ON "fulfilment_plate_quota_rules" USING btree ("city_code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_plate_services_order_uq" ON "fulfilment_plate_services" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfilment_plate_services_board_idx" ON "fulfilment_plate_services" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_reinspections_order_uq" ON "fulfilment_reinspections" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfilment_reinspections_status_idx" ON "fulfilment_reinspections" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_title_transfers_order_uq" ON "fulfilment_title_transfers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfilment_title_transfers_board_idx" ON "fulfilment_title_transfers" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "fulfilment_warranty_claims_order_idx" ON "fulfilment_warranty_claims" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_warranty_claims_open_uq" ON "fulfilment_warranty_claims" USING btree ("order_id") WHERE "fulfilment_warranty_claims"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "fulfilment_warranty_claims_queue_idx" ON "fulfilment_warranty_claims" USING btree ("status","decision_due_at");