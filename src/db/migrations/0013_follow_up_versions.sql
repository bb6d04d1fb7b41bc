CREATE TABLE "follow_up_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE INDEX "period_reports_org_contract_idx" ON "period_reports" USING btree ("organisation_id","contract_id","period_sequence");--> statement-breakpoint
CREATE INDEX "sanction_steps_contract_idx" ON "sanction_steps" USING btree ("contract_id","taken_on","created_at");
--> statement-breakpoint
-- Moves follow_up_versions forward for every organisation a statement touched, once per
-- statement, in organisation id order (no deadlocks between statements touching several), and
-- announces each on the channel follow_up_versions at commit, exactly as register_versions_bump
-- does for the register (migration 0004, docs/decisions/0202 and 0911).
CREATE FUNCTION "follow_up_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "follow_up_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM old_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('follow_up_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM old_rows) touched;
  ELSE
    INSERT INTO "follow_up_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM new_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('follow_up_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM new_rows) touched;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Suppliers are shared by every buyer and have no organisation: a renamed supplier moves the
-- version of every organisation with a contract with it.
CREATE FUNCTION "follow_up_versions_bump_suppliers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "follow_up_versions" AS v ("organisation_id", "version")
  SELECT DISTINCT c."organisation_id", 1 FROM "contracts" c WHERE c."supplier_id" IN (SELECT "id" FROM new_rows) ORDER BY 1
  ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
  PERFORM pg_notify('follow_up_versions', o::text) FROM (SELECT DISTINCT c."organisation_id" AS o FROM "contracts" c WHERE c."supplier_id" IN (SELECT "id" FROM new_rows)) touched;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "suppliers_follow_up_version_update" AFTER UPDATE ON "suppliers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump_suppliers"();--> statement-breakpoint
CREATE TRIGGER "contracts_follow_up_version_insert" AFTER INSERT ON "contracts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contracts_follow_up_version_update" AFTER UPDATE ON "contracts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contracts_follow_up_version_delete" AFTER DELETE ON "contracts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_follow_up_version_insert" AFTER INSERT ON "commitments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_follow_up_version_update" AFTER UPDATE ON "commitments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitments_follow_up_version_delete" AFTER DELETE ON "commitments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitment_versions_follow_up_version_insert" AFTER INSERT ON "commitment_versions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitment_versions_follow_up_version_update" AFTER UPDATE ON "commitment_versions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "commitment_versions_follow_up_version_delete" AFTER DELETE ON "commitment_versions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contract_amendments_follow_up_version_insert" AFTER INSERT ON "contract_amendments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contract_amendments_follow_up_version_update" AFTER UPDATE ON "contract_amendments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "contract_amendments_follow_up_version_delete" AFTER DELETE ON "contract_amendments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placements_follow_up_version_insert" AFTER INSERT ON "placements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placements_follow_up_version_update" AFTER UPDATE ON "placements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "placements_follow_up_version_delete" AFTER DELETE ON "placements" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "period_reports_follow_up_version_insert" AFTER INSERT ON "period_reports" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "period_reports_follow_up_version_update" AFTER UPDATE ON "period_reports" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "period_reports_follow_up_version_delete" AFTER DELETE ON "period_reports" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_follow_up_version_insert" AFTER INSERT ON "deviations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_follow_up_version_update" AFTER UPDATE ON "deviations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "deviations_follow_up_version_delete" AFTER DELETE ON "deviations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "sanction_steps_follow_up_version_insert" AFTER INSERT ON "sanction_steps" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "sanction_steps_follow_up_version_update" AFTER UPDATE ON "sanction_steps" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "sanction_steps_follow_up_version_delete" AFTER DELETE ON "sanction_steps" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_versions_bump"();
