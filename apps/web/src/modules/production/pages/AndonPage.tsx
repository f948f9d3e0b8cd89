import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { AndonBoard } from '../components/AndonBoard.tsx';
import { AndonRulesTable } from '../components/AndonRulesTable.tsx';

/** 异常管理 (Andon): the board of exceptions raised on the shop floor, and the escalation rules. */
export function AndonPage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('andon.title')} testId="andon-page">
      <Tabs
        items={[
          { key: 'board', label: t('andon.board'), children: <AndonBoard /> },
          { key: 'rules', label: t('andon.rules.title'), children: <AndonRulesTable /> },
        ]}
      />
    </PageCard>
  );
}
