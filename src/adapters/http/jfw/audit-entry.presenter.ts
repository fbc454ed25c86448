import { AuditEntry } from '../../../domain/audit/audit-entry';

/** The contract's audit entry (API-CONTRACT "Audit trail"); also the command line's `audit:list --json` items. */
export function presentAuditEntry(e: AuditEntry) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { kind: e.actor.kind, id: e.actor.id },
    action: e.action,
    resource: { type: e.resource.type, id: e.resource.id },
    brandId: e.brandId,
    changes: e.changes,
    correlationId: e.correlationId,
  };
}
