import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, type Language } from '../../i18n/index.ts';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      aria-label="Language / 语言"
      size="small"
      value={i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}
      options={[
        { label: <span data-testid="lang-zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en-US">English</span>, value: 'en-US' },
      ]}
      onChange={(language) => {
        rememberLanguage(language);
        void i18n.changeLanguage(language);
      }}
    />
  );
}
