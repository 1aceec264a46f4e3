CREATE SEQUENCE "public"."shop_order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "shop_cart_lines" (
	"buyer_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shop_cart_lines_buyer_id_variant_id_pk" PRIMARY KEY("buyer_id","variant_id"),
	CONSTRAINT "shop_cart_lines_qty" CHECK ("shop_cart_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shop_order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku" text NOT NULL,
	"title" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"returnable" boolean NOT NULL,
	"location_id" text NOT NULL,
	"return_quantity" integer DEFAULT 0 NOT NULL,
	"returned_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "shop_order_lines_qty" CHECK ("shop_order_lines"."quantity" > 0 AND "shop_order_lines"."return_quantity" >= 0 AND "shop_order_lines"."return_quantity" <= "shop_order_lines"."quantity" AND "shop_order_lines"."returned_quantity" >= 0 AND "shop_order_lines"."returned_quantity" <= "shop_order_lines"."return_quantity")
);
--> statement-breakpoint
CREATE TABLE "shop_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"buyer_id" text NOT NULL,
	"status" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text NOT NULL,
	"address_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"goods_fen" bigint NOT NULL,
	"shipping_fen" bigint NOT NULL,
	"discount_fen" bigint DEFAULT 0 NOT NULL,
	"coupon_code" text,
	"total_fen" bigint NOT NULL,
	"payment_intent_id" text,
	"hold_expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"carrier" text,
	"tracking_no" text,
	"shipped_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"return_requested_at" timestamp with time zone,
	"return_reason" text,
	"return_tracking_no" text,
	"returned_at" timestamp with time zone,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shop_orders_money" CHECK ("shop_orders"."goods_fen" >= 0 AND "shop_orders"."shipping_fen" >= 0 AND "shop_orders"."discount_fen" >= 0 AND "shop_orders"."total_fen" >= 0 AND "shop_orders"."refund_fen" >= 0 AND "shop_orders"."refund_fen" <= "shop_orders"."total_fen")
);
--> statement-breakpoint
CREATE TABLE "shop_shipping_rules" (
	"province" text PRIMARY KEY NOT NULL,
	"fee_fen" bigint NOT NULL,
	"free_over_fen" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shop_shipping_rules_money" CHECK ("shop_shipping_rules"."fee_fen" >= 0 AND coalesce("shop_shipping_rules"."free_over_fen", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_accessory_products" ADD COLUMN "returnable" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "shop_order_lines" ADD CONSTRAINT "shop_order_lines_order_id_shop_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."shop_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_order_lines_order_idx" ON "shop_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shop_orders_number_uq" ON "shop_orders" USING btree ("order_number");--> statement-breakpoint
CREATE INDEX "shop_orders_buyer_idx" ON "shop_orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_status_idx" ON "shop_orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_created_idx" ON "shop_orders" USING btree ("created_at","id");