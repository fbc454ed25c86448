-- The runtime role's grants (docs/database-role.md), run as the owner after
-- every migration run: they cover the tables that exist, and are idempotent.
GRANT CONNECT ON DATABASE integration_hub TO integration_hub_app;
GRANT USAGE ON SCHEMA public TO integration_hub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO integration_hub_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM integration_hub_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO integration_hub_app;
