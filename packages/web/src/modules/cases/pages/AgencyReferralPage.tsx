import { Button } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useAgencyReferral, useAgencyRespond } from '../api';
import { AgencyReferralView, RespondPanel } from '../components/RespondPanel';

export function AgencyReferralPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useAgencyReferral(id);
  const respond = useAgencyRespond(id);
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  return (
    <>
      <PageHeader
        title={t('转介事项', 'Referral')}
        extra={<Button onClick={() => navigate('/agency')}>{t('返回收件箱', 'Back')}</Button>}
      />
      <QueryState
        loading={q.isLoading}
        error={notFound ? null : q.error}
        empty={notFound}
        emptyText={t('转介不存在或不是发给本机构的', 'Not found')}
      >
        {q.data && (
          <div style={{ maxWidth: 760 }}>
            <AgencyReferralView r={q.data} />
            <RespondPanel r={q.data} onRespond={(kind, body) => respond.mutateAsync({ kind, body })} />
          </div>
        )}
      </QueryState>
    </>
  );
}
