CREATE TABLE "finance_lender_callbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"lender_code" text NOT NULL,
	"provider_event_id" text,
	"application_id" text,
	"lender_ref" text,
	"status" text,
	"sequence" integer,
	"raw_body" text NOT NULL,
	"signature_verified" boolean NOT NULL,
	"outcome" text NOT NULL,
	"applied" boolean DEFAULT false NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"last_received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_loan_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text NOT NULL,
	"listing_id" text,
	"pricing_quote_id" text,
	"lender_code" text NOT NULL,
	"product_id" text,
	"vehicle_kind" text NOT NULL,
	"new_energy" boolean NOT NULL,
	"terms" jsonb NOT NULL,
	"principal_fen" bigint NOT NULL,
	"applicant_name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"monthly_income_fen" bigint NOT NULL,
	"employment_type" text NOT NULL,
	"city_code" text NOT NULL,
	"consent_text" text NOT NULL,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lender_ref" text,
	"lender_sequence" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone,
	"contract_consent_version" text,
	"contract_signed_at" timestamp with time zone,
	"disbursed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "finance_loan_applications_state_chk" CHECK ("finance_loan_applications"."state" in ('submitted', 'under_review', 'approved', 'rejected', 'contract_signed', 'disbursed', 'withdrawn')),
	CONSTRAINT "finance_loan_applications_amounts_chk" CHECK ("finance_loan_applications"."principal_fen" > 0 and "finance_loan_applications"."monthly_income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "finance_sandbox_lender_cases" (
	"lender_ref" text PRIMARY KEY NOT NULL,
	"lender_code" text NOT NULL,
	"application_id" text NOT NULL,
	"decision" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"review_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"contract_signed_at" timestamp with time zone,
	"disburse_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_lender_callbacks_event_uq" ON "finance_lender_callbacks" USING btree ("lender_code","provider_event_id") WHERE "finance_lender_callbacks"."signature_verified" and "finance_lender_callbacks"."provider_event_id" is not null;--> statement-breakpoint
CREATE INDEX "finance_lender_callbacks_application_idx" ON "finance_lender_callbacks" USING btree ("application_id","received_at");--> statement-breakpoint
CREATE INDEX "finance_loan_applications_buyer_idx" ON "finance_loan_applications" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "finance_loan_applications_state_idx" ON "finance_loan_applications" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "finance_loan_applications_created_idx" ON "finance_loan_applications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "finance_loan_applications_id_hash_idx" ON "finance_loan_applications" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_loan_applications_lender_ref_uq" ON "finance_loan_applications" USING btree ("lender_code","lender_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "finance_sandbox_lender_cases_application_uq" ON "finance_sandbox_lender_cases" USING btree ("lender_code","application_id");