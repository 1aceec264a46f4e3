CREATE TABLE "inventory_accessory_stock" (
	"location_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"dealer_id" text,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inventory_accessory_stock_location_id_variant_id_pk" PRIMARY KEY("location_id","variant_id"),
	CONSTRAINT "inventory_accessory_stock_qty" CHECK ("inventory_accessory_stock"."on_hand" >= 0 AND "inventory_accessory_stock"."reserved" >= 0 AND "inventory_accessory_stock"."reserved" <= "inventory_accessory_stock"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "inventory_replenishment_settings" (
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"lead_time_days" integer NOT NULL,
	"buffer_units" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inventory_replenishment_settings_scope_scope_id_pk" PRIMARY KEY("scope","scope_id"),
	CONSTRAINT "inventory_replenishment_settings_range" CHECK ("inventory_replenishment_settings"."lead_time_days" BETWEEN 0 AND 365 AND "inventory_replenishment_settings"."buffer_units" BETWEEN 0 AND 1000)
);
--> statement-breakpoint
CREATE TABLE "inventory_replenishment_suggestions" (
	"id" text PRIMARY KEY NOT NULL,
	"location_id" text NOT NULL,
	"store_id" text NOT NULL,
	"dealer_id" text,
	"trim_id" text NOT NULL,
	"status" text NOT NULL,
	"sold_30d" integer NOT NULL,
	"avg_daily_sales" numeric(10, 4) NOT NULL,
	"lead_time_days" integer NOT NULL,
	"buffer_units" integer NOT NULL,
	"safety_stock" integer NOT NULL,
	"available" integer NOT NULL,
	"in_transit" integer NOT NULL,
	"suggested_quantity" integer NOT NULL,
	"accepted_quantity" integer,
	"dismiss_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inventory_replenishment_qty" CHECK ("inventory_replenishment_suggestions"."suggested_quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_units" ADD COLUMN "sold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inventory_accessory_stock" ADD CONSTRAINT "inventory_accessory_stock_location_id_inventory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."inventory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_replenishment_suggestions" ADD CONSTRAINT "inventory_replenishment_suggestions_location_id_inventory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."inventory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_accessory_stock_dealer_idx" ON "inventory_accessory_stock" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "inventory_accessory_stock_variant_idx" ON "inventory_accessory_stock" USING btree ("variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_replenishment_open_uq" ON "inventory_replenishment_suggestions" USING btree ("store_id","trim_id") WHERE "inventory_replenishment_suggestions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "inventory_replenishment_dealer_idx" ON "inventory_replenishment_suggestions" USING btree ("dealer_id","status");--> statement-breakpoint
CREATE INDEX "inventory_units_sold_idx" ON "inventory_units" USING btree ("sold_at") WHERE "inventory_units"."sold_at" is not null;--> statement-breakpoint
-- Units sold before sold_at existed: their last change is the best date there is.
UPDATE "inventory_units" SET "sold_at" = "updated_at" WHERE "status" IN ('sold', 'delivered') AND "sold_at" IS NULL;
