import { Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@greenmes/contracts';
import { formatDateTime } from '../../../shared/lib/format.ts';

interface DiffRow {
  field: string;
  before: string;
  after: string;
  change: 'added' | 'removed' | 'changed' | 'same';
}

const show = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : value === null || value === undefined
      ? {}
      : { value };

/** Field-by-field comparison of the stored before/after snapshots; unchanged fields are kept for context. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields.map((field) => {
    const inBefore = field in b;
    const inAfter = field in a;
    const before = show(b[field]);
    const after = show(a[field]);
    const change = !inBefore ? 'added' : !inAfter ? 'removed' : before === after ? 'same' : 'changed';
    return { field, before, after, change };
  });
}

const CHANGE_COLOR: Record<DiffRow['change'], string | undefined> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
  same: undefined,
};

export function AuditDiffDrawer({ entry, onClose }: { entry: TAuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rows = entry ? diffSnapshots(entry.before, entry.after) : [];
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      size={760}
      title={t('audit.detail')}
      data-testid="audit-drawer"
    >
      {entry && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('audit.at')}>{formatDateTime(entry.at)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>{entry.actorName}</Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>{entry.action}</Descriptions.Item>
            <Descriptions.Item label={t('audit.entity')}>
              {entry.entityType} {entry.entityId ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>{entry.ip ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.requestId')}>{entry.requestId ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table<DiffRow>
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: t('audit.noSnapshot') }}
            columns={[
              {
                title: t('audit.field'),
                dataIndex: 'field',
                width: 180,
                render: (field: string, row) => (
                  <>
                    {field}{' '}
                    {row.change !== 'same' && (
                      <Tag color={CHANGE_COLOR[row.change]}>{t(`audit.change.${row.change}`)}</Tag>
                    )}
                  </>
                ),
              },
              {
                title: t('audit.before'),
                dataIndex: 'before',
                render: (v: string, row) => (
                  <Typography.Text
                    delete={row.change === 'changed' || row.change === 'removed'}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {v}
                  </Typography.Text>
                ),
              },
              {
                title: t('audit.after'),
                dataIndex: 'after',
                render: (v: string, row) => (
                  <Typography.Text strong={row.change !== 'same'} style={{ wordBreak: 'break-all' }}>
                    {v}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
