CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"dealer_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"idle_expires_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "seed_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text,
	"aggregate_id" text,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_content_type" text,
	"response_body" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"unique_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dev_emails" (
	"id" text PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"template_key" text,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"notification_id" text NOT NULL,
	"reader_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_notification_id_reader_id_pk" PRIMARY KEY("notification_id","reader_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_id" text NOT NULL,
	"category" text NOT NULL,
	"template_key" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"source_key" text
);
--> statement-breakpoint
CREATE TABLE "dev_sms_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"text" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_brands" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"pinyin" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"initial" text NOT NULL,
	"country" text NOT NULL,
	"colours" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_media" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"angle" text,
	"url" text NOT NULL,
	"thumb_url" text,
	"content_type" text,
	"width" integer,
	"height" integer,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_media_blobs" (
	"id" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes_base64" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_option_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"trim_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"price_fen" bigint NOT NULL,
	"includes" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_parameter_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"value_type" text NOT NULL,
	"unit" text,
	"filterable" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_series" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"pinyin" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"manufacturer" text NOT NULL,
	"body_type" text NOT NULL,
	"energy_type" text NOT NULL,
	"segment" text NOT NULL,
	"status" text DEFAULT 'on_sale' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_trim_colours" (
	"id" text PRIMARY KEY NOT NULL,
	"trim_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"hex" text NOT NULL,
	"price_delta_fen" bigint DEFAULT 0 NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_trim_parameters" (
	"trim_id" text NOT NULL,
	"param_key" text NOT NULL,
	"number_value" numeric,
	"text_value" text,
	"boolean_value" boolean,
	"feature_value" text,
	"option_price_fen" bigint,
	CONSTRAINT "catalog_trim_parameters_trim_id_param_key_pk" PRIMARY KEY("trim_id","param_key")
);
--> statement-breakpoint
CREATE TABLE "catalog_trims" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"model_year" smallint NOT NULL,
	"name" text NOT NULL,
	"guide_price_fen" bigint NOT NULL,
	"energy_type" text NOT NULL,
	"seats" smallint NOT NULL,
	"electric_range_km" integer,
	"displacement_l" numeric(3, 1),
	"power_kw" integer,
	"nev_tax_exempt" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'on_sale' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_trims_price_positive" CHECK ("catalog_trims"."guide_price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_accessory_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_accessory_fitments" (
	"product_id" text NOT NULL,
	"series_id" text NOT NULL,
	CONSTRAINT "catalog_accessory_fitments_product_id_series_id_pk" PRIMARY KEY("product_id","series_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_accessory_products" (
	"id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text DEFAULT '' NOT NULL,
	"brand" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_accessory_variants" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"sku" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_fen" bigint NOT NULL,
	"inventory_ref" text
);
--> statement-breakpoint
CREATE TABLE "catalog_ad_law_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"severity" text DEFAULT 'block' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_inspection_items" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"section" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"result" text NOT NULL,
	"deduction" real DEFAULT 0 NOT NULL,
	"note" text,
	"photo_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_inspection_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"inspected_at" timestamp with time zone NOT NULL,
	"inspector" text NOT NULL,
	"inspection_org" text NOT NULL,
	"section_scores" jsonb NOT NULL,
	"total_score" real NOT NULL,
	"grade" smallint NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_inspection_reports_listing_id_unique" UNIQUE("listing_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_listings" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"trim_id" text NOT NULL,
	"dealer_id" text NOT NULL,
	"store_id" text,
	"city_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_fen" bigint NOT NULL,
	"exterior_colour" text,
	"interior_colour" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_note" text,
	"inventory_ref" text,
	"popularity" integer DEFAULT 0 NOT NULL,
	"listed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalog_listings_price_positive" CHECK ("catalog_listings"."price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_used_vehicles" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"vin" text NOT NULL,
	"first_registration_date" date NOT NULL,
	"mileage_km" integer NOT NULL,
	"owners_count" smallint NOT NULL,
	"transfer_count" smallint NOT NULL,
	"condition_grade" smallint,
	"accident_history" boolean NOT NULL,
	"flood_history" boolean NOT NULL,
	"fire_history" boolean NOT NULL,
	"disclosure_note" text,
	"plate_city" text
);
--> statement-breakpoint
CREATE TABLE "catalog_browsing_history" (
	"buyer_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"viewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_browsing_history_buyer_id_listing_id_pk" PRIMARY KEY("buyer_id","listing_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_favourites" (
	"buyer_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_favourites_buyer_id_listing_id_pk" PRIMARY KEY("buyer_id","listing_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_listing_search" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"brand_id" text NOT NULL,
	"brand_slug" text NOT NULL,
	"brand_name" text NOT NULL,
	"series_id" text NOT NULL,
	"series_slug" text NOT NULL,
	"series_name" text NOT NULL,
	"segment" text NOT NULL,
	"trim_id" text NOT NULL,
	"trim_name" text NOT NULL,
	"model_year" smallint NOT NULL,
	"body_type" text NOT NULL,
	"energy_type" text NOT NULL,
	"seats" smallint NOT NULL,
	"electric_range_km" integer,
	"price_fen" bigint NOT NULL,
	"guide_price_fen" bigint NOT NULL,
	"mileage_km" integer NOT NULL,
	"first_registration_date" date,
	"city_code" text NOT NULL,
	"condition_grade" smallint,
	"dealer_id" text NOT NULL,
	"store_id" text,
	"vin" text,
	"popularity" integer DEFAULT 0 NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"image_url" text,
	"tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_listing_views" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"viewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"nickname" text,
	"city_code" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "customers_phone_hash_key" UNIQUE("phone_hash"),
	CONSTRAINT "customers_status_check" CHECK ("customers"."status" in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "sms_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"provider_message_id" text,
	"failure_reason" text,
	"request_ip" text,
	CONSTRAINT "sms_codes_status_check" CHECK ("sms_codes"."status" in ('pending', 'sent', 'failed', 'used', 'superseded')),
	CONSTRAINT "sms_codes_attempts_check" CHECK ("sms_codes"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sms_send_limits" (
	"phone_hash" text PRIMARY KEY NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"day_count" integer NOT NULL,
	CONSTRAINT "sms_send_limits_day_count_check" CHECK ("sms_send_limits"."day_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"pinyin" text NOT NULL,
	"province_code" text NOT NULL,
	"province_name" text NOT NULL,
	"province_name_en" text NOT NULL,
	"tier" text NOT NULL,
	"is_hot" boolean DEFAULT false NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "cities_code_chk" CHECK ("cities"."code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "dealer_qualifications" (
	"id" text PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dealer_qualifications_range_chk" CHECK ("dealer_qualifications"."valid_from" <= "dealer_qualifications"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "dealers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"uscc" text NOT NULL,
	"brands" text[] NOT NULL,
	"city_code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"contact_phone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dealers_status_chk" CHECK ("dealers"."status" in ('active', 'suspended'))
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"name" text NOT NULL,
	"city_code" text NOT NULL,
	"district" text NOT NULL,
	"address" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"phone" text NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"services" text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stores_status_chk" CHECK ("stores"."status" in ('active', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "known_permissions" (
	"permission" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"role" text NOT NULL,
	"permission" text NOT NULL,
	CONSTRAINT "role_grants_role_permission_pk" PRIMARY KEY("role","permission")
);
--> statement-breakpoint
CREATE TABLE "sign_in_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"purpose" text NOT NULL,
	"secret_enc" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"dealer_id" text,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret_enc" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"password_changed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_accounts_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "staff_roles" (
	"account_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "staff_roles_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
CREATE TABLE "totp_recovery_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_option_packages" ADD CONSTRAINT "catalog_option_packages_trim_id_catalog_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."catalog_trims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_series" ADD CONSTRAINT "catalog_series_brand_id_catalog_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."catalog_brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_trim_colours" ADD CONSTRAINT "catalog_trim_colours_trim_id_catalog_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."catalog_trims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_trim_parameters" ADD CONSTRAINT "catalog_trim_parameters_trim_id_catalog_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."catalog_trims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_trim_parameters" ADD CONSTRAINT "catalog_trim_parameters_param_key_catalog_parameter_definitions_key_fk" FOREIGN KEY ("param_key") REFERENCES "public"."catalog_parameter_definitions"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_trims" ADD CONSTRAINT "catalog_trims_series_id_catalog_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."catalog_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_accessory_fitments" ADD CONSTRAINT "catalog_accessory_fitments_product_id_catalog_accessory_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."catalog_accessory_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_accessory_fitments" ADD CONSTRAINT "catalog_accessory_fitments_series_id_catalog_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."catalog_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_accessory_products" ADD CONSTRAINT "catalog_accessory_products_category_id_catalog_accessory_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."catalog_accessory_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_accessory_variants" ADD CONSTRAINT "catalog_accessory_variants_product_id_catalog_accessory_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."catalog_accessory_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_inspection_items" ADD CONSTRAINT "catalog_inspection_items_report_id_catalog_inspection_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."catalog_inspection_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_inspection_reports" ADD CONSTRAINT "catalog_inspection_reports_listing_id_catalog_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."catalog_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_listings" ADD CONSTRAINT "catalog_listings_trim_id_catalog_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."catalog_trims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_used_vehicles" ADD CONSTRAINT "catalog_used_vehicles_listing_id_catalog_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."catalog_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealer_qualifications" ADD CONSTRAINT "dealer_qualifications_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_city_code_cities_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."cities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_city_code_cities_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."cities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_challenges" ADD CONSTRAINT "sign_in_challenges_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_recovery_codes" ADD CONSTRAINT "totp_recovery_codes_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "sessions_subject_idx" ON "sessions" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_events" USING btree ("dispatched_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_unique_key_uq" ON "jobs" USING btree ("unique_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at","id") WHERE status in ('queued', 'failed');--> statement-breakpoint
CREATE INDEX "jobs_running_idx" ON "jobs" USING btree ("locked_until") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "jobs_status_created_idx" ON "jobs" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "dev_emails_sent_idx" ON "dev_emails" USING btree ("sent_at","id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_kind","recipient_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_source_uq" ON "notifications" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "dev_sms_messages_sent_idx" ON "dev_sms_messages" USING btree ("sent_at","id");--> statement-breakpoint
CREATE INDEX "dev_sms_messages_phone_idx" ON "dev_sms_messages" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_brands_slug_uq" ON "catalog_brands" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "catalog_media_owner_idx" ON "catalog_media" USING btree ("owner_type","owner_id","sort");--> statement-breakpoint
CREATE INDEX "catalog_option_packages_trim_idx" ON "catalog_option_packages" USING btree ("trim_id");--> statement-breakpoint
CREATE INDEX "catalog_param_defs_group_idx" ON "catalog_parameter_definitions" USING btree ("group","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_series_slug_uq" ON "catalog_series" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "catalog_series_brand_idx" ON "catalog_series" USING btree ("brand_id");--> statement-breakpoint
CREATE INDEX "catalog_trim_colours_trim_idx" ON "catalog_trim_colours" USING btree ("trim_id");--> statement-breakpoint
CREATE INDEX "catalog_trim_params_key_idx" ON "catalog_trim_parameters" USING btree ("param_key");--> statement-breakpoint
CREATE INDEX "catalog_trims_series_idx" ON "catalog_trims" USING btree ("series_id","model_year");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_trims_series_year_name_uq" ON "catalog_trims" USING btree ("series_id","model_year","name");--> statement-breakpoint
CREATE INDEX "catalog_accessory_products_cat_idx" ON "catalog_accessory_products" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_accessory_variants_sku_uq" ON "catalog_accessory_variants" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "catalog_inspection_items_report_idx" ON "catalog_inspection_items" USING btree ("report_id","section","sort");--> statement-breakpoint
CREATE INDEX "catalog_listings_status_idx" ON "catalog_listings" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "catalog_listings_dealer_idx" ON "catalog_listings" USING btree ("dealer_id","status");--> statement-breakpoint
CREATE INDEX "catalog_listings_trim_idx" ON "catalog_listings" USING btree ("trim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_used_vehicles_vin_uq" ON "catalog_used_vehicles" USING btree ("vin");--> statement-breakpoint
CREATE INDEX "catalog_browsing_history_buyer_idx" ON "catalog_browsing_history" USING btree ("buyer_id","viewed_at");--> statement-breakpoint
CREATE INDEX "catalog_favourites_buyer_idx" ON "catalog_favourites" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "catalog_listing_search_tokens_gin" ON "catalog_listing_search" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "catalog_listing_search_price_idx" ON "catalog_listing_search" USING btree ("price_fen","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_newest_idx" ON "catalog_listing_search" USING btree ("listed_at","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_mileage_idx" ON "catalog_listing_search" USING btree ("mileage_km","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_popular_idx" ON "catalog_listing_search" USING btree ("popularity","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_brand_idx" ON "catalog_listing_search" USING btree ("brand_slug","price_fen") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_city_idx" ON "catalog_listing_search" USING btree ("city_code","price_fen") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_trim_idx" ON "catalog_listing_search" USING btree ("trim_id");--> statement-breakpoint
CREATE INDEX "catalog_listing_search_similar_idx" ON "catalog_listing_search" USING btree ("body_type","energy_type","price_fen","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_search_segment_idx" ON "catalog_listing_search" USING btree ("segment","energy_type","price_fen","listing_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "catalog_listing_views_at_idx" ON "catalog_listing_views" USING btree ("viewed_at","listing_id");--> statement-breakpoint
CREATE INDEX "sms_codes_phone_idx" ON "sms_codes" USING btree ("phone_hash","purpose","created_at");--> statement-breakpoint
CREATE INDEX "cities_province_idx" ON "cities" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "dealer_qualifications_dealer_idx" ON "dealer_qualifications" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "dealer_qualifications_until_idx" ON "dealer_qualifications" USING btree ("valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "dealers_uscc_uq" ON "dealers" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "dealers_city_idx" ON "dealers" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "dealers_brands_gin" ON "dealers" USING gin ("brands");--> statement-breakpoint
CREATE INDEX "stores_dealer_idx" ON "stores" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "stores_city_idx" ON "stores" USING btree ("city_code","id");--> statement-breakpoint
CREATE INDEX "sign_in_challenges_account_idx" ON "sign_in_challenges" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "staff_accounts_dealer_idx" ON "staff_accounts" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "staff_roles_role_idx" ON "staff_roles" USING btree ("role");--> statement-breakpoint
CREATE INDEX "totp_recovery_codes_account_idx" ON "totp_recovery_codes" USING btree ("account_id");