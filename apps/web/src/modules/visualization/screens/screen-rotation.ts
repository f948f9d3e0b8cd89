import type { ScreenKey } from '@greenmes/contracts';

/**
 * The screens in the picker's order: the contracts' SCREEN_KEYS, restated because a value import from the
 * contracts pulls zod into every screen's download. The two checks below fail to compile when they differ.
 */
export const SCREEN_KEYS = ['summary', 'production', 'equipment', 'energy', 'carbon'] as const;
type Listed = (typeof SCREEN_KEYS)[number];
export const everyScreenListed: [ScreenKey] extends [Listed] ? true : never = true;
export const nothingElseListed: [Listed] extends [ScreenKey] ? true : never = true;

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

/** The site a screen shows (`?siteId=`), or null for the whole enterprise. */
export const siteOf = (search: URLSearchParams): string | null => search.get('siteId') || null;

/**
 * The query string of a screen, as the picker builds it and each screen passes it on to the next: the rotation
 * (when there is one) and the site (when one is picked).
 */
export function rotationSearch(keys: ScreenKey[], intervalS: number, siteId: string | null = null): string {
  const params = new URLSearchParams();
  if (keys.length >= 2) {
    params.set('rotate', keys.join(','));
    params.set('interval', String(intervalS));
  }
  if (siteId) params.set('siteId', siteId);
  const search = params.toString().replaceAll('%2C', ',');
  return search ? `?${search}` : '';
}
