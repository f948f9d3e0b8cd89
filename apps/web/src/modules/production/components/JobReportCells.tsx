import type { TJobReport } from '@greenmes/contracts';
import { useReasonCodes } from '../hooks/use-job-report-queries.ts';

/** good / scrap / rework of a quantity or finish report; nothing for the others. */
export function JobReportQuantities({ report: r }: { report: TJobReport }) {
  if (r.kind !== 'quantity' && r.kind !== 'finish') return null;
  return (
    <span>
      {r.goodQty} / {r.scrapQty} / {r.reworkQty}
    </span>
  );
}

/** A pause's reason or a scrap's reason code, with the catalogue's name when it is one of its codes. */
export function JobReportReason({ report: r }: { report: TJobReport }) {
  const codes = useReasonCodes();
  const code = r.kind === 'pause' ? r.reason : r.scrapReasonCode;
  if (!code) return null;
  const kind = r.kind === 'pause' ? 'pause' : 'scrap';
  const known = codes.data?.find((c) => c.kind === kind && c.code === code);
  return <span>{known ? `${known.code} ${known.name}` : code}</span>;
}
