CREATE TABLE "lead_advisors" (
	"account_id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"dealer_id" text,
	"store_id" text,
	"city_code" text,
	"brand_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manager_account_id" text,
	"availability" text NOT NULL,
	"max_conversations" integer DEFAULT 5 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "testdrives" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lead_advisors_dealer_idx" ON "lead_advisors" USING btree ("dealer_id","store_id");--> statement-breakpoint
CREATE INDEX "lead_advisors_city_idx" ON "lead_advisors" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "testdrives_created_idx" ON "testdrives" USING btree ("created_at","id");