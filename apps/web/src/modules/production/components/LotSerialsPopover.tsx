import { useState } from 'react';
import { Alert, Empty, Input, Pagination, Popover, Spin, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { genealogyApi, genealogyKeys } from '../api/genealogy-api.ts';

const PAGE_SIZE = 20;

/**
 * A trace node's serial count; a click opens the lot's serial numbers, a page at a time and filterable
 * (a lot may carry thousands). Loaded only when opened.
 */
export function LotSerialsPopover(props: { lotId: string; lotNumber: string; count: number }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const serials = useQuery({
    queryKey: [...genealogyKeys.lotSerials, props.lotId, page, q],
    queryFn: ({ signal }) =>
      genealogyApi.lotSerials(props.lotId, { page, pageSize: PAGE_SIZE, q: q || undefined }, signal),
    enabled: isOpen,
    placeholderData: keepPreviousData,
  });
  const content = (
    // the popover renders in a portal, yet React bubbles its events to the tree node: keep them here
    <div
      style={{ width: 300 }}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      data-testid={`trace-serials-${props.lotNumber}`}
    >
      <Input.Search
        size="small"
        allowClear
        placeholder={t('genealogy.serialFilter')}
        aria-label={t('genealogy.serialFilter')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ marginBottom: 8 }}
      />
      {serials.isError && <Alert type="error" showIcon title={errorMessage(serials.error, t)} />}
      <Spin spinning={serials.isFetching}>
        {serials.data && serials.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('genealogy.noSerials')} />
        ) : (
          <ol start={(page - 1) * PAGE_SIZE + 1} style={{ margin: 0, paddingLeft: 44, minHeight: 40 }}>
            {serials.data?.items.map((s) => (
              <li key={s}>
                <Typography.Text copyable>{s}</Typography.Text>
              </li>
            ))}
          </ol>
        )}
      </Spin>
      {(serials.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          size="small"
          simple
          current={page}
          pageSize={PAGE_SIZE}
          total={serials.data!.total}
          showSizeChanger={false}
          onChange={setPage}
          style={{ marginTop: 8, textAlign: 'right' }}
        />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={isOpen}
      onOpenChange={setIsOpen}
      title={t('genealogy.serialsOf', { lot: props.lotNumber, count: props.count })}
      content={content}
    >
      <Tag
        color="cyan"
        style={{ cursor: 'pointer' }}
        onClick={(e) => e.stopPropagation()}
        data-testid={`trace-serial-count-${props.lotNumber}`}
      >
        {t('genealogy.serialCount', { count: props.count })}
      </Tag>
    </Popover>
  );
}
