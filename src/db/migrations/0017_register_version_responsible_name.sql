-- The procurement page names its responsible person (users.display_name), and the page is cached
-- per register version (docs/decisions/0914). A changed display name (an edit, or an erasure that
-- overwrites it) moves the register version of every organisation with a procurement that person
-- is responsible for, so no cached page keeps the old name. Only rows whose display name changed
-- count, and a statement that changed none stops at that check: a password change or a
-- suspension touches users but no procurement page. Counters are taken
-- in organisation id order and announced at commit, as register_versions_bump does (0004).
CREATE FUNCTION "register_versions_bump_responsible"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE n."display_name" IS DISTINCT FROM o."display_name") THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(DISTINCT p."organisation_id" ORDER BY p."organisation_id") INTO touched
  FROM new_rows n
  JOIN old_rows o ON o."id" = n."id"
  JOIN "procurements" p ON p."responsible_user_id" = n."id"
  WHERE n."display_name" IS DISTINCT FROM o."display_name";
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO "register_versions" AS v ("organisation_id", "version")
  SELECT touched_id, 1 FROM unnest(touched) AS touched_id ORDER BY 1
  ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
  PERFORM pg_notify('register_versions', touched_id::text) FROM unnest(touched) AS touched_id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_register_version_display_name" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump_responsible"();
