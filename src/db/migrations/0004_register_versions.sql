CREATE TABLE "register_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Moves register_versions forward for every organisation a statement touched, once per
-- statement (a bulk import of 10,000 rows bumps once). Counters are taken in organisation id
-- order so two statements that touch several organisations cannot deadlock on them
-- (docs/decisions/0202). PostgreSQL allows transition tables only on single-event triggers,
-- hence one trigger per event and table. Each touched organisation is also announced on the
-- channel register_versions at commit: the embedded database delivers that to its one process
-- before the commit returns, so the server need not read the counter on every list.
CREATE FUNCTION "register_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "register_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM old_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('register_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM old_rows) touched;
  ELSE
    INSERT INTO "register_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM new_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('register_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM new_rows) touched;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "procurements_register_version_insert" AFTER INSERT ON "procurements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurements_register_version_update" AFTER UPDATE ON "procurements" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurements_register_version_delete" AFTER DELETE ON "procurements" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_lots_register_version_insert" AFTER INSERT ON "procurement_lots" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_lots_register_version_update" AFTER UPDATE ON "procurement_lots" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_lots_register_version_delete" AFTER DELETE ON "procurement_lots" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_register_version_insert" AFTER INSERT ON "units" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_register_version_update" AFTER UPDATE ON "units" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "units_register_version_delete" AFTER DELETE ON "units" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "screenings_register_version_insert" AFTER INSERT ON "screenings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "screenings_register_version_update" AFTER UPDATE ON "screenings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "screenings_register_version_delete" AFTER DELETE ON "screenings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_register_version_insert" AFTER INSERT ON "procurement_decisions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_register_version_update" AFTER UPDATE ON "procurement_decisions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "procurement_decisions_register_version_delete" AFTER DELETE ON "procurement_decisions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump"();
