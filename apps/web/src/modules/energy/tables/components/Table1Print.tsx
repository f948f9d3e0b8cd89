import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEnergyTable1 } from '@greenmes/contracts';
import { PRINT_NUMBER, PrintReport } from '../../../../shared/components/PrintReport.tsx';
import { formatNumber } from '../../lib/energy-format.ts';
import type { Table1Line } from '../lib/table1-lines.ts';

/** Table 1 on paper: the form's two header rows (year, then quantity and tce), the totals in bold. */
export function Table1Print(props: { data: TEnergyTable1; lines: Table1Line[] }) {
  const { t, i18n } = useTranslation();
  const { data, lines } = props;
  const lang = i18n.language;
  const qty = (v: number | null, line: Table1Line) => (line.isTotal ? '' : formatNumber(v, lang, 2));
  const tce = (v: number | null) => formatNumber(v, lang, 4);
  const headings = [
    ...data.years.map((year) => t('energyTables.table1.yearTitle', { year })),
    t('energyTables.table1.forecastTitle', { year: data.forecastYear }),
  ];
  const first = data.years.at(0);
  const last = data.years.at(-1);
  return (
    <PrintReport
      title={t('energyTables.print.table1Title')}
      subtitle={t('energyTables.print.unitNote')}
      period={first === undefined ? '' : t('energyTables.print.years', { first, last })}
      note={
        <>
          {t('energyTables.print.table1Sources')} {t('energyTables.table1.forecastNote')}
        </>
      }
      testId="table1-print"
    >
      <table>
        <thead>
          <tr>
            <th rowSpan={2}>{t('energyTables.table1.medium')}</th>
            <th rowSpan={2}>{t('energyTables.table1.unit')}</th>
            {headings.map((heading) => (
              <th key={heading} colSpan={2}>
                {heading}
              </th>
            ))}
          </tr>
          <tr>
            {headings.map((heading) => (
              <Fragment key={heading}>
                <th>{t('energyTables.table1.quantity')}</th>
                <th>{t('energyTables.table1.tce')}</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key} style={line.isTotal ? { fontWeight: 600 } : undefined}>
              <td>{line.label}</td>
              <td>{line.unit}</td>
              {data.years.map((year, i) => (
                <Fragment key={year}>
                  <td style={PRINT_NUMBER}>{qty(line.quantities[i] ?? null, line)}</td>
                  <td style={PRINT_NUMBER}>{tce(line.tce[i] ?? null)}</td>
                </Fragment>
              ))}
              <td style={PRINT_NUMBER}>{qty(line.forecastQuantity, line)}</td>
              <td style={PRINT_NUMBER}>{tce(line.forecastTce)}</td>
            </tr>
          ))}
          {lines.length === 0 && (
            <tr>
              <td colSpan={2 + 2 * headings.length}>{t('energyTables.table1.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </PrintReport>
  );
}
