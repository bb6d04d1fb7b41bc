CREATE TABLE "commitment_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"measure" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"template_key" text NOT NULL,
	"template_version_id" uuid,
	"title" jsonb NOT NULL,
	"text" jsonb NOT NULL,
	"measure" text DEFAULT 'per_position' NOT NULL,
	"parameters" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"signed_on" date NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"reference_number" text NOT NULL,
	"lot_numbers" integer[],
	"signed_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"extension_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"value_ore" bigint,
	"called_off_value_ore" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_dates_check" CHECK ("contracts"."ends_on" >= "contracts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "deviations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"commitment_id" uuid,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"period_sequence" integer,
	"detected_on" date NOT NULL,
	"details" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_on" date,
	"resolved_by" uuid,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "period_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"period_sequence" integer NOT NULL,
	"period_starts_on" date NOT NULL,
	"period_ends_on" date NOT NULL,
	"reported_on" date NOT NULL,
	"meetings_held_on" date[] DEFAULT '{}'::date[] NOT NULL,
	"share_percent" integer,
	"summary" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"participant_ref" text NOT NULL,
	"target_group" text NOT NULL,
	"offered_on" date,
	"started_on" date NOT NULL,
	"planned_end_on" date,
	"ended_on" date,
	"end_reason" text,
	"extent_percent" integer NOT NULL,
	"employment_form" text NOT NULL,
	"ssyk_code" text,
	"wage_subsidy" text DEFAULT 'none' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_extent_check" CHECK ("placements"."extent_percent" between 1 and 100),
	CONSTRAINT "placements_end_check" CHECK ("placements"."ended_on" is null or "placements"."ended_on" >= "placements"."started_on")
);
--> statement-breakpoint
CREATE TABLE "sanction_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"deviation_id" uuid,
	"kind" text NOT NULL,
	"taken_on" date NOT NULL,
	"deadline" date,
	"corrected_on" date,
	"amount_ore" bigint,
	"reason" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"taken_by" uuid,
	"taken_by_label" text NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country" text DEFAULT 'SE' NOT NULL,
	"national_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppliers_country_check" CHECK ("suppliers"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "commitment_versions" ADD CONSTRAINT "commitment_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_versions" ADD CONSTRAINT "commitment_versions_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_versions" ADD CONSTRAINT "commitment_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_template_version_id_requirement_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."requirement_template_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reports" ADD CONSTRAINT "period_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reports" ADD CONSTRAINT "period_reports_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reports" ADD CONSTRAINT "period_reports_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanction_steps" ADD CONSTRAINT "sanction_steps_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_versions_key" ON "commitment_versions" USING btree ("commitment_id","version");--> statement-breakpoint
CREATE INDEX "commitments_contract_idx" ON "commitments" USING btree ("contract_id","position");--> statement-breakpoint
CREATE INDEX "commitments_org_idx" ON "commitments" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_amendments_version_key" ON "contract_amendments" USING btree ("contract_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_org_reference_key" ON "contracts" USING btree ("organisation_id","reference_number");--> statement-breakpoint
CREATE INDEX "contracts_org_unit_idx" ON "contracts" USING btree ("organisation_id","unit_id");--> statement-breakpoint
CREATE INDEX "contracts_org_procurement_idx" ON "contracts" USING btree ("organisation_id","procurement_id");--> statement-breakpoint
CREATE INDEX "contracts_supplier_idx" ON "contracts" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "contracts_org_ends_idx" ON "contracts" USING btree ("organisation_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "deviations_key" ON "deviations" USING btree ("contract_id","key");--> statement-breakpoint
CREATE INDEX "deviations_org_status_idx" ON "deviations" USING btree ("organisation_id","status","detected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "period_reports_key" ON "period_reports" USING btree ("contract_id","period_sequence");--> statement-breakpoint
CREATE INDEX "placements_contract_idx" ON "placements" USING btree ("contract_id","started_on");--> statement-breakpoint
CREATE INDEX "placements_commitment_idx" ON "placements" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "placements_org_started_idx" ON "placements" USING btree ("organisation_id","started_on");--> statement-breakpoint
CREATE INDEX "sanction_steps_commitment_idx" ON "sanction_steps" USING btree ("commitment_id","taken_on","created_at");--> statement-breakpoint
CREATE INDEX "sanction_steps_org_idx" ON "sanction_steps" USING btree ("organisation_id","kind","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_country_national_id_key" ON "suppliers" USING btree ("country","national_id");