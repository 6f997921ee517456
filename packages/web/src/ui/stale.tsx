import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../app/api';
import { useI18n } from '../app/i18n';

/** True when the server refused an edit because the record changed since it was loaded (412, If-Match). */
export function isStaleEdit(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 412;
}

/**
 * For edit forms: on a 412 it shows who changed the record and when (the server's message), says the edit was not
 * saved and offers to reload the record; returns true when it handled the error, false for any other error.
 */
export function useStaleEditHandler(): (err: unknown, reload: () => unknown) => boolean {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (err, reload) => {
      if (!isStaleEdit(err)) return false;
      modal.confirm({
        title: t('记录已被他人修改', 'Changed by someone else'),
        content: err.message,
        okText: t('重新加载', 'Reload'),
        cancelText: t('留在此页', 'Stay here'),
        onOk: () => reload(),
      });
      return true;
    },
    [modal, t],
  );
}
