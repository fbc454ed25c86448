import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { ConnectionSlots, IDLE_GRACE_MS, WAITING_GRACE_MS } from '../../../src/adapters/http/connection-slots';

/** A socket as ConnectionSlots sees one: an address, 'close', destroy(). */
class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress: string) {
    super();
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

function setup(max: number, perAddress: number) {
  let clock = 0;
  const slots = new ConnectionSlots(max, perAddress, () => clock);
  const admit = (address = '203.0.113.1') => {
    const socket = new FakeSocket(address);
    return { socket, admitted: slots.admit(socket as unknown as Socket) };
  };
  const request = (socket: FakeSocket) => {
    const res = new EventEmitter();
    slots.requestStarted({ socket } as unknown as IncomingMessage, res as unknown as ServerResponse);
    return res;
  };
  return { slots, admit, request, pass: (ms: number) => (clock += ms) };
}

describe('connection slots (MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS)', () => {
  it('keeps a pipelined connection busy until its last response ends', () => {
    const { admit, request, pass } = setup(2, 0);
    const a = admit().socket;
    const first = request(a);
    const second = request(a);
    admit();
    pass(WAITING_GRACE_MS);
    first.emit('close'); // a response's 'close' follows its 'finish' (or stands for an answer never sent)
    // a is still busy, the other one waited its grace: it goes.
    const c = admit();
    expect([c.admitted, a.destroyed]).to.deep.equal([true, false]);
    request(c.socket); // busy from now on: never taken
    second.emit('close');
    expect(admit().admitted, 'a, idle for less than its grace, keeps its slot').to.equal(false);
    pass(IDLE_GRACE_MS);
    expect(admit().admitted, 'a, idle past its grace, gives its slot').to.equal(true);
    expect(a.destroyed).to.equal(true);
  });

  it('lets an address at its cap evict nobody, even on a full server with an idle slot', () => {
    const { admit, request, pass } = setup(2, 1);
    const mine = admit('203.0.113.1').socket;
    request(mine).emit('close');
    request(admit('203.0.113.2').socket); // busy: never taken
    pass(IDLE_GRACE_MS);
    expect(admit('203.0.113.1').admitted).to.equal(false);
    expect(mine.destroyed).to.equal(false);
    expect(admit('203.0.113.3').admitted, 'another address takes the idle slot').to.equal(true);
    expect(mine.destroyed).to.equal(true);
  });

  it('takes a slow sender of headers before an idle keep-alive socket, each only past its grace', () => {
    const { admit, request, pass } = setup(2, 0);
    const kept = admit().socket;
    request(kept).emit('close'); // idle from now
    const slow = admit().socket; // waiting from now
    pass(Math.min(WAITING_GRACE_MS, IDLE_GRACE_MS) - 1);
    expect(admit().admitted, 'both within their grace').to.equal(false);
    pass(Math.max(WAITING_GRACE_MS, IDLE_GRACE_MS));
    expect(admit().admitted).to.equal(true);
    expect([slow.destroyed, kept.destroyed], 'the waiting one goes, the idle one stays').to.deep.equal([true, false]);
  });

  it('frees a slot and its address\'s count when a socket closes', () => {
    const { admit } = setup(1, 1);
    const { socket } = admit();
    expect(admit().admitted).to.equal(false);
    socket.emit('close');
    expect(admit().admitted).to.equal(true);
  });
});
