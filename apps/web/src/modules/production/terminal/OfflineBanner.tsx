import { Alert, Button, Space } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { fromStoredError, type QueuedReport } from './report-queue.ts';
import { reportErrorMessage } from './report-error.ts';
import type { ReportQueue } from './use-report-queue.ts';
import styles from './terminal.module.css';

/** One waiting or refused report in a line: when it was pressed, where, what, who. */
function ReportLine({ report }: { report: QueuedReport }) {
  const { t } = useTranslation();
  const { body } = report;
  const quantities =
    body.kind === 'quantity' || body.kind === 'finish'
      ? [
          body.goodQty && `${t('jobReports.good')} ${body.goodQty}`,
          body.scrapQty && `${t('jobReports.scrap')} ${body.scrapQty} ${body.scrapReasonCode ?? ''}`,
          body.reworkQty && `${t('jobReports.rework')} ${body.reworkQty}`,
        ].filter(Boolean)
      : [];
  const reason = body.kind === 'pause' ? [body.reason] : [];
  return (
    <span>
      <strong>{dayjs(body.occurredAt ?? report.queuedAt).format('HH:mm:ss')}</strong> {report.workOrderNumber}
      /{report.operationSeqNo} {report.operationName} · {t(`jobReports.kind.${body.kind}`)}
      {[...quantities, ...reason].map((x) => ` · ${x}`).join('')} · {report.workerName}
    </span>
  );
}

/**
 * The terminal's offline state, impossible to miss: a red bar while the server is out of reach or reports
 * wait (with the count and the list), and every report the server refused on replay with its message,
 * until the operator dismisses it.
 */
export function OfflineBanner({ queue }: { queue: ReportQueue }) {
  const { t } = useTranslation();
  const waiting = queue.pending.length;
  const isShown = queue.isOffline || waiting > 0;
  return (
    <>
      {isShown && (
        <Alert
          type={queue.isOffline ? 'error' : 'warning'}
          showIcon
          icon={queue.isOffline ? <DisconnectOutlined /> : <CloudSyncOutlined />}
          className={styles.offline}
          data-testid="terminal-offline"
          title={
            <span data-testid="terminal-offline-title">
              {queue.isOffline
                ? t('terminal.offline.banner', { count: waiting })
                : t('terminal.offline.sending', { count: waiting })}
            </span>
          }
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>{t('terminal.offline.hint')}</span>
              {!queue.isSaved && <strong>{t('terminal.offline.notSaved')}</strong>}
              {waiting > 0 && (
                <div>
                  <strong>{t('terminal.offline.pendingTitle')}</strong>
                  <ol className={styles.queueList} data-testid="terminal-offline-pending">
                    {queue.pending.map((r) => (
                      <li key={r.clientId}>
                        <ReportLine report={r} />
                      </li>
                    ))}
                  </ol>
                </div>
              )}
            </Space>
          }
          action={
            waiting > 0 && (
              <Button
                size="large"
                loading={queue.isDraining}
                onClick={queue.retryNow}
                data-testid="terminal-offline-retry"
              >
                {t('terminal.offline.retry')}
              </Button>
            )
          }
        />
      )}
      {queue.rejected.length > 0 && (
        <Alert
          type="error"
          showIcon
          className={styles.offline}
          data-testid="terminal-rejected"
          title={t('terminal.offline.rejectedTitle', { count: queue.rejected.length })}
          description={
            <div>
              <span>{t('terminal.offline.rejectedHint')}</span>
              <ul className={styles.queueList}>
                {queue.rejected.map((r) => (
                  <li key={r.clientId} className={styles.rejected} data-testid="terminal-rejected-item">
                    <Space orientation="vertical" size={2}>
                      <ReportLine report={r} />
                      <strong data-testid="terminal-rejected-message">
                        {reportErrorMessage(fromStoredError(r.error), t)}
                      </strong>
                    </Space>
                    <Button
                      size="large"
                      onClick={() => queue.dismiss(r.clientId)}
                      data-testid="terminal-rejected-dismiss"
                    >
                      {t('terminal.offline.dismiss')}
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          }
        />
      )}
    </>
  );
}
