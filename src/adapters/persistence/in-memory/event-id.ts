import { randomBytes } from 'node:crypto';

/**
 * `evt_` + a UUIDv7 in hex (RFC 9562): 48 bits of Unix time in ms, the
 * version 7, the RFC variant, random bits elsewhere. The same form as
 * PostgreSQL's ih_new_event_id() (migration 1770000000000), so the fake's
 * event ids sort by creation time as the real ones do. Node's crypto has no
 * UUIDv7 yet (randomUUID is v4), and six lines do not justify a dependency.
 */
export function newEventId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `evt_${bytes.toString('hex')}`;
}
