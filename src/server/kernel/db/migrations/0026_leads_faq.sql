CREATE TABLE "lead_faq_conversations" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"first_asked_at" timestamp with time zone,
	"questions" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"handed_off_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_faq_questions" (
	"id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"normalized" text NOT NULL,
	"faq_id" text,
	"confidence" real NOT NULL,
	"answered" boolean NOT NULL,
	"channel" text NOT NULL,
	"conversation_id" text,
	"resolved_at" timestamp with time zone,
	"asked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_faq_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"threshold" real NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_faqs" (
	"id" text PRIMARY KEY NOT NULL,
	"seed_key" text,
	"category" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"answer_en" text,
	"synonyms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"brand_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"series_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trim_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lead_faq_conversations_asked_idx" ON "lead_faq_conversations" USING btree ("first_asked_at");--> statement-breakpoint
CREATE INDEX "lead_faq_questions_asked_idx" ON "lead_faq_questions" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "lead_faq_questions_unanswered_idx" ON "lead_faq_questions" USING btree ("answered","normalized");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_faqs_seed_key_uq" ON "lead_faqs" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "lead_faqs_category_idx" ON "lead_faqs" USING btree ("status","category","sort_order");