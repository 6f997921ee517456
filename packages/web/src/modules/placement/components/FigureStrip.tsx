import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { FactsOut } from '@jinguo/domain';
import { useState } from 'react';
import { api, qs } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { RecordsDrawer, type RecordsTarget } from '../../reports';

/** A module's headline figures for a year, each with its definition and a click to the records behind it. */
export function FigureStrip({ refs, year, testId }: { refs: string[]; year: number; testId?: string }) {
  const { t } = useI18n();
  const [target, setTarget] = useState<RecordsTarget | null>(null);
  const facts = useQuery({
    queryKey: ['facts', 'strip', refs, year],
    queryFn: () => api.get<FactsOut>(`/api/facts${qs({ year, f: refs })}`),
  });
  const list = facts.data?.facts ?? [];
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid={testId}>
        {list.map((f) => (
          <Col key={f.ref} xs={12} sm={8} md={6} lg={4}>
            <Card
              size="small"
              hoverable
              onClick={() => f.status === 'ok' && setTarget({ name: f.name, params: f.params, year, title: f.label.zh })}
            >
              <Tooltip title={f.definition}>
                <Statistic title={f.label.zh} value={f.status === 'ok' ? f.text : '—'} valueStyle={{ fontSize: 20 }} />
              </Tooltip>
            </Card>
          </Col>
        ))}
        {facts.isError && <Col xs={24}>{t('统计数据加载失败', 'Figures failed to load')}</Col>}
      </Row>
      <RecordsDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}
