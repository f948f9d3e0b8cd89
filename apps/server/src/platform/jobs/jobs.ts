import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';

export interface Job {
  /** also the advisory-lock key: one instance runs a job at a time */
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export interface JobRunner {
  /** Runs a job now (tests, benchmarks); resolves false when another instance holds it. */
  runNow(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Periodic background work. Every run takes a session-level advisory lock keyed by the job's name,
 * so with several server instances each job runs on one of them at a time.
 */
export function startJobs({
  database,
  log,
  jobs,
  autoStart = true,
}: {
  database: Database;
  log: FastifyBaseLogger;
  jobs: Job[];
  autoStart?: boolean;
}): JobRunner {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<boolean>>();
  let stopped = false;

  const execute = async (job: Job): Promise<boolean> => {
    // PGlite is one process and one connection: nothing to coordinate with
    if (database.kind === 'pglite') {
      await job.run();
      return true;
    }
    const session = await database.rawSession();
    const key = `greenmes.job.${job.name}`;
    try {
      const [row] = await session.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      );
      if (!row?.locked) return false;
      try {
        await job.run();
      } finally {
        await session.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
      return true;
    } finally {
      await session.release();
    }
  };

  const runNow = (name: string): Promise<boolean> => {
    const job = jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    const previous = running.get(name) ?? Promise.resolve(true);
    const next = previous.catch(() => true).then(() => execute(job));
    running.set(name, next);
    return next;
  };

  const schedule = (job: Job) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      runNow(job.name)
        .catch((err: unknown) => log.error({ err, job: job.name }, 'background job failed'))
        .finally(() => schedule(job));
    }, job.everyMs);
    timer.unref();
    timers.set(job.name, timer);
  };
  if (autoStart) jobs.forEach(schedule);

  return {
    runNow,
    async stop() {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
      await Promise.allSettled([...running.values()]);
    },
  };
}
