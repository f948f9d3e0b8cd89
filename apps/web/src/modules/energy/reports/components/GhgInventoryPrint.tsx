import { useTranslation } from 'react-i18next';
import type { TGhgInventory } from '@greenmes/contracts';
import { PRINT_NUMBER, PrintReport } from '../../../../shared/components/PrintReport.tsx';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { reportBucketLabel, type ReportGranularity } from '../lib/report-period.ts';

/**
 * The GB/T 32150 report on paper: emissions by scope and source category, the combustion calculation, the
 * factors, the periods and the data quality. The chart stays on screen: the periods table carries its numbers.
 */
export function GhgInventoryPrint(props: {
  inventory: TGhgInventory;
  period: string;
  granularity: ReportGranularity;
}) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const { inventory: inv } = props;
  const x = inv.totals;
  const lang = i18n.language;
  const tco2 = (v: number) => formatNumber(v, lang, 3);
  // deductions print as negatives, so a subtotal is the sum of the lines above it; no deduction reads 0, not -0
  const deduction = (v: number) => (v === 0 ? 0 : -v);
  const scopes = [
    {
      key: 'scope1',
      label: t('energyReports.ghg.scope1'),
      subtotal: x.scope1Tco2,
      lines: [
        { key: 'combustion', label: t('energyReports.ghg.combustion'), value: x.combustionTco2 },
        { key: 'process', label: t('carbonSources.inventory.process'), value: x.processTco2 },
        {
          key: 'recovered',
          label: t('carbonSources.inventory.recovered'),
          value: deduction(x.recoveredTco2),
        },
      ],
    },
    {
      key: 'scope2',
      label: t('energyReports.ghg.scope2'),
      subtotal: x.scope2Tco2,
      lines: [
        { key: 'electricity', label: t('energyReports.ghg.electricity'), value: x.purchasedElectricityTco2 },
        { key: 'heat', label: t('energyReports.ghg.heat'), value: x.purchasedHeatTco2 },
        { key: 'exported', label: t('carbonSources.inventory.exported'), value: deduction(x.exportedTco2) },
      ],
    },
  ];
  const periodColumns = [
    ['combustion', 'combustionTco2'],
    ['process', 'processTco2'],
    ['electricity', 'purchasedElectricityTco2'],
    ['heat', 'purchasedHeatTco2'],
    ['scope1', 'scope1Tco2'],
    ['scope2', 'scope2Tco2'],
    ['total', 'totalTco2'],
  ] as const;
  const periodTitle = (key: (typeof periodColumns)[number][0]) =>
    key === 'process' ? t('carbonSources.inventory.process') : t(`energyReports.ghg.${key}`);

  return (
    <PrintReport
      title={t('energyReports.print.title')}
      subtitle={t('energyReports.ghg.boundaryNote', { timezone: inv.timezone })}
      period={props.period}
      note={t('energyReports.print.sources', { grid: x.gridFactorSource, heat: x.heatFactorSource })}
      testId="inventory-print"
    >
      <h2>{t('energyReports.print.summary')}</h2>
      <table data-testid="inventory-print-summary">
        <thead>
          <tr>
            <th>{t('energyReports.print.scope')}</th>
            <th>{t('energyReports.print.category')}</th>
            <th>tCO₂</th>
          </tr>
        </thead>
        <tbody>
          {scopes.flatMap((scope) => [
            ...scope.lines.map((line, i) => (
              <tr key={line.key}>
                {i === 0 && <td rowSpan={scope.lines.length + 1}>{scope.label}</td>}
                <td>{line.label}</td>
                <td style={PRINT_NUMBER}>{tco2(line.value)}</td>
              </tr>
            )),
            <tr key={scope.key} style={{ fontWeight: 600 }}>
              <td>{t('energyReports.print.subtotal')}</td>
              <td style={PRINT_NUMBER}>{tco2(scope.subtotal)}</td>
            </tr>,
          ])}
          <tr style={{ fontWeight: 600 }}>
            <td colSpan={2}>{t('energyReports.ghg.total')}</td>
            <td style={PRINT_NUMBER}>{tco2(x.totalTco2)}</td>
          </tr>
          <tr>
            <td colSpan={2}>{t('energyReports.ghg.biomass')}</td>
            <td style={PRINT_NUMBER}>{tco2(inv.biomassTco2)}</td>
          </tr>
          <tr>
            <td colSpan={2}>
              {t('energyReports.ghg.intensity')} ({t('energyReports.ghg.tco2Per10kYuan')})
            </td>
            <td style={PRINT_NUMBER}>
              {inv.perOutputValueTco2 === null ? '—' : formatNumber(inv.perOutputValueTco2, lang, 4)}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>{t('energyReports.ghg.combustionTitle')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('energyReports.ghg.fuel')}</th>
            <th>{t('energyReports.quantity')}</th>
            <th>{t('energyReports.ghg.ncv')}</th>
            <th>{t('energyReports.ghg.carbonContent')}</th>
            <th>{t('energyReports.ghg.oxidation')}</th>
            <th>tCO₂</th>
            <th>{t('energyReports.factorSource')}</th>
          </tr>
        </thead>
        <tbody>
          {x.combustion.map((c) => (
            <tr key={c.fuel}>
              <td>{mediumLabel(c.fuel)}</td>
              <td style={PRINT_NUMBER}>
                {formatNumber(c.quantity, lang, 3)} {unitLabel(c.unit)}
              </td>
              <td style={PRINT_NUMBER}>
                {formatNumber(c.ncvGjPerUnit, lang, 3)} GJ/{unitLabel(c.ncvUnit)}
              </td>
              <td style={PRINT_NUMBER}>{formatNumber(c.carbonContentTcPerGj, lang, 5)} tC/GJ</td>
              <td style={PRINT_NUMBER}>{formatNumber(c.oxidationRate * 100, lang, 1)}%</td>
              <td style={PRINT_NUMBER}>{tco2(c.tco2)}</td>
              <td>{c.factorSource}</td>
            </tr>
          ))}
          {x.combustion.length === 0 && (
            <tr>
              <td colSpan={7}>{t('energyReports.ghg.noCombustion')}</td>
            </tr>
          )}
        </tbody>
      </table>

      <h2>{t('energyReports.ghg.factorsTitle')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('energyReports.ghg.item')}</th>
            <th>{t('energyReports.print.factor')}</th>
            <th>{t('energyReports.factorSource')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('energyReports.ghg.gridFactor')}</td>
            <td style={PRINT_NUMBER}>{formatNumber(x.gridEmissionFactorTco2PerMWh, lang, 4)} tCO₂/MWh</td>
            <td>{x.gridFactorSource}</td>
          </tr>
          <tr>
            <td>{t('energyReports.ghg.heatFactor')}</td>
            <td style={PRINT_NUMBER}>{formatNumber(x.heatEmissionFactorTco2PerGj, lang, 4)} tCO₂/GJ</td>
            <td>{x.heatFactorSource}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('energyReports.ghg.perPeriod')} (tCO₂)</h2>
      <table data-testid="inventory-print-periods">
        <thead>
          <tr>
            <th>{t('energyReports.ghg.period')}</th>
            {periodColumns.map(([key]) => (
              <th key={key}>{periodTitle(key)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inv.periods.map((p) => (
            <tr key={p.start}>
              <td>{reportBucketLabel(p.start, props.granularity, inv.timezone)}</td>
              {periodColumns.map(([key, field]) => (
                <td key={key} style={PRINT_NUMBER}>
                  {tco2(p[field])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('energyReports.ghg.dataQualityTitle')}</h2>
      <table data-testid="inventory-print-data-quality">
        <thead>
          <tr>
            <th>{t('energyReports.medium')}</th>
            <th>{t('energyReports.meters')}</th>
            <th>{t('energyReports.quantity')}</th>
            <th>{t('energyReports.metered')}</th>
            <th>{t('energyReports.manual')}</th>
            <th>{t('energyReports.ghg.factorKind')}</th>
            <th>{t('energyReports.ghg.note')}</th>
          </tr>
        </thead>
        <tbody>
          {inv.dataQuality.map((d) => {
            const whole = d.quality.metered + d.quality.manual;
            const share = (part: number) =>
              whole === 0 ? '—' : `${formatNumber((part / whole) * 100, lang, 1)}%`;
            return (
              <tr key={`${d.medium}:${d.line}`}>
                <td>{mediumLabel(d.medium)}</td>
                <td>{d.line}</td>
                <td style={PRINT_NUMBER}>
                  {formatNumber(d.quantity, lang, 3)} {unitLabel(d.unit)}
                </td>
                <td style={PRINT_NUMBER}>{share(d.quality.metered)}</td>
                <td style={PRINT_NUMBER}>{share(d.quality.manual)}</td>
                <td>{t(`energyReports.ghg.factor.${d.factor}`)}</td>
                <td>{d.note ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {inv.excluded.length > 0 && (
        <>
          <h2>{t('energyReports.ghg.excludedTitle')}</h2>
          <ul>
            {inv.excluded.map((e) => (
              <li key={e.medium}>
                {mediumLabel(e.medium)} {formatNumber(e.quantity, lang, 3)} {unitLabel(e.unit)}: {e.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </PrintReport>
  );
}
