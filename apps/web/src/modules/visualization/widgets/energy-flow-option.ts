import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEnergyFlow } from '@greenmes/contracts';
import { useMediumLabel } from './use-medium-label.ts';
import { formatNumber } from '../../energy/lib/energy-number-format.ts';
import type { WidgetChartOption } from './WidgetChart.tsx';

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

/**
 * The energy-flow Sankey in tce (equivalent value): purchased → medium → area → equipment, with losses and
 * the rest. Shared by the energy overview page and the big screens (`isDark`: light labels on dark).
 */
export function useEnergyFlowOption(flow: TEnergyFlow | undefined, options: { isDark?: boolean } = {}) {
  const { i18n } = useTranslation();
  const label = useFlowLabel(flow);
  const language = i18n.language;
  const { isDark = false } = options;
  return useMemo<WidgetChartOption>(() => {
    const nodes = flow?.nodes ?? [];
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
          label: {
            formatter: (p: { name: string }) => labels.get(p.name) ?? p.name,
            ...(isDark ? { color: '#d6e4ff' } : {}),
          },
          data: nodes.map((n) => ({ name: n.id, itemStyle: { color: KIND_COLORS[n.kind] } })),
          links: (flow?.links ?? []).map((l) => ({ source: l.source, target: l.target, value: l.tce })),
        },
      ],
    };
  }, [flow, label, language, isDark]);
}
