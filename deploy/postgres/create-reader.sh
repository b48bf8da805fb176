#!/bin/sh
# Run once by the postgres image when it creates its data directory: the read-only role that
# migration V5 grants SELECT to, and a login user in it for Grafana. The migration finds the role
# already there and only grants.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader="$TWICE_READER_USER" -v password="$TWICE_READER_PASSWORD" <<'SQL'
CREATE ROLE twice_reader NOLOGIN;
CREATE ROLE :"reader" LOGIN PASSWORD :'password' IN ROLE twice_reader;
SQL
