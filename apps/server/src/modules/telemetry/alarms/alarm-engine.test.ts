import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, newState, stateCode, type EngineRule, type EngineSample } from './alarm-engine.ts';

const rule = (over: Partial<EngineRule>): EngineRule => ({
  type: 'high',
  threshold: 80,
  deadband: 0,
  durationMs: 0,
  ratePerMinute: 0,
  windowMs: 60_000,
  matchText: null,
  matchCode: null,
  ...over,
});

/** Runs samples [seconds, value] through a fresh state; returns "raise@s" / "clear@s" strings. */
function run(r: EngineRule, samples: Array<[number, number | null] | [number, number | null, string]>) {
  const state = newState();
  const out: string[] = [];
  for (const [sec, value, text] of samples) {
    const t = evaluate(r, state, { ts: sec * 1000, value, text: text ?? null });
    if (t) out.push(`${t.kind}@${sec}`);
  }
  return out;
}

describe('high / low thresholds', () => {
  it('raises only after the value stayed above the threshold for the minimum duration', () => {
    const high = rule({ threshold: 80, deadband: 5, durationMs: 60_000 });
    // 81 at 0 s starts the run; at 30 s still pending; at 60 s the minute is complete
    expect(
      run(high, [
        [0, 81],
        [30, 85],
        [60, 82],
      ]),
    ).toEqual(['raise@60']);
    // a dip to 80 (not above) restarts the run: the next minute counts from 40 s
    expect(
      run(high, [
        [0, 81],
        [30, 80],
        [40, 81],
        [90, 90],
        [100, 90],
      ]),
    ).toEqual(['raise@100']);
  });

  it('clears only past the deadband', () => {
    const high = rule({ threshold: 80, deadband: 5 });
    expect(
      run(high, [
        [0, 81], // raise at once (no minimum duration)
        [1, 78], // below the threshold but inside the deadband: still active
        [2, 76],
        [3, 75], // 80 − 5: clear
        [4, 79], // back in the band: no new raise
        [5, 80.5],
      ]),
    ).toEqual(['raise@0', 'clear@3', 'raise@5']);
  });

  it('mirrors the rules for a low limit', () => {
    const low = rule({ type: 'low', threshold: 10, deadband: 2, durationMs: 10_000 });
    expect(
      run(low, [
        [0, 9],
        [5, 8],
        [10, 9.5], // 10 s below 10 → raise
        [11, 11], // inside the deadband
        [12, 12], // 10 + 2 → clear
      ]),
    ).toEqual(['raise@10', 'clear@12']);
  });

  it('ignores replayed and duplicate samples and samples without a value', () => {
    const high = rule({ threshold: 80, durationMs: 20_000 });
    expect(
      run(high, [
        [0, 81],
        [10, null],
        [5, 10], // older than 10 s: a replay, ignored (would otherwise break the run)
        [10, 10], // same time as the last evaluated: a duplicate
        [20, 82],
      ]),
    ).toEqual(['raise@20']);
  });

  it('starts from a state loaded as active and clears it', () => {
    const state = newState({ isActive: true, lastTs: 5_000 });
    const high = rule({ threshold: 80 });
    expect(evaluate(high, state, { ts: 4_000, value: 0, text: null })).toBeNull();
    expect(evaluate(high, state, { ts: 6_000, value: 0, text: null })).toMatchObject({
      kind: 'clear',
      value: 0,
    });
  });
});

describe('rate of change', () => {
  const roc = rule({ type: 'rate_of_change', ratePerMinute: 10, windowMs: 60_000, deadband: 2 });

  it('compares against the value a window ago', () => {
    // +1 per 10 s = 6/min: fine
    const samples: Array<[number, number]> = [];
    for (let s = 0; s <= 60; s += 10) samples.push([s, s / 10]);
    expect(run(roc, samples)).toEqual([]);
    // then +5 per 10 s: at 70 s the slope vs 10 s is (11 − 1)/min = 10/min, not above the limit;
    // at 80 s it is (16 − 2)/min = 14/min
    expect(run(roc, [...samples, [70, 11], [80, 16], [90, 21]])).toEqual(['raise@80']);
  });

  it('is symmetric for falls and clears below rate − deadband', () => {
    expect(
      run(roc, [
        [0, 100],
        [60, 80], // −20/min → raise
        [120, 71], // −9/min: inside the deadband (8..10)
        [180, 64], // −7/min → clear
      ]),
    ).toEqual(['raise@60', 'clear@180']);
  });

  it('needs an earlier point', () => {
    expect(run(roc, [[0, 1000]])).toEqual([]);
  });

  it('keeps a bounded number of points at high sample rates', () => {
    const state = newState();
    const r = rule({ type: 'rate_of_change', ratePerMinute: 1e9, windowMs: 10_000 });
    for (let ts = 0; ts < 1_000_000; ts += 1) evaluate(r, state, { ts, value: ts, text: null });
    expect(state.pointTs.length - state.head).toBeLessThanOrEqual(34);
    expect(state.pointTs.length).toBeLessThan(200);
  });
});

