import { useEffect } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { ENERGY_MEDIA, SAVING_MEASURE_TYPES, type TSavingProject } from '@greenmes/contracts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { savingProjectsApi } from '../api/ledgers-api.ts';
import { usePlantOptions } from '../hooks/use-ledger-options.ts';

const DECIMALS = [
  'investment',
  'expectedSavingsTce',
  'expectedSavingsQuantity',
  'expectedSavingsValue',
  'verifiedSavingsTce',
  'verifiedSavingsValue',
] as const;
const DATES = ['startDate', 'finishDate', 'verifiedOn'] as const;
type Values = Record<string, unknown> & {
  [K in (typeof DATES)[number]]?: Dayjs | null;
};

/** The project form: what, where, money and expected savings; verified savings once it is done. */
export function SavingProjectDrawer(props: {
  open: boolean;
  project?: TSavingProject;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const { places } = usePlantOptions();
  const p = props.project;
  const isDone = p?.status === 'done';

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (p) {
      const dates = Object.fromEntries(DATES.map((k) => [k, p[k] ? dayjs(p[k]) : null]));
      form.setFieldsValue({ ...(p as Record<string, unknown>), ...dates });
    } else form.setFieldsValue({ media: ['electricity'], measureType: 'equipment_upgrade' });
  }, [props.open, p, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = {
        code: v.code,
        name: v.name,
        nodeId: v.nodeId,
        measureType: v.measureType,
        media: v.media ?? [],
        expectedSavingsUnit: (v.expectedSavingsUnit as string | undefined) || null,
        description: (v.description as string | undefined) || null,
      };
      for (const k of DATES) body[k] = v[k] ? v[k].format('YYYY-MM-DD') : null;
      for (const k of DECIMALS) body[k] = ((v[k] as string | undefined) ?? '').trim() || null;
      if (isDone) {
        body.verificationMethod = (v.verificationMethod as string | undefined) || null;
        body.verifiedBy = (v.verifiedBy as string | undefined) || null;
      } else {
        for (const k of ['verifiedSavingsTce', 'verifiedSavingsValue', 'verifiedOn']) delete body[k];
      }
      return p
        ? savingProjectsApi.update(p.id, body)
        : savingProjectsApi.create(body as Parameters<typeof savingProjectsApi.create>[0]);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      props.onSaved();
      props.onClose();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const decimal = { pattern: /^\d{1,12}(\.\d{1,6})?$/, message: t('ledgers.nonNegative') };
  const num = (name: string, label: string, disabled = false) => (
    <Col span={8}>
      <Form.Item name={name} label={label} rules={[decimal]}>
        <Input inputMode="decimal" disabled={disabled} />
      </Form.Item>
    </Col>
  );

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={760}
      title={p ? t('ledgers.project.edit', { code: p.code }) : t('ledgers.project.create')}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="project-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('ledgers.project.code')} rules={[{ required: true }]}>
              <Input data-testid="project-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('ledgers.project.name')} rules={[{ required: true }]}>
              <Input data-testid="project-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nodeId" label={t('ledgers.project.node')} rules={[{ required: true }]}>
              <Select options={places} showSearch optionFilterProp="label" data-testid="project-node" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="measureType"
              label={t('ledgers.project.measureType')}
              rules={[{ required: true }]}
            >
              <Select
                options={SAVING_MEASURE_TYPES.map((m) => ({
                  value: m,
                  label: t(`ledgers.project.measure.${m}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="media" label={t('ledgers.project.media')}>
              <Select
                mode="multiple"
                options={ENERGY_MEDIA.map((m) => ({ value: m, label: t(`energy.medium.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startDate" label={t('ledgers.project.startDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="finishDate" label={t('ledgers.project.finishDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {num('investment', t('ledgers.project.investment'))}
        </Row>
        <Divider titlePlacement="start">{t('ledgers.project.expected')}</Divider>
        <Row gutter={16}>
          {num('expectedSavingsTce', t('ledgers.project.expectedSavingsTce'))}
          {num('expectedSavingsValue', t('ledgers.project.expectedSavingsValue'))}
          <Col span={8}>
            <Space.Compact>
              <Form.Item
                name="expectedSavingsQuantity"
                label={t('ledgers.project.expectedSavingsQuantity')}
                rules={[decimal]}
              >
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="expectedSavingsUnit" label={t('ledgers.project.expectedSavingsUnit')}>
                <Input style={{ width: 80 }} placeholder="kWh" />
              </Form.Item>
            </Space.Compact>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('ledgers.project.verified')}</Divider>
        {!isDone && (
          <Typography.Paragraph type="secondary">{t('ledgers.project.verifiedHint')}</Typography.Paragraph>
        )}
        <Row gutter={16}>
          {num('verifiedSavingsTce', t('ledgers.project.verifiedSavingsTce'), !isDone)}
          {num('verifiedSavingsValue', t('ledgers.project.verifiedSavingsValue'), !isDone)}
          <Col span={8}>
            <Form.Item name="verifiedOn" label={t('ledgers.project.verifiedOn')}>
              <DatePicker style={{ width: '100%' }} disabled={!isDone} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="verificationMethod" label={t('ledgers.project.verificationMethod')}>
              <Input disabled={!isDone} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="verifiedBy" label={t('ledgers.project.verifiedBy')}>
              <Input disabled={!isDone} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('ledgers.project.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
