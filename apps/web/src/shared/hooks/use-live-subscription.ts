import { useEffect, useRef, useState } from 'react';
import type { TLiveServerMessage } from '@greenmes/contracts';
import { liveClient, type LiveTarget } from '../lib/live-client.ts';

/**
 * Subscribes while mounted (and while `target` is set). Answers whether the subscription is live:
 * when it is not, the caller falls back to polling.
 */
export function useLiveSubscription(options: {
  target: LiveTarget | null;
  maxRate?: number;
  onMessage: (message: TLiveServerMessage) => void;
}): { isLive: boolean } {
  const [isLive, setLive] = useState(false);
  const onMessage = useRef(options.onMessage);
  useEffect(() => {
    onMessage.current = options.onMessage;
  });
  // the target object is usually rebuilt on each render; subscribe again only when its content changes
  const targetKey = options.target ? JSON.stringify(options.target) : null;
  const { maxRate } = options;

  useEffect(() => {
    if (!targetKey) return;
    const unsubscribe = liveClient.subscribe({
      target: JSON.parse(targetKey) as LiveTarget,
      maxRate,
      onMessage: (message) => onMessage.current(message),
      onActiveChange: setLive,
    });
    return () => {
      unsubscribe();
      setLive(false);
    };
  }, [targetKey, maxRate]);

  return { isLive: targetKey !== null && isLive };
}
