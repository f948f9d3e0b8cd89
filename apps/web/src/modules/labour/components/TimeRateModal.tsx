import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TTimeRate } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { ratesApi } from '../api/labour-api.ts';
import { gradeOptions, useGrades } from '../hooks/use-labour-queries.ts';
import { MONEY } from './PieceRateModal.tsx';

interface Values {
  gradeId: string;
  rate: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  description?: string;
}

/** An hourly rate of a grade over a period. */
export function TimeRateModal(props: {
  open: boolean;
  rate?: TTimeRate;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const grades = useGrades();
  const r = props.rate;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (r)
      form.setFieldsValue({
        ...r,
        description: r.description ?? '',
        effectiveFrom: dayjs(r.effectiveFrom),
        effectiveTo: r.effectiveTo ? dayjs(r.effectiveTo) : null,
      });
  }, [props.open, r, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        gradeId: v.gradeId,
        rate: v.rate,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        description: v.description || null,
      };
      return r ? ratesApi.updateTime(r.id, body) : ratesApi.createTime(body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      props.onSaved();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t(r ? 'labour.rate.editTime' : 'labour.rate.createTime')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="gradeId" label={t('labour.rate.grade')} rules={[{ required: true }]}>
          <Select options={gradeOptions(grades.data)} />
        </Form.Item>
        <Form.Item
          name="rate"
          label={t('labour.rate.hourly')}
          rules={[{ required: true }, { pattern: MONEY }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('labour.rate.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="effectiveTo" label={t('labour.rate.effectiveTo')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('labour.rate.openEnded')} />
        </Form.Item>
        <Form.Item name="description" label={t('labour.rate.description')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
