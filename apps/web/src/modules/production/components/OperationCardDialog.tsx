import { Modal, QRCode } from 'antd';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TWorkOrder, TWorkOrderOperation } from '@greenmes/contracts';
import { PrintButton } from '../../../shared/components/PrintButton.tsx';
import { useMe } from '../../platform/hooks/use-me.ts';
import { cardCodeOf } from '../lib/card-code.ts';
import styles from './operation-card.module.css';

/** The card itself: what the operator reads, and the QR code the terminal's scanner reads. */
function OperationCard(props: { order: TWorkOrder; operation: TWorkOrderOperation }) {
  const { order: w, operation: op } = props;
  const { t } = useTranslation();
  const { data: me } = useMe();
  const code = cardCodeOf(w.number, op.seqNo);
  return (
    <div className={styles.card}>
      <div className={styles.title}>
        <h2>{t('jobReports.cardTitle')}</h2>
        <span>{me?.tenant.name}</span>
      </div>
      <dl className={styles.fields}>
        <dt>{t('terminal.op.order')}</dt>
        <dd>{w.number}</dd>
        <dt>{t('terminal.op.product')}</dt>
        <dd>
          {w.productCode} {w.productName}
        </dd>
        <dt>{t('terminal.op.operation')}</dt>
        <dd>
          {op.seqNo} {op.code} {op.name}
        </dd>
        <dt>{t('terminal.op.workCenter')}</dt>
        <dd>
          {op.workCenterCode} {op.workCenterName}
        </dd>
        <dt>{t('terminal.op.planned')}</dt>
        <dd>
          {op.plannedQuantity} {w.unitCode}
        </dd>
        <dt>{t('terminal.op.dispatch')}</dt>
        <dd>{op.shiftDate ? `${op.shiftDate} ${op.shiftCode}` : t('terminal.op.notDispatched')}</dd>
        <dt>{t('workOrders.dueDate')}</dt>
        <dd>{w.dueDate ?? '—'}</dd>
      </dl>
      <div>
        <QRCode value={code} type="svg" size={150} bordered={false} />
        <div className={styles.code} data-testid="operation-card-code">
          {code}
        </div>
      </div>
    </div>
  );
}

/** An operation's card to print; on paper only the card, nothing of the app. */
export function OperationCardDialog(props: {
  order: TWorkOrder;
  operation: TWorkOrderOperation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const op = props.operation;
  return (
    <Modal
      open={op !== null}
      title={t('jobReports.cardTitle')}
      onCancel={props.onClose}
      width={720}
      footer={<PrintButton testId="operation-card-print" />}
      destroyOnHidden
    >
      {op && (
        <div data-testid="operation-card">
          <OperationCard order={props.order} operation={op} />
          {createPortal(
            <div className={styles.print}>
              <OperationCard order={props.order} operation={op} />
            </div>,
            document.body,
          )}
        </div>
      )}
    </Modal>
  );
}
