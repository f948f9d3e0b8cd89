import { App, Empty, Space, Switch, Table, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TLot, TOrderLot, TOrderMaterialLine } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { LotMovesTable } from '../../inventory/components/LotMovesTable.tsx';
import { genealogyApi, genealogyKeys } from '../api/genealogy-api.ts';

const traceLink = (lotId: string, direction: 'backward' | 'forward') =>
  `/production/genealogy?lotId=${lotId}&direction=${direction}`;

/**
 * 批次与领料 on a work order: the material lines with their backflush switch, the lots issued to the order
 * (issued, returned, consumed into output, still at the order), its output lots and every stock move.
 */
export function WorkOrderLotsTab(props: { workOrderId: string; isLive: boolean; isOpen: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.workorder.manage');
  const data = useQuery({
    queryKey: [...genealogyKeys.orderMaterials, props.workOrderId],
    queryFn: ({ signal }) => genealogyApi.orderMaterials(props.workOrderId, signal),
    refetchInterval: props.isLive ? 5000 : false,
  });
  const backflush = useMutation({
    mutationFn: (o: { lineNo: number; on: boolean }) =>
      genealogyApi.setBackflush(props.workOrderId, o.lineNo, o.on),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void client.invalidateQueries({ queryKey: genealogyKeys.orderMaterials });
    },
    onError: (e) => notifyError(e),
  });
  const m = data.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="wo-lots">
      <Table<TOrderMaterialLine>
        size="small"
        rowKey="lineNo"
        pagination={false}
        loading={data.isLoading}
        dataSource={m?.lines}
        title={() => <strong>{t('materialIssue.lines')}</strong>}
        columns={[
          { title: '#', dataIndex: 'lineNo', width: 50 },
          { title: t('lots.material'), render: (_, l) => `${l.materialCode} ${l.materialName}` },
          {
            title: t('materialIssue.requirement'),
            align: 'right',
            width: 120,
            render: (_, l) => `${l.quantity} ${l.unitCode}`,
          },
          { title: t('materialIssue.issued'), dataIndex: 'issuedQuantity', align: 'right', width: 100 },
          {
            title: (
              <Tooltip title={t('materialIssue.backflushHint')}>
                <span>{t('materialIssue.backflush')}</span>
              </Tooltip>
            ),
            width: 90,
            render: (_, l) => (
              <Switch
                size="small"
                checked={l.isBackflush}
                disabled={!canManage || !props.isOpen}
                loading={backflush.isPending && backflush.variables?.lineNo === l.lineNo}
                onChange={(on) => backflush.mutate({ lineNo: l.lineNo, on })}
                data-testid={`wo-backflush-${l.lineNo}`}
              />
            ),
          },
        ]}
      />
      <Table<TOrderLot>
        size="small"
        rowKey="lotId"
        pagination={false}
        loading={data.isLoading}
        dataSource={m?.lots}
        title={() => <strong>{t('materialIssue.lotsAtOrder')}</strong>}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('materialIssue.none')} />,
        }}
        data-testid="wo-issued-lots"
        columns={[
          {
            title: t('lots.lotNumber'),
            render: (_, l) => <Link to={traceLink(l.lotId, 'forward')}>{l.lotNumber}</Link>,
          },
          { title: t('lots.material'), render: (_, l) => `${l.materialCode} ${l.materialName}` },
          { title: t('materialIssue.issued'), align: 'right', render: (_, l) => `${l.issued} ${l.unitCode}` },
          { title: t('materialIssue.returned'), dataIndex: 'returned', align: 'right' },
          { title: t('materialIssue.consumed'), dataIndex: 'consumed', align: 'right' },
          { title: t('materialIssue.atOrder'), dataIndex: 'atOrder', align: 'right' },
          { title: t('lots.onHand'), dataIndex: 'onHand', align: 'right' },
        ]}
      />
      <Table<TLot>
        size="small"
        rowKey="id"
        pagination={false}
        loading={data.isLoading}
        dataSource={m?.outputLots}
        title={() => <strong>{t('materialIssue.outputLots')}</strong>}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('materialIssue.noOutput')} />,
        }}
        data-testid="wo-output-lots"
        columns={[
          {
            title: t('lots.lotNumber'),
            render: (_, l) => <Link to={traceLink(l.id, 'backward')}>{l.lotNumber}</Link>,
          },
          { title: t('lots.onHand'), align: 'right', render: (_, l) => `${l.quantity} ${l.unitCode}` },
          { title: t('lots.originAt'), render: (_, l) => formatDateTime(l.originAt) },
        ]}
      />
      <Typography.Text strong>{t('materialIssue.moves')}</Typography.Text>
      <LotMovesTable moves={m?.moves} loading={data.isLoading} showLot />
    </Space>
  );
}
