import {
  OutboundHttp,
  OutboundOutcome,
  OutboundRequest,
} from '../../../src/adapters/client-registration/outbound-http';

/**
 * A fake network for the registration adapter: answers from a script, in
 * order, and keeps every request it was sent, for answers no real provider
 * gives on purpose (wrong origins, garbage, redirects).
 */
export class ScriptedOutboundHttp implements OutboundHttp {
  readonly requests: OutboundRequest[] = [];
  private readonly script: OutboundOutcome[] = [];

  answer(status: number, body: unknown = '', headers: Record<string, string> = {}): this {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.script.push({ kind: 'answered', status, headers, body: Buffer.from(text), truncated: false });
    return this;
  }

  answerTruncated(status: number, body: string): this {
    this.script.push({ kind: 'answered', status, headers: {}, body: Buffer.from(body), truncated: true });
    return this;
  }

  respond(outcome: OutboundOutcome): this {
    this.script.push(outcome);
    return this;
  }

  async send(request: OutboundRequest): Promise<OutboundOutcome> {
    this.requests.push(request);
    const next = this.script.shift();
    if (!next) throw new Error(`no scripted answer for ${request.method} ${request.url}`);
    return next;
  }

  /** The JSON body of the nth request. */
  bodyOf(index: number): Record<string, unknown> {
    const body = this.requests[index].body;
    return JSON.parse(typeof body === 'string' ? body : Buffer.from(body ?? '').toString()) as Record<string, unknown>;
  }
}
