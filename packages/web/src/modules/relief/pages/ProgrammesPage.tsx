import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  REPORT_LEVEL_LABELS,
  RELIEF_PROGRAMME_KIND_LABELS,
  eligibilityRuleLines,
  formatFen,
  type Programme,
} from '@jinguo/domain';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { ProgrammeModal } from '../components/ProgrammeModal';
import { useProgrammes } from '../../../ui/programmes';

/** 救助项目: each programme's rules, quota, reporting, fund account and how many candidates are where. */
export function ProgrammesPage() {
  const { t } = useI18n();
  const can = useCan();
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<Programme | null | 'new'>(null);
  return (
    <>
      <PageHeader
        title={t('救助项目', 'Relief programmes')}
        subtitle={t(
          '资格条件是对已登记数据的规则，由系统逐条判定并说明理由',
          'Eligibility is rules on recorded data, explained rule by rule',
        )}
        extra={
          can('relief.approve') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('新建项目', 'New programme')}
            </Button>
          )
        }
      />
      <QueryState
        loading={programmes.isLoading}
        error={programmes.error}
        empty={!programmes.data?.length}
        emptyText={t('还没有救助项目', 'No programmes yet')}
      >
        <Row gutter={[12, 12]}>
          {(programmes.data ?? []).map((p) => (
            <Col xs={24} lg={12} key={p.id}>
              <Card
                size="small"
                title={
                  <Space wrap>
                    <span>
                      {p.year}年 {p.name}
                    </span>
                    <Tag color="magenta">{RELIEF_PROGRAMME_KIND_LABELS[p.kind]}</Tag>
                    {!p.active && <Tag>{t('已停用', 'Inactive')}</Tag>}
                  </Space>
                }
                extra={can('relief.approve') && <Typography.Link onClick={() => setEditing(p)}>{t('设置', 'Edit')}</Typography.Link>}
                data-testid={`programme-${p.code}`}
              >
                <Descriptions size="small" column={1} styles={{ label: { width: 90 } }}>
                  <Descriptions.Item label={t('资格规则', 'Rules')}>
                    {eligibilityRuleLines(p.rules).length ? (
                      <Flex wrap gap={4}>
                        {eligibilityRuleLines(p.rules).map((x) => (
                          <Tag key={x} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                            {x}
                          </Tag>
                        ))}
                      </Flex>
                    ) : (
                      t('无', 'None')
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('名额 / 标准', 'Quota')}>
                    {p.quota != null ? t(`${p.quota} 人`, `${p.quota}`) : t('不限名额', 'No quota')} ·{' '}
                    {p.grantAmountFen != null ? `${formatFen(p.grantAmountFen)} 元/人` : t('按结对金额', 'Per pairing')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('上报', 'Reported to')}>
                    {p.reportTo.length ? p.reportTo.map((l) => REPORT_LEVEL_LABELS[l]).join('、') : t('不上报', 'Not reported')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('支付账户', 'Pays from')}>{p.fundAccountName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('申请', 'Applications')}>
                    <Space size={4} wrap>
                      {APPLICATION_STATUSES.filter((s) => p.counts[s]).map((s) => (
                        <Link key={s} to={`/relief/applications?programme=${p.id}&status=${s}`}>
                          <Tag>
                            {APPLICATION_STATUS_LABELS[s]} {p.counts[s]}
                          </Tag>
                        </Link>
                      ))}
                      {!Object.keys(p.counts).length && <Typography.Text type="secondary">{t('暂无', 'None')}</Typography.Text>}
                    </Space>
                  </Descriptions.Item>
                </Descriptions>
                {p.description && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ fontSize: 12, marginBottom: 0 }}
                    ellipsis={{ rows: 2, tooltip: p.description }}
                  >
                    {p.description}
                  </Typography.Paragraph>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </QueryState>
      <ProgrammeModal open={editing !== null} programme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
