ALTER TABLE "notice_imports" ADD COLUMN "status" text DEFAULT 'finished' NOT NULL;--> statement-breakpoint
ALTER TABLE "notice_imports" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notice_imports" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "provenance" text DEFAULT 'ted' NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "uploaded_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_uploaded_by_organisation_id_organisations_id_fk" FOREIGN KEY ("uploaded_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_imports_running_idx" ON "notice_imports" USING btree ("organisation_id") WHERE "notice_imports"."status" = 'running';--> statement-breakpoint
CREATE INDEX "notices_uploaded_by_idx" ON "notices" USING btree ("uploaded_by_organisation_id") WHERE "notices"."uploaded_by_organisation_id" is not null;--> statement-breakpoint
-- Imports left unfinished by a crash before this migration: failed, with what they had recorded.
UPDATE "notice_imports" SET "status" = 'failed', "finished_at" = "started_at", "error" = 'interrupted (found unfinished when import status was introduced)' WHERE "finished_at" IS NULL;--> statement-breakpoint
-- Notices stored by an organisation's upload become unverified uploads of that organisation (decision 0311).
UPDATE "notices" SET "provenance" = 'upload', "uploaded_by_organisation_id" = i."organisation_id" FROM "notice_imports" i WHERE i."id" = "notices"."import_id" AND i."organisation_id" IS NOT NULL;--> statement-breakpoint
-- The market aggregates count only notices from TED: rebuild them without the uploads.
DELETE FROM "notice_market_cells";--> statement-breakpoint
INSERT INTO "notice_market_cells" (year, country, contract_nature, cpv_division, social_code, currency, notices, notices_with_social, notices_with_employment, estimated_value, value_with_social)
SELECT coalesce(year, 0), coalesce(buyer_country, ''), coalesce(main_nature, ''), coalesce(cpv_division, ''), '', coalesce(estimated_value_currency, ''),
  count(*), count(*) FILTER (WHERE has_social), count(*) FILTER (WHERE has_employment), coalesce(sum(estimated_value_amount), 0), coalesce(sum(social_value_amount), 0)
FROM "notices" WHERE provenance = 'ted' GROUP BY 1, 2, 3, 4, 6
UNION ALL
SELECT coalesce(year, 0), coalesce(buyer_country, ''), coalesce(main_nature, ''), coalesce(cpv_division, ''), code, coalesce(estimated_value_currency, ''),
  count(*), count(*) FILTER (WHERE has_social), count(*) FILTER (WHERE has_employment), coalesce(sum(estimated_value_amount), 0), coalesce(sum(social_value_amount), 0)
FROM "notices" CROSS JOIN LATERAL unnest(CASE WHEN cardinality(social_codes) = 0 THEN ARRAY['none']::text[] ELSE social_codes END) AS code
WHERE provenance = 'ted' GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
DELETE FROM "notice_market_buyers";--> statement-breakpoint
DELETE FROM "notice_market_buyer_cells";--> statement-breakpoint
INSERT INTO "notice_market_buyers" (buyer_key, label, names, notices, notices_with_social, notices_with_employment)
SELECT buyer_key, min(buyer_name), string_agg(DISTINCT array_to_string(buyer_names, ' '), E'\n'), count(*), count(*) FILTER (WHERE has_social), count(*) FILTER (WHERE has_employment)
FROM "notices" WHERE provenance = 'ted' GROUP BY buyer_key;--> statement-breakpoint
INSERT INTO "notice_market_buyer_cells" (buyer_key, currency, notices, notices_with_social, notices_with_employment, estimated_value, value_with_social)
SELECT buyer_key, coalesce(estimated_value_currency, ''), count(*), count(*) FILTER (WHERE has_social), count(*) FILTER (WHERE has_employment),
  coalesce(sum(estimated_value_amount), 0), coalesce(sum(social_value_amount), 0)
FROM "notices" WHERE provenance = 'ted' GROUP BY 1, 2;--> statement-breakpoint
ALTER TABLE "notice_imports" ADD CONSTRAINT "notice_imports_status_check" CHECK ("notice_imports"."status" in ('running', 'finished', 'failed'));--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_provenance_check" CHECK (("notices"."provenance" = 'ted' and "notices"."uploaded_by_organisation_id" is null) or ("notices"."provenance" = 'upload' and "notices"."uploaded_by_organisation_id" is not null));