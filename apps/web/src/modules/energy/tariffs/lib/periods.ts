import { clockMinutes, type TariffPeriod, type TTariffRange } from '@greenmes/contracts';

/** One colour per period, dark to light from critical peak to deep valley (the usual bill colours). */
export const PERIOD_COLORS: Record<TariffPeriod, string> = {
  sharp: '#cf1322',
  peak: '#fa8c16',
  flat: '#fadb14',
  valley: '#52c41a',
  deep_valley: '#13a8a8',
};

/** 00:00, 00:15, … 24:00 */
export const CLOCK_OPTIONS = Array.from({ length: 97 }, (_, i) => {
  const value = `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
  return { value, label: value };
});

/** Segments of a day as [from %, width %] for drawing; ranges left incomplete by the editor are skipped. */
export function daySegments(schedule: Array<Partial<TTariffRange> | undefined>) {
  return schedule.flatMap((r) => {
    if (!r?.period || !r.start || !r.end) return [];
    const from = clockMinutes(r.start);
    const to = clockMinutes(r.end);
    if (!(to > from)) return [];
    return [
      {
        period: r.period,
        start: r.start,
        end: r.end,
        left: (from / 1440) * 100,
        width: ((to - from) / 1440) * 100,
      },
    ];
  });
}

/**
 * Consumption lines "time, quantity" (comma, tab or semicolon): times without an offset are in the
 * enterprise's zone (+08:00). Returns the points or the first unreadable line.
 */
export function parsePoints(
  text: string,
  offset = '+08:00',
): { points: Array<{ ts: string; quantity: number }> } | { badLine: number; text: string } {
  const points: Array<{ ts: string; quantity: number }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [rawTs = '', rawQ = ''] = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const m =
      /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
        rawTs,
      );
    const quantity = Number(rawQ);
    if (!m || rawQ === '' || !Number.isFinite(quantity)) {
      if (i === 0 && points.length === 0 && !/^\d/.test(rawTs)) continue; // a header line
      return { badLine: i + 1, text: line.slice(0, 60) };
    }
    const pad = (v: string | undefined) => (v ?? '0').padStart(2, '0');
    const zone = m[7] ? (m[7] === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : offset;
    points.push({
      ts: `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${m[5]}:${pad(m[6])}${zone}`,
      quantity,
    });
  }
  return { points };
}

/** A summer day of hourly kWh, 100 + 10·h, for trying the calculator on the demo plan. */
export const exampleDay = () =>
  Array.from({ length: 24 }, (_, h) => `2026-07-15 ${String(h).padStart(2, '0')}:00,${100 + 10 * h}`).join(
    '\n',
  );
