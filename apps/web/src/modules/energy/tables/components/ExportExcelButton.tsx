import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';

/** The server builds the workbook in the standard's layout; the button only fetches and saves it. */
export function ExportExcelButton(props: { download: () => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [isBusy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await props.download();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={isBusy}
      onClick={() => void run()}
      data-testid={props.testId}
    >
      {t('energyTables.exportExcel')}
    </Button>
  );
}
