import { useTranslation } from 'react-i18next';
import type { TEnergyTable2 } from '@greenmes/contracts';
import { PRINT_NUMBER, PrintReport } from '../../../../shared/components/PrintReport.tsx';
import { formatNumber } from '../../lib/energy-format.ts';

/** Table 2 on paper: the form's columns, the consumption and the unit consumption in equivalent and equal value. */
export function Table2Print(props: { data: TEnergyTable2 }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { year, rows } = props.data;
  const num = (v: number | null, digits: number) => formatNumber(v, lang, digits);
  const meets = (v: boolean | null) =>
    v === null ? '—' : v ? t('energyTables.table2.meets') : t('energyTables.table2.exceeds');
  return (
    <PrintReport
      title={t('energyTables.print.table2Title')}
      period={t('energyTables.print.year', { year })}
      note={t('energyTables.print.table2Sources')}
      testId="table2-print"
    >
      <table>
        <thead>
          <tr>
            <th rowSpan={2}>{t('energyTables.table2.no')}</th>
            <th rowSpan={2}>{t('energyTables.table2.product')}</th>
            <th rowSpan={2}>{t('energyTables.table2.unit')}</th>
            <th rowSpan={2}>{t('energyTables.table2.output', { year })}</th>
            <th rowSpan={2}>{t('energyTables.table2.qualified')}</th>
            <th colSpan={2}>{t('energyTables.table2.tce')}</th>
            <th colSpan={2}>{t('energyTables.table2.unitKgce')}</th>
            <th rowSpan={2}>{t('energyTables.table2.lastYear', { year: year - 1 })}</th>
            <th rowSpan={2}>{t('energyTables.table2.change')}</th>
            <th rowSpan={2}>{t('energyTables.table2.limit')}</th>
            <th rowSpan={2}>{t('energyTables.table2.standard')}</th>
            <th rowSpan={2}>{t('energyTables.table2.meetsTitle')}</th>
          </tr>
          <tr>
            <th>{t('energyTables.table2.equivalent')}</th>
            <th>{t('energyTables.table2.equal')}</th>
            <th>{t('energyTables.table2.equivalent')}</th>
            <th>{t('energyTables.table2.equal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.materialId}>
              <td style={PRINT_NUMBER}>{i + 1}</td>
              <td>{`${r.materialName}（${r.materialCode}）`}</td>
              <td>{r.unit}</td>
              <td style={PRINT_NUMBER}>{num(r.output, 2)}</td>
              <td style={PRINT_NUMBER}>{num(r.qualifiedOutput, 2)}</td>
              <td style={PRINT_NUMBER}>{num(r.tceEquivalent, 4)}</td>
              <td style={PRINT_NUMBER}>{num(r.tceEqual, 4)}</td>
              <td style={PRINT_NUMBER}>{num(r.unitKgceEquivalent, 3)}</td>
              <td style={PRINT_NUMBER}>{num(r.unitKgceEqual, 3)}</td>
              <td style={PRINT_NUMBER}>{num(r.lastYearUnitKgceEquivalent, 3)}</td>
              <td style={PRINT_NUMBER}>{r.changePct === null ? '—' : `${num(r.changePct, 1)}%`}</td>
              <td style={PRINT_NUMBER}>
                {r.limitKgcePerUnit === null
                  ? '—'
                  : `${num(r.limitKgcePerUnit, 3)}${r.limitValueKind ? `（${t(`energyTables.table2.${r.limitValueKind}`)}）` : ''}`}
              </td>
              <td>{r.limitStandard ?? '—'}</td>
              <td>{meets(r.meetsLimit)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={14}>{t('energyTables.table2.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </PrintReport>
  );
}
