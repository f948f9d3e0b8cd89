import { useMemo } from 'react';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnergyFlow } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { ReportChart, type ChartOption } from './ReportChart.tsx';

type FlowNode = TEnergyFlow['nodes'][number];

const KIND_COLORS: Record<FlowNode['kind'], string> = {
  source: '#5470c6',
  medium: '#91cc75',
  area: '#fac858',
  equipment: '#73c0de',
  loss: '#ee6666',
  other: '#bfbfbf',
};

/**
 * The server names nodes in English and by medium code; the label is rebuilt from the node's id and kind
 * (`source:diesel`, `loss:electricity`, `other:<area>`), so it follows the user's language.
 */
function useFlowLabel(flow: TEnergyFlow | undefined) {
  const { t } = useTranslation();
  const mediumLabel = useMediumLabel();
  return useMemo(() => {
    const byId = new Map((flow?.nodes ?? []).map((n) => [n.id, n]));
    const rest = (id: string) => id.slice(id.indexOf(':') + 1);
    return (n: FlowNode): string => {
      switch (n.kind) {
        case 'source':
          return t('energyReports.flow.purchased', { medium: mediumLabel(rest(n.id)) });
        case 'medium':
          return mediumLabel(n.name);
        case 'loss':
          return t('energyReports.flow.loss', { medium: mediumLabel(rest(n.id)) });
        case 'other':
          return t('energyReports.flow.other', { area: byId.get(`area:${rest(n.id)}`)?.name ?? '' });
        default:
          return n.name;
      }
    };
  }, [flow, t, mediumLabel]);
}

/** Energy flow in tce (equivalent value): purchased → medium → area → equipment, with losses and the rest. */
export function EnergyFlowChart(props: { flow: TEnergyFlow | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useFlowLabel(props.flow);
  const language = i18n.language;
  const option = useMemo<ChartOption>(() => {
    const nodes = props.flow?.nodes ?? [];
    // ECharts joins links to nodes by name: the server's ids are unique, its names need not be
    const labels = new Map(nodes.map((n) => [n.id, label(n)]));
    const tce = (v: unknown) => `${formatNumber(typeof v === 'number' ? v : null, language, 3)} tce`;
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const item = p as {
            dataType?: string;
            name: string;
            value: unknown;
            data: { source?: string; target?: string };
          };
          const name =
            item.dataType === 'edge'
              ? `${labels.get(item.data.source ?? '') ?? ''} → ${labels.get(item.data.target ?? '') ?? ''}`
              : (labels.get(item.name) ?? item.name);
          return `${name}: ${tce(item.value)}`;
        },
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 160,
          top: 8,
          bottom: 8,
          nodeGap: 12,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.4 },
          label: { formatter: (p: { name: string }) => labels.get(p.name) ?? p.name },
          data: nodes.map((n) => ({ name: n.id, itemStyle: { color: KIND_COLORS[n.kind] } })),
          links: (props.flow?.links ?? []).map((l) => ({ source: l.source, target: l.target, value: l.tce })),
        },
      ],
    };
  }, [props.flow, label, language]);
  if (props.flow && props.flow.links.length === 0)
    return <Empty description={t('energyReports.flow.empty')} data-testid="energy-flow-empty" />;
  return <ReportChart option={option} height={420} loading={props.loading} testId="energy-flow-chart" />;
}
