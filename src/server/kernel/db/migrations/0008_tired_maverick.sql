CREATE TABLE "insurance_choices" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text NOT NULL,
	"quote_id" text NOT NULL,
	"insurer_code" text NOT NULL,
	"coverages" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"chosen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insurance_insurers" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"status" text NOT NULL,
	"display_order" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insurance_plans" (
	"quote_id" text NOT NULL,
	"insurer_code" text NOT NULL,
	"insurer_name_zh" text NOT NULL,
	"insurer_name_en" text NOT NULL,
	"display_order" integer NOT NULL,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"total_fen" bigint,
	"insurer_ref" text,
	"valid_until" timestamp with time zone,
	"sandbox" boolean NOT NULL,
	"failure_reason" text,
	CONSTRAINT "insurance_plans_quote_id_insurer_code_pk" PRIMARY KEY("quote_id","insurer_code")
);
--> statement-breakpoint
CREATE TABLE "insurance_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text,
	"listing_id" text,
	"value_fen" bigint NOT NULL,
	"energy" text NOT NULL,
	"seats" integer NOT NULL,
	"city_code" text NOT NULL,
	"used" boolean NOT NULL,
	"first_registration_year" integer,
	"accident_free_years" integer NOT NULL,
	"coverages" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insurance_choices" ADD CONSTRAINT "insurance_choices_quote_id_insurance_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."insurance_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_plans" ADD CONSTRAINT "insurance_plans_quote_id_insurance_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."insurance_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_choices_buyer_plan_uq" ON "insurance_choices" USING btree ("buyer_id","quote_id","insurer_code");--> statement-breakpoint
CREATE INDEX "insurance_choices_buyer_idx" ON "insurance_choices" USING btree ("buyer_id","chosen_at");--> statement-breakpoint
CREATE INDEX "insurance_quotes_buyer_idx" ON "insurance_quotes" USING btree ("buyer_id","created_at");