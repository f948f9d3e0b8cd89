import { useState } from 'react';
import { App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ANDON_KINDS,
  type AndonKind,
  type TAndonEscalationRule,
  type TSaveAndonEscalationRule,
} from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { andonApi } from '../api/andon-api.ts';
import { andonKeys, useEscalationRules, useNotifyTargets } from '../hooks/use-andon-queries.ts';
import { ANDON_KIND_COLOR, levelColor } from '../lib/andon.ts';

type Values = {
  kind: AndonKind;
  level: number;
  afterMinutes: number;
  notifyRoleId?: string | null;
  webhookId?: string | null;
  isEnabled: boolean;
};

/** 升级规则: per kind and level, the minutes after raising and whom to tell (a role, a webhook). */
export function AndonRulesTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.andon.manage');
  const rules = useEscalationRules();
  const targets = useNotifyTargets(canManage);
  const [editing, setEditing] = useState<{ item?: TAndonEscalationRule } | null>(null);
  const [form] = Form.useForm<Values>();
  const invalidate = () => client.invalidateQueries({ queryKey: andonKeys.rules });

  const open = (item?: TAndonEscalationRule) => {
    form.resetFields();
    form.setFieldsValue(item ?? { kind: 'equipment_fault', level: 1, afterMinutes: 10, isEnabled: true });
    setEditing({ item });
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSaveAndonEscalationRule = {
        ...v,
        notifyRoleId: v.notifyRoleId ?? null,
        webhookId: v.webhookId ?? null,
      };
      return editing?.item ? andonApi.updateRule(editing.item.id, body) : andonApi.createRule(body);
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
    mutationFn: (id: string) => andonApi.deleteRule(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span style={{ color: '#8c8c8c' }}>{t('andon.rules.hint')}</span>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open()}
            data-testid="andon-rule-create"
          >
            {t('andon.rules.create')}
          </Button>
        )}
      </Space>
      <Table<TAndonEscalationRule>
        size="small"
        rowKey="id"
        loading={rules.isPending}
        dataSource={rules.data}
        pagination={false}
        locale={{ emptyText: t('andon.rules.empty') }}
        data-testid="andon-rules-table"
        columns={[
          {
            title: t('andon.kindLabel'),
            width: 130,
            render: (_, r) => <Tag color={ANDON_KIND_COLOR[r.kind]}>{t(`andon.kind.${r.kind}`)}</Tag>,
          },
          {
            title: t('andon.level'),
            width: 80,
            render: (_, r) => <Tag color={levelColor(r.level)}>L{r.level}</Tag>,
          },
          {
            title: t('andon.rules.afterMinutes'),
            dataIndex: 'afterMinutes',
            width: 120,
            align: 'right',
          },
          { title: t('andon.rules.role'), render: (_, r) => r.notifyRoleName ?? '—' },
          { title: t('andon.rules.webhook'), render: (_, r) => r.webhookName ?? '—' },
          {
            title: t('andon.rules.isEnabled'),
            width: 90,
            render: (_, r) =>
              r.isEnabled ? (
                <Tag color="green">{t('andon.rules.on')}</Tag>
              ) : (
                <Tag>{t('andon.rules.off')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            width: 100,
            render: (_, r) =>
              canManage && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => open(r)}
                  />
                  <Popconfirm
                    title={t('common.confirmDelete', { name: `${t(`andon.kind.${r.kind}`)} L${r.level}` })}
                    onConfirm={() => remove.mutate(r.id)}
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
        title={editing?.item ? t('andon.rules.edit') : t('andon.rules.create')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'andon-rule-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('andon.kindLabel')} rules={[{ required: true }]}>
            <Select options={ANDON_KINDS.map((k) => ({ value: k, label: t(`andon.kind.${k}`) }))} />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="level" label={t('andon.level')} rules={[{ required: true }]}>
              <InputNumber min={1} max={9} precision={0} data-testid="andon-rule-level" />
            </Form.Item>
            <Form.Item name="afterMinutes" label={t('andon.rules.afterMinutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10080} precision={0} data-testid="andon-rule-minutes" />
            </Form.Item>
            <Form.Item name="isEnabled" label={t('andon.rules.isEnabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="notifyRoleId" label={t('andon.rules.role')}>
            <Select
              allowClear
              loading={targets.isPending}
              options={(targets.data?.roles ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="webhookId" label={t('andon.rules.webhook')} extra={t('andon.rules.webhookHint')}>
            <Select
              allowClear
              loading={targets.isPending}
              options={(targets.data?.webhooks ?? []).map((w) => ({
                value: w.id,
                label: w.isEnabled ? w.name : `${w.name} (${t('andon.rules.off')})`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
