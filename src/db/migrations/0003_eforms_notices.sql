CREATE TABLE "notice_documents" (
	"notice_id" text PRIMARY KEY NOT NULL,
	"notice" jsonb NOT NULL,
	"social" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"source" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"read_count" integer DEFAULT 0 NOT NULL,
	"stored_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"matched_count" integer DEFAULT 0 NOT NULL,
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_market_cells" (
	"year" smallint NOT NULL,
	"country" text NOT NULL,
	"contract_nature" text NOT NULL,
	"cpv_division" text NOT NULL,
	"social_code" text NOT NULL,
	"currency" text NOT NULL,
	"notices" integer NOT NULL,
	"notices_with_social" integer NOT NULL,
	"notices_with_employment" integer NOT NULL,
	"estimated_value" numeric(24, 2) NOT NULL,
	"value_with_social" numeric(24, 2) NOT NULL,
	CONSTRAINT "notice_market_cells_pkey" PRIMARY KEY("year","country","contract_nature","cpv_division","social_code","currency")
);
--> statement-breakpoint
CREATE TABLE "notice_procurement_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"notice_id" text NOT NULL,
	"notice_version" text,
	"notes" text[] DEFAULT '{}'::text[] NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"notice_id" text PRIMARY KEY NOT NULL,
	"version" text,
	"version_number" integer NOT NULL,
	"publication_id" text,
	"procedure_id" text,
	"root" text NOT NULL,
	"notice_type" text NOT NULL,
	"notice_subtype" text,
	"form_type" text,
	"sdk_version" text NOT NULL,
	"language" text,
	"issue_date" date,
	"year" smallint,
	"buyer_country" text,
	"buyer_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"buyer_org_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"buyer_key" text NOT NULL,
	"buyer_name" text,
	"title" text,
	"main_cpv" text,
	"cpv_division" text,
	"main_nature" text,
	"estimated_value_amount" numeric(20, 2),
	"estimated_value_currency" text,
	"social_value_amount" numeric(20, 2),
	"has_social" boolean NOT NULL,
	"has_employment" boolean NOT NULL,
	"social_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"lot_count" integer DEFAULT 0 NOT NULL,
	"source_file" text NOT NULL,
	"import_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_documents" ADD CONSTRAINT "notice_documents_notice_id_notices_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("notice_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_imports" ADD CONSTRAINT "notice_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_imports" ADD CONSTRAINT "notice_imports_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_procurement_links" ADD CONSTRAINT "notice_procurement_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_procurement_links" ADD CONSTRAINT "notice_procurement_links_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_procurement_links" ADD CONSTRAINT "notice_procurement_links_notice_id_notices_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("notice_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_import_id_notice_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."notice_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_imports_org_idx" ON "notice_imports" USING btree ("organisation_id","started_at");--> statement-breakpoint
CREATE INDEX "notice_market_cells_code_idx" ON "notice_market_cells" USING btree ("social_code","year","country");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_links_org_notice_key" ON "notice_procurement_links" USING btree ("organisation_id","notice_id");--> statement-breakpoint
CREATE INDEX "notice_links_procurement_idx" ON "notice_procurement_links" USING btree ("organisation_id","procurement_id");--> statement-breakpoint
CREATE INDEX "notices_year_idx" ON "notices" USING btree ("year","buyer_country");--> statement-breakpoint
CREATE INDEX "notices_country_year_idx" ON "notices" USING btree ("buyer_country","year");--> statement-breakpoint
CREATE INDEX "notices_cpv_division_idx" ON "notices" USING btree ("cpv_division","year");--> statement-breakpoint
CREATE INDEX "notices_buyer_key_idx" ON "notices" USING btree ("buyer_key");--> statement-breakpoint
CREATE INDEX "notices_buyer_org_ids_idx" ON "notices" USING gin ("buyer_org_ids");--> statement-breakpoint
CREATE INDEX "notices_social_codes_idx" ON "notices" USING gin ("social_codes");--> statement-breakpoint
CREATE INDEX "notices_issue_date_idx" ON "notices" USING btree ("issue_date" DESC NULLS LAST,"notice_id");--> statement-breakpoint
CREATE INDEX "notices_procedure_idx" ON "notices" USING btree ("procedure_id");