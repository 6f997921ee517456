import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';

// Plain Alert, not antd's Result: this sits in the entry chunk (Result carries its illustrations) and must work
// when no further chunk can be downloaded.
function PageLoadFailed({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      style={{ margin: 24 }}
      title={t('页面加载失败', 'The page failed to load')}
      description={error.message}
      action={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('重新加载', 'Reload')}
        </Button>
      }
    />
  );
}

/**
 * A page that failed to render — typically its code chunk failed to download (the network dropped, or a new
 * version was deployed and the old chunk is gone) — shows a reload button instead of a blank screen.
 * A new `resetKey` (the path) clears the error, so moving to another page starts afresh; the page itself is not
 * remounted for it (a key would reset its state on every change of /cases/:id).
 */
export class PageErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidUpdate(prev: { resetKey: string }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    return this.state.error ? <PageLoadFailed error={this.state.error} /> : this.props.children;
  }
}
