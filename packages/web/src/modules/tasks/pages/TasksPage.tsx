import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Table, Tabs, Tag } from 'antd';
import type { TaskListItem } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useTaskList } from '../api';
import { AnswerStatusTag } from '../components/StatusTag';

/** 任务下发: the tasks my units must answer, and the tasks sent from my units with 已报/应报. */
export function TasksPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  // The box is in the address (?box=sent), so a link or a reload opens the same tab.
  const [params, setParams] = useSearchParams();
  const box = params.get('box') === 'sent' ? 'sent' : 'received';
  const setBox = (b: 'received' | 'sent') => setParams(b === 'sent' ? { box: b } : {}, { replace: true });
  const [page, setPage] = useState(1);
  const list = useTaskList(box, page);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={t('任务下发', 'Tasks')}
        subtitle={t('上级下发、本级填报，下级的填报汇总上报', 'Tasks sent down, answered and merged back up')}
        extra={
          can('tasks.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tasks/new')} data-testid="new-task">
              {t('下发任务', 'New task')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={box}
        onChange={(k) => {
          setBox(k as 'received' | 'sent');
          setPage(1);
        }}
        items={[
          { key: 'received', label: t('待本单位填报', 'To answer') },
          { key: 'sent', label: t('本单位发出', 'Sent') },
        ]}
      />
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<TaskListItem>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: box === 'sent' ? t('还没有发出任务', 'No tasks sent') : t('没有需要填报的任务', 'Nothing to answer') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('任务', 'Task'),
              dataIndex: 'title',
              render: (v, r) => (
                <Link to={box === 'received' && r.myAnswerId ? `/tasks/${r.id}/answers/${r.myAnswerId}` : `/tasks/${r.id}`}>
                  {v}
                  {r.parentTaskId && (
                    <Tag style={{ marginLeft: 6 }} color="purple">
                      {t('转发', 'Forwarded')}
                    </Tag>
                  )}
                </Link>
              ),
            },
            { title: t('发出单位', 'From'), dataIndex: 'ownerOrgName', width: 150, ellipsis: true },
            {
              title: t('截止日期', 'Deadline'),
              dataIndex: 'deadline',
              width: 110,
              render: (d: string) => <span style={d < today ? { color: '#cf1322' } : undefined}>{d}</span>,
            },
            box === 'received'
              ? {
                  title: t('本单位状态', 'My status'),
                  dataIndex: 'myStatus',
                  width: 100,
                  render: (s) => s && <AnswerStatusTag status={s} />,
                }
              : {
                  title: t('已报/应报', 'Reported'),
                  width: 160,
                  render: (_, r) => (
                    <Progress
                      size="small"
                      percent={r.expected ? Math.round((r.reported / r.expected) * 100) : 0}
                      format={() => `${r.reported}/${r.expected}`}
                    />
                  ),
                },
          ]}
          data-testid="tasks-table"
        />
      </QueryState>
    </>
  );
}
