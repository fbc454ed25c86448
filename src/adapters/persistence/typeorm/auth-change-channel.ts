/**
 * The NOTIFY channel the schema's triggers send auth changes on (migration
 * AuthChangeNotifications1766000000000) and every instance LISTENs to.
 * Payloads are JSON: `{"brand":"<url>"}` or `{"portalAdmin":<id>}` — never
 * a key, a token or a hash of one.
 */
export const AUTH_CHANGE_CHANNEL = 'integration_hub_auth_changes';
