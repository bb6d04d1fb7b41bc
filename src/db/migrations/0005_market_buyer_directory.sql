CREATE TABLE "notice_market_buyer_cells" (
	"buyer_key" text NOT NULL,
	"currency" text NOT NULL,
	"notices" integer NOT NULL,
	"notices_with_social" integer NOT NULL,
	"notices_with_employment" integer NOT NULL,
	"estimated_value" numeric(24, 2) NOT NULL,
	"value_with_social" numeric(24, 2) NOT NULL,
	CONSTRAINT "notice_market_buyer_cells_pkey" PRIMARY KEY("buyer_key","currency")
);
--> statement-breakpoint
CREATE TABLE "notice_market_buyers" (
	"buyer_key" text PRIMARY KEY NOT NULL,
	"label" text,
	"names" text NOT NULL,
	"notices" integer NOT NULL,
	"notices_with_social" integer NOT NULL,
	"notices_with_employment" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notice_market_buyers_rank_idx" ON "notice_market_buyers" USING btree ("notices" DESC NULLS LAST,"buyer_key");--> statement-breakpoint
-- Backfill from the notices already stored (decision 0106); the importer keeps both tables up to date from here on, as refreshMarketBuyers(db, 'all') would.
INSERT INTO "notice_market_buyers" ("buyer_key", "label", "names", "notices", "notices_with_social", "notices_with_employment")
SELECT "buyer_key", min("buyer_name"), string_agg(DISTINCT array_to_string("buyer_names", ' '), E'\n'), count(*),
	count(*) FILTER (WHERE "has_social"), count(*) FILTER (WHERE "has_employment")
FROM "notices" GROUP BY "buyer_key";--> statement-breakpoint
INSERT INTO "notice_market_buyer_cells" ("buyer_key", "currency", "notices", "notices_with_social", "notices_with_employment", "estimated_value", "value_with_social")
SELECT "buyer_key", coalesce("estimated_value_currency", ''), count(*), count(*) FILTER (WHERE "has_social"), count(*) FILTER (WHERE "has_employment"),
	coalesce(sum("estimated_value_amount"), 0), coalesce(sum("social_value_amount"), 0)
FROM "notices" GROUP BY 1, 2;
