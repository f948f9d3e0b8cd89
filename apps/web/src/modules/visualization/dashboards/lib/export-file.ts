import type { TDashboardFile } from '@greenmes/contracts';

/** Hands the exported dashboard to the browser as a .json download. */
export function downloadDashboardFile(file: TDashboardFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${file.dashboard.name.replace(/[\\/:*?"<>|]+/g, '_')}.dashboard.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
