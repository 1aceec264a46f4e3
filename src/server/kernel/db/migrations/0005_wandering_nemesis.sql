CREATE TABLE "pricing_listing_valuations" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"dealer_id" text NOT NULL,
	"city_code" text NOT NULL,
	"brand_slug" text NOT NULL,
	"series_id" text NOT NULL,
	"trim_id" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"computed_fen" bigint NOT NULL,
	"low_fen" bigint NOT NULL,
	"high_fen" bigint NOT NULL,
	"override_fen" bigint,
	"value_fen" bigint NOT NULL,
	"flag" text NOT NULL,
	"diff_bp" integer NOT NULL,
	"gap_bp" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"age_years" double precision NOT NULL,
	"mileage_km" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_valuation_overrides" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"value_fen" bigint NOT NULL,
	"computed_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"set_by" text NOT NULL,
	"set_by_name" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_by" text,
	"cleared_by_name" text,
	"clear_reason" text
);
--> statement-breakpoint
CREATE INDEX "pricing_listing_valuations_gap_idx" ON "pricing_listing_valuations" USING btree ("gap_bp","listing_id");--> statement-breakpoint
CREATE INDEX "pricing_listing_valuations_flag_idx" ON "pricing_listing_valuations" USING btree ("flag","gap_bp");--> statement-breakpoint
CREATE INDEX "pricing_listing_valuations_city_idx" ON "pricing_listing_valuations" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "pricing_listing_valuations_brand_idx" ON "pricing_listing_valuations" USING btree ("brand_slug");--> statement-breakpoint
CREATE INDEX "pricing_valuation_overrides_listing_idx" ON "pricing_valuation_overrides" USING btree ("listing_id","set_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_valuation_overrides_active_uq" ON "pricing_valuation_overrides" USING btree ("listing_id") WHERE "pricing_valuation_overrides"."cleared_at" is null;