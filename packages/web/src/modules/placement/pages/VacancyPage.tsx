import { Button, Card, Col, Descriptions, Row, Space, Table, Tag } from 'antd';
import { SEEKER_CATEGORY_LABELS, VACANCY_STATUS_LABELS, WORK_HOURS_LABELS, type JobReferral, type SeekerMatch } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { usePlacementMutations, useReferrals, useVacancy, useVacancyMatches } from '../api';
import { OutcomeModal, ReasonList, ScoreTag, useRefer, wageText } from '../components/common';
import { referralColumns } from '../components/ReferralsTab';

/** A vacancy: what it asks for, the women who fit it best (with why), and the referrals made to it. */
export function VacancyPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const vacancy = useVacancy(id);
  const matches = useVacancyMatches(id);
  const referrals = useReferrals({ vacancyId: id }, 1, 100);
  const m = usePlacementMutations();
  const refer = useRefer();
  const [recording, setRecording] = useState<JobReferral | null>(null);
  const v = vacancy.data;
  const open = v?.status === 'open' && can('placement.write');
  return (
    <QueryState loading={vacancy.isLoading} error={vacancy.error}>
      {v && (
        <>
          <PageHeader
            title={`${v.employerName} · ${v.title}`}
            subtitle={`${t('发布于', 'Published')} ${v.publishedOn}`}
            extra={
              can('placement.write') && (
                <Button
                  onClick={() => m.updateVacancy.mutate({ id, status: v.status === 'open' ? 'closed' : 'open' })}
                  data-testid="toggle-vacancy"
                >
                  {v.status === 'open' ? t('结束招聘', 'Close') : t('重新开放', 'Reopen')}
                </Button>
              )
            }
          />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('状态', 'Status')}>
                <Tag color={v.status === 'open' ? 'green' : 'default'}>{VACANCY_STATUS_LABELS[v.status]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('录用/招聘', 'Filled')}>
                <span data-testid="vacancy-filled">
                  {v.filled}/{v.positions}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('月薪', 'Wage')}>{wageText(v.wageMinFen, v.wageMaxFen)}</Descriptions.Item>
              <Descriptions.Item label={t('技能要求', 'Skills')}>
                {v.skills.length ? v.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('工时', 'Hours')}>{WORK_HOURS_LABELS[v.hours]}</Descriptions.Item>
              <Descriptions.Item label={t('工作地点', 'Where')}>{v.locationText}</Descriptions.Item>
              {(v.ageMin != null || v.ageMax != null) && (
                <Descriptions.Item label={t('年龄要求', 'Age')}>{`${v.ageMin ?? 16}–${v.ageMax ?? 70}岁`}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24}>
              <Card
                size="small"
                title={t('匹配的求职人员（按技能、地点、工时、薪酬、年龄）', 'Seekers who fit (skills, place, hours, wage, age)')}
              >
                <QueryState loading={matches.isLoading} error={matches.error}>
                  <Table<SeekerMatch>
                    rowKey="seekerId"
                    size="small"
                    dataSource={matches.data ?? []}
                    pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
                    scroll={{ x: 640 }}
                    locale={{ emptyText: t('暂无匹配的求职人员', 'Nobody fits yet') }}
                    columns={[
                      {
                        title: t('求职人员', 'Seeker'),
                        key: 'who',
                        width: 150,
                        render: (_: unknown, s) => (
                          <Space direction="vertical" size={0}>
                            <Link to={`/placement/seekers/${s.seekerId}`}>{s.name}</Link>
                            <span style={{ fontSize: 12 }}>{SEEKER_CATEGORY_LABELS[s.category]}</span>
                          </Space>
                        ),
                      },
                      { title: t('匹配度', 'Fit'), dataIndex: 'score', width: 70, render: (x: number) => <ScoreTag score={x} /> },
                      {
                        title: t('匹配理由', 'Why'),
                        dataIndex: 'reasons',
                        render: (r: SeekerMatch['reasons']) => <ReasonList reasons={r} />,
                      },
                      {
                        title: '',
                        key: 'x',
                        width: 70,
                        render: (_: unknown, s) =>
                          s.referred ? (
                            <Tag>{t('已推荐', 'Referred')}</Tag>
                          ) : (
                            open && (
                              <Button size="small" onClick={() => refer(id, s.seekerId, s.name)} data-testid="refer">
                                {t('推荐', 'Refer')}
                              </Button>
                            )
                          ),
                      },
                    ]}
                    data-testid="vacancy-matches"
                  />
                </QueryState>
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('推荐记录', 'Referrals')}>
                <Table<JobReferral>
                  rowKey="id"
                  size="small"
                  dataSource={referrals.data?.items ?? []}
                  pagination={false}
                  scroll={{ x: 760 }}
                  locale={{ emptyText: t('尚未推荐', 'None yet') }}
                  columns={referralColumns(t, can('placement.write') ? setRecording : null)}
                  data-testid="vacancy-referrals"
                />
              </Card>
            </Col>
          </Row>
          <OutcomeModal referral={recording} onClose={() => setRecording(null)} />
        </>
      )}
    </QueryState>
  );
}
