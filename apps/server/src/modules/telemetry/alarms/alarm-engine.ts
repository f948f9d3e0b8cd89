/**
 * The alarm state machine of one (rule, metric) pair: pure, synchronous and O(1) per sample
 * (amortised, for rate of change), so that ingest can evaluate every data point in memory and
 * touch the database only when an alarm is raised or cleared.
 *
 * Time is the samples' own timestamps, never the wall clock: a minimum duration of 60 s means 60 s
 * of device time above the threshold, whether the samples arrive live or from an edge's backlog.
 */

export type SampleRuleType = 'high' | 'low' | 'rate_of_change' | 'state_equals';

export interface EngineRule {
  type: SampleRuleType;
  /** high / low: the limit */
  threshold: number;
  /** high / low: in the metric's units; rate of change: in units per minute. Clearing needs this much margin. */
  deadband: number;
  /** the condition must hold this long (sample time) before the alarm is raised */
  durationMs: number;
  /** rate of change: the limit on |slope|, in units per minute */
  ratePerMinute: number;
  /** rate of change: the slope is taken against the value at least this long ago */
  windowMs: number;
  /** state equals: the state as text (string metrics, state names) … */
  matchText: string | null;
  /** … and as the numeric code that stands for it (state index, boolean 0/1, number) */
  matchCode: number | null;
}

export interface EngineSample {
  ts: number;
  value: number | null;
  text: string | null;
}

export interface EvalState {
  /** the newest sample time evaluated; older or equal samples are replays and are ignored */
  lastTs: number;
  /** an alarm of this pair is open (active or acknowledged) */
  isActive: boolean;
  /** sample time at which the current unbroken run of the alarm condition began */
  pendingSince: number | null;
  /** rate of change: retained points, oldest first, from `head` on */
  pointTs: number[];
  pointValue: number[];
  head: number;
}

export interface Transition {
  kind: 'raise' | 'clear';
  ts: number;
  value: number | null;
  text: string | null;
}

/** Points kept per window for rate of change: bounds memory whatever the sample rate. */
const POINTS_PER_WINDOW = 32;

export function newState({ isActive = false, lastTs = -Infinity } = {}): EvalState {
  return { lastTs, isActive, pendingSince: null, pointTs: [], pointValue: [], head: 0 };
}

/** alarm: the condition holds; normal: it is clear past the deadband; hold: in between; unknown: no verdict. */
type Level = 'alarm' | 'normal' | 'hold' | 'unknown';

function levelOf(rule: EngineRule, state: EvalState, s: EngineSample): Level {
  switch (rule.type) {
    case 'high':
      if (s.value === null) return 'unknown';
      return s.value > rule.threshold
        ? 'alarm'
        : s.value <= rule.threshold - rule.deadband
          ? 'normal'
          : 'hold';
    case 'low':
      if (s.value === null) return 'unknown';
      return s.value < rule.threshold
        ? 'alarm'
        : s.value >= rule.threshold + rule.deadband
          ? 'normal'
          : 'hold';
    case 'state_equals':
      if (s.value === null && s.text === null) return 'unknown';
      return (s.text !== null && s.text === rule.matchText) ||
        (s.value !== null && rule.matchCode !== null && s.value === rule.matchCode)
        ? 'alarm'
        : 'normal';
    case 'rate_of_change': {
      if (s.value === null) return 'unknown';
      const slope = rateOfChange(rule, state, s.ts, s.value);
      if (slope === null) return 'unknown';
      const rate = Math.abs(slope);
      return rate > rule.ratePerMinute
        ? 'alarm'
        : rate <= rule.ratePerMinute - rule.deadband
          ? 'normal'
          : 'hold';
    }
  }
}

/**
 * Slope in units per minute between this sample and the newest retained point at least a window
 * old (or the oldest one, while less than a window of history exists); null without an earlier point.
 * Points are retained at most every window/32, so the reference is at most that much older than ideal.
 */
function rateOfChange(rule: EngineRule, st: EvalState, ts: number, value: number): number | null {
  const horizon = ts - rule.windowMs;
  while (st.pointTs.length - st.head >= 2 && st.pointTs[st.head + 1]! <= horizon) st.head++;
  if (st.head > 64 && st.head * 2 > st.pointTs.length) {
    st.pointTs = st.pointTs.slice(st.head);
    st.pointValue = st.pointValue.slice(st.head);
    st.head = 0;
  }
  const hasRef = st.pointTs.length > st.head;
  const refTs = hasRef ? st.pointTs[st.head]! : 0;
  const refValue = hasRef ? st.pointValue[st.head]! : 0;
  const newest = st.pointTs.length ? st.pointTs[st.pointTs.length - 1]! : -Infinity;
  if (ts - newest >= rule.windowMs / POINTS_PER_WINDOW) {
    st.pointTs.push(ts);
    st.pointValue.push(value);
  }
  if (!hasRef || refTs >= ts) return null;
  return ((value - refValue) / (ts - refTs)) * 60_000;
}

/**
 * Feeds one sample to a pair's state; returns the transition it causes, if any. Mutates `state`.
 * Raise: the condition held on every sample for at least durationMs. Clear: a sample past the
 * deadband (a sample between threshold and deadband neither clears nor starts a new run).
 */
export function evaluate(rule: EngineRule, state: EvalState, s: EngineSample): Transition | null {
  if (!(s.ts > state.lastTs)) return null;
  state.lastTs = s.ts;
  const level = levelOf(rule, state, s);
  if (level === 'unknown') return null;
  if (level === 'alarm') {
    if (state.isActive) return null;
    state.pendingSince ??= s.ts;
    if (s.ts - state.pendingSince < rule.durationMs) return null;
    state.isActive = true;
    state.pendingSince = null;
    return { kind: 'raise', ts: s.ts, value: s.value, text: s.text };
  }
  state.pendingSince = null;
  if (level === 'normal' && state.isActive) {
    state.isActive = false;
    return { kind: 'clear', ts: s.ts, value: s.value, text: s.text };
  }
  return null;
}

/**
 * The numeric code a state_equals value stands for on a metric: a state's index (by name or as a
 * number), 1/0 for booleans, the number itself for numbers; null for strings (matched as text).
 */
export function stateCode({
  stateValue,
  valueType,
  states,
}: {
  stateValue: string;
  valueType: string;
  states: string[] | null;
}): number | null {
  const asNumber = /^-?\d+(\.\d+)?$/.test(stateValue.trim()) ? Number(stateValue) : null;
  switch (valueType) {
    case 'state': {
      const index = states?.indexOf(stateValue) ?? -1;
      if (index >= 0) return index;
      return asNumber !== null && Number.isInteger(asNumber) ? asNumber : null;
    }
    case 'boolean':
      if (/^(true|on|yes)$/i.test(stateValue)) return 1;
      if (/^(false|off|no)$/i.test(stateValue)) return 0;
      return asNumber === 0 || asNumber === 1 ? asNumber : null;
    case 'number':
      return asNumber;
    default:
      return null;
  }
}
