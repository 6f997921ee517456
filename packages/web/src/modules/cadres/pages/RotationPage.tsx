import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import {
  CADRE_RANK_LABELS,
  ROTATION_DIRECTION_LABELS,
  ROTATION_DIRECTIONS,
  type RotationDirection,
  type RotationMember,
} from '@jinguo/domain';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useCadres, useCadresMutations, useRotation } from '../api';

/** 上挂下派批次: its members from the roster and the women's share, computed from them. */
export function RotationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const rotation = useRotation(id);
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const candidates = useCadres({ q: q || undefined }, 1, 30);
  const [form] = Form.useForm<{ cadreId: string; direction: RotationDirection; hostUnit?: string }>();
  const r = rotation.data;

  const add = async (v: { cadreId: string; direction: RotationDirection; hostUnit?: string }) => {
    try {
      await m.addMember.mutateAsync({ id, ...v });
      setAdding(false);
      message.success(t('已加入名单', 'Added'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <QueryState loading={rotation.isLoading} error={rotation.error}>
      {r && (
        <>
          <PageHeader title={r.title} subtitle={`${r.startDate} 至 ${r.endDate ?? '—'} · ${r.ownerOrgName}`} />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('上挂下派干部', 'Cadres')} value={r.total} suffix={t('名', '')} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('其中女干部', 'Women')} value={r.women} suffix={t('人', '')} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic
                  title={t('女干部占比', "Women's share")}
                  value={r.womenShare == null ? '—' : `${r.womenShare.toFixed(2)}%`}
                  data-testid="women-share"
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('名单', 'Members')}
            extra={
              <Space wrap>
                <ExportButton url={`/api/cadres/rotations/${id}/members/export`} label={t('导出', 'Export')} />
                {can('cadres.write') && (
                  <ImportDialog
                    title={t('导入上挂下派名单', 'Import members')}
                    templateUrl={`/api/cadres/rotations/${id}/members/template`}
                    uploadUrl={`/api/cadres/rotations/${id}/members/import`}
                    onDone={m.refresh}
                    trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
                  />
                )}
                {can('cadres.write') && (
                  <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                    {t('从花名册添加', 'Add from roster')}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<RotationMember>
              rowKey="id"
              size="small"
              dataSource={r.members}
              scroll={{ x: 760 }}
              pagination={{ pageSize: 20, showSizeChanger: false, size: 'small' }}
              locale={{ emptyText: t('名单为空：可从花名册添加，或按模板导入', 'No members yet') }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'name', width: 90 },
                {
                  title: t('性别', 'Sex'),
                  dataIndex: 'gender',
                  width: 55,
                  render: (g: RotationMember['gender']) => (g === 'female' ? <Tag color="magenta">女</Tag> : '男'),
                },
                { title: t('单位', 'Unit'), dataIndex: 'unitName', ellipsis: true },
                { title: t('职级', 'Rank'), dataIndex: 'rank', width: 100, render: (v: RotationMember['rank']) => CADRE_RANK_LABELS[v] },
                {
                  title: t('方式', 'Direction'),
                  dataIndex: 'direction',
                  width: 70,
                  render: (d: RotationDirection) => ROTATION_DIRECTION_LABELS[d],
                },
                { title: t('挂职单位', 'Host'), dataIndex: 'hostUnit', width: 150, ellipsis: true, render: (v) => v ?? '—' },
                ...(can('cadres.write')
                  ? [
                      {
                        title: '',
                        key: 'x',
                        width: 60,
                        render: (_: unknown, x: RotationMember) => (
                          <Popconfirm
                            title={t('移出名单？', 'Remove?')}
                            onConfirm={() => m.removeMember.mutateAsync({ id, memberId: x.id })}
                          >
                            <Typography.Link type="danger">{t('移出', 'Remove')}</Typography.Link>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
              data-testid="rotation-members"
            />
          </Card>
          <Modal
            open={adding}
            title={t('从花名册添加', 'Add from roster')}
            onCancel={() => setAdding(false)}
            onOk={() => form.submit()}
            confirmLoading={m.addMember.isPending}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" onFinish={add} initialValues={{ direction: 'down' }}>
              <Form.Item name="cadreId" label={t('干部', 'Cadre')} rules={[{ required: true, message: t('请选择干部', 'Required') }]}>
                <Select
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  placeholder={t('输入姓名或单位搜索', 'Search')}
                  options={(candidates.data?.items ?? []).map((c) => ({
                    value: c.id,
                    label: `${c.name}（${c.gender === 'female' ? '女' : '男'}，${c.unitName}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="direction" label={t('方式', 'Direction')}>
                <Select options={ROTATION_DIRECTIONS.map((d) => ({ value: d, label: ROTATION_DIRECTION_LABELS[d] }))} />
              </Form.Item>
              <Form.Item name="hostUnit" label={t('挂职单位', 'Host unit')}>
                <Input maxLength={100} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
