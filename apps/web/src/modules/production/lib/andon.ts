import type { AndonKind, AndonStatus } from '@greenmes/contracts';

/** Ant Design tag colours per kind: material yellow, equipment red, quality purple. */
export const ANDON_KIND_COLOR: Record<AndonKind, string> = {
  material_shortage: 'gold',
  equipment_fault: 'red',
  quality_issue: 'purple',
  other: 'blue',
};

export const ANDON_STATUS_COLOR: Record<AndonStatus, string> = {
  open: 'red',
  acknowledged: 'orange',
  resolved: 'green',
};

/** Escalation level 0 … 3+: the row's tint grows hotter with the level. */
export const levelColor = (level: number) => ['default', 'orange', 'volcano', 'magenta'][Math.min(level, 3)]!;
export const levelBackground = (level: number) =>
  ['transparent', '#fff7e6', '#fff1f0', '#ffd6e7'][Math.min(level, 3)]!;

/** Elapsed time as H:MM:SS (or D d H:MM:SS past a day). */
export function elapsed(fromIso: string, toMs: number): string {
  const total = Math.max(0, Math.floor((toMs - new Date(fromIso).getTime()) / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}
