CREATE TABLE "inventory_locations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"dealer_id" text,
	"store_id" text,
	"city_code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_holds" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"holder" text NOT NULL,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_units" (
	"id" text PRIMARY KEY NOT NULL,
	"vin" text NOT NULL,
	"trim_id" text NOT NULL,
	"exterior_colour" text NOT NULL,
	"location_id" text NOT NULL,
	"store_id" text,
	"dealer_id" text,
	"status" text NOT NULL,
	"entered_stock_at" timestamp with time zone NOT NULL,
	"cost_fen" integer NOT NULL,
	"listing_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inventory_units_cost_nonneg" CHECK ("inventory_units"."cost_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_holds" ADD CONSTRAINT "inventory_holds_unit_id_inventory_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."inventory_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_location_id_inventory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."inventory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_locations_store_uq" ON "inventory_locations" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "inventory_locations_dealer_idx" ON "inventory_locations" USING btree ("dealer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_holds_live_uq" ON "inventory_holds" USING btree ("unit_id") WHERE "inventory_holds"."status" = 'held';--> statement-breakpoint
CREATE INDEX "inventory_holds_expiry_idx" ON "inventory_holds" USING btree ("expires_at") WHERE "inventory_holds"."status" = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_units_vin_uq" ON "inventory_units" USING btree ("vin");--> statement-breakpoint
CREATE INDEX "inventory_units_pick_idx" ON "inventory_units" USING btree ("trim_id","store_id","status");--> statement-breakpoint
CREATE INDEX "inventory_units_dealer_idx" ON "inventory_units" USING btree ("dealer_id","status");