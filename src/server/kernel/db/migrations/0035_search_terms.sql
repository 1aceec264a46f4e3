CREATE TABLE "catalog_search_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"filter" text NOT NULL,
	"value" text NOT NULL,
	"soft" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_search_terms_term_filter_uq" ON "catalog_search_terms" USING btree ("term","filter");