CREATE TABLE "matching_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Moves matching_versions forward for every organisation a statement on participants or
-- participant_consents touched, once per statement, in organisation id order (no deadlocks
-- between statements touching several), and announces each on the channel matching_versions at
-- commit, exactly as follow_up_versions_bump does (migration 0013, docs/decisions/0703).
CREATE FUNCTION "matching_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "matching_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM old_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('matching_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM old_rows) touched;
  ELSE
    INSERT INTO "matching_versions" AS v ("organisation_id", "version")
    SELECT DISTINCT "organisation_id", 1 FROM new_rows ORDER BY 1
    ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
    PERFORM pg_notify('matching_versions', o::text) FROM (SELECT DISTINCT "organisation_id" AS o FROM new_rows) touched;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "participants_matching_version_insert" AFTER INSERT ON "participants" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "participants_matching_version_update" AFTER UPDATE ON "participants" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "participants_matching_version_delete" AFTER DELETE ON "participants" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "participant_consents_matching_version_insert" AFTER INSERT ON "participant_consents" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "participant_consents_matching_version_update" AFTER UPDATE ON "participant_consents" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();--> statement-breakpoint
CREATE TRIGGER "participant_consents_matching_version_delete" AFTER DELETE ON "participant_consents" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_versions_bump"();
