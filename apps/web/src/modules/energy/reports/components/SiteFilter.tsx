import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { usePlantTree } from '../../../modeling/hooks/use-modeling-queries.ts';

/**
 * One site's boundary or the whole enterprise's (empty). Shown only to users who can read the plant and
 * only when the enterprise has more than one site: with one site the two views are the same.
 */
export function SiteFilter(props: {
  value: string | undefined;
  onChange: (siteId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const canReadPlant = useCan('modeling.plant.read');
  const tree = usePlantTree({ enabled: canReadPlant });
  const sites = (tree.data?.nodes ?? []).filter((n) => n.kind === 'site');
  if (sites.length < 2) return null;
  return (
    <Select<string>
      allowClear
      style={{ minWidth: 200 }}
      placeholder={t('energyReports.site.all')}
      aria-label={t('energyReports.site.label')}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={sites.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
      data-testid="report-site"
    />
  );
}
