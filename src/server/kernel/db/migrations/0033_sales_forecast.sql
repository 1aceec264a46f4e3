CREATE TABLE "analytics_sales_forecasts" (
	"series_id" text NOT NULL,
	"week_start" date NOT NULL,
	"predicted_orders" real NOT NULL,
	"lower_orders" real NOT NULL,
	"upper_orders" real NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"params" jsonb NOT NULL,
	"history_weeks" integer NOT NULL,
	"held_out_mape" real,
	"held_out_wape" real,
	"baseline_mape" real,
	"baseline_wape" real,
	CONSTRAINT "analytics_sales_forecasts_series_id_week_start_pk" PRIMARY KEY("series_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "inventory_demand_forecasts" (
	"series_id" text NOT NULL,
	"week_start" date NOT NULL,
	"orders" real NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inventory_demand_forecasts_series_id_week_start_pk" PRIMARY KEY("series_id","week_start")
);
--> statement-breakpoint
CREATE INDEX "analytics_sales_forecasts_generated_idx" ON "analytics_sales_forecasts" USING btree ("generated_at");