/*
 * One lock order for the writers of a portal app's access requests and
 * credentials: the app first, then the request, then its credentials, so
 * none can hold one of those while waiting for another that a second writer
 * holds (PostgreSQL would abort one as a deadlock). NO KEY UPDATE: writers of
 * one app take turns, the app's update (ih_update_portal_app_audited,
 * `FOR UPDATE`) included, while a new request for the app (a foreign key's
 * KEY SHARE) does not wait (docs/portal-surface.md, "Concurrent writers").
 * Each answers no row when what it starts from does not exist.
 */

/** Locks the app of access request $1. */
export const LOCK_APP_OF_REQUEST = `SELECT a.id FROM portal_apps a JOIN access_requests ar ON ar.app_id = a.id
  WHERE ar.id = $1 FOR NO KEY UPDATE OF a`;

/** Locks the app of credential $1. */
export const LOCK_APP_OF_CREDENTIAL = `SELECT a.id FROM portal_apps a JOIN access_requests ar ON ar.app_id = a.id
  JOIN portal_credentials c ON c.access_request_id = ar.id WHERE c.id = $1 FOR NO KEY UPDATE OF a`;
