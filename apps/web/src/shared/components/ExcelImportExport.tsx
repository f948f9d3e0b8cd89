import { useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TImportResult } from '@greenmes/contracts';
import { useNotifyError } from '../hooks/use-notify-error.ts';

export interface ExcelImportExportProps {
  canImport: boolean;
  exportXlsx: () => Promise<void>;
  downloadTemplate: () => Promise<void>;
  importXlsx: (file: File, dryRun: boolean) => Promise<TImportResult>;
  onImported: () => void;
  testIdPrefix: string;
}

/**
 * Export, template and a two-step import: the file is checked first (dry run), and only written
 * when the user confirms a clean check — the server writes nothing if any row is wrong anyway.
 */
export function ExcelImportExport(props: ExcelImportExportProps) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ value: TImportResult; isDryRun: boolean } | null>(null);
  const [busy, setBusy] = useState<'export' | 'template' | 'check' | 'import' | null>(null);

  const run = async <T,>(
    kind: NonNullable<typeof busy>,
    action: () => Promise<T>,
  ): Promise<T | undefined> => {
    setBusy(kind);
    try {
      return await action();
    } catch (error) {
      notifyError(error);
      return undefined;
    } finally {
      setBusy(null);
    }
  };

  const check = async (picked: File) => {
    setFile(picked);
    const value = await run('check', () => props.importXlsx(picked, true));
    if (value) setResult({ value, isDryRun: true });
  };
  const commit = async () => {
    if (!file) return;
    const value = await run('import', () => props.importXlsx(file, false));
    if (value) {
      setResult({ value, isDryRun: false });
      if (value.errors.length === 0) props.onImported();
    }
  };
  const close = () => {
    setResult(null);
    setFile(null);
  };
  const errors = result?.value.errors ?? [];

  return (
    <>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'export'}
          onClick={() => void run('export', props.exportXlsx)}
          data-testid={`${props.testIdPrefix}-export`}
        >
          {t('excel.export')}
        </Button>
        {props.canImport && (
          <>
            <Button
              icon={<FileExcelOutlined />}
              loading={busy === 'template'}
              onClick={() => void run('template', props.downloadTemplate)}
            >
              {t('excel.template')}
            </Button>
            <Button
              icon={<UploadOutlined />}
              loading={busy === 'check'}
              onClick={() => inputRef.current?.click()}
              data-testid={`${props.testIdPrefix}-import`}
            >
              {t('excel.import')}
            </Button>
            <input
              ref={inputRef}
              type="file"
              hidden
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid={`${props.testIdPrefix}-import-file`}
              onChange={(e) => {
                const picked = e.target.files?.[0];
                e.target.value = ''; // choosing the same file again must fire onChange again
                if (picked) void check(picked);
              }}
            />
          </>
        )}
      </Space>
      <Modal
        open={result !== null}
        title={t('excel.resultTitle', { file: file?.name ?? '' })}
        onCancel={close}
        width={760}
        footer={
          result?.isDryRun && errors.length === 0
            ? [
                <Button key="cancel" onClick={close}>
                  {t('common.cancel')}
                </Button>,
                <Button
                  key="ok"
                  type="primary"
                  loading={busy === 'import'}
                  onClick={() => void commit()}
                  data-testid="import-confirm"
                >
                  {t('excel.confirmImport')}
                </Button>,
              ]
            : [
                <Button key="close" type="primary" onClick={close}>
                  {t('common.close')}
                </Button>,
              ]
        }
      >
        {result && errors.length === 0 && (
          <Alert
            type={result.isDryRun ? 'info' : 'success'}
            showIcon
            title={t(result.isDryRun ? 'excel.checkOk' : 'excel.importOk', result.value)}
          />
        )}
        {errors.length > 0 && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('excel.hasErrors', { count: errors.length })}
              style={{ marginBottom: 12 }}
            />
            <Table
              size="small"
              data-testid="import-errors"
              rowKey={(row) => `${row.row}-${row.column ?? ''}-${row.message}`}
              dataSource={errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('excel.row'), dataIndex: 'row', width: 80 },
                {
                  title: t('excel.column'),
                  dataIndex: 'column',
                  width: 160,
                  render: (c?: string) => c ?? '—',
                },
                {
                  title: t('excel.message'),
                  dataIndex: 'message',
                  render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
                },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
