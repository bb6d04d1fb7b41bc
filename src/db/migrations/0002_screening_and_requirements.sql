CREATE TABLE "applied_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"template_version_id" uuid NOT NULL,
	"lot_numbers" integer[],
	"parameters" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"recommendation" text NOT NULL,
	"screening_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"based_on_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "requirement_template_versions_published_at_check" CHECK (("requirement_template_versions"."status" = 'published') = ("requirement_template_versions"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "requirement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"origin" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"shared_at" timestamp with time zone,
	"copied_from_template_id" uuid,
	"copied_from_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screenings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"procurement_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"recommendation" text NOT NULL,
	"result" jsonb NOT NULL,
	"facts_hash" text NOT NULL,
	"trigger" text NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_sv" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applied_requirements" ADD CONSTRAINT "applied_requirements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_requirements" ADD CONSTRAINT "applied_requirements_decision_id_procurement_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."procurement_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applied_requirements" ADD CONSTRAINT "applied_requirements_template_version_id_requirement_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."requirement_template_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_screening_id_screenings_id_fk" FOREIGN KEY ("screening_id") REFERENCES "public"."screenings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_decisions" ADD CONSTRAINT "procurement_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_template_versions" ADD CONSTRAINT "requirement_template_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_template_versions" ADD CONSTRAINT "requirement_template_versions_template_id_requirement_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."requirement_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_template_versions" ADD CONSTRAINT "requirement_template_versions_based_on_version_id_requirement_template_versions_id_fk" FOREIGN KEY ("based_on_version_id") REFERENCES "public"."requirement_template_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_template_versions" ADD CONSTRAINT "requirement_template_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_templates" ADD CONSTRAINT "requirement_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_templates" ADD CONSTRAINT "requirement_templates_copied_from_template_id_requirement_templates_id_fk" FOREIGN KEY ("copied_from_template_id") REFERENCES "public"."requirement_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_templates" ADD CONSTRAINT "requirement_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_policies" ADD CONSTRAINT "screening_policies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_policies" ADD CONSTRAINT "screening_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_groups" ADD CONSTRAINT "target_groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applied_requirements_decision_idx" ON "applied_requirements" USING btree ("decision_id","position");--> statement-breakpoint
CREATE INDEX "applied_requirements_version_idx" ON "applied_requirements" USING btree ("template_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_decisions_procurement_key" ON "procurement_decisions" USING btree ("procurement_id");--> statement-breakpoint
CREATE INDEX "procurement_decisions_org_idx" ON "procurement_decisions" USING btree ("organisation_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_template_versions_number_key" ON "requirement_template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_template_versions_one_draft_key" ON "requirement_template_versions" USING btree ("template_id") WHERE "requirement_template_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "requirement_template_versions_org_idx" ON "requirement_template_versions" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_templates_org_key" ON "requirement_templates" USING btree ("organisation_id","key");--> statement-breakpoint
CREATE INDEX "requirement_templates_shared_idx" ON "requirement_templates" USING btree ("shared");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_policies_org_version_key" ON "screening_policies" USING btree ("organisation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "screenings_current_key" ON "screenings" USING btree ("procurement_id") WHERE "screenings"."is_current";--> statement-breakpoint
CREATE INDEX "screenings_queue_idx" ON "screenings" USING btree ("organisation_id","recommendation") WHERE "screenings"."is_current";--> statement-breakpoint
CREATE INDEX "screenings_procurement_idx" ON "screenings" USING btree ("procurement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "target_groups_org_code_key" ON "target_groups" USING btree ("organisation_id","code");--> statement-breakpoint
-- Published template versions are frozen: decisions and procurement documents refer to them by id
-- (docs/decisions/0103). The service refuses and its update statement only matches drafts; this
-- trigger is the last line of defence against any other writer.
CREATE FUNCTION "requirement_template_versions_freeze_published"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'published' THEN
    RAISE EXCEPTION 'requirement template version % is published and cannot be changed', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "requirement_template_versions_freeze_published" BEFORE UPDATE ON "requirement_template_versions" FOR EACH ROW EXECUTE FUNCTION "requirement_template_versions_freeze_published"();
