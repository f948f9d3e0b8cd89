import type { JobReportKind } from '@greenmes/contracts';

/** A half-open time span [from, to) in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

/** One job report as the timeline needs it: when it happened, what, and who sent it. */
export interface TimelineEvent {
  at: number;
  kind: JobReportKind;
  workerId: string;
}

export interface OperationTimeline {
  /** when the operation ran (between a start or resume and the next pause or finish) */
  running: Interval[];
  /** per worker, when they worked on it: from their start (or a resume) to the next pause or finish */
  byWorker: Map<string, Interval[]>;
}

const push = (map: Map<string, Interval[]>, key: string, span: Interval) => {
  if (span.to <= span.from) return;
  const list = map.get(key);
  if (list) list.push(span);
  else map.set(key, [span]);
};

/**
 * The running spans of one operation from its job reports, in the order they happened (ties keep the
 * given order). A start while running adds a worker to the crew (a second worker joins); a pause stops
 * everyone, and a resume brings the paused crew back with the worker who resumed. Spans still open at
 * `until` (an operation running now) are closed there; an event after `until` is ignored.
 */
export function operationTimeline(events: readonly TimelineEvent[], until: number): OperationTimeline {
  const ordered = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.at <= until)
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
  const running: Interval[] = [];
  const byWorker = new Map<string, Interval[]>();
  let runningSince: number | null = null;
  const crew = new Map<string, number>(); // worker → working since
  let pausedCrew: string[] = [];
  const stopAll = (at: number) => {
    if (runningSince !== null) {
      if (at > runningSince) running.push({ from: runningSince, to: at });
      runningSince = null;
    }
    for (const [worker, since] of crew) push(byWorker, worker, { from: since, to: at });
    const stopped = [...crew.keys()];
    crew.clear();
    return stopped;
  };
  for (const e of ordered) {
    switch (e.kind) {
      case 'start':
        runningSince ??= e.at;
        if (!crew.has(e.workerId)) crew.set(e.workerId, e.at);
        break;
      case 'resume':
        runningSince ??= e.at;
        for (const worker of [...pausedCrew, e.workerId]) if (!crew.has(worker)) crew.set(worker, e.at);
        pausedCrew = [];
        break;
      case 'pause':
        if (runningSince !== null) pausedCrew = stopAll(e.at);
        break;
      case 'finish':
        stopAll(e.at);
        pausedCrew = [];
        break;
      case 'quantity':
        break;
    }
  }
  stopAll(until);
  return { running, byWorker };
}

/** Milliseconds that `a` and `b` share. */
export const overlapMs = (a: Interval, b: Interval) =>
  Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));

/** Total milliseconds of a list of spans. */
export const totalMs = (spans: readonly Interval[]) => spans.reduce((acc, s) => acc + (s.to - s.from), 0);
