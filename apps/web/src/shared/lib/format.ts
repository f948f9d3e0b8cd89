import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** "3 minutes ago" / "3 分钟前", in the language dayjs is set to. */
export function formatFromNow(value: string | number | null | undefined): string {
  return value ? dayjs(value).fromNow() : '—';
}
