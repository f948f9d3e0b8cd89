import { useState } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { ProductReportView } from '../components/ProductReportView.tsx';
import { ProductSettingsView } from '../components/ProductSettingsView.tsx';
import { WorkOrderEnergyByProductView } from '../components/WorkOrderEnergyByProductView.tsx';

/** 产品能耗与碳足迹: the GB/T 2589 allocation report, and where each product is made (its production nodes). */
export function EnergyProductsPage() {
  const { t } = useTranslation();
  const canReadSettings = useCan('energy.economics.read');
  const [tab, setTab] = useState('report');
  return (
    <PageCard title={t('energyProducts.title')} testId="energy-products-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'report',
            label: <span data-testid="energy-products-tab-report">{t('energyProducts.tabReport')}</span>,
            children: (
              <ProductReportView onOpenSettings={canReadSettings ? () => setTab('settings') : undefined} />
            ),
          },
          {
            key: 'work-orders',
            label: (
              <span data-testid="energy-products-tab-work-orders">{t('workOrderEnergy.byProduct.tab')}</span>
            ),
            children: <WorkOrderEnergyByProductView />,
          },
          ...(canReadSettings
            ? [
                {
                  key: 'settings',
                  label: (
                    <span data-testid="energy-products-tab-settings">{t('energyProducts.tabSettings')}</span>
                  ),
                  children: <ProductSettingsView />,
                },
              ]
            : []),
        ]}
      />
    </PageCard>
  );
}
