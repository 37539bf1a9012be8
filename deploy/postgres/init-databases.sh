#!/usr/bin/env bash
# One role and one database per Trygnet service, so that no service can read another's
# tables. Run by the postgres image on its first start (an empty data volume) from
# /docker-entrypoint-initdb.d; passwords from TRYGNET_<SERVICE>_DB_PASSWORD
# (deploy/compose/postgres.env.example). Each role owns its database and nothing
# else; PUBLIC may not connect to any of them. The services create their tables
# themselves (Alembic migrations on startup).
set -euo pipefail

for service in actors activities incidents reporting; do
  variable="TRYGNET_${service^^}_DB_PASSWORD"
  password="${!variable:?$variable is not set}"
  psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set name="$service" --set password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
