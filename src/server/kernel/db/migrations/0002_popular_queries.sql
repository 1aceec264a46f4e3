CREATE TABLE "catalog_popular_queries" (
	"query" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"last_searched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "catalog_popular_queries_count_idx" ON "catalog_popular_queries" USING btree ("count");