/**
 * An operation card's code, what its QR code holds and a scanner types: the work-order number, "/", the
 * operation's seq no. — `WO-20261206-0001/20`. A work-order number alone names the order (the operator
 * then picks the operation). Numbers never contain "/", so the last "/" splits the two.
 */
export function cardCodeOf(workOrderNumber: string, seqNo: number): string {
  return `${workOrderNumber}/${seqNo}`;
}

export type CardCode = { number: string; seqNo: number | null };

/** Scanners may add spaces or a lower-case layout: trimmed and upper-cased; null when it is no card. */
export function parseCardCode(text: string): CardCode | null {
  const match = /^([A-Z0-9][A-Z0-9._-]*)(?:\/(\d{1,6}))?$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { number: match[1]!, seqNo: match[2] === undefined ? null : Number(match[2]) };
}
