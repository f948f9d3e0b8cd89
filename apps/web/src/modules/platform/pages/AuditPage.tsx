import { useState } from 'react';
import { DatePicker, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import type { AuditFilters } from '../api/platform-api.ts';
import { useAudit } from '../hooks/use-platform-queries.ts';
import { AuditDiffDrawer } from '../components/AuditDiffDrawer.tsx';

export function AuditPage() {
  const { t } = useTranslation();
  const { query, setFilter, setPage } = useListQueryState<Omit<AuditFilters, 'page' | 'pageSize'>>({});
  const audit = useAudit(query);
  const [open, setOpen] = useState<TAuditEntry | null>(null);

  return (
    <PageCard
      title={t('menu.audit')}
      testId="audit-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('audit.searchPlaceholder')}
            aria-label={t('audit.searchPlaceholder')}
            onSearch={(v) => setFilter('q', v || undefined)}
            style={{ width: 220 }}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.entityType')}
            aria-label={t('audit.entityType')}
            onSearch={(v) => setFilter('entityType', v || undefined)}
            style={{ width: 170 }}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.entityId')}
            aria-label={t('audit.entityId')}
            onSearch={(v) => setFilter('entityId', v || undefined)}
            style={{ width: 200 }}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.action')}
            aria-label={t('audit.action')}
            onSearch={(v) => setFilter('action', v || undefined)}
            style={{ width: 160 }}
          />
          <DatePicker.RangePicker
            showTime
            onChange={(range) => {
              // the server wants ISO timestamps with an offset; dayjs.format() gives exactly that
              setFilter('from', range?.[0]?.format() ?? undefined);
              setFilter('to', range?.[1]?.format() ?? undefined);
            }}
          />
        </Space>
      }
    >
      <Table<TAuditEntry>
        rowKey="id"
        size="middle"
        loading={audit.isFetching}
        dataSource={audit.data?.items}
        pagination={tablePagination({ ...query, total: audit.data?.total, onChange: setPage, t })}
        onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entityType'), dataIndex: 'entityType' },
          {
            title: t('audit.entityId'),
            dataIndex: 'entityId',
            ellipsis: true,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <AuditDiffDrawer entry={open} onClose={() => setOpen(null)} />
    </PageCard>
  );
}
