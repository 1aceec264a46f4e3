CREATE TABLE "analytics_daily_metrics" (
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"city_code" text DEFAULT '' NOT NULL,
	"brand_id" text DEFAULT '' NOT NULL,
	"series_id" text DEFAULT '' NOT NULL,
	"dealer_id" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "analytics_daily_metrics_day_metric_city_code_brand_id_series_id_dealer_id_channel_pk" PRIMARY KEY("day","metric","city_code","brand_id","series_id","dealer_id","channel")
);
--> statement-breakpoint
CREATE TABLE "analytics_dirty_days" (
	"day" date PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_marketing_spend" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_person_days" (
	"day" date NOT NULL,
	"person_key" text NOT NULL,
	"account_id" text,
	"city_code" text DEFAULT '' NOT NULL,
	"brand_id" text DEFAULT '' NOT NULL,
	"dealer_id" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"visited" boolean DEFAULT false NOT NULL,
	"page_views" integer DEFAULT 0 NOT NULL,
	"max_stage" smallint DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"paid_orders" integer DEFAULT 0 NOT NULL,
	"registered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "analytics_person_days_day_person_key_city_code_brand_id_dealer_id_channel_pk" PRIMARY KEY("day","person_key","city_code","brand_id","dealer_id","channel")
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_metrics_dealer_day_idx" ON "analytics_daily_metrics" USING btree ("dealer_id","day");--> statement-breakpoint
CREATE INDEX "analytics_marketing_spend_period_idx" ON "analytics_marketing_spend" USING btree ("period_start","period_end");--> statement-breakpoint
CREATE INDEX "analytics_person_days_person_idx" ON "analytics_person_days" USING btree ("person_key","day");--> statement-breakpoint
CREATE INDEX "analytics_person_days_dealer_day_idx" ON "analytics_person_days" USING btree ("dealer_id","day");--> statement-breakpoint
CREATE INDEX "analytics_person_days_buyers_idx" ON "analytics_person_days" USING btree ("person_key","day") WHERE "analytics_person_days"."orders" > 0 or "analytics_person_days"."paid_orders" > 0;--> statement-breakpoint
CREATE INDEX "analytics_person_days_registered_idx" ON "analytics_person_days" USING btree ("day") WHERE "analytics_person_days"."registered";