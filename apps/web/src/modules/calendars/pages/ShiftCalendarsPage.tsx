import { useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TShiftCalendar } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { usePlantOptions } from '../../energy/ledgers/hooks/use-ledger-options.ts';
import { calendarsApi, type CalendarFilters } from '../api/calendars-api.ts';
import { CalendarModal } from '../components/CalendarModal.tsx';
import { MonthView } from '../components/MonthView.tsx';

const KEY = ['modeling', 'shift-calendars'] as const;
const hours = (minutes: number) => `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}min` : ''}`;

/** 班次日历: a site's shifts, breaks, holidays and 调休 working days, by validity. */
export function ShiftCalendarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('modeling.calendar.manage');
  const { sites } = usePlantOptions();
  const queryClient = useQueryClient();
  const { query, setFilter, setPage } = useListQueryState<CalendarFilters>({});
  const list = useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: ({ signal }) => calendarsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = list.data?.items.find((c) => c.id === selectedId) ?? list.data?.items[0];
  const [editing, setEditing] = useState<{ calendar?: TShiftCalendar } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });
  const saved = (c: TShiftCalendar) => {
    setSelectedId(c.id);
    void invalidate();
  };
  const remove = useMutation({
    mutationFn: (c: TShiftCalendar) => calendarsApi.delete(c.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      setSelectedId(null);
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const weekdays = (days: number[]) =>
    days.length === 7
      ? t('shiftCalendar.everyDay')
      : days.map((d) => t(`shiftCalendar.weekday.${d}`)).join(' ');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={t('shiftCalendar.title')}
        testId="shift-calendars-page"
        filters={
          <Select
            allowClear
            placeholder={t('shiftCalendar.site')}
            options={sites}
            style={{ width: 260 }}
            value={query.siteId}
            onChange={(v) => setFilter('siteId', v)}
          />
        }
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="calendar-create"
            >
              {t('shiftCalendar.create')}
            </Button>
          )
        }
      >
        <Table<TShiftCalendar>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: selected ? [selected.id] : [],
            onChange: (keys) => setSelectedId(String(keys[0])),
          }}
          onRow={(c) => ({ onClick: () => setSelectedId(c.id) })}
          columns={[
            { title: t('shiftCalendar.code'), dataIndex: 'code' },
            { title: t('shiftCalendar.name'), dataIndex: 'name' },
            { title: t('shiftCalendar.site'), render: (_, c) => `${c.siteCode} ${c.siteName}` },
            {
              title: t('shiftCalendar.validity'),
              render: (_, c) => `${c.validFrom} ~ ${c.validTo ?? t('shiftCalendar.openEnd')}`,
            },
            {
              title: t('shiftCalendar.shifts'),
              render: (_, c) => c.shifts.map((s) => `${s.name} ${s.start}–${s.end}`).join('、'),
            },
            {
              title: t('shiftCalendar.holidays'),
              render: (_, c) => c.days.filter((d) => d.kind === 'holiday').length,
              align: 'right',
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, c: TShiftCalendar) => (
                      <Space>
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing({ calendar: c })}
                          aria-label={t('common.edit')}
                        />
                        <Popconfirm
                          title={t('common.confirmDelete', { name: c.name })}
                          onConfirm={() => remove.mutate(c)}
                        >
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                          />
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </PageCard>
      {selected && (
        <>
          <Card size="small" title={t('shiftCalendar.shiftsOf', { name: selected.name })}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={selected.shifts}
              columns={[
                { title: t('shiftCalendar.shiftCode'), dataIndex: 'code' },
                { title: t('shiftCalendar.shiftName'), dataIndex: 'name' },
                {
                  title: t('shiftCalendar.time'),
                  render: (_, s) => (
                    <>
                      {s.start}–{s.end}
                      {s.end <= s.start && s.end !== '24:00' && (
                        <Tag style={{ marginInlineStart: 6 }}>{t('shiftCalendar.nextDay')}</Tag>
                      )}
                    </>
                  ),
                },
                {
                  title: t('shiftCalendar.breaks'),
                  render: (_, s) => s.breaks.map((b) => `${b.start}–${b.end}`).join(', ') || '—',
                },
                { title: t('shiftCalendar.weekdays'), render: (_, s) => weekdays(s.weekdays) },
                { title: t('shiftCalendar.netTime'), render: (_, s) => hours(s.netMinutes), align: 'right' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('shiftCalendar.monthTitle')}
            extra={
              <ExcelImportExport
                testIdPrefix="holidays"
                canImport={canManage}
                exportXlsx={() => calendarsApi.exportDays(selected.id)}
                downloadTemplate={calendarsApi.template}
                importXlsx={(file, dryRun) => calendarsApi.importDays(selected.id, file, dryRun)}
                onImported={() => void invalidate()}
              />
            }
          >
            <MonthView key={selected.id} calendar={selected} canManage={canManage} onSaved={saved} />
          </Card>
        </>
      )}
      <CalendarModal
        open={editing !== null}
        calendar={editing?.calendar}
        sites={sites}
        onClose={() => setEditing(null)}
        onSaved={saved}
      />
    </Space>
  );
}
