import { useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  REASON_CODE_KINDS,
  type ReasonCodeKind,
  type TReasonCode,
  type TSaveReasonCode,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { reasonCodesApi } from '../api/job-reports-api.ts';
import { jobReportKeys, useReasonCodes } from '../hooks/use-job-report-queries.ts';

type Values = Omit<TSaveReasonCode, 'description'> & { description?: string };

/** 原因代码: the scrap and pause reasons the shop-floor terminal offers; supervisors maintain them. */
export function ReasonCodesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.reason.manage');
  const [kind, setKind] = useState<ReasonCodeKind | 'all'>('all');
  const codes = useReasonCodes(kind === 'all' ? {} : { kind });
  const [editing, setEditing] = useState<{ item?: TReasonCode } | null>(null);
  const [form] = Form.useForm<Values>();
  const invalidate = () => client.invalidateQueries({ queryKey: jobReportKeys.reasonCodes });

  const open = (item?: TReasonCode) => {
    form.resetFields();
    form.setFieldsValue(
      item
        ? { ...item, description: item.description ?? '' }
        : { kind: kind === 'all' ? 'scrap' : kind, sortOrder: 0, isActive: true },
    );
    setEditing({ item });
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSaveReasonCode = { ...v, description: v.description || null };
      return editing?.item ? reasonCodesApi.update(editing.item.id, body) : reasonCodesApi.create(body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      setEditing(null);
      void invalidate();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => reasonCodesApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('reasonCodes.title')}
      testId="reason-codes-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open()}
            data-testid="reason-code-create"
          >
            {t('reasonCodes.create')}
          </Button>
        )
      }
      filters={
        <Segmented<ReasonCodeKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('reasonCodes.all') },
            ...REASON_CODE_KINDS.map((k) => ({ value: k, label: t(`reasonCodes.kind.${k}`) })),
          ]}
          data-testid="reason-code-kind"
        />
      }
    >
      <Table<TReasonCode>
        size="small"
        rowKey="id"
        loading={codes.isFetching}
        dataSource={codes.data}
        pagination={false}
        data-testid="reason-codes-table"
        columns={[
          {
            title: t('reasonCodes.kindLabel'),
            width: 120,
            render: (_, c) => t(`reasonCodes.kind.${c.kind}`),
          },
          { title: t('reasonCodes.code'), dataIndex: 'code', width: 100 },
          { title: t('reasonCodes.name'), dataIndex: 'name' },
          { title: t('reasonCodes.sortOrder'), dataIndex: 'sortOrder', width: 80, align: 'right' },
          {
            title: t('reasonCodes.isActive'),
            width: 90,
            render: (_, c) =>
              c.isActive ? (
                <Tag color="green">{t('reasonCodes.active')}</Tag>
              ) : (
                <Tag>{t('reasonCodes.inactive')}</Tag>
              ),
          },
          { title: t('reasonCodes.reportCount'), dataIndex: 'reportCount', width: 110, align: 'right' },
          { title: t('reasonCodes.description'), dataIndex: 'description' },
          {
            title: t('common.actions'),
            width: 100,
            render: (_, c) =>
              canManage && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => open(c)}
                    data-testid={`reason-code-edit-${c.kind}-${c.code}`}
                  />
                  <Popconfirm
                    title={t('common.confirmDelete', { name: c.code })}
                    onConfirm={() => remove.mutate(c.id)}
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
      <Modal
        open={editing !== null}
        title={editing?.item ? t('reasonCodes.edit') : t('reasonCodes.create')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'reason-code-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('reasonCodes.kindLabel')} rules={[{ required: true }]}>
            <Segmented<ReasonCodeKind>
              options={REASON_CODE_KINDS.map((k) => ({ value: k, label: t(`reasonCodes.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="code" label={t('reasonCodes.code')} rules={[{ required: true, max: 32 }]}>
            <Input data-testid="reason-code-code" />
          </Form.Item>
          <Form.Item name="name" label={t('reasonCodes.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="reason-code-name" />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="sortOrder" label={t('reasonCodes.sortOrder')}>
              <InputNumber min={0} max={9999} precision={0} />
            </Form.Item>
            <Form.Item name="isActive" label={t('reasonCodes.isActive')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('reasonCodes.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
