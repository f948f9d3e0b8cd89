import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Opens the browser's print dialog, where "Save as PDF" gives the PDF of the page's PrintReport. */
export function PrintButton(props: { testId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      icon={<PrinterOutlined />}
      disabled={props.disabled}
      onClick={() => window.print()}
      data-testid={props.testId}
    >
      {t('common.print.button')}
    </Button>
  );
}
