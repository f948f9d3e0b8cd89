import { useState } from 'react';
import { Alert, Button, Empty, Input, Radio, Segmented, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TRACE_DIRECTIONS, type TTraceNode, type TraceDirection } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { lotsApi } from '../../inventory/api/lots-api.ts';
import { genealogyApi, genealogyKeys, type TraceTarget } from '../api/genealogy-api.ts';
import { LotSerialsPopover } from '../components/LotSerialsPopover.tsx';

/** One lot of the tree: number, material, the edge's quantity and order, origin, flags and serial numbers. */
function NodeTitle(props: { node: TTraceNode }) {
  const { t } = useTranslation();
  const n = props.node;
  return (
    <span data-testid={`trace-node-${n.lotNumber}`}>
      <strong>{n.lotNumber}</strong> · {n.materialCode} {n.materialName}
      {n.quantity !== null && (
        <>
          {' '}
          · {t('genealogy.quantity')} <strong>{n.quantity}</strong> {n.unitCode}
        </>
      )}
      {n.workOrderId && (
        <>
          {' '}
          · <Link to={`/production/work-orders/${n.workOrderId}`}>{n.workOrderNumber}</Link>
        </>
      )}{' '}
      <Tag color={n.origin === 'produced' ? 'purple' : 'blue'}>{t(`lots.origin.${n.origin}`)}</Tag>
      {n.supplier && (
        <Typography.Text type="secondary">
          {[n.supplier, n.supplierLot].filter(Boolean).join(' · ')}{' '}
        </Typography.Text>
      )}
      {n.isBackflush && <Tag color="orange">{t('genealogy.backflush')}</Tag>}
      {n.repeated && <Tag color="red">{t('genealogy.repeated')}</Tag>}
      {n.serialCount > 0 && (
        <LotSerialsPopover lotId={n.lotId} lotNumber={n.lotNumber} count={n.serialCount} />
      )}
      <Typography.Text type="secondary">
        {t('genealogy.onHand')} {n.onHand}
      </Typography.Text>
    </span>
  );
}

const toTree = (n: TTraceNode, key: string): TreeDataNode => ({
  key,
  title: <NodeTitle node={n} />,
  children: n.children.map((c, i) => toTree(c, `${key}-${i}`)),
});

type ScanMode = 'lot' | 'serial';

/**
 * 批次追溯: a lot number, or a piece's serial number (its lot), typed or scanned, traced backward or forward
 * as a tree, exportable to Excel.
 */
