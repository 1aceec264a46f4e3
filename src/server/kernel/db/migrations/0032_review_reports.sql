-- The scaffold's sample "review" rows (a title and a draft status) mean nothing to the review reports.
DELETE FROM "analytics_reviews";--> statement-breakpoint
CREATE TABLE "analytics_review_subscriptions" (
	"staff_account_id" text NOT NULL,
	"kind" text NOT NULL,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_review_subscriptions_staff_account_id_kind_pk" PRIMARY KEY("staff_account_id","kind")
);
--> statement-breakpoint
DROP INDEX "analytics_reviews_created_idx";--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "period_start" date NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "period_end" date NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "dealer_id" text;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "scope" text NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "figures" jsonb;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "summary_zh" text;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "summary_en" text;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "failure" text;--> statement-breakpoint
ALTER TABLE "analytics_reviews" ADD COLUMN "generated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "analytics_review_subscriptions_kind_idx" ON "analytics_review_subscriptions" USING btree ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_reviews_period_uq" ON "analytics_reviews" USING btree ("kind","period_start","scope");--> statement-breakpoint
CREATE INDEX "analytics_reviews_scope_start_idx" ON "analytics_reviews" USING btree ("scope","period_start","id");--> statement-breakpoint
ALTER TABLE "analytics_reviews" DROP COLUMN "title";