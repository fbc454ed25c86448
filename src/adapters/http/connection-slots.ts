import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { addressKey } from './shared/address-key';

/**
 * How long a connection must have gone without a complete request head
 * before a newcomer to a full server may take its slot. A real client sends
 * its request line and headers in one packet right after the handshake,
 * within milliseconds even over a slow link; a second leaves room for that
 * and for a busy event loop, yet a slow-header sender, which needs its socket
 * for up to the 10 s header timeout, cannot keep a slot from a newcomer.
 */
export const WAITING_GRACE_MS = 1_000;
/**
 * How long a keep-alive connection must have been idle before a newcomer may
 * take its slot. A client sending one request after another leaves its socket
 * idle for milliseconds between them; evicting it then would reset the
 * request it is about to send (the reliability suite's victim under a flood
 * of idle connections saw exactly that). After a second it is a socket the
 * client is keeping for later, which the keep-alive timeout (5 s) closes
 * anyway; a client has to be ready for that already.
 */
export const IDLE_GRACE_MS = 1_000;

/**
 * `waiting`: connected, no complete request head yet. `busy`: a request's
 * response has not finished. `idle`: keep-alive between requests.
 */
type Phase = 'waiting' | 'busy' | 'idle';

interface Slot {
  phase: Phase;
  /** When it entered its phase (performance.now()). */
  since: number;
  /** Requests whose responses have not finished (more than 1 when pipelined). */
  inFlight: number;
  readonly address: string;
}

/**
 * The server's connection slots: at most `max` sockets, at most
 * `maxPerAddress` from one client address (`addressKey`; 0 = no cap). A
 * newcomer to a full server takes the slot of the connection that deserves it
 * least: the longest-waiting one without a complete request head if it has
 * waited `WAITING_GRACE_MS`, else the longest-idle keep-alive socket if it
 * has been idle `IDLE_GRACE_MS`; a socket with a request in flight, or one
 * within its grace, is never taken. Every step is O(1): the waiting and idle sockets are kept in
 * insertion-ordered Sets, so each Set's first element is its oldest.
 */
export class ConnectionSlots {
  private readonly slots = new Map<Socket, Slot>();
  private readonly waiting = new Set<Socket>();
  private readonly idle = new Set<Socket>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly maxPerAddress: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a slot for a new socket, evicting another if the server is full; false if there is none to take (the caller drops it). */
  admit(socket: Socket): boolean {
    const address = this.maxPerAddress > 0 ? addressKey(socket.remoteAddress ?? '') : '';
    // An address at its cap evicts nobody: it is refused before the global count is looked at.
    if (this.maxPerAddress > 0 && (this.perAddress.get(address) ?? 0) >= this.maxPerAddress) return false;
    if (this.slots.size >= this.max && !this.evictOne()) return false;
    const slot: Slot = { phase: 'waiting', since: this.now(), inFlight: 0, address };
    this.slots.set(socket, slot);
    this.waiting.add(socket);
    if (this.maxPerAddress > 0) this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.release(socket));
    return true;
  }

  /** A request head is complete on the socket: busy until its response finishes or closes. */
  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const slot = this.slots.get(socket);
    if (slot === undefined) return;
    slot.inFlight++;
    this.enter(socket, slot, 'busy');
    // A response emits 'close' once, whether its answer was sent (the tick after 'finish') or never will be.
    res.on('close', () => {
      slot.inFlight--;
      if (slot.inFlight === 0 && this.slots.get(socket) === slot) this.enter(socket, slot, 'idle');
    });
  }

  /** The longest-waiting header sender past its grace (most likely a slow sender), else the longest-idle keep-alive socket past its own. */
  private evictOne(): boolean {
    const victim = this.oldestPast(this.waiting, WAITING_GRACE_MS) ?? this.oldestPast(this.idle, IDLE_GRACE_MS);
    if (victim === undefined) return false;
    // Released now, not on its 'close': the newcomer takes the slot in the same tick.
    this.release(victim);
    victim.destroy();
    return true;
  }

  private oldestPast(set: Set<Socket>, graceMs: number): Socket | undefined {
    const oldest = first(set);
    if (oldest === undefined) return undefined;
    return this.now() - this.slots.get(oldest)!.since >= graceMs ? oldest : undefined;
  }

  private enter(socket: Socket, slot: Slot, phase: Phase): void {
    this.setOf(slot.phase)?.delete(socket);
    slot.phase = phase;
    slot.since = this.now();
    // Deleted and added again, so the Set's order stays the order sockets entered the phase.
    this.setOf(phase)?.add(socket);
  }

  private setOf(phase: Phase): Set<Socket> | undefined {
    return phase === 'waiting' ? this.waiting : phase === 'idle' ? this.idle : undefined;
  }

  private release(socket: Socket): void {
    const slot = this.slots.get(socket);
    if (slot === undefined) return;
    this.slots.delete(socket);
    this.setOf(slot.phase)?.delete(socket);
    if (this.maxPerAddress === 0) return;
    const left = (this.perAddress.get(slot.address) ?? 1) - 1;
    if (left === 0) this.perAddress.delete(slot.address);
    else this.perAddress.set(slot.address, left);
  }
}

function first(set: Set<Socket>): Socket | undefined {
  return set.values().next().value;
}
