import { useCallback, useRef } from 'react';

/**
 * The terminal's idempotency key per intent: the first submission of an intent (this start, this
 * quantity dialog) takes a fresh `crypto.randomUUID()`, every retry of it the same one — so a double
 * tap or a retry after a lost answer never counts twice. A success or a new intent forgets it.
 */
export function useClientId() {
  const pending = useRef<{ intent: string; clientId: string } | null>(null);
  const take = useCallback((intent: string) => {
    if (pending.current?.intent !== intent) pending.current = { intent, clientId: newClientId() };
    return pending.current.clientId;
  }, []);
  const forget = useCallback(() => {
    pending.current = null;
  }, []);
  return { take, forget };
}

/** randomUUID needs a secure context; a tablet on the plant's LAN over plain http falls back to the same v4 UUID. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
