/**
 * Wall-clock times in the enterprise's time zone, as people type them into Excel ("2026-03-01 08:00"),
 * to and from instants. A text with an offset or Z ("2026-03-01T08:00:00+08:00") is taken as it is.
 */

const clocks = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string) {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clocks.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `ms`, as if it were UTC (so UTC arithmetic gives the offset). */
function wallClock(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    clock(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's UTC offset in ms at an instant (whole seconds: the wall clock has no milliseconds). */
function offsetAt(ms: number, timeZone: string): number {
  const second = Math.floor(ms / 1000) * 1000;
  return wallClock(second, timeZone) - second;
}

const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "YYYY-MM-DD[ HH:mm[:ss[.SSS]]]" (or with /) in `timeZone` → ISO instant; null when it is not such a time. */
export function parseLocalTime(text: string, timeZone: string): string | null {
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const m = LOCAL.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((x) => (x === undefined ? undefined : Number(x)));
  const wall = Date.UTC(y!, mo! - 1, d, h, mi, s, Number((m[7] ?? '').padEnd(3, '0')));
  const back = new Date(wall);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d || h! > 23 || mi! > 59 || s! > 59)
    return null;
  // the offset at a first guess, then at the instant itself (a DST change between them)
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone)).toISOString();
}

/** ISO instant → "YYYY-MM-DD HH:mm" in `timeZone`, with ":ss" and ".SSS" only when they are not zero. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  const text = new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 23).replace('T', ' ');
  return text.replace(/\.000$/, '').replace(/:00$/, '');
}
