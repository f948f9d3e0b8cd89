import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableQueue, type QueueOptions } from './durable-queue.ts';

const NOW = Date.UTC(2026, 10, 22);
const sample = (i: number, ts = NOW - 1000 + i) => ({ device: 'D', metric: 'kw', ts, value: i });

function open(overrides: Partial<QueueOptions> = {}) {
  const lines: string[] = [];
  const dir = overrides.dir ?? mkdtempSync(join(tmpdir(), 'edge-queue-'));
  const q = DurableQueue.open({
    dir,
    maxBytes: 10_000_000,
    maxAgeHours: 24,
    fsyncIntervalMs: 5,
    fsyncMaxSamples: 100,
    now: () => NOW,
    log: (l) => lines.push(l),
    ...overrides,
  });
  return { q, dir, lines };
}

describe('durable queue', () => {
  it('reads in order from the cursor, only after the group commit', () => {
    const { q } = open();
    q.append([sample(1), sample(2), sample(3)]);
    expect(q.read(0, 10)).toEqual([]); // not yet fsynced
    q.flush();
    expect(q.read(0, 10).map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(q.read(1, 1).map((s) => s.value)).toEqual([2]);
    q.ack(2);
    expect(q.read(0, 10).map((s) => s.seq)).toEqual([3]);
    expect(q.depth).toBe(1);
    q.close();
  });

  it('reads a backlog spanning many segments from disk, in order', () => {
    const { q, dir } = open({ segmentBytes: 4096 });
    for (let i = 1; i <= 3000; i++) q.append([sample(i)]);
    q.close();
    const again = open({ dir, segmentBytes: 4096 }).q;
    const seen: number[] = [];
    for (let batch = again.read(0, 128); batch.length > 0; batch = again.read(batch.at(-1)!.seq, 128)) {
      seen.push(...batch.map((s) => s.seq));
      again.ack(batch.at(-1)!.seq - 10); // acks lag reads, as with messages in flight
    }
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(again.depth).toBe(10);
  });

  it('survives a reopen: unacked samples come back in order, acked ones do not', () => {
    const { q, dir } = open({ segmentBytes: 4096 });
    for (let i = 1; i <= 500; i++) q.append([sample(i)]);
    q.flush();
    q.ack(123);
    q.close();
    const again = open({ dir, segmentBytes: 4096 }).q;
    const rest = again.read(0, 1000);
    expect(rest.map((s) => s.seq)).toEqual(Array.from({ length: 377 }, (_, i) => i + 124));
    again.append([sample(501)]);
    again.flush();
    expect(again.read(499, 10).map((s) => s.seq)).toEqual([500, 501]);
    // fully acked segments are deleted
    again.ack(501);
    again.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('seg-'))).toEqual([]);
    const third = open({ dir }).q;
    third.append([sample(502)]);
    third.flush();
    expect(third.read(0, 10).map((s) => s.seq)).toEqual([502]); // sequence numbers are never reused
  });

  it('cuts a torn last record (kill -9 / power loss mid-write) and keeps everything before it', () => {
    const { q, dir } = open();
    q.append([sample(1), sample(2)]);
    q.close();
    const seg = readdirSync(dir).find((f) => f.startsWith('seg-'))!;
    appendFileSync(join(dir, seg), '0badc0de [3,"D","kw",'); // half a record
    const reopened = open({ dir });
    expect(reopened.q.read(0, 10).map((s) => s.seq)).toEqual([1, 2]);
    expect(reopened.lines[0]).toMatch(/torn tail/);
    reopened.q.append([sample(3)]);
    reopened.q.close();
    expect(
      open({ dir })
        .q.read(0, 10)
        .map((s) => s.value),
    ).toEqual([1, 2, 3]);
  });

  it('rejects a record whose checksum does not match (garbage after power loss)', () => {
    const { q, dir } = open();
    q.append([sample(1)]);
    q.close();
    const seg = readdirSync(dir).find((f) => f.startsWith('seg-'))!;
    appendFileSync(join(dir, seg), '00000000 [2,"D","kw",1,2]\n');
    expect(
      open({ dir })
        .q.read(0, 10)
        .map((s) => s.seq),
    ).toEqual([1]);
  });

  it('drops the oldest beyond maxAgeHours and maxBytes, counting and logging it', () => {
    const { q, lines } = open({ maxAgeHours: 1 });
    q.append([sample(1, NOW - 2 * 3_600_000), sample(2, NOW - 3_599_000), sample(3)]);
    q.flush();
    expect(q.read(0, 10).map((s) => s.seq)).toEqual([2, 3]);
    expect(q.dropped).toBe(1);
    expect(lines.at(-1)).toMatch(/dropped 1 unsent samples \(older than 1 h\)/);

    // only the oldest run of expired samples: a late old sample behind a young one waits its turn
    const { q: q2 } = open({ maxAgeHours: 1 });
    const old = NOW - 2 * 3_600_000;
    q2.append([sample(1, old), sample(2, old), sample(3), sample(4, old), sample(5)]);
    q2.flush();
    expect(q2.read(0, 10).map((s) => s.seq)).toEqual([3, 4, 5]);
    expect(q2.dropped).toBe(2);

    const small = open({ maxBytes: 20_000, segmentBytes: 4096 });
    for (let i = 1; i <= 2000; i++) small.q.append([sample(i)]);
    small.q.flush();
    expect(small.q.bytes).toBeLessThanOrEqual(20_000);
    expect(small.q.dropped).toBeGreaterThan(0);
    const left = small.q.read(0, 5000);
    expect(left.at(-1)!.seq).toBe(2000); // the newest are kept
    expect(small.q.dropped + left.length).toBe(2000);
    expect(small.lines.at(-1)).toMatch(/queue over 20000 bytes/);
    expect(small.q.depth).toBe(left.length);
    expect(small.q.oldestUnsentTs).toBe(left[0]!.ts);
  });
});
