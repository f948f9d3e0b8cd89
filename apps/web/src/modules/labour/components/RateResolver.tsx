import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, DatePicker, Descriptions, Form, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TPieceRate, TRateCandidate } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { searchMaterials } from '../../production/hooks/use-production-queries.ts';
import { ratesApi } from '../api/labour-api.ts';
import { gradeOptions, useGrades } from '../hooks/use-labour-queries.ts';

const VERDICT_COLOR: Record<TRateCandidate['verdict'], string> = {
  applies: 'green',
  less_specific: 'blue',
  not_in_effect: 'default',
  other_product: 'default',
  other_grade: 'default',
};

export function useScrapText() {
  const { t } = useTranslation();
  return (r: TPieceRate) =>
    t(`labour.rate.scrapSummary.${r.scrapPolicy}`, {
      value: r.scrapPolicy === 'deduct' ? r.scrapDeduction : r.scrapPayPercent,
    });
}

/** The "which rate applies" tester: operation, product, grade, day → the rate, its level, and every candidate's reason. */
export function RateResolver(props: { operationCodes: string[] }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const grades = useGrades();
  const scrapText = useScrapText();
  const [form] = Form.useForm<{ operationCode: string; productId?: string; gradeId?: string; date: Dayjs }>();
  const [asked, setAsked] = useState<{
    operationCode: string;
    productId?: string;
    gradeId?: string;
    date: string;
  } | null>(null);
  const result = useQuery({
    queryKey: ['labour', 'rates', 'resolve', asked],
    queryFn: ({ signal }) => ratesApi.resolve(asked!, signal),
    enabled: asked !== null,
  });
  useEffect(() => {
    if (result.error) notifyError(result.error);
  }, [result.error, notifyError]);
  const r = result.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="rate-resolver">
      <Alert type="info" showIcon title={t('labour.rate.resolveHint')} />
      <Form
        form={form}
        layout="inline"
        initialValues={{ date: dayjs() }}
        onFinish={(v) =>
          setAsked({
            operationCode: v.operationCode.trim(),
            productId: v.productId ?? undefined,
            gradeId: v.gradeId ?? undefined,
            date: v.date.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item name="operationCode" label={t('labour.rate.operationCode')} rules={[{ required: true }]}>
          <AutoComplete
            style={{ width: 140 }}
            options={props.operationCodes.map((c) => ({ value: c }))}
            data-testid="resolve-operation"
          />
        </Form.Item>
        <Form.Item name="productId" label={t('labour.rate.product')}>
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            style={{ width: 260 }}
            data-testid="resolve-product"
          />
        </Form.Item>
        <Form.Item name="gradeId" label={t('labour.rate.grade')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={gradeOptions(grades.data)}
            data-testid="resolve-grade"
          />
        </Form.Item>
        <Form.Item name="date" label={t('labour.rate.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="resolve-date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={result.isFetching} data-testid="resolve-run">
          {t('labour.rate.resolveRun')}
        </Button>
      </Form>
      {r && (
        <>
          {r.pieceRate ? (
            <Descriptions bordered size="small" column={3} data-testid="resolve-result">
              <Descriptions.Item label={t('labour.rate.applied')}>
                <b data-testid="resolve-rate">{r.pieceRate.rate}</b> {t('labour.rate.yuanPerUnit')}
              </Descriptions.Item>
              <Descriptions.Item label={t('labour.rate.level')}>
                <Tag color="green" data-testid="resolve-match">
                  {t(`labour.rate.match.${r.match!}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('labour.rate.effectivePeriod')}>
                {r.pieceRate.effectiveFrom} ~ {r.pieceRate.effectiveTo ?? t('labour.rate.openEnded')}
              </Descriptions.Item>
              <Descriptions.Item label={t('labour.rate.scrapPolicy')}>
                {scrapText(r.pieceRate)}
              </Descriptions.Item>
              <Descriptions.Item label={t('labour.rate.rework')}>{r.pieceRate.reworkRate}</Descriptions.Item>
              <Descriptions.Item label={t('labour.rate.timeRateOfGrade')}>
                {r.timeRate
                  ? `${r.timeRate.rate} ${t('labour.rate.yuanPerHour')}`
                  : asked?.gradeId
                    ? t('labour.rate.noTimeRate')
                    : '—'}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert type="warning" showIcon title={t('labour.rate.noRate')} data-testid="resolve-none" />
          )}
          <Table<TRateCandidate>
            title={() => t('labour.rate.candidates')}
            data-testid="resolve-candidates"
            rowKey={(c) => c.rate.id}
            size="small"
            pagination={false}
            dataSource={r.candidates}
            columns={[
              { title: t('labour.rate.level'), render: (_, c) => t(`labour.rate.match.${c.match}`) },
              {
                title: t('labour.rate.product'),
                render: (_, c) =>
                  c.rate.productCode
                    ? `${c.rate.productCode} ${c.rate.productName}`
                    : t('labour.rate.anyProduct'),
              },
              {
                title: t('labour.rate.grade'),
                render: (_, c) => c.rate.gradeName ?? t('labour.rate.anyGrade'),
              },
              { title: t('labour.rate.rate'), align: 'right', render: (_, c) => c.rate.rate },
              {
                title: t('labour.rate.effectivePeriod'),
                render: (_, c) =>
                  `${c.rate.effectiveFrom} ~ ${c.rate.effectiveTo ?? t('labour.rate.openEnded')}`,
              },
              {
                title: t('labour.rate.why'),
                render: (_, c) => (
                  <Tag color={VERDICT_COLOR[c.verdict]}>{t(`labour.rate.verdict.${c.verdict}`)}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
