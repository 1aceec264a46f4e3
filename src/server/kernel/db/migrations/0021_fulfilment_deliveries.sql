CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"dealer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"slot_id" text NOT NULL,
	"slot_starts_at" timestamp with time zone NOT NULL,
	"slot_ends_at" timestamp with time zone NOT NULL,
	"address_enc" text,
	"address_masked" text,
	"province" text,
	"city_code" text,
	"district" text,
	"origin_lat" double precision NOT NULL,
	"origin_lng" double precision NOT NULL,
	"dest_lat" double precision NOT NULL,
	"dest_lng" double precision NOT NULL,
	"distance_km" integer NOT NULL,
	"fee_fen" integer NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"driver_name" text,
	"advisor_name" text,
	"tracking_stage" text,
	"invoice_number" text,
	"invoice_amount_fen" integer,
	"buyer_photos" jsonb,
	"accepted_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"delay_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_checklist_items" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"signed_by" text,
	"signed_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "delivery_closures" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"date" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_fee_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"from_city_code" text,
	"to_city_code" text,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"per_km_fen" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "delivery_fee_rules_fee" CHECK ("delivery_fee_rules"."fee_fen" >= 0 and "delivery_fee_rules"."per_km_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_slot_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "delivery_slot_templates_weekday" CHECK ("delivery_slot_templates"."weekday" between 1 and 7),
	CONSTRAINT "delivery_slot_templates_capacity" CHECK ("delivery_slot_templates"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"date" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_slots_booked" CHECK ("delivery_slots"."booked" >= 0 and "delivery_slots"."booked" <= "delivery_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "delivery_tracking_events" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"carrier" text NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"place" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_order_uniq" ON "deliveries" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_tracking_uniq" ON "deliveries" USING btree ("carrier","tracking_number");--> statement-breakpoint
CREATE INDEX "deliveries_dealer_idx" ON "deliveries" USING btree ("dealer_id","slot_starts_at");--> statement-breakpoint
CREATE INDEX "deliveries_slot_end_idx" ON "deliveries" USING btree ("status","slot_ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_checklist_uniq" ON "delivery_checklist_items" USING btree ("delivery_id","kind","code");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_closures_uniq" ON "delivery_closures" USING btree ("store_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_slot_templates_uniq" ON "delivery_slot_templates" USING btree ("store_id","weekday","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_slots_uniq" ON "delivery_slots" USING btree ("store_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_tracking_events_uniq" ON "delivery_tracking_events" USING btree ("carrier","event_id");--> statement-breakpoint
CREATE INDEX "delivery_tracking_events_delivery_idx" ON "delivery_tracking_events" USING btree ("delivery_id","occurred_at");