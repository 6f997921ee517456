import { Button, Flex, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../app/i18n';

/**
 * 无权访问: a page the user's roles do not open (the route guard), or a request the server refused with 403
 * (QueryState). Says so plainly and offers the way back, instead of a load error or a spinner.
 */
export function NoAccess({ detail }: { detail?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // React Router numbers the entries of this tab's history: above 0 there is a page of ours to go back to.
  const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  return (
    <Result
      status="403"
      title={t('无权访问', 'No access')}
      subTitle={
        detail ??
        t(
          '您的角色没有打开此页面的权限。如需使用，请联系安全管理员分配角色。',
          'Your roles do not open this page. Ask the security admin if you need it.',
        )
      }
      extra={
        <Flex gap={8} justify="center" wrap>
          <Button type="primary" onClick={() => navigate('/')} data-testid="no-access-home">
            {t('返回工作台', 'Back to home')}
          </Button>
          {canGoBack && <Button onClick={() => navigate(-1)}>{t('返回上一页', 'Go back')}</Button>}
        </Flex>
      }
      data-testid="no-access"
    />
  );
}
