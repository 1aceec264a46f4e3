CREATE TABLE "risk_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"order_id" text NOT NULL,
	"rule" text NOT NULL,
	"status" text NOT NULL,
	"details" jsonb NOT NULL,
	"decision_note" text,
	"decided_by" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_rules" (
	"rule" text PRIMARY KEY NOT NULL,
	"signal" text NOT NULL,
	"max_count" integer NOT NULL,
	"window_minutes" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "risk_rules_max_count_pos" CHECK ("risk_rules"."max_count" >= 1),
	CONSTRAINT "risk_rules_window_range" CHECK ("risk_rules"."window_minutes" between 1 and 43200)
);
--> statement-breakpoint
CREATE TABLE "risk_signals" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_id" text NOT NULL,
	"buyer_user_id" text NOT NULL,
	"phone_hash" text NOT NULL,
	"device_id" text,
	"ip" text,
	"amount_fen" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "risk_cases_queue_idx" ON "risk_cases" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "risk_cases_order_idx" ON "risk_cases" USING btree ("order_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_cases_open_uq" ON "risk_cases" USING btree ("subject_type","subject_id","rule") WHERE "risk_cases"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "risk_signals_subject_uq" ON "risk_signals" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "risk_signals_phone_idx" ON "risk_signals" USING btree ("phone_hash","at");--> statement-breakpoint
CREATE INDEX "risk_signals_device_idx" ON "risk_signals" USING btree ("device_id","at");--> statement-breakpoint
CREATE INDEX "risk_signals_ip_idx" ON "risk_signals" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "risk_signals_at_idx" ON "risk_signals" USING btree ("at");