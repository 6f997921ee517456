import { RightOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Grid, Row, Tag, Typography } from 'antd';
import { formatChineseDate, ROLE_LABELS, shanghaiDate } from '@jinguo/domain';
import { useNavigate } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import { useCan, useMe } from './auth';
import { useI18n } from './i18n';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** The landing page: who I am and where I work, and a card for each module I may open. */
export function HomePage() {
  const { data: me } = useMe();
  const can = useCan();
  const { t } = useI18n();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().sm;
  const entries = WEB_MODULES.flatMap((m) => m.menu).filter((e) => can(...e.anyOf));
  const today = shanghaiDate();
  const weekday = new Date(`${today}T12:00:00+08:00`).getUTCDay();

  return (
    <div style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="end" wrap gap={8} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('您好', 'Hello')}，{me?.displayName}
          </Typography.Title>
          <Typography.Text type="secondary">{t(`${formatChineseDate(today)} 星期${WEEKDAYS[weekday]}`, today)}</Typography.Text>
        </div>
      </Flex>
      <Flex gap={6} wrap style={{ marginBottom: 20 }} data-testid="my-roles">
        {me?.roles.map((r) => (
          <Tag key={r.id} color="magenta" icon={<SafetyCertificateOutlined />} style={{ marginInlineEnd: 0, padding: '2px 8px' }}>
            {t(ROLE_LABELS[r.role].zh, ROLE_LABELS[r.role].en)} · {r.orgUnitName}
          </Tag>
        ))}
      </Flex>
      {entries.length > 0 ? (
        <Row gutter={[16, 16]}>
          {entries.map((e) => (
            <Col key={e.path} xs={12} sm={8} lg={6}>
              <Card
                hoverable
                onClick={() => navigate(e.path)}
                styles={{
                  body: { display: 'flex', gap: mobile ? 8 : 12, alignItems: 'center', padding: mobile ? '16px 12px' : '20px 16px' },
                }}
              >
                <span style={{ fontSize: 24, color: '#c41d7f', lineHeight: 1 }}>{e.icon}</span>
                <span style={{ fontSize: 15, flex: 1, minWidth: 0 }}>
                  {t(e.zh, e.en)}
                  {e.badge && <e.badge />}
                </span>
                {!mobile && <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />}
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <div>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {me?.roles.length
                    ? t('您的角色目前没有可打开的功能模块。', 'Your roles open no modules yet.')
                    : t('您的账户尚未分配角色。', 'Your account has no roles yet.')}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {me?.roles.length
                    ? t(
                        '转给本单位的事项会在这里和右上角的通知中出现；如需更多权限，请联系安全管理员。',
                        'Items sent to your unit will appear here and in notifications. Ask the security admin for more access.',
                      )
                    : t('请联系安全管理员为您分配角色和工作范围。', 'Ask the security admin to grant you a role and scope.')}
                </Typography.Text>
              </div>
            }
          >
            <Button icon={<UserOutlined />} onClick={() => navigate('/account')}>
              {t('我的账户', 'My account')}
            </Button>
          </Empty>
        </Card>
      )}
    </div>
  );
}
