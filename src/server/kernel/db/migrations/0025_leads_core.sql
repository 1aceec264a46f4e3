CREATE TABLE "lead_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"kind" text NOT NULL,
	"source_kind" text,
	"ref_id" text,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_account_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_sla_settings" (
	"source_kind" text PRIMARY KEY NOT NULL,
	"hours" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"title" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_account_id" text,
	"done_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "phone" text NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "buyer_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "lost_reason" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "lost_note" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "won_order_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent_to_contact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent_source_kind" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_source_kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_source" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "channel" text NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "last_source_kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "last_contact_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "vehicles" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "owner_account_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "dealer_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "store_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_due_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "lead_activities_lead_idx" ON "lead_activities" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "lead_activities_kind_idx" ON "lead_activities" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "lead_tasks_lead_idx" ON "lead_tasks" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "lead_tasks_due_idx" ON "lead_tasks" USING btree ("done_at","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_phone_uq" ON "leads" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "leads_sla_idx" ON "leads" USING btree ("responded_at","sla_due_at");--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("owner_account_id","status");--> statement-breakpoint
CREATE INDEX "leads_dealer_idx" ON "leads" USING btree ("dealer_id","status");--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "title";