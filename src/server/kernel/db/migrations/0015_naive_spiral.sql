CREATE TABLE "order_events" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note_zh" text NOT NULL,
	"note_en" text NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_number_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_payments" (
	"payment_ref" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"purpose" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"status" text NOT NULL,
	"risk_review" text DEFAULT 'none' NOT NULL,
	"risk_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"listing_id" text NOT NULL,
	"listing_kind" text NOT NULL,
	"trim_id" text NOT NULL,
	"dealer_id" text NOT NULL,
	"store_id" text,
	"vehicle_title" text NOT NULL,
	"colour" text,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unit_id" text,
	"vin" text,
	"hold_id" text,
	"unit_store_id" text,
	"sourcing_note" text,
	"quote_id" text NOT NULL,
	"city_code" text NOT NULL,
	"bare_price_fen" bigint NOT NULL,
	"landed_total_fen" bigint NOT NULL,
	"price_items" jsonb NOT NULL,
	"options_fen" bigint DEFAULT 0 NOT NULL,
	"trade_in_valuation_id" text,
	"trade_in_credit_fen" bigint DEFAULT 0 NOT NULL,
	"insurance_choice_id" text,
	"insurance_insurer" text,
	"insurance_premium_fen" bigint,
	"total_due_fen" bigint NOT NULL,
	"payment_method" text NOT NULL,
	"loan_application_id" text,
	"preferred_provider" text,
	"deposit_kind" text NOT NULL,
	"deposit_fen" bigint NOT NULL,
	"deposit_terms_version" text NOT NULL,
	"deposit_terms_text" text NOT NULL,
	"deposit_terms_hash" text NOT NULL,
	"deposit_terms_accepted_at" timestamp with time zone NOT NULL,
	"deposit_paid_fen" bigint DEFAULT 0 NOT NULL,
	"balance_paid_fen" bigint DEFAULT 0 NOT NULL,
	"payment_deadline" timestamp with time zone NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"deposit_paid_at" timestamp with time zone,
	"buyer_name" text NOT NULL,
	"buyer_phone_enc" text NOT NULL,
	"buyer_phone_hash" text NOT NULL,
	"buyer_phone_masked" text NOT NULL,
	"buyer_phone_last4" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"channel_ip" text,
	"channel_user_agent" text,
	"channel_device_id" text,
	"allocated_at" timestamp with time zone,
	"contract_id" text,
	"contract_signed_at" timestamp with time zone,
	"loan_disbursed_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"settlement" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_amounts_chk" CHECK ("orders"."deposit_fen" > 0 and "orders"."deposit_paid_fen" >= 0 and "orders"."balance_paid_fen" >= 0 and "orders"."total_due_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_payments_order_idx" ON "order_payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_uq" ON "orders" USING btree ("order_number");--> statement-breakpoint
CREATE INDEX "orders_buyer_idx" ON "orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "orders_dealer_idx" ON "orders" USING btree ("dealer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","payment_deadline");--> statement-breakpoint
CREATE INDEX "orders_phone_last4_idx" ON "orders" USING btree ("buyer_phone_last4");--> statement-breakpoint
CREATE INDEX "orders_vin_idx" ON "orders" USING btree ("vin");