/** Numbers → text: percentiles, units, and the entry appended to bench/RESULTS.md. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { CpuSplit } from './cpu.ts';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const cpuText = (c: CpuSplit) =>
  `server ${fixed(c.server, 2)}, publishers ${fixed(c.publishers, 2)}, postgres ${fixed(c.postgres, 2)}, ` +
  `other processes ${fixed(c.others, 2)}, idle ${fixed(c.idle, 2)} (cores, of ${cpus().length})`;

export function machine(dbVersion: string): string {
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus().length} vCPU (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, ${dbVersion}`;
}

const HEADER = `# Benchmark results

Appended by the benchmark scripts (\`npm run bench:*\`, see bench/README.md), newest last. Each entry
gives the date, the machine, the command and its settings, the numbers and a verdict per target.
Numbers from one machine drift on another: compare entries from the same machine, and re-measure
the limits in the same run (the benches do).
`;

export function appendResults(path: string, entry: string): void {
  if (!existsSync(path) || !readFileSync(path, 'utf8').trim()) writeFileSync(path, HEADER);
  appendFileSync(path, `\n${entry.trim()}\n`);
}

/** The commit benchmarked, and whether the code measured (`paths`) differs from it in the checkout. */
export function codeVersion(root: string, paths = ['apps/server', 'packages']): string {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  };
  const head = git('rev-parse', '--short', 'HEAD');
  if (head === null) return 'not a git checkout';
  const dirty = (git('status', '--porcelain', '--', ...paths) ?? '').split('\n').filter(Boolean).length;
  return `commit ${head}${dirty ? ` + ${dirty} uncommitted file(s) under ${paths.join(', ')} in the checkout` : ''}`;
}
