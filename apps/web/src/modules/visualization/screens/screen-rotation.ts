import { SCREEN_KEYS, type ScreenKey } from '@greenmes/contracts';

export const MIN_INTERVAL_S = 10;
export const DEFAULT_INTERVAL_S = 30;

export const isScreenKey = (key: string | undefined): key is ScreenKey =>
  (SCREEN_KEYS as readonly string[]).includes(key ?? '');

/**
 * The rotation a query string asks for (`?rotate=production,energy&interval=30`): the listed screens in order,
 * with the current one first when the list leaves it out; unknown keys and repeats are dropped. Null when there
 * is nothing to rotate to.
 */
export function rotationOf(
  current: ScreenKey,
  search: URLSearchParams,
): { keys: ScreenKey[]; intervalS: number } | null {
  const listed = (search.get('rotate') ?? '').split(',').map((k) => k.trim());
  const known = [...new Set(listed.filter(isScreenKey))];
  const keys = known.includes(current) ? known : [current, ...known];
  if (keys.length < 2) return null;
  const interval = Number(search.get('interval'));
  const intervalS =
    Number.isFinite(interval) && interval > 0 ? Math.max(MIN_INTERVAL_S, interval) : DEFAULT_INTERVAL_S;
  return { keys, intervalS };
}

/** The screen after `current` in the rotation, wrapping round. */
export const nextScreen = (keys: ScreenKey[], current: ScreenKey) =>
  keys[(keys.indexOf(current) + 1) % keys.length]!;

/** The query string of a rotation, as the picker builds it and each screen passes it on to the next. */
export function rotationSearch(keys: ScreenKey[], intervalS: number): string {
  return keys.length < 2 ? '' : `?rotate=${keys.join(',')}&interval=${intervalS}`;
}
