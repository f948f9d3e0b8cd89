type Cell = string | number | null | undefined;

function csvCell(cell: Cell): string {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Saves rows as a CSV file that Excel opens directly: the UTF-8 byte-order mark makes Excel read
 * Chinese text correctly, and numbers are written unformatted so they stay numbers.
 */
export function downloadCsv(fileName: string, rows: Cell[][]): void {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
