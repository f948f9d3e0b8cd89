import { useState } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { Table1View } from '../components/Table1View.tsx';
import { Table2View } from '../components/Table2View.tsx';
import { Table3View } from '../components/Table3View.tsx';

/** 能源报表: the standard's Table 1, Table 2 and Table 3, each with its own Excel export and print layout. */
export function EnergyTablesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('table1');
  return (
    <PageCard title={t('energyTables.title')} testId="energy-tables-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'table1',
            label: <span data-testid="energy-tables-tab1">{t('energyTables.tab1')}</span>,
            children: <Table1View isActive={tab === 'table1'} />,
          },
          {
            key: 'table2',
            label: <span data-testid="energy-tables-tab2">{t('energyTables.tab2')}</span>,
            children: <Table2View isActive={tab === 'table2'} />,
          },
          {
            key: 'table3',
            label: <span data-testid="energy-tables-tab3">{t('energyTables.tab3')}</span>,
            children: <Table3View isActive={tab === 'table3'} />,
          },
        ]}
      />
    </PageCard>
  );
}
