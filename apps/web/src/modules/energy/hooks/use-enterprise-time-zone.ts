import { useMe } from '../../platform/hooks/use-me.ts';

/** The enterprise's time zone (Settings): report periods are reckoned in it, not in the browser's. */
export function useEnterpriseTimeZone(): string {
  return useMe().data?.tenant.timezone ?? 'Asia/Shanghai';
}
