CREATE TABLE "contract_documents" (
	"contract_id" text PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_signatures" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"party" text NOT NULL,
	"signer_user_id" text NOT NULL,
	"signer_name" text NOT NULL,
	"consent_text" text NOT NULL,
	"document_sha256" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "contract_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"clauses" jsonb NOT NULL,
	"consent_text" text NOT NULL,
	"deposit_binding_text" text NOT NULL,
	"deposit_refundable_text" text NOT NULL,
	"note" text,
	"published_by" text,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text NOT NULL,
	"buyer_user_id" text NOT NULL,
	"dealer_id" text,
	"store_id" text,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"facts_digest" text NOT NULL,
	"buyer_name" text NOT NULL,
	"seller_name" text NOT NULL,
	"sha256" text NOT NULL,
	"pdf_bytes" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_documents" ADD CONSTRAINT "contract_documents_contract_id_purchase_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."purchase_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_contract_id_purchase_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."purchase_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_contracts" ADD CONSTRAINT "purchase_contracts_template_id_contract_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."contract_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_signatures_party_uq" ON "contract_signatures" USING btree ("contract_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_templates_version_uq" ON "contract_templates" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_contracts_number_uq" ON "purchase_contracts" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_contracts_live_order_uq" ON "purchase_contracts" USING btree ("order_id") WHERE "purchase_contracts"."status" <> 'voided';--> statement-breakpoint
CREATE INDEX "purchase_contracts_order_idx" ON "purchase_contracts" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "purchase_contracts_buyer_idx" ON "purchase_contracts" USING btree ("buyer_user_id");--> statement-breakpoint
CREATE INDEX "purchase_contracts_dealer_idx" ON "purchase_contracts" USING btree ("dealer_id");