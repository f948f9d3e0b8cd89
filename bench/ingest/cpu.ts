/**
 * Who used the two cores during a window: the server, the publishers, PostgreSQL's processes, and
 * everything else on the machine (other people's tests share it). From /proc, in clock ticks.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // CLK_TCK on Linux x86-64

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the parenthesised command: state is field 3, utime 14, stime 15
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Busy ticks of the whole machine (all cores) from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuSplit {
  seconds: number;
  /** cores used on average (1.0 = one core fully busy) */
  server: number;
  publishers: number;
  postgres: number;
  others: number;
  idle: number;
}

/**
 * Starts counting; the returned function ends the window. Postgres backends that exit inside the
 * window (connections closed) lose their ticks, so the pool should stay open across it.
 */
export function cpuWindow({ server, publishers }: { server: number; publishers: number[] }): () => CpuSplit {
  const started = performance.now();
  const pg0 = new Map(postgresPids().map((p) => [p, ticksOf(p)]));
  const s0 = ticksOf(server);
  const p0 = publishers.map(ticksOf);
  const m0 = machineTicks();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const per = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
    let pgTicks = 0;
    for (const pid of postgresPids()) pgTicks += ticksOf(pid) - (pg0.get(pid) ?? 0);
    const serverTicks = ticksOf(server) - s0;
    const pubTicks = publishers.reduce((sum, pid, i) => sum + ticksOf(pid) - p0[i]!, 0);
    const m1 = machineTicks();
    const busy = m1.busy - m0.busy;
    const total = m1.total - m0.total;
    const cores = total / TICKS_PER_SECOND / seconds;
    return {
      seconds,
      server: per(serverTicks),
      publishers: per(pubTicks),
      postgres: per(pgTicks),
      others: Math.max(0, per(busy - serverTicks - pubTicks - pgTicks)),
      idle: Math.max(0, cores - per(busy)),
    };
  };
}

/** Cores busy on the whole machine over `ms` (before anything of ours runs: the background load). */
export async function machineBusy(ms = 2000): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  return (b.busy - a.busy) / TICKS_PER_SECOND / (ms / 1000);
}
