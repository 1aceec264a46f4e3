CREATE TABLE "lead_conversation_images" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_conversation_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"sender" text NOT NULL,
	"sender_id" text,
	"sender_name" text,
	"text" text,
	"image_id" text,
	"system_kind" text,
	"system_params" jsonb,
	"client_message_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text,
	"visitor_token_hash" text,
	"contact_name" text,
	"contact_phone" text,
	"consent_to_contact" boolean DEFAULT false NOT NULL,
	"listing_id" text,
	"series_id" text,
	"trim_id" text,
	"brand_id" text,
	"dealer_id" text,
	"store_id" text,
	"city_code" text,
	"vehicle_title" text,
	"source" jsonb NOT NULL,
	"status" text NOT NULL,
	"advisor_account_id" text,
	"advisor_name" text,
	"advisor_dealer_id" text,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"buyer_read_seq" integer DEFAULT 0 NOT NULL,
	"advisor_read_seq" integer DEFAULT 0 NOT NULL,
	"contact_event_sent" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"first_advisor_reply_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_message_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "lead_conversation_messages_seq_uq" ON "lead_conversation_messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_conversation_messages_client_uq" ON "lead_conversation_messages" USING btree ("conversation_id","sender","client_message_id") WHERE "lead_conversation_messages"."client_message_id" is not null;--> statement-breakpoint
CREATE INDEX "lead_conversations_buyer_idx" ON "lead_conversations" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "lead_conversations_visitor_idx" ON "lead_conversations" USING btree ("visitor_token_hash");--> statement-breakpoint
CREATE INDEX "lead_conversations_status_idx" ON "lead_conversations" USING btree ("status","queued_at");--> statement-breakpoint
CREATE INDEX "lead_conversations_advisor_idx" ON "lead_conversations" USING btree ("advisor_account_id","status");--> statement-breakpoint
CREATE INDEX "lead_conversations_dealer_idx" ON "lead_conversations" USING btree ("dealer_id");