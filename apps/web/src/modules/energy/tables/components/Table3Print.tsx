import { useTranslation } from 'react-i18next';
import type { TEnergyTable3 } from '@greenmes/contracts';
import { PRINT_NUMBER, PrintReport } from '../../../../shared/components/PrintReport.tsx';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber } from '../../lib/energy-format.ts';

/** Table 3 on paper: the register as the form lists it, an eliminated model with its phase-out date. */
export function Table3Print(props: { data: TEnergyTable3 }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const { year, rows } = props.data;
  const text = (v: string | null) => v ?? '—';
  const columns = [
    'no',
    'code',
    'name',
    'area',
    'model',
    'manufacturer',
    'ratedPower',
    'media',
    'commissioningDate',
    'eliminated',
  ] as const;
  return (
    <PrintReport
      title={t('energyTables.print.table3Title')}
      period={t('energyTables.print.year', { year })}
      note={t('energyTables.print.table3Sources')}
      testId="table3-print"
    >
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{t(`energyTables.table3.${c}`)}</th>
            ))}
            <th>{t('energyTables.table3.consumption', { year })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.equipmentId}>
              <td style={PRINT_NUMBER}>{i + 1}</td>
              <td>{r.code}</td>
              <td>{r.name}</td>
              <td>{text(r.area)}</td>
              <td>{text(r.model)}</td>
              <td>{text(r.manufacturer)}</td>
              <td style={PRINT_NUMBER}>{formatNumber(r.ratedPowerKw, i18n.language, 2)}</td>
              <td>{r.energyMedia.length ? r.energyMedia.map(mediumLabel).join('、') : '—'}</td>
              <td>{text(r.commissioningDate)}</td>
              <td>
                {r.isEliminatedModel
                  ? [
                      t('energyTables.table3.eliminatedTag'),
                      r.phaseOutDate && t('energyTables.table3.phaseOut', { date: r.phaseOutDate }),
                    ]
                      .filter(Boolean)
                      .join(' · ')
                  : '—'}
              </td>
              <td style={PRINT_NUMBER}>
                {r.tceEquivalent === null
                  ? t('energyTables.table3.notMetered')
                  : formatNumber(r.tceEquivalent, i18n.language, 4)}
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1}>{t('energyTables.table3.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </PrintReport>
  );
}
