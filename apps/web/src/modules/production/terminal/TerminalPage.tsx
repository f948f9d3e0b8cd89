import { useRef, useState } from 'react';
import { Alert, Button, Card, Input, Space, Spin, Tag, type InputRef } from 'antd';
import { ArrowLeftOutlined, LogoutOutlined, ScanOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TWorkerIdentity } from '@greenmes/contracts';
import { LanguageSwitch } from '../../../shared/components/LanguageSwitch.tsx';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { useMe } from '../../platform/hooks/use-me.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { LIVE_FALLBACK_POLL_MS, useProductionEvents } from '../hooks/use-production-events.ts';
import { parseCardCode } from '../lib/card-code.ts';
import { OPERATION_COLOR } from '../lib/work-order-status.ts';
import { OfflineBanner } from './OfflineBanner.tsx';
import { OperationPanel } from './OperationPanel.tsx';
import { useReportQueue } from './use-report-queue.ts';
import { WorkerSignIn } from './WorkerSignIn.tsx';
import styles from './terminal.module.css';

const WORKER_KEY = 'greenmes.terminal.worker';

/** The signed-in operator outlives a reload of the tab, not the browser session. */
function storedWorker(): TWorkerIdentity | null {
  try {
    const raw = sessionStorage.getItem(WORKER_KEY);
    return raw ? (JSON.parse(raw) as TWorkerIdentity) : null;
  } catch {
    return null;
  }
}
function storeWorker(worker: TWorkerIdentity | null) {
  try {
    if (worker) sessionStorage.setItem(WORKER_KEY, JSON.stringify(worker));
    else sessionStorage.removeItem(WORKER_KEY);
  } catch {
    // storage disabled: the sign-in lasts as long as the page
  }
}

/** A scan that names nothing: said in the operator's language. */
class ScanError extends Error {
  constructor(
    readonly key: 'notFound' | 'noOperation' | 'invalid',
    readonly params: Record<string, string | number>,
  ) {
    super(key);
  }
}

/**
 * 生产终端: a full-screen page for a tablet at the work center. The operator signs in (badge or
 * employee no. + PIN), scans an operation card (`WO-…/20`) or an order number (then picks the operation)
 * and reports start, pause, resume, quantities and finish on it. Through a Wi-Fi gap the reports wait
 * in the offline queue (use-report-queue.ts) and the banner says so.
 */
