import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { CheckOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TWageSheetDetail, TWageSheetLine } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { wageSheetsApi } from '../api/wage-sheets-api.ts';
import { labourKeys, useInvalidate } from '../hooks/use-labour-queries.ts';

const NUM = { align: 'right' as const };
export const wageKeys = [...labourKeys.all, 'wage-sheets'] as const;

/** A wage sheet's lines — piece, scrap, rework, hours, the rate applied and why — and its approval. */
export function WageSheetDrawer(props: { sheetId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('labour.wage.manage');
  const canApprove = useCan('labour.wage.approve');
  const invalidate = useInvalidate(wageKeys);
  const [reverting, setReverting] = useState(false);
  const [reason, setReason] = useState('');
  const detail = useQuery({
    queryKey: [...wageKeys, 'detail', props.sheetId],
    queryFn: ({ signal }) => wageSheetsApi.get(props.sheetId!, signal),
    enabled: props.sheetId !== null,
  });
  const s = detail.data;
  const act = useMutation({
    mutationFn: (o: {
      action: 'approve' | 'revert' | 'regenerate';
      sheet: TWageSheetDetail;
    }): Promise<unknown> =>
      o.action === 'approve'
        ? wageSheetsApi.approve(o.sheet.id)
        : o.action === 'revert'
          ? wageSheetsApi.revert(o.sheet.id, reason)
          : wageSheetsApi.generate({
              periodStart: o.sheet.periodStart,
              periodEnd: o.sheet.periodEnd,
              workerIds: [o.sheet.workerId],
            }),
    onSuccess: (_, o) => {
      setReverting(false);
      setReason('');
      void message.success(
        t(
          o.action === 'approve'
            ? 'wages.approved'
            : o.action === 'revert'
              ? 'wages.reverted'
              : 'common.saved',
        ),
      );
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const why = (l: TWageSheetLine) => {
    if (l.warning) return <Tag color="warning">{t(`wages.warning.${l.warning}`)}</Tag>;
    const scrap =
      l.scrapPolicy === null
        ? null
        : t(`wages.line.scrap.${l.scrapPolicy}`, {
            value: l.scrapPolicy === 'deduct' ? l.scrapDeduction : l.scrapPayPercent,
          });
    return (
      <Tooltip title={scrap}>
        <span>
          {l.rateMatch && <Tag>{t(`labour.rate.match.${l.rateMatch}`)}</Tag>}
          {l.rateBasis}
        </span>
      </Tooltip>
    );
  };

  return (
    <Drawer
      open={props.sheetId !== null}
      onClose={props.onClose}
      width="92vw"
      destroyOnHidden
      title={
        s ? `${t('wages.detail')} · ${s.employeeNo} ${s.workerName} · ${s.periodStart} ~ ${s.periodEnd}` : ''
      }
      loading={detail.isLoading}
      data-testid="wage-sheet-drawer"
      extra={
        s && (
          <Space>
            {s.status === 'draft' && canManage && (
              <Button
                icon={<ReloadOutlined />}
                loading={act.isPending}
                onClick={() => act.mutate({ action: 'regenerate', sheet: s })}
                data-testid="wage-sheet-regenerate"
              >
                {t('wages.regenerate')}
              </Button>
            )}
            {s.status === 'draft' && canApprove && (
              <Popconfirm
                title={t('wages.approveConfirm')}
                onConfirm={() => act.mutate({ action: 'approve', sheet: s })}
                okButtonProps={{ 'data-testid': 'wage-sheet-approve-ok' }}
              >
                <Button type="primary" icon={<CheckOutlined />} data-testid="wage-sheet-approve">
                  {t('wages.approve')}
                </Button>
              </Popconfirm>
            )}
            {s.status === 'approved' && canApprove && (
              <Button
                icon={<RollbackOutlined />}
                onClick={() => setReverting(true)}
                data-testid="wage-sheet-revert"
              >
                {t('wages.revert')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {s && (
        <>
          <Descriptions
            bordered
            size="small"
            column={4}
            style={{ marginBottom: 16 }}
            data-testid="wage-sheet-summary"
          >
            <Descriptions.Item label={t('wages.status')}>
              <Tag color={s.status === 'approved' ? 'success' : 'default'} data-testid="wage-sheet-status">
                {t(`wages.statuses.${s.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('wages.team')}>
              {s.teamCode ? `${s.teamCode} ${s.teamName}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('wages.grade')}>{s.gradeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wages.timezone')}>{s.timezone}</Descriptions.Item>
            <Descriptions.Item label={t('wages.goodQty')}>{s.goodQty}</Descriptions.Item>
            <Descriptions.Item label={t('wages.scrapQty')}>{s.scrapQty}</Descriptions.Item>
            <Descriptions.Item label={t('wages.reworkQty')}>{s.reworkQty}</Descriptions.Item>
            <Descriptions.Item label={t('wages.hours')}>{s.hours}</Descriptions.Item>
            <Descriptions.Item label={t('wages.pieceAmount')}>{s.pieceAmount}</Descriptions.Item>
            <Descriptions.Item label={t('wages.scrapAmount')}>{s.scrapAmount}</Descriptions.Item>
            <Descriptions.Item label={t('wages.reworkAmount')}>{s.reworkAmount}</Descriptions.Item>
            <Descriptions.Item label={t('wages.timeAmount')}>{s.timeAmount}</Descriptions.Item>
            <Descriptions.Item label={t('wages.totalAmount')}>
              <strong data-testid="wage-sheet-total">{s.totalAmount}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('wages.generatedAt')}>
              {dayjs(s.generatedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('wages.approvedBy')}>{s.approvedByName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('wages.approvedAt')}>
              {s.approvedAt ? dayjs(s.approvedAt).format('YYYY-MM-DD HH:mm') : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table<TWageSheetLine>
            data-testid="wage-sheet-lines"
            rowKey="lineNo"
            size="small"
            pagination={false}
            scroll={{ x: 1420 }}
            locale={{ emptyText: t('wages.noLines') }}
            dataSource={s.lines}
            rowClassName={(l) => (l.warning ? 'wage-line-warning' : '')}
            columns={[
              { title: t('wages.line.date'), dataIndex: 'workDate', width: 100, fixed: 'left' },
              {
                title: t('wages.line.kind'),
                width: 56,
                render: (_, l) => t(`wages.line.kinds.${l.kind}`),
              },
              { title: t('wages.line.workOrder'), dataIndex: 'workOrderNumber', width: 150 },
              { title: t('wages.line.operation'), dataIndex: 'operationCode', width: 64 },
              {
                title: t('wages.line.product'),
                width: 110,
                render: (_, l) => <Tooltip title={l.productName}>{l.productCode}</Tooltip>,
              },
              { title: t('wages.goodQty'), dataIndex: 'goodQty', width: 66, ...NUM },
              { title: t('wages.scrapQty'), dataIndex: 'scrapQty', width: 66, ...NUM },
              { title: t('wages.reworkQty'), dataIndex: 'reworkQty', width: 66, ...NUM },
              { title: t('wages.hours'), dataIndex: 'hours', width: 70, ...NUM },
              { title: t('wages.line.rate'), dataIndex: 'rate', width: 64, ...NUM },
              { title: t('wages.line.why'), width: 250, render: (_, l) => why(l) },
              { title: t('wages.pieceAmount'), dataIndex: 'pieceAmount', width: 84, ...NUM },
              { title: t('wages.scrapAmount'), dataIndex: 'scrapAmount', width: 84, ...NUM },
              { title: t('wages.reworkAmount'), dataIndex: 'reworkAmount', width: 84, ...NUM },
              { title: t('wages.timeAmount'), dataIndex: 'timeAmount', width: 84, ...NUM },
              {
                title: t('wages.line.amount'),
                dataIndex: 'amount',
                width: 100,
                fixed: 'right',
                ...NUM,
                render: (v: string) => <strong>{v}</strong>,
              },
            ]}
          />
          <Modal
            open={reverting}
            title={t('wages.revert')}
            onCancel={() => setReverting(false)}
            okButtonProps={{
              disabled: !reason.trim(),
              loading: act.isPending,
              'data-testid': 'wage-revert-ok',
            }}
            onOk={() => act.mutate({ action: 'revert', sheet: s })}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={t('wages.revertReason')}
              aria-label={t('wages.revertReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="wage-revert-reason"
            />
          </Modal>
        </>
      )}
    </Drawer>
  );
}
