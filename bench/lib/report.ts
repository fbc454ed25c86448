import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export async function machineInfo() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  let nproc: number;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    nproc = cpus().length;
  }
  return {
    nproc,
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

const mib = (bytes: number | null | undefined) => (bytes == null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const n0 = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(0));
const n2 = (x: number | undefined | null) => (x == null ? 'n/a' : x.toFixed(2));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function writeMarkdown(file: string, r: any): Promise<void> {
  const s = r.settings;
  const lines: string[] = [];
  lines.push('# integration-hub bench: seed 000 PUT (JFramework) and seed 003 PUT (portal)', '');
  lines.push(`Generated ${r.generatedAt} in ${Math.round(r.elapsedSeconds)} s. Machine: ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}. Load average (1/5/15 min) at the end: ${r.loadAverageAtEnd ?? 'n/a'}.`);
  lines.push(`Database: ${r.database.embedded ? 'embedded PostgreSQL (fresh database)' : 'DATABASE_URL'}, same server for every target. Load: autocannon, ${s.connections} connections, each target primed ${s.primeSeconds ?? 0} s once per surface, then per round ${s.warmupSeconds} s warm-up discarded, ${s.durationSeconds} s measured, ${s.rounds} alternating rounds per target, ${s.configurations} configurations (and ${s.configurations} portal apps) rotated.`, '');
  const label = (sc: any) => (sc.surface === 'portal' ? 'portal PUT /apps/{id}' : sc.isDefault ? 'JFW PUT isDefault=true' : 'JFW PUT isDefault=false');
  lines.push('| scenario | target | req/s (median) | p50 ms | p99 ms | peak RSS in round | service/baseline req/s | p99 ratio | peak RSS ratio |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const sc of r.scenarios) {
    for (const t of ['service', 'baseline']) {
      const m = sc.median[t];
      const ratios = t === 'service'
        ? `**${n2(sc.ratio.requestsPerSecond)}×** | ${n2(sc.ratio.p99Ms)}× | ${n2(sc.median.service.peakRssBytes / sc.median.baseline.peakRssBytes)}×`
        : ' | | ';
      lines.push(`| ${label(sc)} | ${t} | ${n0(m.requestsPerSecond)} | ${m.p50Ms} | ${m.p99Ms} | ${mib(m.peakRssBytes)} | ${ratios} |`);
    }
    if (sc.pgbench?.tps !== undefined) {
      lines.push(`| ${label(sc)} | pgbench (write statement only, ${sc.pgbench.clients} clients) | ${n0(sc.pgbench.tps)} tps | avg ${n2(sc.pgbench.latencyAverageMs)} | | | | | |`);
    } else if (sc.pgbench) {
      lines.push(`| ${label(sc)} | pgbench | ${sc.pgbench.note ?? 'n/a'} | | | | | | |`);
    }
  }
  lines.push('', 'Per round (req/s, load average after the round): ' + r.scenarios.map((sc: any) => `${sc.scenario} service ${sc.rounds.service.map((x: any) => `${n0(x.requestsPerSecond)} (${x.loadAverage ?? '?'})`).join(' / ')}, baseline ${sc.rounds.baseline.map((x: any) => `${n0(x.requestsPerSecond)} (${x.loadAverage ?? '?'})`).join(' / ')}`).join('; ') + '.', '');

  lines.push('## Statements per PUT', '');
  lines.push('| surface | target | statements/request (pg_stat_statements) | transactions/request (pg_stat_database) |', '|---|---|---:|---:|');
  for (const [surface, counted] of Object.entries<any>(r.statements)) {
    for (const t of ['service', 'baseline']) lines.push(`| ${surface} | ${t} | ${n2(counted[t].statementsPerRequest)} | ${n2(counted[t].transactionsPerRequest)} |`);
  }
  for (const [surface, counted] of Object.entries<any>(r.statements)) {
    for (const t of ['service', 'baseline']) {
      if (counted[t].statements.length === 0) continue;
      lines.push('', `${surface} ${t}, ${counted[t].requests} sequential PUTs:`, '');
      for (const st of counted[t].statements) lines.push(`- ${n2(st.perRequest)}× \`${st.query}\``);
    }
  }

  lines.push('', '## Start-up and memory', '');
  lines.push(`Service cold start (spawn → first 200 on /healthz, migrations already applied): ${r.coldStart.serviceMs.map((x: number) => x.toFixed(0)).join(', ')} ms, median **${r.coldStart.serviceMedianMs.toFixed(0)} ms**; baseline ${r.coldStart.baselineMs.toFixed(0)} ms.`, '');
  lines.push('| target | heapUsed after warm-up (after GC) | heapUsed after load (after GC) | RSS after warm-up | RSS after load | requests between | peak RSS (VmHWM) |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const t of ['service', 'baseline']) {
    const m = r.memory[t];
    lines.push(`| ${t} | ${mib(m.heapAfterWarmup?.heapUsed)} | ${mib(m.heapAfterLoad?.heapUsed)} | ${mib(m.heapAfterWarmup?.rss)} | ${mib(m.heapAfterLoad?.rss)} | ${m.requestsBetween} | ${mib(m.peakRssBytes)} |`);
  }

  for (const [surface, profile] of Object.entries<any>(r.profile ?? {})) {
    if (!profile) continue;
    lines.push('', `## CPU profile of the service, ${surface} PUT (start-up + one warm-up and one measured round; wall-clock samples, so time preempted inside a syscall counts too)`, '', 'Self time by owner:', '');
    for (const o of profile.byOwner.slice(0, 12)) lines.push(`- ${(o.share * 100).toFixed(1)}% ${o.owner}`);
    lines.push('', 'Self time with native and node-internal frames charged to the package or src/ code that called them:', '');
    for (const o of profile.byCallingOwner.slice(0, 12)) lines.push(`- ${(o.share * 100).toFixed(1)}% ${o.owner}`);
    lines.push('', 'Busy time only (idle and socket-write syscalls left out), charged the same way:', '');
    for (const o of profile.busyByCallingOwner.slice(0, 14)) lines.push(`- ${(o.share * 100).toFixed(1)}% ${o.owner}`);
    lines.push('', 'Top functions (self time):', '');
    for (const f of profile.topFunctions.slice(0, 15)) lines.push(`- ${(f.share * 100).toFixed(1)}% \`${f.fn}\``);
  }
  lines.push('');
  await writeFile(file, lines.join('\n'));
}
