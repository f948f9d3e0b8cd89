import { sampleKey, type Sample, type TSampleValue } from './sample.ts';

export interface ReportingRule {
  /** absolute; numbers only — strings and booleans report on any change */
  deadband: number;
  /** re-send the last value after this many seconds without a report; 0 = never */
  keepAliveS: number;
}

interface MetricState {
  rule: ReportingRule;
  /** last value reported (the deadband compares against it, not against the last reading) */
  reported: TSampleValue;
  reportedAt: number;
  /** the freshest reading, re-sent by the keep-alive */
  latest: Sample;
}

const DEFAULT_RULE: ReportingRule = { deadband: 0, keepAliveS: 0 };

/** Report-by-exception with a per-metric deadband plus a periodic keep-alive. Pure: time comes in as arguments. */
export class ReportByException {
  private readonly state = new Map<string, MetricState>();
  private readonly rules = new Map<string, ReportingRule>();

  constructor(rules: Array<{ device: string; metric: string } & ReportingRule> = []) {
    for (const r of rules) this.rules.set(sampleKey(r), { deadband: r.deadband, keepAliveS: r.keepAliveS });
  }

  /** The sample to report, or null when it is inside the deadband of the last reported value. */
  offer(sample: Sample): Sample | null {
    const key = sampleKey(sample);
    const s = this.state.get(key);
    if (!s) {
      const rule = this.rules.get(key) ?? DEFAULT_RULE;
      this.state.set(key, { rule, reported: sample.value, reportedAt: sample.ts, latest: sample });
      return sample;
    }
    if (sample.ts <= s.latest.ts) return null; // out of order or repeated reading
    s.latest = sample;
    if (!changed(s.reported, sample.value, s.rule.deadband)) return null;
    s.reported = sample.value;
    s.reportedAt = sample.ts;
    return sample;
  }

  /** Keep-alive reports due at `now`: the latest value of each metric silent for keepAliveS, stamped `now`. */
  due(now: number): Sample[] {
    const out: Sample[] = [];
    for (const s of this.state.values()) {
      if (s.rule.keepAliveS <= 0 || now - s.reportedAt < s.rule.keepAliveS * 1000) continue;
      if (now <= s.latest.ts) continue;
      const sample = { ...s.latest, ts: now };
      // s.latest keeps the device's own timestamp: a device clock behind ours must not look out of order
      s.reported = sample.value;
      s.reportedAt = now;
      out.push(sample);
    }
    return out;
  }
}

export function changed(before: TSampleValue, after: TSampleValue, deadband: number): boolean {
  if (typeof before === 'number' && typeof after === 'number') {
    if (Number.isNaN(before) || Number.isNaN(after)) return !Object.is(before, after);
    // a deadband of 0 reports every change; otherwise the change must exceed it
    return deadband === 0 ? before !== after : Math.abs(after - before) > deadband;
  }
  return before !== after;
}
