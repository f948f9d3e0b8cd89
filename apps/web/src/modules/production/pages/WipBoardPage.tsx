import { useRef } from 'react';
import { Alert, Button, Empty, Select, Spin, Tag } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { TWipBoard, TWipOperation } from '@greenmes/contracts';
import { usePlantTree } from '../../modeling/hooks/use-modeling-queries.ts';
import { wipApi, wipKeys } from '../api/wip-api.ts';
import { LIVE_FALLBACK_POLL_MS, useProductionEvents } from '../hooks/use-production-events.ts';
import { AndonFlags } from '../components/AndonFlags.tsx';
import { OPERATION_COLOR } from '../lib/work-order-status.ts';
import styles from './wip-board.module.css';

/** Without the live channel, reports reach the board within this. */
const REFRESH_MS = 5_000;

type Totals = TWipBoard['totals'];

function Figures(props: { totals: Pick<Totals, 'waiting' | 'inProcess' | 'done'>; testId: string }) {
  const { t } = useTranslation();
  const figure = (key: 'waiting' | 'inProcess' | 'done') => (
    <div className={styles.figure}>
      <div className={styles.figureLabel}>{t(`wip.${key}`)}</div>
      <div className={`${styles.figureValue} ${styles[key]}`} data-testid={`${props.testId}-${key}`}>
        {props.totals[key]}
      </div>
    </div>
  );
  return (
    <div className={styles.figures}>
      {figure('waiting')}
      {figure('inProcess')}
      {figure('done')}
    </div>
  );
}

function OperationRow({ op }: { op: TWipOperation }) {
  const { t } = useTranslation();
  return (
    <div className={styles.row} data-testid={`wip-op-${op.workOrderNumber}-${op.seqNo}`}>
      <div className={styles.rowHead}>
        <span className={styles.rowOrder}>{op.workOrderNumber}</span>
        <span>
          {op.seqNo} {op.name}{' '}
          <Tag color={OPERATION_COLOR[op.status]}>{t(`workOrders.op.status.${op.status}`)}</Tag>
        </span>
      </div>
      <AndonFlags
        exceptions={op.exceptions}
        pauseReason={op.status === 'paused' ? op.pauseReason : null}
        testId={`wip-flags-${op.workOrderNumber}-${op.seqNo}`}
      />
      <div className={styles.rowProduct}>
        {op.productCode} {op.productName} · {op.unitCode}
        {op.overReported !== '0' && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {t('wip.overReported', { qty: op.overReported })}
          </Tag>
        )}
      </div>
      <div className={styles.rowFigures}>
        <Figures totals={op} testId={`wip-op-${op.workOrderNumber}-${op.seqNo}`} />
      </div>
    </div>
  );
}

/** 在制品看板: per work center, each open order's quantities waiting, in process and done at its operations. */
export function WipBoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const siteId = params.get('siteId') ?? undefined;
  const ref = useRef<HTMLDivElement>(null);
  const tree = usePlantTree();
  const sites = (tree.data?.nodes ?? []).filter((n) => n.kind === 'site');
  const live = useProductionEvents();
  const board = useQuery({
    queryKey: [...wipKeys.board, siteId ?? null],
    queryFn: ({ signal }) => wipApi.board({ siteId }, signal),
    refetchInterval: live.isLive ? LIVE_FALLBACK_POLL_MS : REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const data = board.data;

  return (
    <div className={styles.board} ref={ref} data-testid="wip-board">
      <div className={styles.header}>
        <span className={styles.title}>{t('wip.title')}</span>
        <Select
          style={{ minWidth: 200 }}
          size="large"
          allowClear
          placeholder={t('wip.allSites')}
          value={siteId}
          options={sites.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          onChange={(v?: string) => setParams(v ? { siteId: v } : {})}
          data-testid="wip-site"
        />
        {data && (
          <>
            <div className={styles.totals}>
              <Figures totals={data.totals} testId="wip-total" />
            </div>
            <Tag color={data.explicitTransfers ? 'orange' : 'blue'}>
              {t(data.explicitTransfers ? 'wip.explicitTransfers' : 'wip.automaticTransfers')}
            </Tag>
            <span data-testid="wip-refreshed">
              {t(live.isLive ? 'liveProduction.refreshedLive' : 'wip.refreshed', {
                time: dayjs(data.generatedAt).format('HH:mm:ss'),
              })}
            </span>
          </>
        )}
        <Button
          icon={<FullscreenOutlined />}
          onClick={() =>
            document.fullscreenElement
              ? void document.exitFullscreen()
              : void ref.current?.requestFullscreen()
          }
        >
          {t('wip.fullscreen')}
        </Button>
      </div>
      {board.isError && !data && <Alert type="error" showIcon title={String(board.error)} />}
      {!data ? (
        <Spin size="large" style={{ display: 'block', margin: 64 }} data-testid="wip-loading" />
      ) : data.workCenters.length === 0 ? (
        <Empty description={t('wip.noWorkCenters')} />
      ) : (
        <div className={styles.columns}>
          {data.workCenters.map((wc) => (
            <div key={wc.id} className={styles.column} data-testid={`wip-wc-${wc.code}`}>
              <div className={styles.columnHead}>
                <div className={styles.columnTitle}>
                  {wc.code} {wc.name}
                  <span style={{ fontSize: 14, marginLeft: 8, fontWeight: 400 }}>
                    {t('wip.orders', { count: wc.totals.orders })}
                  </span>
                </div>
                <Figures totals={wc.totals} testId={`wip-wc-${wc.code}`} />
              </div>
              {wc.operations.length === 0 ? (
                <div className={styles.empty}>{t('wip.empty')}</div>
              ) : (
                wc.operations.map((op) => <OperationRow key={op.operationId} op={op} />)
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
