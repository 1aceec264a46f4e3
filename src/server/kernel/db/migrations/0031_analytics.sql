CREATE TABLE "analytics_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_events" (
	"id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"visitor_id" text NOT NULL,
	"session_id" text NOT NULL,
	"account_id" text,
	"path" text,
	"channel" text NOT NULL,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"referrer_host" text,
	"city_code" text,
	"brand_id" text,
	"series_id" text,
	"trim_id" text,
	"listing_id" text,
	"dealer_id" text,
	"device" text NOT NULL,
	"ip_prefix" text,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "analytics_events_occurred_at_id_pk" PRIMARY KEY("occurred_at","id")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
-- Monthly partitions (analytics_events_YYYYMM) are created ahead by the analytics partitions job; anything
-- outside them (history, very late events) lands here.
CREATE TABLE "analytics_events_default" PARTITION OF "analytics_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "analytics_facts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_event_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"subject_id" text NOT NULL,
	"account_id" text,
	"amount_fen" bigint,
	"cost_fen" bigint,
	"city_code" text,
	"brand_id" text,
	"series_id" text,
	"trim_id" text,
	"dealer_id" text,
	"channel" text,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"visitor_id" text NOT NULL,
	"account_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"page_views" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	"channel" text NOT NULL,
	"utm_source" text,
	"utm_campaign" text,
	"referrer_host" text,
	"landing_path" text,
	"city_code" text,
	"device" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_visitor_accounts" (
	"visitor_id" text NOT NULL,
	"account_id" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_visitor_accounts_visitor_id_account_id_pk" PRIMARY KEY("visitor_id","account_id")
);
--> statement-breakpoint
CREATE INDEX "analytics_reviews_created_idx" ON "analytics_reviews" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "analytics_events_session_idx" ON "analytics_events" USING btree ("session_id","occurred_at");--> statement-breakpoint
CREATE INDEX "analytics_events_received_idx" ON "analytics_events" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_facts_source_uq" ON "analytics_facts" USING btree ("source_event_id","kind");--> statement-breakpoint
CREATE INDEX "analytics_facts_kind_time_idx" ON "analytics_facts" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "analytics_facts_subject_idx" ON "analytics_facts" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "analytics_sessions_started_idx" ON "analytics_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "analytics_sessions_visitor_idx" ON "analytics_sessions" USING btree ("visitor_id","last_event_at");--> statement-breakpoint
CREATE INDEX "analytics_visitor_accounts_account_idx" ON "analytics_visitor_accounts" USING btree ("account_id");