import { Alert, Descriptions, Drawer, Spin, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TAndonEvent } from '@greenmes/contracts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { useAndonException } from '../hooks/use-andon-queries.ts';
import { ANDON_KIND_COLOR, ANDON_STATUS_COLOR, levelColor } from '../lib/andon.ts';

const EVENT_COLOR: Record<TAndonEvent['action'], string> = {
  raise: 'red',
  acknowledge: 'orange',
  escalate: 'magenta',
  resolve: 'green',
};
const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** One exception: what it concerns, who raised, acknowledged and resolved it, and its history with escalations. */
export function AndonDetailDrawer(props: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useAndonException(props.id);
  const x = detail.data;
  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      size={640}
      title={t('andon.detail')}
      destroyOnHidden
      data-testid="andon-detail-drawer"
    >
      {detail.isPending && <Spin />}
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error, t)} />}
      {x && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('andon.kindLabel')}>
              <Tag color={ANDON_KIND_COLOR[x.kind]}>{t(`andon.kind.${x.kind}`)}</Tag>
              {x.isStopping ? <Tag color="red">{t('andon.stop')}</Tag> : <Tag>{t('andon.flag')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.statusLabel')}>
              <Tag color={ANDON_STATUS_COLOR[x.status]}>{t(`andon.status.${x.status}`)}</Tag>
              <Tag color={levelColor(x.escalationLevel)}>L{x.escalationLevel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.description')} span={2}>
              {x.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.operation')}>
              {x.workOrderNumber ? `${x.workOrderNumber} / ${x.operationSeqNo} ${x.operationName}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.workCenter')}>
              {x.workCenterCode} {x.workCenterName}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.raisedBy')}>
              {[x.raisedByWorkerName, x.raisedByUserName].filter(Boolean).join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.raisedAt')}>{at(x.raisedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('andon.acknowledgedBy')}>
              {x.acknowledgedByName ?? '—'} {x.acknowledgedAt && `(${at(x.acknowledgedAt)})`}
            </Descriptions.Item>
            <Descriptions.Item label={t('andon.resolvedBy')}>
              {x.resolvedByName ?? '—'} {x.resolvedAt && `(${at(x.resolvedAt)})`}
            </Descriptions.Item>
            {x.resolution && (
              <Descriptions.Item label={t('andon.resolution')} span={2}>
                {x.resolution}
              </Descriptions.Item>
            )}
          </Descriptions>
          <h4 style={{ marginTop: 24 }}>{t('andon.history')}</h4>
          <Timeline
            data-testid="andon-history"
            items={x.events.map((e) => ({
              color: EVENT_COLOR[e.action],
              content: (
                <div>
                  <strong>
                    {e.action === 'escalate'
                      ? t('andon.event.escalate', { level: e.level })
                      : t(`andon.event.${e.action}`)}
                  </strong>{' '}
                  <span style={{ color: '#8c8c8c' }}>{at(e.at)}</span>
                  <div>
                    {[e.workerName, e.userName].filter(Boolean).join(' · ')}
                    {e.notifiedRole && ` ${t('andon.notifiedRole', { role: e.notifiedRole })}`}
                    {e.notifiedWebhook && ` ${t('andon.notifiedWebhook', { webhook: e.notifiedWebhook })}`}
                  </div>
                  {e.comment && <div>{e.comment}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