export function TerminalPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [worker, setWorker] = useState<TWorkerIdentity | null>(storedWorker);
  const [scan, setScan] = useState('');
  const [picked, setPicked] = useState<{ orderId: string; seqNo: number | null } | null>(null);
  const scanRef = useRef<InputRef>(null);
  // kept across worker sign-outs: a shift change in a Wi-Fi gap must not hide the last shift's reports
  const queue = useReportQueue({ tenantId: me?.tenant.id, userId: me?.user.id });

  const live = useProductionEvents({ workOrderId: picked?.orderId ?? null, isEnabled: picked !== null });
  const order = useQuery({
    queryKey: [...workOrderKeys.workOrders, 'one', picked?.orderId],
    queryFn: ({ signal }) => workOrdersApi.get(picked!.orderId, signal),
    enabled: picked !== null,
    // others report on the same order from their terminals: pushed by the live channel, else polled
    refetchInterval: live.isLive ? LIVE_FALLBACK_POLL_MS : 10_000,
  });
  const lookup = useMutation({
    // offline, say so at once instead of waiting for the network
    networkMode: 'always',
    mutationFn: async (text: string) => {
      const card = parseCardCode(text);
      if (!card) throw new ScanError('invalid', { code: text });
      const page = await workOrdersApi.list({ q: card.number, pageSize: 20 });
      const hit = page.items.find((w) => w.number.toUpperCase() === card.number);
      if (!hit) throw new ScanError('notFound', { number: card.number });
      const full = await workOrdersApi.get(hit.id);
      if (card.seqNo !== null && !full.operations.some((o) => o.seqNo === card.seqNo))
        throw new ScanError('noOperation', { number: full.number, seq: card.seqNo });
      return { orderId: full.id, seqNo: card.seqNo };
    },
    onSuccess: (next) => setPicked(next),
    onSettled: () => {
      setScan('');
      scanRef.current?.focus();
    },
  });
  const signIn = (next: TWorkerIdentity | null) => {
    storeWorker(next);
    setWorker(next);
    if (!next) setPicked(null);
  };
  const operation =
    picked?.seqNo != null ? order.data?.operations.find((o) => o.seqNo === picked.seqNo) : undefined;

  return (
    <div className={styles.root} data-testid="terminal-page">
      <header className={styles.bar}>
        <span className={styles.brand}>GreenMES · {t('terminal.title')}</span>
        <span className={styles.tenant}>{me?.tenant.name}</span>
        {worker && (
          <Space size={12}>
            <span className={styles.worker} data-testid="terminal-worker">
              <UserOutlined /> {worker.name} ({worker.employeeNo})
            </span>
            {worker.teamName && <Tag>{worker.teamName}</Tag>}
            <Button
              size="large"
              icon={<LogoutOutlined />}
              onClick={() => signIn(null)}
              data-testid="terminal-sign-out"
            >
              {t('terminal.signIn.signOut')}
            </Button>
          </Space>
        )}
        <LanguageSwitch />
        <Link to="/">
          <Button size="large" icon={<ArrowLeftOutlined />} data-testid="terminal-exit">
            {t('terminal.exit')}
          </Button>
        </Link>
      </header>
      <main className={styles.main}>
        <OfflineBanner queue={queue} />
        {!worker ? (
          <WorkerSignIn onSignedIn={signIn} />
        ) : (
          <>
            <Card size="small">
              <div className={styles.big}>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    ref={scanRef}
                    size="large"
                    autoFocus
                    autoComplete="off"
                    prefix={<ScanOutlined />}
                    placeholder={t('terminal.scan.placeholder')}
                    aria-label={t('terminal.scan.label')}
                    value={scan}
                    onChange={(e) => setScan(e.target.value)}
                    onPressEnter={() => scan.trim() && lookup.mutate(scan.trim())}
                    data-testid="terminal-scan"
                  />
                  <Button
                    size="large"
                    type="primary"
                    style={{ minWidth: 120 }}
                    loading={lookup.isPending}
                    onClick={() => scan.trim() && lookup.mutate(scan.trim())}
                    data-testid="terminal-scan-submit"
                  >
                    {t('terminal.scan.submit')}
                  </Button>
                </Space.Compact>
              </div>
              <div style={{ color: '#8c8c8c', marginTop: 6 }}>{t('terminal.scan.hint')}</div>
              {lookup.isError && (
                <Alert
                  style={{ marginTop: 12 }}
                  type="error"
                  showIcon
                  data-testid="terminal-scan-error"
                  title={
                    lookup.error instanceof ScanError
                      ? t(`terminal.scan.${lookup.error.key}`, lookup.error.params)
                      : errorMessage(lookup.error, t)
                  }
                />
              )}
            </Card>
            {picked && order.isPending && <Spin size="large" />}
            {order.isError && <Alert type="error" showIcon title={errorMessage(order.error, t)} />}
            {picked && order.data && !operation && (
              <Card
                title={`${order.data.number} · ${order.data.productCode} ${order.data.productName} — ${t('terminal.scan.pickOperation')}`}
                data-testid="terminal-operations"
              >
                <div className={styles.opGrid}>
                  {order.data.operations.map((o) => (
                    <Button
                      key={o.id}
                      className={styles.opButton}
                      onClick={() => setPicked({ orderId: picked.orderId, seqNo: o.seqNo })}
                      data-testid={`terminal-pick-${o.seqNo}`}
                    >
                      <span className={styles.opSeq}>
                        {o.seqNo} {o.name}
                      </span>
                      <span>
                        <Tag color={OPERATION_COLOR[o.status]}>{t(`workOrders.op.status.${o.status}`)}</Tag>
                        {o.goodQuantity} / {o.plannedQuantity}
                      </span>
                      <span style={{ color: '#8c8c8c' }}>
                        {o.workCenterCode} {o.workCenterName}
                      </span>
                    </Button>
                  ))}
                </div>
              </Card>
            )}
            {order.data && operation && (
              <>
                <Space>
                  <Button
                    size="large"
                    icon={<ArrowLeftOutlined />}
                    onClick={() => setPicked({ orderId: picked!.orderId, seqNo: null })}
                    data-testid="terminal-back-to-operations"
                  >
                    {t('terminal.scan.pickOperation')}
                  </Button>
                </Space>
                <OperationPanel
                  key={operation.id}
                  order={order.data}
                  operation={operation}
                  worker={worker}
                  queue={queue}
                />
              </>
            )}
          </>
        )}
      </main>
    </div>
  );
}
