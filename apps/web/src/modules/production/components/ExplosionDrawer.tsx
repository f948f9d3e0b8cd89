import { useState } from 'react';
import { Alert, DatePicker, Drawer, Input, Space, Table, Tabs, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TBomSummary, TExplosionNode, TMaterialRequirement } from '@greenmes/contracts';
import { bomsApi } from '../api/production-api.ts';
import { productionKeys } from '../hooks/use-production-queries.ts';

type Row = Omit<TExplosionNode, 'children'> & { key: string; children?: Row[] };
const rows = (n: TExplosionNode, key: string): Row => ({
  ...n,
  key,
  children: n.children.length ? n.children.map((c, i) => rows(c, `${key}.${i}`)) : undefined,
});
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/**
 * The multi-level explosion of a BOM version for a quantity and a day: the structure as a tree (each
 * level with the version effective that day) and the summed gross requirement per material.
 */
export function ExplosionDrawer(props: { bom: TBomSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState('1');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const b = props.bom;
  const valid = DECIMAL.test(quantity.trim()) && Number(quantity) > 0;
  const query = {
    bomId: b?.id,
    quantity: quantity.trim(),
    date: date.format('YYYY-MM-DD'),
  };
  const explosion = useQuery({
    queryKey: [...productionKeys.explosion, query],
    queryFn: ({ signal }) => bomsApi.explode(query, signal),
    enabled: b !== null && valid,
    placeholderData: keepPreviousData,
  });
  const x = explosion.data;
  const tree = x ? [rows(x.tree, '0')] : [];

  return (
    <Drawer
      open={b !== null}
      onClose={props.onClose}
      width={1100}
      title={b ? `${t('production.explosion.title')} · ${b.productCode} ${b.productName} · ${b.version}` : ''}
      destroyOnHidden
      data-testid="explosion-drawer"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('production.explosion.quantity')}</span>
        <Input
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          status={valid ? undefined : 'error'}
          inputMode="decimal"
          style={{ width: 140 }}
          suffix={b?.productUnitCode}
          data-testid="explosion-quantity"
        />
        <span>{t('production.explosion.date')}</span>
        <DatePicker
          value={date}
          allowClear={false}
          onChange={(d) => d && setDate(d)}
          data-testid="explosion-date"
        />
      </Space>
      {x && x.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={x.warnings.map((w) => `${w.materialCode}: ${w.message}`).join('；')}
        />
      )}
      <Tabs
        items={[
          {
            key: 'tree',
            label: t('production.explosion.tree'),
            children: (
              <Table<Row>
                size="small"
                rowKey="key"
                loading={explosion.isFetching}
                dataSource={tree}
                pagination={false}
                expandable={{ defaultExpandAllRows: true }}
                key={tree.length ? `${x?.date}-${x?.quantity}` : 'empty'}
                data-testid="explosion-tree"
                columns={[
                  {
                    title: t('production.explosion.material'),
                    render: (_, n) => `${n.materialCode} ${n.materialName}`,
                  },
                  { title: t('production.explosion.level'), dataIndex: 'level', width: 60 },
                  {
                    title: t('production.explosion.type'),
                    dataIndex: 'materialType',
                    width: 100,
                    render: (v: string) => t(`material.type.${v}`, { defaultValue: v }),
                  },
                  { title: t('production.bom.operationSeq'), dataIndex: 'operationSeq', width: 70 },
                  {
                    title: t('production.explosion.net'),
                    dataIndex: 'netQuantity',
                    align: 'right',
                    width: 120,
                  },
                  {
                    title: t('production.explosion.scrap'),
                    dataIndex: 'scrapPercent',
                    align: 'right',
                    width: 80,
                  },
                  {
                    title: t('production.explosion.gross'),
                    dataIndex: 'grossQuantity',
                    align: 'right',
                    width: 140,
                    render: (v: string, n) => <strong data-testid={`gross-${n.materialCode}`}>{v}</strong>,
                  },
                  { title: t('production.bom.unit'), dataIndex: 'unitCode', width: 60 },
                  {
                    title: t('production.explosion.bomVersion'),
                    dataIndex: 'bomVersion',
                    width: 110,
                    render: (v: string | null, n) =>
                      v ??
                      (n.materialType === 'semi_finished' || n.level === 0 ? (
                        <Tag color="warning">{t('production.explosion.noBom')}</Tag>
                      ) : (
                        '—'
                      )),
                  },
                ]}
              />
            ),
          },
          {
            key: 'requirements',
            label: t('production.explosion.requirements'),
            children: (
              <Table<TMaterialRequirement>
                size="small"
                rowKey="materialId"
                dataSource={x?.requirements}
                pagination={false}
                data-testid="explosion-requirements"
                columns={[
                  {
                    title: t('production.explosion.material'),
                    render: (_, r) => `${r.materialCode} ${r.materialName}`,
                  },
                  {
                    title: t('production.explosion.type'),
                    dataIndex: 'materialType',
                    width: 100,
                    render: (v: string) => t(`material.type.${v}`, { defaultValue: v }),
                  },
                  {
                    title: '',
                    dataIndex: 'isMade',
                    width: 80,
                    render: (v: boolean) => (
                      <Tag color={v ? 'blue' : 'default'}>
                        {t(v ? 'production.explosion.made' : 'production.explosion.bought')}
                      </Tag>
                    ),
                  },
                  {
                    title: t('production.explosion.levels'),
                    dataIndex: 'levels',
                    width: 90,
                    render: (l: number[]) => l.join(', '),
                  },
                  {
                    title: t('production.explosion.gross'),
                    dataIndex: 'grossQuantity',
                    align: 'right',
                    width: 160,
                  },
                  { title: t('production.bom.unit'), dataIndex: 'unitCode', width: 60 },
                ]}
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}
