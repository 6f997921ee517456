import { Card, Col, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import { useCan, useMe } from './auth';
import { useI18n } from './i18n';

/** The landing page: a card for each module the user may open. */
export function HomePage() {
  const { data: me } = useMe();
  const can = useCan();
  const { t } = useI18n();
  const navigate = useNavigate();
  const entries = WEB_MODULES.flatMap((m) => m.menu).filter((e) => can(...e.anyOf));
  return (
    <div>
      <Typography.Title level={4}>
        {t('您好', 'Hello')}，{me?.displayName}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.path} xs={12} sm={8} lg={6}>
            <Card hoverable onClick={() => navigate(e.path)} styles={{ body: { display: 'flex', gap: 12, alignItems: 'center' } }}>
              <span style={{ fontSize: 22, color: '#c41d7f' }}>{e.icon}</span>
              <span style={{ fontSize: 15 }}>{t(e.zh, e.en)}</span>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
