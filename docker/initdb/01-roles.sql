-- Run once by the postgres image when its data volume is new
-- (/docker-entrypoint-initdb.d), as the image's superuser: the two roles of
-- docs/database-role.md. The owner owns the database and applies the
-- migrations; the service runs as the runtime role, which holds only the
-- grants of docker/runtime-grants.sql. Passwords for local use only: change
-- them (and the URLs in docker-compose.yml) anywhere else.
CREATE ROLE integration_hub_owner LOGIN PASSWORD 'owner-local-only';
CREATE ROLE integration_hub_app LOGIN PASSWORD 'app-local-only' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE integration_hub OWNER integration_hub_owner;
