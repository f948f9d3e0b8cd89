import { createHmac } from 'node:crypto';

/** Attempts before a delivery is given up as failed (the back-off between them is in recordAttempt). */
export const MAX_ATTEMPTS = 8;
export const TIMEOUT_MS = 10_000;

/** `sha256=` + hex HMAC-SHA256 of "<timestamp>.<body>": the timestamp is signed so a captured request cannot be replayed later. */
export const signature = ({ secret, timestamp, body }: { secret: string; timestamp: string; body: string }) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export interface SendResult {
  isDelivered: boolean;
  status: number | null;
  error: string | null;
}

/** One POST; never throws. Redirects are not followed: a webhook URL must answer itself. */
export async function sendWebhook({
  url,
  secret,
  event,
  deliveryId,
  payload,
  timeoutMs = TIMEOUT_MS,
}: {
  url: string;
  secret: string;
  event: string;
  deliveryId: number;
  payload: unknown;
  timeoutMs?: number;
}): Promise<SendResult> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GreenMES-Webhook/1',
        'x-greenmes-event': event,
        'x-greenmes-delivery': String(deliveryId),
        'x-greenmes-timestamp': timestamp,
        'x-greenmes-signature': signature({ secret, timestamp, body }),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { isDelivered: true, status: res.status, error: null };
    return { isDelivered: false, status: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const error =
      e.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { isDelivered: false, status: null, error: error.slice(0, 500) };
  }
}
