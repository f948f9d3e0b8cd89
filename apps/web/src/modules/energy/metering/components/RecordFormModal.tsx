import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCreateMeterRecord, TMeter } from '@greenmes/contracts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { unitLabel } from '../../lib/energy-format.ts';
import { meteringApi } from '../api/metering-api.ts';
import { useInvalidateMetering } from '../hooks/use-metering-queries.ts';
import { toIso } from '../lib/metering-lib.ts';

interface Values {
  kind: TCreateMeterRecord['kind'];
  ts: Dayjs;
  periodEnd?: Dayjs | null;
  value: number;
  documentNo?: string | null;
  note?: string | null;
}

/** A register reading (consumption = difference to the previous one) or a quantity over a period. */
export function RecordFormModal(props: { meter: TMeter; open: boolean; onClose: () => void }) {
  const { meter, open, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateMetering();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'reading', ts: dayjs().startOf('minute') });
  }, [open, form]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      meteringApi.createRecord(meter.id, {
        kind: values.kind,
        ts: toIso(values.ts),
        periodEnd: values.kind === 'consumption' && values.periodEnd ? toIso(values.periodEnd) : null,
        value: values.value,
        documentNo: values.documentNo?.trim() || null,
        note: values.note?.trim() || null,
      }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('metering.addRecord')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'record-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        data-testid="record-form"
      >
        <Form.Item
          name="kind"
          label={t('metering.recordKind')}
          extra={t(`metering.recordKindHelp.${kind ?? 'reading'}`)}
        >
          <Radio.Group optionType="button">
            <Radio.Button value="reading" data-testid="record-kind-reading">
              {t('metering.recordKinds.reading')}
            </Radio.Button>
            <Radio.Button value="consumption" data-testid="record-kind-consumption">
              {t('metering.recordKinds.consumption')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="ts"
          label={kind === 'consumption' ? t('metering.periodStart') : t('metering.readingTime')}
          rules={[{ required: true }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="record-ts" />
        </Form.Item>
        {kind === 'consumption' && (
          <Form.Item
            name="periodEnd"
            label={t('metering.periodEnd')}
            extra={t('metering.periodEndHelp')}
            rules={[{ required: true }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              data-testid="record-period-end"
            />
          </Form.Item>
        )}
        <Form.Item
          name="value"
          label={kind === 'consumption' ? t('metering.quantity') : t('metering.register')}
          rules={[{ required: true }]}
        >
          <InputNumber style={{ width: '100%' }} suffix={unitLabel(meter.unit)} data-testid="record-value" />
        </Form.Item>
        <Form.Item name="documentNo" label={t('metering.documentNo')} rules={[{ max: 100 }]}>
          <Input data-testid="record-document" />
        </Form.Item>
        <Form.Item name="note" label={t('metering.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
