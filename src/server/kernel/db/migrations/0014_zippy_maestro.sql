CREATE TABLE "payment_ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"posting_id" text NOT NULL,
	"kind" text NOT NULL,
	"account" text NOT NULL,
	"debit_fen" integer DEFAULT 0 NOT NULL,
	"credit_fen" integer DEFAULT 0 NOT NULL,
	"order_id" text NOT NULL,
	"intent_id" text,
	"refund_id" text,
	"memo" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_ledger_one_side" CHECK ("payment_ledger_entries"."debit_fen" >= 0 and "payment_ledger_entries"."credit_fen" >= 0 and ("payment_ledger_entries"."debit_fen" = 0) <> ("payment_ledger_entries"."credit_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "payment_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_order_no" text NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"purpose" text NOT NULL,
	"provider" text NOT NULL,
	"channel" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"payer_user_id" text NOT NULL,
	"subject" text NOT NULL,
	"pay_url" text,
	"qr_code_text" text,
	"provider_trade_no" text,
	"refunded_fen" integer DEFAULT 0 NOT NULL,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"sandbox" boolean NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"succeeded_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"last_queried_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_intents_amount_pos" CHECK ("payment_intents"."amount_fen" > 0),
	CONSTRAINT "payment_intents_refunded_range" CHECK ("payment_intents"."refunded_fen" >= 0 and "payment_intents"."refunded_fen" <= "payment_intents"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_event_id" text,
	"claimed_event_id" text,
	"intent_id" text,
	"signature_verified" boolean NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"raw_body" text NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"last_received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"refund_no" text NOT NULL,
	"order_id" text NOT NULL,
	"intent_id" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text,
	"decided_by" text,
	"decision_note" text,
	"provider_refund_id" text,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_refunds_amount_pos" CHECK ("payment_refunds"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_recon_mismatches" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"merchant_order_no" text NOT NULL,
	"refund_no" text,
	"intent_id" text,
	"refund_id" text,
	"ours_fen" integer,
	"theirs_fen" integer,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_recon_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"day" text NOT NULL,
	"status" text NOT NULL,
	"statement_lines" integer DEFAULT 0 NOT NULL,
	"matched_lines" integer DEFAULT 0 NOT NULL,
	"mismatch_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_sandbox_refunds" (
	"refund_no" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"merchant_order_no" text NOT NULL,
	"provider_refund_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_sandbox_trades" (
	"merchant_order_no" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_trade_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"subject" text NOT NULL,
	"state" text NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_transfer_proofs" (
	"id" text PRIMARY KEY NOT NULL,
	"intent_id" text NOT NULL,
	"bank_reference" text NOT NULL,
	"payer_name" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"content_type" text NOT NULL,
	"filename" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"idempotency_key" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_intent_id_payment_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."payment_intents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_recon_mismatches" ADD CONSTRAINT "payment_recon_mismatches_run_id_payment_recon_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payment_recon_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transfer_proofs" ADD CONSTRAINT "payment_transfer_proofs_intent_id_payment_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."payment_intents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_ledger_order_idx" ON "payment_ledger_entries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_ledger_posting_idx" ON "payment_ledger_entries" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "payment_ledger_intent_idx" ON "payment_ledger_entries" USING btree ("intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_merchant_order_no_uq" ON "payment_intents" USING btree ("merchant_order_no");--> statement-breakpoint
CREATE INDEX "payment_intents_order_idx" ON "payment_intents" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_intents_pending_idx" ON "payment_intents" USING btree ("created_at") WHERE "payment_intents"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "payment_intents_list_idx" ON "payment_intents" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notifications_event_uq" ON "payment_notifications" USING btree ("provider","provider_event_id") WHERE "payment_notifications"."provider_event_id" is not null;--> statement-breakpoint
CREATE INDEX "payment_notifications_intent_idx" ON "payment_notifications" USING btree ("intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_refund_no_uq" ON "payment_refunds" USING btree ("refund_no");--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_intent_idx" ON "payment_refunds" USING btree ("intent_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_status_idx" ON "payment_refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payment_recon_mismatches_run_idx" ON "payment_recon_mismatches" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payment_recon_runs_day_idx" ON "payment_recon_runs" USING btree ("day","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfer_proofs_intent_uq" ON "payment_transfer_proofs" USING btree ("intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfer_proofs_key_uq" ON "payment_transfer_proofs" USING btree ("idempotency_key");