CREATE TABLE "pricing_price_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"buyer_id" text NOT NULL,
	"reference_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_price_history" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"previous_fen" bigint,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"account_id" text,
	"city_code" text NOT NULL,
	"quote_date" date NOT NULL,
	"mode" text NOT NULL,
	"input" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"loan" jsonb,
	"total_fen" bigint NOT NULL,
	"rule_refs" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_rule_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"params" jsonb NOT NULL,
	"description_zh" text NOT NULL,
	"description_en" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_trade_in_valuations" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text,
	"trim_id" text NOT NULL,
	"city_code" text NOT NULL,
	"first_registration" text NOT NULL,
	"mileage_km" integer NOT NULL,
	"condition" text NOT NULL,
	"accident" boolean NOT NULL,
	"flood" boolean NOT NULL,
	"fire" boolean NOT NULL,
	"value_fen" bigint NOT NULL,
	"low_fen" bigint NOT NULL,
	"high_fen" bigint NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_price_alerts_listing_buyer_uq" ON "pricing_price_alerts" USING btree ("listing_id","buyer_id");--> statement-breakpoint
CREATE INDEX "pricing_price_alerts_buyer_idx" ON "pricing_price_alerts" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "pricing_price_history_listing_idx" ON "pricing_price_history" USING btree ("listing_id","changed_at");--> statement-breakpoint
CREATE INDEX "pricing_quotes_listing_idx" ON "pricing_quotes" USING btree ("listing_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_rule_versions_code_scope_version_uq" ON "pricing_rule_versions" USING btree ("code","scope","version");--> statement-breakpoint
CREATE INDEX "pricing_trade_in_buyer_idx" ON "pricing_trade_in_valuations" USING btree ("buyer_id","created_at");