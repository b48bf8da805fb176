-- twice_reader: a role that may read every table and view but change nothing, for dashboards
-- (Grafana) and analysts. It cannot log in; give a login user its rights instead:
--
--   CREATE ROLE grafana LOGIN PASSWORD '...' IN ROLE twice_reader;
--
-- Roles belong to the whole server, not to one database, so a second twice database on the same
-- server finds the role already there. Creating it needs CREATEROLE; a migration user without it
-- stops here with an error saying what to run instead.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'twice_reader') THEN
    BEGIN
      CREATE ROLE twice_reader NOLOGIN;
    EXCEPTION
      WHEN duplicate_object THEN
        NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'role twice_reader is missing and % may not create roles', current_user
          USING HINT = 'as a superuser run CREATE ROLE twice_reader NOLOGIN, then migrate again';
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO twice_reader;

-- Tables and views alike.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO twice_reader;

-- Tables and views that later migrations create, as the same user, are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO twice_reader;
