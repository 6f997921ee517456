import { Card, Col, Row, Statistic, Typography } from 'antd';
import { HONOUR_LEVEL_LABELS, HONOUR_LEVELS, type HonourCampaign } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { QueryState } from '../../../ui';
import { useCampaigns, useStanding } from '../api';

function StandingCard({ campaign }: { campaign: HonourCampaign }) {
  const { t } = useI18n();
  const s = useStanding(campaign.id);
  if (!s.data || s.data.total === 0) return null;
  const levels = [...HONOUR_LEVELS].reverse();
  const awarded = s.data.awardedThisYear.filter((a) => a.awards > 0);
  return (
    <Col xs={24} lg={12}>
      <Card
        size="small"
        title={campaign.name}
        extra={<Typography.Text type="secondary">{t(`现有 ${s.data.total} 个`, `${s.data.total} held`)}</Typography.Text>}
        data-testid={`standing-${campaign.code}`}
      >
        <Row gutter={8}>
          {levels.map((level) => (
            <Col span={6} key={level}>
              <Statistic title={HONOUR_LEVEL_LABELS[level]} value={s.data.byLevel.find((b) => b.level === level)?.holders ?? 0} />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {awarded.length
            ? t(`${s.data.asOf.slice(0, 4)}年授予：`, 'Awarded this year: ') +
              awarded.map((a) => `${HONOUR_LEVEL_LABELS[a.level]}${a.awards}个`).join('，')
            : t('今年尚无新授予', 'None awarded this year')}
          {t('（每个持有者按其最高级别计一次）', ' (each holder counted once, at its highest level)')}
        </Typography.Text>
      </Card>
    </Col>
  );
}

/** 称号统计: how many titles are held at each level. */
export function StandingTab() {
  const campaigns = useCampaigns();
  return (
    <QueryState loading={campaigns.isLoading} error={campaigns.error}>
      <Row gutter={[12, 12]}>
        {(campaigns.data ?? []).map((c) => (
          <StandingCard key={c.id} campaign={c} />
        ))}
      </Row>
    </QueryState>
  );
}
