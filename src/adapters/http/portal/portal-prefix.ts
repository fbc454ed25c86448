/** Where the portal surface is mounted. Its own file so the OpenAPI builder can name it without importing the surface. */
export const PORTAL_PREFIX = '/portal-api';
