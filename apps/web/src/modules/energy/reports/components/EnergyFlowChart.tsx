import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnergyFlow } from '@greenmes/contracts';
import { useEnergyFlowOption } from '../../../visualization/widgets/energy-flow-option.ts';
import { ReportChart } from './ReportChart.tsx';

/** Energy flow in tce (equivalent value): purchased → medium → area → equipment, with losses and the rest. */
export function EnergyFlowChart(props: { flow: TEnergyFlow | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const option = useEnergyFlowOption(props.flow);
  if (props.flow && props.flow.links.length === 0)
    return <Empty description={t('energyReports.flow.empty')} data-testid="energy-flow-empty" />;
  return <ReportChart option={option} height={420} loading={props.loading} testId="energy-flow-chart" />;
}
