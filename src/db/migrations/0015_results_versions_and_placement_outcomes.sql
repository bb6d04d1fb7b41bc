CREATE TABLE "results_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE TABLE "placement_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"months_after_end" integer NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_outcomes_months_check" CHECK ("placement_outcomes"."months_after_end" between 1 and 60)
);--> statement-breakpoint
ALTER TABLE "placement_outcomes" ADD CONSTRAINT "placement_outcomes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_outcomes" ADD CONSTRAINT "placement_outcomes_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_outcomes" ADD CONSTRAINT "placement_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "placement_outcomes_placement_months_key" ON "placement_outcomes" USING btree ("placement_id","months_after_end");--> statement-breakpoint
CREATE INDEX "placement_outcomes_org_idx" ON "placement_outcomes" USING btree ("organisation_id");--> statement-breakpoint
-- Moves results_versions forward for every organisation a statement touched, once per statement,
-- in organisation id order (no deadlocks between statements touching several), and announces
-- each on the channel results_versions at commit, as register_versions_bump and
-- follow_up_versions_bump do (migrations 0004, 0013; docs/decisions/0202, 0911, 0805). An update
-- bumps the organisations of the old and the new rows, so a row moved to another organisation
-- invalidates both.
CREATE FUNCTION "results_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "results_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM old_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('results_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM old_rows) touched;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "results_versions" AS v ("organisation_id", "version")
    SELECT "organisation_id", 1 FROM (SELECT "organisation_id" FROM new_rows UNION SELECT "organisation_id" FROM old_rows) touched ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('results_versions', o::text) FROM (SELECT "organisation_id" AS o FROM new_rows UNION SELECT "organisation_id" FROM old_rows) touched;
  ELSE
    INSERT INTO "results_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM new_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('results_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM new_rows) touched;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- The organisation row itself (name, slug, open data switch, standing goal, municipality code).
CREATE FUNCTION "results_versions_bump_organisations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "results_versions" AS v ("organisation_id", "version")
  SELECT "id", 1 FROM new_rows ORDER BY 1
  ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
  PERFORM pg_notify('results_versions', "id"::text) FROM new_rows;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Suppliers are shared by every buyer and have no organisation: a renamed supplier moves the
-- version of every organisation with a contract with it.
CREATE FUNCTION "results_versions_bump_suppliers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "results_versions" AS v ("organisation_id", "version")
  SELECT DISTINCT c."organisation_id", 1 FROM "contracts" c WHERE c."supplier_id" IN (SELECT "id" FROM new_rows) ORDER BY 1
  ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
  PERFORM pg_notify('results_versions', o::text) FROM (SELECT DISTINCT c."organisation_id" AS o FROM "contracts" c WHERE c."supplier_id" IN (SELECT "id" FROM new_rows)) touched;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "organisations_results_version_update" AFTER UPDATE ON "organisations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump_organisations"();--> statement-breakpoint
CREATE TRIGGER "suppliers_results_version_update" AFTER UPDATE ON "suppliers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump_suppliers"();--> statement-breakpoint
CREATE TRIGGER "placements_results_version_insert" AFTER INSERT ON "placements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placements_results_version_update" AFTER UPDATE ON "placements" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placements_results_version_delete" AFTER DELETE ON "placements" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placement_outcomes_results_version_insert" AFTER INSERT ON "placement_outcomes" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placement_outcomes_results_version_update" AFTER UPDATE ON "placement_outcomes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placement_outcomes_results_version_delete" AFTER DELETE ON "placement_outcomes" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contracts_results_version_insert" AFTER INSERT ON "contracts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contracts_results_version_update" AFTER UPDATE ON "contracts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contracts_results_version_delete" AFTER DELETE ON "contracts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_results_version_insert" AFTER INSERT ON "commitments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_results_version_update" AFTER UPDATE ON "commitments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_results_version_delete" AFTER DELETE ON "commitments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_results_version_insert" AFTER INSERT ON "deviations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_results_version_update" AFTER UPDATE ON "deviations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_results_version_delete" AFTER DELETE ON "deviations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurements_results_version_insert" AFTER INSERT ON "procurements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurements_results_version_update" AFTER UPDATE ON "procurements" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurements_results_version_delete" AFTER DELETE ON "procurements" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_results_version_insert" AFTER INSERT ON "procurement_decisions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_results_version_update" AFTER UPDATE ON "procurement_decisions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_results_version_delete" AFTER DELETE ON "procurement_decisions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "applied_requirements_results_version_insert" AFTER INSERT ON "applied_requirements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "applied_requirements_results_version_update" AFTER UPDATE ON "applied_requirements" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "applied_requirements_results_version_delete" AFTER DELETE ON "applied_requirements" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_results_version_insert" AFTER INSERT ON "units" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_results_version_update" AFTER UPDATE ON "units" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_results_version_delete" AFTER DELETE ON "units" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "target_groups_results_version_insert" AFTER INSERT ON "target_groups" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "target_groups_results_version_update" AFTER UPDATE ON "target_groups" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "target_groups_results_version_delete" AFTER DELETE ON "target_groups" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "organisation_goals_results_version_insert" AFTER INSERT ON "organisation_goals" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "organisation_goals_results_version_update" AFTER UPDATE ON "organisation_goals" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "organisation_goals_results_version_delete" AFTER DELETE ON "organisation_goals" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "results_settings_results_version_insert" AFTER INSERT ON "results_settings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "results_settings_results_version_update" AFTER UPDATE ON "results_settings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "results_settings_results_version_delete" AFTER DELETE ON "results_settings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_versions_bump"();
