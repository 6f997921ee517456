import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { download, qs } from '../app/api';
import { useI18n } from '../app/i18n';

/** Downloads what the list's filters show as .xlsx (the server streams, masks and audits it). */
export function ExportButton({ url, params = {}, label }: { url: string; params?: Record<string, unknown>; label?: string }) {
  const { t } = useI18n();
  return (
    <Button icon={<DownloadOutlined />} onClick={() => download(url + qs(params))} data-testid="export-button">
      {label ?? t('导出 Excel', 'Export')}
    </Button>
  );
}
