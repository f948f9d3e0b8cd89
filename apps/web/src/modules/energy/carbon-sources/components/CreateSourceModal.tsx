import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CARBON_SOURCE_KINDS, CARBON_SOURCE_UNITS, type TCreateCarbonSource } from '@greenmes/contracts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { carbonSourcesApi } from '../api/carbon-sources-api.ts';
import { useInvalidateCarbonSources } from '../hooks/use-carbon-sources.ts';

type Kind = TCreateCarbonSource['kind'];
interface Values {
  code: string;
  name: string;
  kind: Kind;
  unit?: string;
  emissionFactor?: number | null;
  factorSource?: string;
  note?: string;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Process and biomass sources name their unit and factor; the other kinds have a fixed unit and no factor. */
export function CreateSourceModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateCarbonSources();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'process';
  const fixedUnit = CARBON_SOURCE_UNITS[kind];

  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      carbonSourcesApi.create({
        code: values.code.trim(),
        name: values.name.trim(),
        kind: values.kind,
        ...(fixedUnit === null
          ? { unit: values.unit?.trim() ?? '', emissionFactor: values.emissionFactor ?? null }
          : {}),
        factorSource: blankToNull(values.factorSource),
        note: blankToNull(values.note),
      }),
    onSuccess: () => {
      void message.success(t('common.created'));
      void invalidate();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Modal
      open={props.open}
      title={t('carbonSources.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'carbon-source-save' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'process' }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="kind" label={t('carbonSources.kind')} extra={t(`carbonSources.kindHelp.${kind}`)}>
          <Select<Kind>
            options={CARBON_SOURCE_KINDS.map((k) => ({ value: k, label: t(`carbonSources.kinds.${k}`) }))}
            data-testid="carbon-source-kind"
          />
        </Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input data-testid="carbon-source-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="carbon-source-name" />
        </Form.Item>
        {fixedUnit === null ? (
          <>
            <Form.Item
              name="unit"
              label={t('carbonSources.unit')}
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input placeholder={t('carbonSources.unitPlaceholder')} data-testid="carbon-source-unit" />
            </Form.Item>
            <Form.Item name="emissionFactor" label={t('carbonSources.factor')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="carbon-source-factor" />
            </Form.Item>
          </>
        ) : (
          <Form.Item label={t('carbonSources.unit')}>
            <Input
              value={fixedUnit}
              disabled
              aria-label={t('carbonSources.fixedUnit', { unit: fixedUnit })}
            />
          </Form.Item>
        )}
        <Form.Item name="factorSource" label={t('carbonSources.factorSource')} rules={[{ max: 500 }]}>
          <Input placeholder={t('carbonSources.factorSourcePlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('carbonSources.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
