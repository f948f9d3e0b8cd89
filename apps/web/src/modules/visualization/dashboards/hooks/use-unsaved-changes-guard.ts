import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Asks before a page with unsaved changes is left: in-app navigation (menu, links, the back button) gets a
 * "leave and discard / stay" confirm, reloading or closing the tab the browser's own prompt.
 * Call `markSaved()` just before navigating away after a save.
 */
export function useUnsavedChangesGuard({ isDirty }: { isDirty: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  // a ref, not state: the navigation that follows a save runs before the page renders as clean again
  const isSavedRef = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty && !isSavedRef.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    const confirm = modal.confirm({
      title: t('dashboards.discardTitle'),
      content: t('dashboards.discardText'),
      okText: t('dashboards.leaveAndDiscard'),
      okButtonProps: { danger: true },
      cancelText: t('dashboards.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    // the dialog belongs to this blocked navigation; StrictMode's second effect run must not stack a second one
    return () => confirm.destroy();
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  return {
    markSaved: () => {
      isSavedRef.current = true;
    },
  };
}
