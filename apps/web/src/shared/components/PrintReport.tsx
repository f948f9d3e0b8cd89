import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../modules/platform/hooks/use-me.ts';
import styles from './print-report.module.css';

/** A cell style for numbers: right-aligned, the way the standard's forms print them. */
export const PRINT_NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/**
 * A report as it goes on paper (A4 landscape): the title block, the tables, a footer line. Shown only in print
 * media (see print-report.module.css); the browser's print dialog turns it into a PDF, which the server cannot
 * do for want of a CJK font. Rendered at the end of <body> so that hiding the app hides nothing of it.
 */
export function PrintReport(props: {
  /** the report's name as the standard gives it */
  title: string;
  subtitle?: string;
  period: string;
  /** sources of the factors used, and other notes the reader of the paper needs */
  note?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const printedAt = dayjs().format('YYYY-MM-DD HH:mm');
  return createPortal(
    <div className={styles.report} data-testid={props.testId}>
      <header className={styles.titleBlock} data-testid="print-title-block">
        <h1 className={styles.title}>{props.title}</h1>
        {props.subtitle && <p className={styles.subtitle}>{props.subtitle}</p>}
        <div className={styles.meta}>
          <span data-testid="print-enterprise">
            {t('common.print.enterprise', { name: me?.tenant.name ?? '' })}
          </span>
          <span data-testid="print-period">{t('common.print.period', { period: props.period })}</span>
          <span>{t('common.print.printedAt', { printedAt })}</span>
        </div>
      </header>
      {props.children}
      <footer className={styles.footer}>
        <div>{t('common.print.footer', { printedAt })}</div>
        {props.note && <div>{props.note}</div>}
      </footer>
    </div>,
    document.body,
  );
}
