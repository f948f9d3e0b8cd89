import { useEffect, useMemo, useRef } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Spin } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEnergyYearSettings } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { energyApi } from '../api/energy-api.ts';
import { useFactors, useInvalidateEnergy, useYearSettings } from '../hooks/use-energy-queries.ts';

type Values = Omit<TEnergyYearSettings, 'year'> & { year: number | null };

/** `year` null: the user picks the year first; the form then shows what that year uses now. */
export function YearSettingsModal(props: { open: boolean; year: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateEnergy();
  const [form] = Form.useForm<Values>();
  const factors = useFactors();
  const watchedYear = Form.useWatch('year', form) ?? null;
  const year = props.year ?? watchedYear;
  const current = useYearSettings(props.open ? year : null);
  const filledFor = useRef<number | null>(null);
  const y = (key: string) => t(`energy.years.${key}`);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue({ year: props.year ?? new Date().getFullYear() });
    filledFor.current = null;
  }, [props.open, props.year, form]);

  // fill once per chosen year, so a background refetch never overwrites what the user typed
  useEffect(() => {
    const data = current.data;
    if (!props.open || !data || filledFor.current === data.year) return;
    filledFor.current = data.year;
    form.setFieldsValue({
      gridFactorKey: data.gridFactorKey,
      electricityEqualValueKgcePerKwh: data.electricityEqualValueKgcePerKwh,
      heatEmissionFactorTco2PerGj: data.heatEmissionFactorTco2PerGj,
      note: data.note ?? null,
    });
  }, [current.data, props.open, form]);

  const gridOptions = useMemo(
    () =>
      (factors.data ?? [])
        .filter((f) => f.kind === 'grid')
        .map((f) => ({ value: f.key, label: `${f.name} · ${f.value} ${f.unit} (${f.edition})` })),
    [factors.data],
  );

  const save = useMutation({
    mutationFn: (values: Values) =>
      energyApi.putYearSettings({
        ...values,
        year: values.year ?? 0,
        note: values.note?.trim() ? values.note.trim() : null,
      }),
    onSuccess: () => {
      void message.success(t('common.saved'));
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
      title={year ? t('energy.years.edit', { year }) : y('add')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'year-settings-save' }}
      width={640}
      forceRender
    >
      <Spin spinning={current.isFetching}>
        {current.data?.isDefault && (
          <Alert type="info" showIcon title={y('empty')} style={{ marginBottom: 16 }} />
        )}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Form.Item name="year" label={y('year')} rules={[{ required: true }]}>
            <InputNumber
              min={2000}
              max={2100}
              precision={0}
              disabled={props.year !== null}
              data-testid="year-settings-year"
            />
          </Form.Item>
          <Form.Item name="gridFactorKey" label={y('gridFactor')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={gridOptions}
              loading={factors.isLoading}
              data-testid="year-settings-grid"
            />
          </Form.Item>
          <Form.Item
            name="electricityEqualValueKgcePerKwh"
            label={y('equalValue')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} style={{ width: 200 }} data-testid="year-settings-equal-value" />
          </Form.Item>
          <Form.Item name="heatEmissionFactorTco2PerGj" label={y('heatFactor')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 200 }} data-testid="year-settings-heat" />
          </Form.Item>
          <Form.Item name="note" label={y('note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}
