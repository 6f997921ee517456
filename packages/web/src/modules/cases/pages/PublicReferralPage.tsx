import { Alert, Card, Result, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { Spin } from 'antd';
import { useLinkReferral, useLinkRespond } from '../api';
import { AgencyReferralView, RespondPanel } from '../components/RespondPanel';

/**
 * The page a printed 转介函's link or QR code opens, for an agency without an account: that one referral,
 * and the form to accept, decline or report the outcome. The link works until it expires or is answered.
 */
export function PublicReferralPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const q = useLinkReferral(token);
  const respond = useLinkRespond(token);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={4} style={{ color: '#c41d7f' }}>
        巾帼 · {t('妇联转介事项', 'Federation referral')}
      </Typography.Title>
      {q.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : q.error ? (
        <Result
          status="warning"
          title={t('链接无效、已过期或已使用', 'This link is no longer valid')}
          subTitle={t('请与发函的妇联联系（转介函上有联系人）。', 'Please contact the federation named on the letter.')}
        />
      ) : (
        q.data && (
          <>
            {q.data.status === 'done' || q.data.status === 'declined' ? (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('已答复，谢谢！本链接至此失效。', 'Answered, thank you. The link is now closed.')}
              />
            ) : (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('本页仅供接收机构办理此件转介使用，请勿转发。', 'For the receiving agency only.')}
              />
            )}
            <Card size="small">
              <AgencyReferralView r={q.data} />
            </Card>
            <RespondPanel r={q.data} askHandler onRespond={(kind, body) => respond.mutateAsync({ kind, body })} />
          </>
        )
      )}
    </div>
  );
}
