import { useEffect } from 'react';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { SCRAP_POLICIES, type ScrapPolicy, type TPieceRate, type TSavePieceRate } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { searchMaterials } from '../../production/hooks/use-production-queries.ts';
import { ratesApi } from '../api/labour-api.ts';
import { gradeOptions, useGrades } from '../hooks/use-labour-queries.ts';

interface Values {
  operationCode: string;
  productId?: string | null;
  gradeId?: string | null;
  rate: string;
  scrapPolicy: ScrapPolicy;
  scrapDeduction?: string;
  scrapPayPercent?: string;
  reworkRate?: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  description?: string;
}
export const MONEY = /^\d{1,8}(\.\d{1,4})?$/;

/** A piece rate: key (operation, product, grade), yuan per good unit, scrap policy, rework pay, period. */
export function PieceRateModal(props: {
  open: boolean;
  rate?: TPieceRate;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const grades = useGrades();
  const policy = Form.useWatch('scrapPolicy', form);
  const r = props.rate;
  const money = [{ required: true }, { pattern: MONEY, message: t('labour.rate.rate') }];

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      r
        ? {
            ...r,
            scrapDeduction: r.scrapDeduction ?? undefined,
            scrapPayPercent: r.scrapPayPercent ?? undefined,
            description: r.description ?? '',
            effectiveFrom: dayjs(r.effectiveFrom),
            effectiveTo: r.effectiveTo ? dayjs(r.effectiveTo) : null,
          }
        : { scrapPolicy: 'none', reworkRate: '0', effectiveFrom: dayjs().startOf('month') },
    );
  }, [props.open, r, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSavePieceRate = {
        operationCode: v.operationCode,
        productId: v.productId ?? null,
        gradeId: v.gradeId ?? null,
        rate: v.rate,
        scrapPolicy: v.scrapPolicy,
        scrapDeduction: v.scrapPolicy === 'deduct' ? (v.scrapDeduction ?? null) : null,
        scrapPayPercent: v.scrapPolicy === 'pay_percent' ? (v.scrapPayPercent ?? null) : null,
        reworkRate: v.reworkRate || '0',
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        description: v.description || null,
      };
      return r ? ratesApi.updatePiece(r.id, body) : ratesApi.createPiece(body);
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
      width={720}
      title={t(r ? 'labour.rate.editPiece' : 'labour.rate.createPiece')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'piece-rate-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="piece-rate-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="operationCode"
              label={t('labour.rate.operationCode')}
              rules={[{ required: true }]}
            >
              <Input data-testid="piece-rate-operation" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="productId" label={t('labour.rate.product')}>
              <RemoteSelect
                queryKey={['production', 'material-options']}
                search={searchMaterials}
                placeholder={t('labour.rate.anyProduct')}
                selectedOption={
                  r?.productId ? { value: r.productId, label: `${r.productCode} ${r.productName}` } : null
                }
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="gradeId" label={t('labour.rate.grade')}>
              <Select
                allowClear
                placeholder={t('labour.rate.anyGrade')}
                options={gradeOptions(grades.data)}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rate" label={t('labour.rate.rate')} rules={money}>
              <Input inputMode="decimal" data-testid="piece-rate-rate" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="scrapPolicy" label={t('labour.rate.scrapPolicy')}>
              <Select
                options={SCRAP_POLICIES.map((p) => ({
                  value: p,
                  label: t(`labour.rate.scrapPolicies.${p}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            {policy === 'deduct' && (
              <Form.Item name="scrapDeduction" label={t('labour.rate.scrapDeduction')} rules={money}>
                <Input inputMode="decimal" />
              </Form.Item>
            )}
            {policy === 'pay_percent' && (
              <Form.Item
                name="scrapPayPercent"
                label={t('labour.rate.scrapPayPercent')}
                rules={[{ required: true }, { pattern: /^\d{1,3}(\.\d{1,4})?$/ }]}
              >
                <Input inputMode="decimal" />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="reworkRate" label={t('labour.rate.rework')} rules={[{ pattern: MONEY }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="effectiveFrom"
              label={t('labour.rate.effectiveFrom')}
              rules={[{ required: true }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="piece-rate-from" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="effectiveTo" label={t('labour.rate.effectiveTo')}>
              <DatePicker style={{ width: '100%' }} placeholder={t('labour.rate.openEnded')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('labour.rate.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
