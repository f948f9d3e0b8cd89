import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnergyFlow } from '@greenmes/contracts';
import { useEnergyFlow } from '../../energy/reports/hooks/use-report-queries.ts';
import { useEnergyFlowOption } from './energy-flow-option.ts';
import { WidgetChart } from './WidgetChart.tsx';

/** A flow already fetched (a big screen's aggregate carries its own): the Sankey, or an empty note. */
export function EnergyFlowView(props: { flow: TEnergyFlow | undefined; height: number; isDark?: boolean }) {
  const { t } = useTranslation();
  const option = useEnergyFlowOption(props.flow, { isDark: props.isDark });
  if (props.flow && props.flow.links.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('energyReports.flow.empty')}
        style={{ height: props.height }}
        data-testid="energy-sankey-empty"
      />
    );
  return <WidgetChart option={option} height={props.height} testId="energy-sankey" />;
}

/** The energy flow (Sankey, tce) over [from, to), fetched from the energy-flow report. */
export function EnergySankey(props: { height: number; from: string; to: string }) {
  const flow = useEnergyFlow({ from: props.from, to: props.to });
  return (
    <Spin spinning={flow.isLoading}>
      <EnergyFlowView flow={flow.data} height={props.height} />
    </Spin>
  );
}
