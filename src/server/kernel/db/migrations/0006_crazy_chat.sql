CREATE TABLE "finance_products" (
	"id" text PRIMARY KEY NOT NULL,
	"lender_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"for_new" boolean NOT NULL,
	"for_used" boolean NOT NULL,
	"energies" jsonb NOT NULL,
	"brands" jsonb NOT NULL,
	"min_price_fen" bigint NOT NULL,
	"max_price_fen" bigint,
	"rate_kind" text NOT NULL,
	"method" text NOT NULL,
	"terms" jsonb NOT NULL,
	"fees_fen" bigint NOT NULL,
	"min_down_bp_ice" integer NOT NULL,
	"min_down_bp_nev" integer NOT NULL,
	"subsidised" boolean NOT NULL,
	"reference_rate_bp" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"active" boolean NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "finance_products_active_idx" ON "finance_products" USING btree ("active","valid_from");