describe('state equals', () => {
  it('matches text or the numeric code', () => {
    const fault = rule({ type: 'state_equals', matchText: 'fault', matchCode: 3 });
    expect(
      run(fault, [
        [0, 1],
        [1, 3],
        [2, 3],
        [3, null, 'run'],
        [4, null, 'fault'],
        [5, 0],
      ]),
    ).toEqual(['raise@1', 'clear@3', 'raise@4', 'clear@5']);
  });

  it('resolves state names, booleans and numbers to codes', () => {
    const states = ['stopped', 'running', 'fault'];
    expect(stateCode({ stateValue: 'fault', valueType: 'state', states })).toBe(2);
    expect(stateCode({ stateValue: '1', valueType: 'state', states })).toBe(1);
    expect(stateCode({ stateValue: 'smoke', valueType: 'state', states })).toBeNull();
    expect(stateCode({ stateValue: 'true', valueType: 'boolean', states: null })).toBe(1);
    expect(stateCode({ stateValue: '0', valueType: 'boolean', states: null })).toBe(0);
    expect(stateCode({ stateValue: '2', valueType: 'boolean', states: null })).toBeNull();
    expect(stateCode({ stateValue: '-1.5', valueType: 'number', states: null })).toBe(-1.5);
    expect(stateCode({ stateValue: 'open', valueType: 'string', states: null })).toBeNull();
  });
});

describe('properties', () => {
  const arbRule = fc.record({
    threshold: fc.integer({ min: -50, max: 50 }),
    deadband: fc.integer({ min: 0, max: 20 }),
    durationMs: fc.integer({ min: 0, max: 30_000 }),
    isLow: fc.boolean(),
  });
  const arbSamples = fc.array(
    fc.record({ gap: fc.integer({ min: 1, max: 10_000 }), value: fc.integer({ min: -100, max: 100 }) }),
    { maxLength: 200 },
  );
  const toSamples = (raw: Array<{ gap: number; value: number }>): EngineSample[] => {
    let ts = 0;
    return raw.map(({ gap, value }) => ({ ts: (ts += gap), value, text: null }));
  };

  it('never raises without the full duration beyond the limit, and never clears inside the deadband', () => {
    fc.assert(
      fc.property(arbRule, arbSamples, ({ threshold, deadband, durationMs, isLow }, raw) => {
        const r = rule({ type: isLow ? 'low' : 'high', threshold, deadband, durationMs });
        const beyond = (v: number) => (isLow ? v < threshold : v > threshold);
        const pastDeadband = (v: number) => (isLow ? v >= threshold + deadband : v <= threshold - deadband);
        const state = newState();
        let runStart: number | null = null;
        let last: 'raise' | 'clear' = 'clear';
        for (const s of toSamples(raw)) {
          runStart = beyond(s.value!) ? (runStart ?? s.ts) : null;
          const t = evaluate(r, state, s);
          if (!t) continue;
          expect(t.kind).not.toBe(last); // raise and clear alternate
          last = t.kind;
          if (t.kind === 'raise') {
            expect(runStart).not.toBeNull();
            expect(s.ts - runStart!).toBeGreaterThanOrEqual(durationMs);
          } else expect(pastDeadband(s.value!)).toBe(true);
        }
      }),
    );
  });

  it('gives the same transitions when old samples are replayed in between', () => {
    fc.assert(
      fc.property(
        arbRule,
        arbSamples,
        fc.array(fc.nat(), { maxLength: 50 }),
        ({ threshold, deadband, durationMs }, raw, replayAt) => {
          const r = rule({ threshold, deadband, durationMs });
          const samples = toSamples(raw);
          const withReplays: EngineSample[] = [];
          samples.forEach((s, i) => {
            withReplays.push(s);
            for (const k of replayAt)
              if (i > 0 && k % samples.length === i) withReplays.push(samples[k % i]!);
          });
          const clean = newState();
          const noisy = newState();
          expect(withReplays.map((s) => evaluate(r, noisy, s)).filter(Boolean)).toEqual(
            samples.map((s) => evaluate(r, clean, s)).filter(Boolean),
          );
        },
      ),
    );
  });
});
