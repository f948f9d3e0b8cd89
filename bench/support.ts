/** What every bench script needs: numeric options from the environment, timestamped lines, cleanup on exit. */

/** A non-negative number from the environment, or `fallback` when unset or empty; anything else stops the bench. */
export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v}: expected a non-negative number`);
  return n;
}

export const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Steps that undo what the bench set up (schemas, processes, browsers), run last-in first-out. */
export const cleanups: Array<() => Promise<void> | void> = [];

/** Runs the cleanup steps once each; a failing step is reported and the rest still run. */
export async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse())
    try {
      await fn();
    } catch (err) {
      console.error('cleanup step failed:', err);
    }
}

/** Ctrl-C or SIGTERM: clean up, then exit 130. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}
