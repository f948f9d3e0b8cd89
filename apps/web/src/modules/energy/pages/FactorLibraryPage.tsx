import { useMemo, useState } from 'react';
import { Badge, Input, Space, Tabs } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFactor } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useFactors } from '../hooks/use-energy-queries.ts';
import { FactorTable } from '../components/FactorTable.tsx';
import { YearSettingsCard } from '../components/YearSettingsCard.tsx';

const KINDS: TFactor['kind'][] = [
  'coal_coefficient',
  'combustion',
  'grid',
  'heat',
  'electricity_equal_value',
];

function matches(factor: TFactor, words: string[], mediumName: string): boolean {
  const text = [
    factor.key,
    factor.name,
    factor.medium,
    mediumName,
    factor.source,
    factor.edition,
    factor.note,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

export function FactorLibraryPage() {
  const { t } = useTranslation();
  const factors = useFactors();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<TFactor['kind']>('coal_coefficient');

  const byKind = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = (factors.data ?? []).filter((f) =>
      matches(f, words, f.medium ? t(`energy.medium.${f.medium}`, { defaultValue: '' }) : ''),
    );
    return new Map(KINDS.map((k) => [k, found.filter((f) => f.kind === k)]));
  }, [factors.data, search, t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard
        title={t('energy.factors.title')}
        testId="factor-library-page"
        filters={
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('energy.factors.search')}
            style={{ maxWidth: 360 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="factor-search"
          />
        }
      >
        <Tabs
          activeKey={kind}
          onChange={(key) => setKind(key as TFactor['kind'])}
          items={KINDS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`factor-tab-${k}`}>
                {t(`energy.factors.kind.${k}`)}{' '}
                <Badge count={byKind.get(k)?.length ?? 0} showZero color="#8c8c8c" size="small" />
              </span>
            ),
            children: (
              <FactorTable
                factors={byKind.get(k) ?? []}
                loading={factors.isFetching}
                testId={`factors-table-${k}`}
              />
            ),
          }))}
        />
      </PageCard>
      <YearSettingsCard />
    </Space>
  );
}
