import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TWorker } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { workersApi, type WorkerFilters } from '../api/labour-api.ts';
import {
  gradeOptions,
  labourKeys,
  skillOptions,
  useGrades,
  useSkills,
  useInvalidate,
  useTeamOptions,
  useWorkers,
} from '../hooks/use-labour-queries.ts';
import { WorkerDrawer } from '../components/WorkerDrawer.tsx';

/** 人员: the roster of operators — search, filters, editor with skills, PIN, Excel. */
export function WorkersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('labour.worker.manage');
  const { query, setFilter, setPage } = useListQueryState<WorkerFilters>({});
  const list = useWorkers(query);
  const teams = useTeamOptions();
  const grades = useGrades();
  const skills = useSkills();
  const invalidate = useInvalidate(labourKeys.all);
  const [editing, setEditing] = useState<{ worker?: TWorker } | null>(null);
  const [pinFor, setPinFor] = useState<TWorker | null>(null);
  const [pinForm] = Form.useForm<{ pin: string }>();
  const done = () => {
    void message.success(t('common.saved'));
    void invalidate();
  };
  const remove = useMutation({
    mutationFn: (id: string) => workersApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const setPin = useMutation({
    mutationFn: (o: { id: string; pin: string }) => workersApi.setPin(o.id, o.pin),
    onSuccess: () => {
      setPinFor(null);
      done();
    },
    onError: (e) => notifyError(e),
  });
  const clearPin = useMutation({
    mutationFn: (id: string) => workersApi.clearPin(id),
    onSuccess: done,
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('labour.worker.title')}
      testId="workers-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('labour.worker.search')}
            aria-label={t('labour.worker.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 260 }}
            data-testid="worker-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('labour.worker.team')}
            options={teams}
            style={{ width: 220 }}
            value={query.teamId}
            onChange={(v) => setFilter('teamId', v)}
            data-testid="worker-filter-team"
          />
          <Select
            allowClear
            placeholder={t('labour.worker.grade')}
            options={gradeOptions(grades.data)}
            style={{ width: 140 }}
            value={query.gradeId}
            onChange={(v) => setFilter('gradeId', v)}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('labour.worker.skill')}
            options={skillOptions(skills.data)}
            style={{ width: 220 }}
            value={query.skillId}
            onChange={(v) => setFilter('skillId', v)}
            data-testid="worker-filter-skill"
          />
          <Select
            allowClear
            placeholder={t('labour.worker.isActive')}
            options={[
              { value: 'true', label: t('labour.worker.activeYes') },
              { value: 'false', label: t('labour.worker.activeNo') },
            ]}
            style={{ width: 110 }}
            value={query.isActive}
            onChange={(v) => setFilter('isActive', v)}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="workers"
            canImport={canManage}
            exportXlsx={() => workersApi.exportXlsx(query)}
            downloadTemplate={workersApi.template}
            importXlsx={workersApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="worker-create"
            >
              {t('labour.worker.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TWorker>
        data-testid="workers-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1300 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('labour.worker.employeeNo'), dataIndex: 'employeeNo', fixed: 'left', width: 100 },
          { title: t('labour.worker.name'), dataIndex: 'name', width: 100 },
          {
            title: t('labour.worker.team'),
            width: 200,
            render: (_, w) => (w.teamCode ? `${w.teamCode} ${w.teamName}` : '—'),
          },
          {
            title: t('labour.worker.grade'),
            dataIndex: 'gradeName',
            width: 80,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('labour.worker.skills'),
            width: 320,
            render: (_, w) =>
              w.skills.map((s) => (
                <Tooltip
                  key={s.skillId}
                  title={`${s.skillName} · ${t('labour.worker.level')} ${s.level} · ${t('labour.worker.validUntil')} ${s.validUntil ?? t('labour.worker.noExpiry')}`}
                >
                  <Tag
                    color={s.validUntil && s.validUntil < dayjs().format('YYYY-MM-DD') ? 'default' : 'blue'}
                  >
                    {s.skillCode} ×{s.level}
                  </Tag>
                </Tooltip>
              )),
          },
          {
            title: t('labour.worker.badge'),
            dataIndex: 'badgeCode',
            width: 110,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('labour.worker.pin'),
            width: 120,
            render: (_, w) =>
              w.pinLockedUntil ? (
                <Tag icon={<LockOutlined />} color="red">
                  {t('labour.worker.locked', { until: dayjs(w.pinLockedUntil).format('MM-DD HH:mm') })}
                </Tag>
              ) : (
                <Tag color={w.hasPin ? 'green' : 'default'}>
                  {w.hasPin ? t('labour.worker.hasPin') : t('labour.worker.noPin')}
                </Tag>
              ),
          },
          {
            title: t('labour.worker.isActive'),
            width: 80,
            render: (_, w) => (
              <Tag color={w.isActive ? 'green' : 'default'}>
                {w.isActive ? t('labour.worker.activeYes') : t('labour.worker.activeNo')}
              </Tag>
            ),
          },
          { title: t('labour.worker.hireDate'), dataIndex: 'hireDate', width: 110 },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 150,
            render: (_, w) =>
              canManage && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setEditing({ worker: w })}
                    data-testid={`worker-edit-${w.employeeNo}`}
                  />
                  <Button
                    size="small"
                    type="link"
                    icon={<KeyOutlined />}
                    aria-label={t('labour.worker.setPin')}
                    title={t('labour.worker.setPin')}
                    onClick={() => {
                      pinForm.resetFields();
                      setPinFor(w);
                    }}
                    data-testid={`worker-pin-${w.employeeNo}`}
                  />
                  {w.hasPin && (
                    <Popconfirm
                      title={t('labour.worker.clearPinConfirm', { name: w.name })}
                      onConfirm={() => clearPin.mutate(w.id)}
                    >
                      <Button size="small" type="link">
                        {t('labour.worker.clearPin')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Popconfirm
                    title={t('common.confirmDelete', { name: `${w.employeeNo} ${w.name}` })}
                    onConfirm={() => remove.mutate(w.id)}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                    />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <WorkerDrawer
        open={editing !== null}
        worker={editing?.worker}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void invalidate();
        }}
      />
      <Modal
        open={pinFor !== null}
        title={`${t('labour.worker.setPin')} · ${pinFor?.employeeNo ?? ''} ${pinFor?.name ?? ''}`}
        onCancel={() => setPinFor(null)}
        onOk={() => pinForm.submit()}
        confirmLoading={setPin.isPending}
        okButtonProps={{ 'data-testid': 'worker-pin-save' }}
        destroyOnHidden
      >
        <Form
          form={pinForm}
          layout="vertical"
          onFinish={(v) => pinFor && setPin.mutate({ id: pinFor.id, pin: v.pin })}
        >
          <Form.Item
            name="pin"
            label={t('labour.worker.pin')}
            extra={t('labour.worker.pinHint')}
            rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('labour.worker.pinHint') }]}
          >
            <Input.Password autoComplete="new-password" inputMode="numeric" data-testid="worker-pin-input" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
