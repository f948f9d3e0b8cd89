import { useState } from 'react';
import { Alert, Input, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TWorkOrder, TWorkOrderOperation } from '@greenmes/contracts';
import { genealogyApi, genealogyKeys } from '../api/genealogy-api.ts';

/** what the server takes as a serial number (ZCode): what a label's barcode carries */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const MAX_LENGTH = 64;

/**
 * Whether good quantity reported on this operation takes serial numbers: the order's last operation of a
 * serial-tracked product. Read only for the last operation.
 */
export function useSerialTracking(order: TWorkOrder, operation: TWorkOrderOperation): boolean {
  const isLast = operation.seqNo === Math.max(...order.operations.map((o) => o.seqNo));
  const serials = useQuery({
    queryKey: [...genealogyKeys.orderSerials, order.id],
    queryFn: ({ signal }) => genealogyApi.orderSerials(order.id, signal),
    enabled: isLast,
    staleTime: 60_000,
  });
  return isLast && serials.data?.isSerialTracked === true;
}

/**
 * 序列号扫码: a scanner types like a keyboard, one serial number and Enter; each lands in the list once (a
 * repeat or a malformed code is said, not added) and a mistaken one is removed by its ×. The count stands
 * against the good quantity; none at all leaves the numbering to the server (after the lot).
 */
export function SerialScanInput(props: {
  value?: string[];
  onChange?: (serials: string[]) => void;
  goodQty: string | null | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const serials = props.value ?? [];
  const good = Number(props.goodQty || 0);
  const add = () => {
    const serial = text.trim();
    setText('');
    if (!serial) return;
    if (serial.length > MAX_LENGTH || !SERIAL.test(serial))
      setNotice(t('terminal.serials.invalid', { serial }));
    else if (serials.includes(serial)) setNotice(t('terminal.serials.repeat', { serial }));
    else {
      setNotice(null);
      props.onChange?.([...serials, serial]);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input
        size="large"
        value={text}
        onChange={(e) => setText(e.target.value)}
        // the scanner's Enter adds the serial; it must not submit the report
        onPressEnter={(e) => {
          e.preventDefault();
          add();
        }}
        placeholder={t('terminal.serials.placeholder')}
        autoComplete="off"
        data-testid="terminal-serial-input"
      />
      <Space wrap>
        <Tag
          color={serials.length === 0 ? 'default' : serials.length === good ? 'green' : 'orange'}
          style={{ fontSize: 18, padding: '4px 12px' }}
          data-testid="terminal-serial-count"
        >
          {t('terminal.serials.count', { count: serials.length, good })}
        </Tag>
        {serials.length === 0 && (
          <Typography.Text type="secondary">{t('terminal.serials.numbered')}</Typography.Text>
        )}
      </Space>
      {notice && <Alert type="warning" showIcon title={notice} data-testid="terminal-serial-notice" />}
      <div data-testid="terminal-serial-list">
        {serials.map((s) => (
          <Tag
            key={s}
            closable
            onClose={() => props.onChange?.(serials.filter((x) => x !== s))}
            style={{ fontSize: 16, padding: '2px 8px', marginBottom: 4 }}
          >
            {s}
          </Tag>
        ))}
      </div>
    </Space>
  );
}
