import { useState } from 'react';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TJobReport } from '@greenmes/contracts';
import { useOrderJobReports } from '../hooks/use-job-report-queries.ts';
import { JobReportQuantities, JobReportReason } from './JobReportCells.tsx';

const KIND_COLOR: Record<TJobReport['kind'], string> = {
  start: 'processing',
  pause: 'warning',
  resume: 'blue',
  quantity: 'default',
  finish: 'success',
};

/** An order's job reports, newest first, paged; refreshed every few seconds while the order is on the floor. */
export function JobReportsTable(props: { workOrderId: string; isLive: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const reports = useOrderJobReports(props.workOrderId, page, {
    refetchInterval: props.isLive ? 5000 : false,
  });
  return (
    <Table<TJobReport>
      size="small"
      rowKey="id"
      loading={reports.isPending}
      dataSource={reports.data?.items}
      data-testid="wo-job-reports"
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: reports.data?.total,
        showSizeChanger: true,
        onChange: (p, size) => setPage({ page: p, pageSize: size }),
      }}
      columns={[
        {
          title: t('jobReports.time'),
          width: 170,
          render: (_, r) => dayjs(r.occurredAt ?? r.reportedAt).format('YYYY-MM-DD HH:mm:ss'),
        },
        {
          title: t('jobReports.operation'),
          width: 120,
          render: (_, r) => `${r.operationSeqNo} ${r.operationCode}`,
        },
        {
          title: t('jobReports.worker'),
          width: 150,
          render: (_, r) => (r.workerName ? `${r.workerName} (${r.workerEmployeeNo})` : r.workerEmployeeNo),
        },
        {
          title: t('jobReports.kindLabel'),
          width: 90,
          render: (_, r) => <Tag color={KIND_COLOR[r.kind]}>{t(`jobReports.kind.${r.kind}`)}</Tag>,
        },
        {
          title: `${t('jobReports.good')} / ${t('jobReports.scrap')} / ${t('jobReports.rework')}`,
          width: 150,
          align: 'right',
          render: (_, r) => <JobReportQuantities report={r} />,
        },
        { title: t('jobReports.reason'), render: (_, r) => <JobReportReason report={r} /> },
      ]}
    />
  );
}
