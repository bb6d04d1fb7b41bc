-- The procurement page names its responsible person (users.display_name), and the page is cached
-- per register version (docs/decisions/0914). A changed display name (an edit, or an erasure that
-- overwrites it) moves the register version of every organisation with a procurement that person
-- is responsible for, so no cached page keeps the old name. Only rows whose display name changed
-- count, and a statement that changed none stops at that check: a password change or a
-- suspension touches users but no procurement page. Counters are taken
-- in organisation id order and announced at commit, as register_versions_bump does (0004).
CREATE FUNCTION "register_versions_bump_responsible"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE n."display_name" IS DISTINCT FROM o."display_name") THEN
    RETURN NULL;
  END IF;
  INSERT INTO "register_versions" AS v ("organisation_id", "version")
  SELECT DISTINCT p."organisation_id", 1
  FROM new_rows n
  JOIN old_rows o ON o."id" = n."id"
  JOIN "procurements" p ON p."responsible_user_id" = n."id"
  WHERE n."display_name" IS DISTINCT FROM o."display_name"
  ORDER BY 1
  ON CONFLICT ("organisation_id") DO UPDATE SET "version" = v."version" + 1;
  PERFORM pg_notify('register_versions', touched.o::text)
  FROM (
    SELECT DISTINCT p."organisation_id" AS o
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    JOIN "procurements" p ON p."responsible_user_id" = n."id"
    WHERE n."display_name" IS DISTINCT FROM o."display_name"
  ) touched;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_register_version_display_name" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "register_versions_bump_responsible"();
