import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Statistic, Tag, Typography } from 'antd';
import { ASSOCIATION_KIND_LABELS, ASSOCIATION_KINDS, type CreateAssociation } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { useAssociations, useAssociationsMutations } from '../api';

type AssociationForm = Omit<CreateAssociation, 'foundedOn'> & { foundedOn?: Dayjs | null };

/** 协会: the federation's group members (女企业家协会, 巾帼之友协会 …), their members and activities. */
export function AssociationsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useAssociations();
  const m = useAssociationsMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AssociationForm>();

  const create = async (v: AssociationForm) => {
    try {
      const a = await m.create.mutateAsync({ ...v, foundedOn: v.foundedOn?.format('YYYY-MM-DD') ?? null });
      setAdding(false);
      navigate(`/associations/${a.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('协会工作', 'Associations')}
        subtitle={t('团体会员的会员名单和季度平台活动、沙龙、专家讲座', 'Members and activities of the group members')}
        extra={
          can('associations.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('新建协会', 'New association')}
            </Button>
          )
        }
      />
      <QueryState
        loading={list.isLoading}
        error={list.error}
        empty={list.data?.length === 0}
        emptyText={<Empty description={t('尚未登记协会', 'No associations yet')} />}
      >
        <Row gutter={[12, 12]}>
          {(list.data ?? []).map((a) => (
            <Col xs={24} md={12} key={a.id}>
              <Card
                hoverable
                size="small"
                onClick={() => navigate(`/associations/${a.id}`)}
                title={
                  <>
                    <TeamOutlined /> {a.name}
                  </>
                }
                extra={<Tag>{ASSOCIATION_KIND_LABELS[a.kind]}</Tag>}
                data-testid="association-card"
              >
                <Row gutter={8}>
                  <Col span={8}>
                    <Statistic title={t('现有会员', 'Members')} value={a.members} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('今年活动', 'Activities this year')} value={a.activitiesThisYear} suffix={t('次', '')} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('成立', 'Founded')} value={a.foundedOn?.slice(0, 4) ?? '—'} groupSeparator="" />
                  </Col>
                </Row>
                {a.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginTop: 8, marginBottom: 0 }}>
                    {a.description}
                  </Typography.Paragraph>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </QueryState>
      <Modal
        open={adding}
        title={t('新建协会', 'New association')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ kind: 'women_entrepreneurs' }}>
          <Form.Item name="name" label={t('协会名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('类别', 'Kind')}>
            <Select options={ASSOCIATION_KINDS.map((k) => ({ value: k, label: ASSOCIATION_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="foundedOn" label={t('成立日期', 'Founded')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="contactName" label={t('联系人', 'Contact')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="ownerOrgId"
            label={t('主管单位', 'Supervising unit')}
            rules={[{ required: true, message: t('请选择', 'Required') }]}
          >
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="description" label={t('简介', 'Description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
