import { Agent, IncomingHttpHeaders, request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One PUT over the given agent. The runner keeps one keep-alive agent per
 * child: fetch's process-wide pool could hand out a socket to an earlier
 * child that listened on the same (reused) port and has exited since.
 */
export function put(agent: Agent, baseUrl: string, headers: Record<string, string>, request: { path: string; body: string }): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${baseUrl}${request.path}`, { method: 'PUT', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(request.body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', (error) => fail(new Error(`PUT ${baseUrl}${request.path} failed: ${error.message}`)));
    req.end(request.body);
  });
}

/** The answer's shape: ordered keys and value types, recursively (values themselves differ: ids, times, correlation ids). */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(shapeOf).join(',')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}:${shapeOf(v)}`).join(',')}}`;
  return typeof value;
}
