CREATE TABLE "testdrive_bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"booking_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"dealer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"city_code" text NOT NULL,
	"brand_id" text NOT NULL,
	"series_id" text NOT NULL,
	"trim_id" text,
	"listing_id" text,
	"colour" text,
	"vehicle_id" text NOT NULL,
	"vehicle_title" text NOT NULL,
	"slot_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"advisor_account_id" text,
	"advisor_name" text,
	"status" text NOT NULL,
	"source" jsonb NOT NULL,
	"consent_to_contact" boolean NOT NULL,
	"licence_number_enc" text,
	"licence_number_masked" text,
	"licence_class" text,
	"licence_expires_on" date,
	"checked_in_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cancel_reason" text,
	"reminded_24h_at" timestamp with time zone,
	"reminded_2h_at" timestamp with time zone,
	"feedback_rating" integer,
	"feedback_would_buy" boolean,
	"feedback_comment" text,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "testdrive_closures" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "testdrive_settings" (
	"store_id" text PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"horizon_days" integer NOT NULL,
	"cutoff_minutes" integer NOT NULL,
	"no_show_after_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "testdrive_settings_slot" CHECK ("testdrive_settings"."slot_minutes" between 15 and 240),
	CONSTRAINT "testdrive_settings_capacity" CHECK ("testdrive_settings"."capacity" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "testdrive_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "testdrive_slots_booked" CHECK ("testdrive_slots"."booked" >= 0 and "testdrive_slots"."booked" <= "testdrive_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "testdrive_slot_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	CONSTRAINT "testdrive_slot_templates_weekday" CHECK ("testdrive_slot_templates"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "testdrive_vehicles" (
	"id" text PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"brand_id" text NOT NULL,
	"series_id" text NOT NULL,
	"trim_id" text NOT NULL,
	"title" text NOT NULL,
	"colour" text NOT NULL,
	"plate" text NOT NULL,
	"vin" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "testdrives" CASCADE;--> statement-breakpoint
CREATE UNIQUE INDEX "testdrive_bookings_number_uniq" ON "testdrive_bookings" USING btree ("booking_number");--> statement-breakpoint
CREATE UNIQUE INDEX "testdrive_bookings_vehicle_time_uniq" ON "testdrive_bookings" USING btree ("vehicle_id","starts_at") WHERE "testdrive_bookings"."status" in ('booked', 'checked_in');--> statement-breakpoint
CREATE INDEX "testdrive_bookings_store_idx" ON "testdrive_bookings" USING btree ("store_id","starts_at");--> statement-breakpoint
CREATE INDEX "testdrive_bookings_buyer_idx" ON "testdrive_bookings" USING btree ("buyer_id","starts_at");--> statement-breakpoint
CREATE INDEX "testdrive_bookings_due_idx" ON "testdrive_bookings" USING btree ("status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "testdrive_closures_uniq" ON "testdrive_closures" USING btree ("store_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "testdrive_slots_uniq" ON "testdrive_slots" USING btree ("store_id","starts_at");--> statement-breakpoint
CREATE INDEX "testdrive_slots_date_idx" ON "testdrive_slots" USING btree ("store_id","date");--> statement-breakpoint
CREATE INDEX "testdrive_slot_templates_store_idx" ON "testdrive_slot_templates" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "testdrive_vehicles_plate_uniq" ON "testdrive_vehicles" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "testdrive_vehicles_store_idx" ON "testdrive_vehicles" USING btree ("store_id","series_id");