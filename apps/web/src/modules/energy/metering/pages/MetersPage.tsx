import { useState } from 'react';
import { Button, Input, Segmented, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMeter } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { ExcelImportExport } from '../../../../shared/components/ExcelImportExport.tsx';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { useMediumOptions } from '../../hooks/use-energy-options.ts';
import { meteringApi, type MeterFilters } from '../api/metering-api.ts';
import { MeterFormDrawer } from '../components/MeterFormDrawer.tsx';
import { MeterRecordsDrawer } from '../components/MeterRecordsDrawer.tsx';
import { MetersTable } from '../components/MetersTable.tsx';
import { levelOptions, sourceOptions } from '../components/meter-options.ts';
import { useInvalidateMetering, useMeters } from '../hooks/use-metering-queries.ts';
import { toMeterTree } from '../lib/metering-lib.ts';

/** The tree shows up to this many meters at once; beyond it the flat, paged list is the way. */
const TREE_LIMIT = 200;

export function MetersPage() {
  const { t } = useTranslation();
  const canManage = useCan('energy.meter.manage');
  const invalidate = useInvalidateMetering();
  const mediumOptions = useMediumOptions();
  const [view, setView] = useState<'tree' | 'list'>('tree');
  const { query, setFilter, setPage } = useListQueryState<Omit<MeterFilters, 'page' | 'pageSize'>>({});
  const meters = useMeters(view === 'tree' ? { ...query, page: 1, pageSize: TREE_LIMIT } : query);
  const [editing, setEditing] = useState<TMeter | 'new' | null>(null);
  const [recordsOf, setRecordsOf] = useState<TMeter | null>(null);
  const items = meters.data?.items ?? [];

  const filters = (
    <Space wrap>
      <Segmented<'tree' | 'list'>
        value={view}
        onChange={(v) => setView(v)}
        options={[
          { value: 'tree', label: t('metering.viewTree') },
          { value: 'list', label: t('metering.viewList') },
        ]}
        data-testid="meters-view"
      />
      <Input.Search
        allowClear
        placeholder={t('metering.searchCodeName')}
        aria-label={t('metering.searchCodeName')}
        onSearch={(q) => setFilter('q', q || undefined)}
        style={{ width: 220 }}
        data-testid="meter-search"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('metering.medium')}
        options={mediumOptions}
        value={query.medium}
        onChange={(v) => setFilter('medium', v)}
        style={{ width: 150 }}
        data-testid="meter-medium-filter"
      />
      <Select
        allowClear
        placeholder={t('metering.level')}
        options={levelOptions(t)}
        value={query.level}
        onChange={(v) => setFilter('level', v)}
        style={{ width: 200 }}
        data-testid="meter-level-filter"
      />
      <Select
        allowClear
        placeholder={t('metering.sourceLabel')}
        options={sourceOptions(t)}
        value={query.source}
        onChange={(v) => setFilter('source', v)}
        style={{ width: 150 }}
        data-testid="meter-source-filter"
      />
    </Space>
  );

  return (
    <PageCard
      title={t('metering.menu.meters')}
      testId="meters-page"
      filters={filters}
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="meters"
            canImport={canManage}
            exportXlsx={() => meteringApi.exportXlsx(query)}
            downloadTemplate={meteringApi.template}
            importXlsx={meteringApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="meter-create"
            >
              {t('metering.createMeter')}
            </Button>
          )}
        </Space>
      }
    >
      <MetersTable
        rows={view === 'tree' ? toMeterTree(items) : items}
        loading={meters.isFetching}
        pagination={
          view === 'tree'
            ? false
            : tablePagination({ ...query, total: meters.data?.total, onChange: setPage, t })
        }
        onEdit={setEditing}
        onRecords={setRecordsOf}
      />
      {view === 'tree' && (meters.data?.total ?? 0) > TREE_LIMIT && (
        <div style={{ marginTop: 8, color: 'var(--ant-color-text-secondary)' }}>
          {t('metering.treeTruncated', { count: TREE_LIMIT, total: meters.data?.total })}
        </div>
      )}
      <MeterFormDrawer
        open={editing !== null}
        meter={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      <MeterRecordsDrawer meter={recordsOf} onClose={() => setRecordsOf(null)} />
    </PageCard>
  );
}
