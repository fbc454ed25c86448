import 'reflect-metadata';
import { IntegrationAuthenticationBody } from '../src/adapters/http/jfw/dto/integration-authentication.dto';
import { PortalAppUpdateBody } from '../src/adapters/http/portal/dto/portal.dto';
import { JSON_SHAPE_LIMITS, JsonShapeScanner, textViolations } from '../src/adapters/http/shared/json-shape';
import { validateBody } from '../src/adapters/http/shared/validate-body';

/*
 * CPU per 1 MiB body that the size limit (1 MiB) lets through, on the path a
 * body takes after authentication (docs/performance.md, "Bodies at the
 * limits"): the shape scanner, JSON.parse, the text rules, the DTO check.
 * Each stage's CPU (process.cpuUsage, user + system) is printed; a stage
 * that refuses the body ends its run. `node dist/bench/body-cost.js`.
 */

const MiB = 1024 * 1024;

/** Fills `template(i)` items into a JSON array until the body would pass 1 MiB. */
function fill(prefix: string, item: (i: number) => string, suffix: string): Buffer {
  const parts: string[] = [];
  let size = prefix.length + suffix.length;
  for (let i = 0; ; i++) {
    const next = item(i);
    if (size + next.length + 1 > MiB) break;
    parts.push(next);
    size += next.length + 1;
  }
  return Buffer.from(`${prefix}${parts.join(',')}${suffix}`);
}

const row = Array.from({ length: 1000 }, () => '1').join(',');
const keys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;
const BODIES: Record<string, Buffer> = {
  'arrays of 1,000 numbers under one field': fill('{"code":[', () => `[${row}]`, ']}'),
  'objects of 200 keys under one field': fill('{"name":[', () => keys(200), ']}'),
  'short strings under one field': fill('{"description":[', (i) => `[${Array.from({ length: 1000 }, (_, j) => `"s${i}.${j}"`).join(',')}]`, ']}'),
  '9,000 strings of 100 bytes, each with an escape': Buffer.from(`{"description":[${Array.from({ length: 9 }, () => `[${Array.from({ length: 1000 }, () => `"${'y'.repeat(96)}\\n"`).join(',')}]`).join(',')}]}`),
  '4,000 small objects': Buffer.from(`{"name":[${Array.from({ length: 4 }, () => `[${Array.from({ length: 1000 }, (_, i) => `{"a${i}":"${'z'.repeat(150)}"}`).join(',')}]`).join(',')}]}`),
  'one 1 MiB string': Buffer.from(`{"description":"${'x'.repeat(MiB - 40)}"}`),
};

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function stages(body: Buffer, dto: new () => object): string {
  const out: string[] = [];
  let parsed: unknown;
  let refused = '';
  const step = (name: string, run: () => void) => {
    if (refused) return;
    let error: Error | undefined;
    const ms = cpuMs(() => {
      try {
        run();
      } catch (e) {
        error = e as Error;
      }
    });
    out.push(`${name} ${ms.toFixed(1)}${error ? ' (refused)' : ''}`);
    if (error) refused = `${name}: ${error.message.slice(0, 50)}`;
  };
  const total = cpuMs(() => {
    step('scan', () => {
      const scanner = new JsonShapeScanner(JSON_SHAPE_LIMITS);
      for (let i = 0; i < body.length; i += 64 * 1024) {
        const broken = scanner.feed(body.subarray(i, i + 64 * 1024));
        if (broken !== null) throw new Error(broken);
      }
    });
    step('parse', () => (parsed = JSON.parse(body.toString('utf8'))));
    step('text', () => {
      const v = textViolations(parsed);
      if (v.length > 0) throw new Error(v[0].message);
    });
    step('dto', () => validateBody(dto, parsed));
  });
  return `${total.toFixed(1)} ms (${out.join(', ')})${refused ? `; ${refused}` : ''}`;
}

for (let warm = 0; warm < 3; warm++) for (const body of Object.values(BODIES)) stages(body, IntegrationAuthenticationBody);
console.log('CPU ms per 1 MiB body: total (per stage), median of 5');
for (const [name, body] of Object.entries(BODIES)) {
  for (const [surface, dto] of [['JFramework PUT', IntegrationAuthenticationBody], ['portal app PUT', PortalAppUpdateBody]] as const) {
    const runs = Array.from({ length: 5 }, () => stages(body, dto)).sort((a, b) => parseFloat(a) - parseFloat(b));
    console.log(`  ${name} (${(body.length / 1024).toFixed(0)} KiB), ${surface}: ${runs[2]}`);
  }
}