export function GenealogyPage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [params, setParams] = useSearchParams();
  const direction = (params.get('direction') as TraceDirection | null) ?? 'backward';
  const lotId = params.get('lotId') ?? undefined;
  const lotNumber = params.get('lotNumber') ?? undefined;
  const serialNumber = params.get('serialNumber') ?? undefined;
  const [mode, setMode] = useState<ScanMode>(serialNumber ? 'serial' : 'lot');
  const [text, setText] = useState(lotNumber ?? serialNumber ?? '');
  // merged into the address as it is now (window.location), not as this render saw it: the router re-renders
  // in a transition that a scan typed right after a click can overtake, and the click's direction was lost
  const set = (next: Record<string, string | undefined>) => {
    const merged = { ...Object.fromEntries(new URLSearchParams(window.location.search)), ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>);
  };
  // a number shared by several materials: the user picks the lot first
  const candidates = useQuery({
    queryKey: ['inventory', 'lots', 'scan', lotNumber],
    queryFn: ({ signal }) => lotsApi.list({ lotNumber, pageSize: 50 }, signal),
    enabled: !lotId && !!lotNumber,
  });
  const target: TraceTarget | null = lotId
    ? { lotId, direction }
    : serialNumber
      ? { serialNumber, direction }
      : candidates.data?.items.length === 1
        ? { lotId: candidates.data.items[0]!.id, direction }
        : null;
  const trace = useQuery({
    queryKey: [...genealogyKeys.trace, target],
    queryFn: ({ signal }) => genealogyApi.trace(target!, signal),
    enabled: target !== null,
  });
  const many = !lotId && (candidates.data?.items.length ?? 0) > 1;
  const none = !lotId && candidates.data?.items.length === 0;

  return (
    <PageCard
      title={t('genealogy.title')}
      testId="genealogy-page"
      filters={
        <Space wrap>
          <Segmented<ScanMode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'lot', label: t('genealogy.scan') },
              { value: 'serial', label: t('genealogy.serial') },
            ]}
            data-testid="trace-mode"
          />
          <Input.Search
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t(mode === 'serial' ? 'genealogy.serialPlaceholder' : 'genealogy.scanPlaceholder')}
            enterButton={t('genealogy.trace')}
            aria-label={t(mode === 'serial' ? 'genealogy.serial' : 'genealogy.scan')}
            style={{ width: 380 }}
            onSearch={(v) =>
              v.trim() &&
              set(
                mode === 'serial'
                  ? { serialNumber: v.trim(), lotNumber: undefined, lotId: undefined }
                  : { lotNumber: v.trim(), serialNumber: undefined, lotId: undefined },
              )
            }
            data-testid="trace-lot-input"
          />
          <Segmented<TraceDirection>
            value={direction}
            onChange={(d) => set({ direction: d })}
            options={TRACE_DIRECTIONS.map((d) => ({ value: d, label: t(`genealogy.direction.${d}`) }))}
            data-testid="trace-direction"
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!trace.data}
            onClick={() =>
              // the lot the trace found, by id: a serial's or a number's lot, whatever the target was
              void genealogyApi
                .exportTrace({
                  lotId: trace.data!.root.lotId,
                  lotNumber: trace.data!.root.lotNumber,
                  direction,
                })
                .catch(notifyError)
            }
            data-testid="trace-export"
          >
            {t('genealogy.export')}
          </Button>
        </Space>
      }
    >
      {!lotId && !lotNumber && !serialNumber && <Alert type="info" showIcon title={t('genealogy.hint')} />}
      {none && (
        <Empty description={t('genealogy.notFound', { lot: lotNumber })} data-testid="trace-not-found" />
      )}
      {many && (
        <Space orientation="vertical">
          <span>{t('genealogy.pickMaterial', { lot: lotNumber })}</span>
          <Radio.Group
            onChange={(e) => set({ lotId: e.target.value as string, lotNumber: undefined })}
            options={candidates.data!.items.map((l) => ({
              value: l.id,
              label: `${l.materialCode} ${l.materialName}`,
            }))}
          />
        </Space>
      )}
      {(trace.isLoading || candidates.isLoading) && <Spin />}
      {trace.isError && <Alert type="error" showIcon title={errorMessage(trace.error, t)} />}
      {trace.data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {serialNumber && !lotId && (
            <Alert
              type="info"
              showIcon
              title={t('genealogy.serialIn', {
                serial: serialNumber,
                lot: trace.data.root.lotNumber,
                material: `${trace.data.root.materialCode} ${trace.data.root.materialName}`,
              })}
              data-testid="trace-serial-lot"
            />
          )}
          {trace.data.root.children.length === 0 && (
            <Alert type="warning" showIcon title={t('genealogy.noEdges')} />
          )}
          <Tree
            key={`${trace.data.root.lotId}-${trace.data.direction}`}
            treeData={[toTree(trace.data.root, 'root')]}
            defaultExpandAll
            selectable={false}
            showLine
            data-testid="trace-tree"
          />
          {trace.data.workOrders.length > 0 && (
            <span>
              {t('genealogy.workOrders')}:{' '}
              {trace.data.workOrders.map((w) => (
                <Link key={w.id} to={`/production/work-orders/${w.id}`} style={{ marginRight: 8 }}>
                  {w.number}
                </Link>
              ))}
            </span>
          )}
        </Space>
      )}
    </PageCard>
  );
}
