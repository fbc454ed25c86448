import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

/**
 * The CPUs this process may use, read when the runner starts: BENCH_DATABASE_CPUS
 * later narrows the runner's own affinity (and so `nproc`) to the CPUs it leaves.
 */
const NPROC_AT_START = (() => {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return cpus().length;
  }
})();

export async function machineInfo() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const nproc = NPROC_AT_START;
  return {
    nproc,
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

const mib = (bytes: number | null | undefined) => (bytes == null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const n0 = (x: number | undefined | null) => (x == null ? 'n/a' : x.toFixed(0));
const n2 = (x: number | undefined | null) => (x == null ? 'n/a' : x.toFixed(2));
const times = (x: number | undefined | null) => (x == null ? 'n/a' : `${x.toFixed(2)}×`);

const TARGET_ORDER = ['service', 'simplest', 'simplestAudited', 'sameSql', 'serviceUnaudited', 'other'];
/** The goals (docs/performance.md) for seed 000's PUT with isDefault=false, service against the simplest correct handler. */
const GOALS = { requestsPerSecond: '≥ 0.8×', cpuUsPerRequest: '≤ 1.3×', p99Ms: '≤ 2×', peakRssBytes: '≤ 1.5×' };
/** The audit trail's goal (docs/events-and-audit.md): audit + outbox cost at most 10 % of the service's throughput. */
const AUDIT_GOAL = '≥ 0.9×';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function writeMarkdown(file: string, r: any): Promise<void> {
  const s = r.settings;
  const targets = TARGET_ORDER.filter((t) => r.targets[t] !== undefined);
  const lines: string[] = [];
  lines.push('# integration-hub bench: the service against two bare Koa + pg baselines', '');
  lines.push(`Generated ${r.generatedAt} in ${Math.round(r.elapsedSeconds)} s. Machine: ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}. **Load average (1/5/15 min): ${r.loadAverageAtStart} at the start, ${r.loadAverageAtEnd} at the end** (the cores are shared; per-round values below).`, '');
  lines.push(`Database: ${r.database.embedded ? 'embedded PostgreSQL (fresh database)' : 'DATABASE_URL'}, same server for every target${r.database.pinning ? `, **pinned to CPU ${r.database.pinning.database}; the targets, the load generator and pgbench to CPU ${r.database.pinning.rest}** (BENCH_DATABASE_CPUS: the database on cores of its own, as deployed)` : ', sharing the cores with the targets and the load generator'}. Load: autocannon, ${s.connections} connections, ${s.configurations} configurations (and ${s.configurations} portal apps) rotated. Each round starts a **fresh process** per target: ${s.warmupSeconds} s warm-up discarded, ${s.durationSeconds} s measured; ${s.rounds} rounds, the target order rotated each round. Figures are medians over rounds.`, '');
  lines.push('Targets:', '');
  lines.push('- **service**: `node ' + (r.targets.service?.nodeArgs ?? []).join(' ') + ' dist/src/bootstrap/main.js` (rate limits off).');
  if (r.targets.simplest) lines.push('- **simplest**: the simplest correct handler (bench/baseline/simplest.ts): auth cached, hand validation, plain `UPDATE … RETURNING` (a locked transaction when claiming the default), same answer.');
  if (r.targets.simplestAudited) lines.push('- **simplestAudited**: the same simplest handler sending the service\'s audited writes (bench/baseline/simplest-audited.ts): the audit entry and the outbox event in the write\'s statement, as the contract asks of every write; service against it = the framework\'s cost, it against simplest = what audit + outbox cost a bare handler.');
  if (r.targets.sameSql) lines.push('- **sameSql**: the service\'s statements from a bare handler (bench/baseline/same-sql.ts): auth looked up every request, the PL/pgSQL write function, no validation.');
  if (r.targets.serviceUnaudited) lines.push('- **serviceUnaudited**: the service itself (same build, same flags) while the bench database\'s seed 000 write function skips its `ih_record_change(…)` call (bench/lib/unaudited-write.ts): no audit entry, no event, nothing of theirs computed; seed 000 plain only. The service against it = what audit + outbox cost the service.');
  if (r.targets.other) lines.push(`- **other**: the service for an A/B comparison: \`node ${r.targets.other.nodeArgs.join(' ')}\` ${r.targets.other.label}.`);
  lines.push('');

  lines.push('## Per scenario and target', '');
  lines.push('| scenario | target | req/s | p50 ms | p99 ms | CPU µs/req | main thread µs/req | database CPU µs/req | of which background | statements/req | peak RSS (VmHWM) | heap after round | promoted B/req | GC pauses µs/req |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const sc of r.scenarios) {
    for (const t of targets) {
      const m = sc.median[t];
      if (!m) continue;
      const st = sc.statements[t];
      const statements = st?.statementsPerRequest != null ? n2(st.statementsPerRequest) : st?.transactionsPerRequest != null ? `${n2(st.transactionsPerRequest)} txn` : 'n/a';
      lines.push(`| ${sc.scenario} | ${t} | ${n0(m.requestsPerSecond)} | ${m.p50Ms} | ${m.p99Ms} | ${n0(m.cpuUsPerRequest)} | ${n0(m.mainThreadCpuUsPerRequest)} | ${n0(m.databaseCpuUsPerRequest)} | ${n0(m.databaseBackgroundCpuUsPerRequest ?? null)} | ${statements} | ${mib(m.peakRssBytes)} | ${mib(m.heapUsedAfterRoundBytes)} | ${n0(m.promotedBytesPerRequest ?? null)} | ${n0(m.gcUsPerRequest ?? null)} |`);
    }
  }
  lines.push('', 'Scenarios: ' + r.scenarios.map((sc: any) => `**${sc.scenario}** = ${sc.name}`).join('; ') + '.', '');
  lines.push('"Of which background": the database CPU that no connection spent — autovacuum and analyze workers, the WAL writer, the checkpointer, the postmaster — over the same window; the rest is the target\'s own connections.', '');

  lines.push('## The service against each baseline (ratio of medians, same run)', '');
  lines.push('| scenario | service vs | req/s | CPU µs/req | p99 | peak RSS |', '|---|---|---:|---:|---:|---:|');
  for (const sc of r.scenarios) {
    for (const t of targets.filter((x) => x !== 'service')) {
      const q = sc.ratio[t];
      if (q) lines.push(`| ${sc.scenario} | ${t} | ${times(q.requestsPerSecond)} | ${times(q.cpuUsPerRequest)} | ${times(q.p99Ms)} | ${times(q.peakRssBytes)} |`);
    }
  }
  lines.push(`| plain | goal against simplest (docs/performance.md) | ${GOALS.requestsPerSecond} | ${GOALS.cpuUsPerRequest} | ${GOALS.p99Ms} | ${GOALS.peakRssBytes} |`);
  if (r.targets.serviceUnaudited) lines.push(`| plain | goal against serviceUnaudited: the cost of audit + outbox (docs/events-and-audit.md) | ${AUDIT_GOAL} | | | |`);
  lines.push('');

  if (r.portalVsPlain) {
    const q = r.portalVsPlain;
    lines.push('## Seed 003 (portal) against seed 000 (plain), same run', '');
    lines.push('The goal (docs/performance.md): seed 003\'s PUT within 10 % of seed 000\'s. The portal PUT does more by design (it reads and answers the app\'s access requests — in the service\'s one statement, in a second one in the simplest handler — and decrypts the credential it answers), so each target\'s own ratio is shown; the last row compares the service\'s cost over the simplest handler on the portal with the same on seed 000.', '');
    lines.push('| target | req/s portal / plain | CPU µs/req portal / plain |', '|---|---:|---:|');
    for (const t of targets) if (q.perTarget[t]) lines.push(`| ${t} | ${times(q.perTarget[t].requestsPerSecond)} | ${times(q.perTarget[t].cpuUsPerRequest)} |`);
    lines.push(`| service-over-simplest, portal / plain | ${times(q.overheadVsPlain.requestsPerSecond)} | ${times(q.overheadVsPlain.cpuUsPerRequest)} |`, '');
  }

  const pg = r.scenarios.filter((sc: any) => sc.pgbench?.length);
  if (pg.length > 0) {
    lines.push('## pgbench: the write alone (no HTTP, no auth)', '');
    lines.push('| scenario | write | -M | statements/transaction | tps | avg latency ms | database CPU µs/transaction |', '|---|---|---|---:|---:|---:|---:|');
    for (const sc of pg) {
      for (const b of sc.pgbench) {
        const what = sc.surface === 'portal'
          ? b.variant === 'function' ? "service's: `ih_update_portal_app_audited(…)`, the audited update answering the app's access requests (one statement)" : "simplest: the app's `UPDATE … RETURNING`, then its access requests"
          : b.variant === 'function' ? "service's: `ih_replace_integration_authentication_audited(…)` joined" : sc.isDefault ? 'simplest: BEGIN, lock, clear default, plain UPDATE, COMMIT' : 'simplest: plain `UPDATE … RETURNING` joined';
        lines.push(b.tps === undefined ? `| ${sc.scenario} | ${what} | ${b.protocol ?? ''} | | ${b.note ?? 'n/a'} | | |` : `| ${sc.scenario} | ${what} | ${b.protocol} | ${b.statementsPerTransaction} | ${n0(b.tps)} | ${n2(b.latencyAverageMs)} | ${n0(b.databaseCpuUsPerTransaction)} |`);
      }
    }
    const first = pg[0].pgbench[0];
    lines.push('', `${first.version ?? 'pgbench'}, ${first.clients} clients, ${first.threads} threads, ${first.durationSeconds} s each, one script per seeded row.`, '');
  }

  lines.push('## Per round', '');
  lines.push('| scenario | round | target (position) | req/s | p99 ms | CPU µs/req | main µs/req | db µs/req | load generator µs/req | VmHWM | RSS peak in window | cold start ms | load average after |', '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const sc of r.scenarios) {
    const rows = targets.flatMap((t) => (sc.rounds[t] ?? []).map((x: any) => ({ t, ...x }))).sort((a: any, b: any) => a.round - b.round || a.position - b.position);
    for (const x of rows) {
      lines.push(`| ${sc.scenario} | ${x.round} | ${x.t} (${x.position}) | ${n0(x.requestsPerSecond)} | ${x.p99Ms} | ${n0(x.cpuUsPerRequest)} | ${n0(x.mainThreadCpuUsPerRequest)} | ${n0(x.databaseCpuUsPerRequest)} | ${n0(x.loadGeneratorCpuUsPerRequest)} | ${mib(x.peakRssBytes)} | ${mib(x.windowPeakRssBytes)} | ${n0(x.coldStartMs)} | ${x.loadAverage} |`);
    }
  }
  lines.push('');

  lines.push('## Statements per PUT', '');
  lines.push(`pg_stat_statements, ${s.statementRequests} sequential PUTs per scenario after 3 uncounted ones (a fresh process per target); mean exec ms is PostgreSQL's own time per call (a function's inner statements included).`, '');
  for (const sc of r.scenarios) {
    for (const t of targets) {
      const st = sc.statements[t];
      if (!st || st.statements.length === 0) continue;
      lines.push(`${sc.scenario}, ${t}: ${n2(st.statementsPerRequest)} per request`, '');
      for (const x of st.statements) lines.push(`- ${n2(x.perRequest)}× (mean ${x.meanExecMs.toFixed(3)} ms) \`${x.query}\``);
      lines.push('');
    }
  }

  const traced = Object.entries<any>(r.syscalls ?? {}).filter(([, x]) => x.available);
  if (traced.length > 0) {
    lines.push('## Syscalls per request (`strace -c -f`, seed 000 plain, all threads)', '');
    const names = [...new Set(traced.flatMap(([, x]) => x.syscalls.slice(0, 10).map((c: any) => c.syscall)))];
    lines.push(`| syscall | ${traced.map(([t]) => t).join(' | ')} |`, `|---|${traced.map(() => '---:').join('|')}|`);
    lines.push(`| **all** | ${traced.map(([, x]) => n2(x.totalPerRequest)).join(' | ')} |`);
    for (const name of names) lines.push(`| ${name} | ${traced.map(([, x]) => n2(x.syscalls.find((c: any) => c.syscall === name)?.perRequest ?? 0)).join(' | ')} |`);
    lines.push('', `Requests under strace: ${traced.map(([t, x]) => `${t} ${x.requests} (${n0(x.requestsPerSecond)} req/s, slowed by ptrace)`).join(', ')}.`, '');
  }

  if (r.onCpuCandidates) {
    const c = r.onCpuCandidates;
    const samples = Object.entries<any>(r.onCpu ?? {}).map(([t, x]) => `${t} ${x.samples ?? 0} samples`).join(', ');
    lines.push('## Where the CPU of a seed 000 PUT goes: on-CPU samples (`perf record -e cpu-clock -g`, every thread)', '');
    lines.push(`Each candidate's share of the target's on-CPU samples (${samples}; one fresh process under \`--perf-basic-prof\`, warm-up + one window) times the target's CPU per request in the plain scenario (median, unprofiled): service **${n0(c.serviceCpuUsPerRequest)} µs**, simplest ${n0(c.simplestCpuUsPerRequest)} µs. A sample is charged to the innermost frame that names a package, node's crypto/HTTP/streams or src/; kernel samples by their syscall.`, '');
    lines.push('| candidate | service µs/request | simplest µs/request | service − simplest |', '|---|---:|---:|---:|');
    for (const x of c.candidates) {
      if (x.serviceUs < 2 && (x.simplestUs ?? 0) < 2) continue;
      lines.push(`| ${x.candidate} | ${n0(x.serviceUs)} | ${n0(x.simplestUs)} | ${x.simplestUs === null ? 'n/a' : n0(x.serviceUs - x.simplestUs)} |`);
    }
    lines.push('');
  }

  if (r.cpuCandidates) {
    const c = r.cpuCandidates;
    const svc = r.syscalls?.service;
    const calls = svc?.available ? ` (${n2(svc.totalPerRequest)} syscalls per request under strace: ${svc.syscalls.slice(0, 6).map((x: any) => `${x.syscall} ${n2(x.perRequest)}`).join(', ')})` : '';
    lines.push('## Where the service\'s CPU per seed 000 PUT goes: the `--cpu-prof` view', '');
    lines.push(`Measured without the profiler (plain scenario, median): **${n0(c.cpuUsPerRequest)} µs/request** = main thread ${n0(c.mainThreadUsPerRequest)} (kernel ${n0(c.kernelUsPerRequest)} + user ${n0(c.userUsPerRequest)}) + other threads ${n0(c.otherThreadsUsPerRequest)}. The user time is split by the profile's busy main-thread samples that are not socket writes (socket writes took ${(c.socketWriteSampleShare * 100).toFixed(0)} % of the busy samples: wall-clock, preemption included).`, '');
    lines.push('| candidate | share of the user-time samples | ≈ µs/request |', '|---|---:|---:|');
    lines.push(`| kernel: the main thread's syscalls${calls} | | ${n0(c.kernelUsPerRequest)} |`);
    lines.push(`| other threads (V8 GC helpers, libuv pool…) | | ${n0(c.otherThreadsUsPerRequest)} |`);
    for (const x of c.candidates) if (x.share >= 0.005) lines.push(`| ${x.candidate} | ${(x.share * 100).toFixed(1)} % | ${n0(x.usPerRequest)} |`);
    lines.push('');
  }

  for (const [surface, profile] of Object.entries<any>(r.profile ?? {})) {
    if (!profile) continue;
    lines.push(`## CPU profile of the service, ${surface} PUT (${profile.windowed ? 'measured window only' : 'whole process life'}; ${n0(profile.requestsPerSecond)} req/s and ${n0(profile.cpuUsPerRequest)} CPU µs/request under the profiler)`, '');
    lines.push('Busy main-thread samples by candidate:', '');
    for (const o of profile.busyByCandidate.slice(0, 18)) lines.push(`- ${(o.share * 100).toFixed(1)} % ${o.candidate}`);
    lines.push('', 'Top functions (self time, idle included in the total):', '');
    for (const f of profile.topFunctions.slice(0, 15)) lines.push(`- ${(f.share * 100).toFixed(1)} % \`${f.fn}\``);
    lines.push('');
  }
  await writeFile(file, lines.join('\n'));
}
