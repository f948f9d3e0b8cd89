import { useState } from 'react';
import { Checkbox, DatePicker, Form, List, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TMoveScheduledResult, TScheduleBar, TScheduleWarning } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { scheduleApi } from '../api/schedule-api.ts';

/** The server's conflict warnings, in the user's language. */
export function WarningList(props: { warnings: TScheduleWarning[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      data-testid="schedule-warnings"
      dataSource={props.warnings}
      renderItem={(w) => (
        <List.Item data-testid={`schedule-warning-${w.kind}`}>
          {t(`scheduling.warning.${w.kind}`, {
            ops: w.operations.map((o) => `${o.workOrderNumber}/${o.seqNo}`).join(', '),
            at: formatDateTime(w.at),
          })}
        </List.Item>
      )}
    />
  );
}

/** A precise move: the new start (pins the operation), its flexibility, or unpinning it. */
export function MoveOperationDialog(props: {
  bar: TScheduleBar;
  onClose: () => void;
  onMoved: (result: TMoveScheduledResult) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { bar } = props;
  const [start, setStart] = useState<Dayjs | null>(dayjs(bar.start));
  const [isFlexible, setFlexible] = useState(bar.isFlexible);
  const [isUnpin, setUnpin] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      scheduleApi.move(bar.operationId, {
        plannedStart: isUnpin ? null : start!.startOf('minute').toISOString(),
        isFlexible,
      }),
    onSuccess: (result) => props.onMoved(result),
    onError: (e) => notifyError(e),
  });
  return (
    <Modal
      open
      title={t('scheduling.move.title', { order: bar.workOrderNumber, seq: bar.seqNo })}
      okText={t('scheduling.move.ok')}
      onOk={() => save.mutate()}
      okButtonProps={{ disabled: !isUnpin && !start, 'data-testid': 'schedule-move-ok' }}
      confirmLoading={save.isPending}
      onCancel={props.onClose}
      data-testid="schedule-move-dialog"
    >
      <Form layout="vertical">
        <Form.Item label={t('scheduling.move.start')}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            value={start}
            disabled={isUnpin}
            onChange={setStart}
            style={{ width: '100%' }}
            data-testid="schedule-move-start"
          />
        </Form.Item>
        <Checkbox checked={isFlexible} onChange={(e) => setFlexible(e.target.checked)}>
          {t('scheduling.move.flexible')}
        </Checkbox>
        {bar.isPinned && (
          <Checkbox checked={isUnpin} onChange={(e) => setUnpin(e.target.checked)}>
            {t('scheduling.move.unpin')}
          </Checkbox>
        )}
      </Form>
    </Modal>
  );
}
