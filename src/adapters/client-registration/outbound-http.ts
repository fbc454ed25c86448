import type { OutboundHttp as OutboundHttpPort, OutboundOutcome, OutboundRequest } from '../../application/ports/outbound-http';

/**
 * The network as the registration adapter sees it: the `send` half of the
 * application's outbound port (the safe sender webhooks use plugs in as it
 * is; `FetchOutboundHttp` stands in for tests and the harness).
 */
export type OutboundHttp = Pick<OutboundHttpPort, 'send'>;
export type { OutboundOutcome, OutboundRequest };

export type OutboundAnswer = Extract<OutboundOutcome, { kind: 'answered' }>;
