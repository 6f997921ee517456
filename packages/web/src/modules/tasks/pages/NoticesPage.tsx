import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Form, Input, Modal, Table, Tabs } from 'antd';
import type { CreateNotice, NoticeListItem } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useNoticeList, useNoticesMutations } from '../api';
import { SenderSelect, useSenderUnits } from '../components/SenderSelect';
import { TargetsInput } from '../components/TargetsInput';

/** 通知公告: notices received by my units (unread first to see) and sent from them with their read counts. */
export function NoticesPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // The box is in the address (?box=sent), so a link or a reload opens the same tab.
  const [params, setParams] = useSearchParams();
  const box = params.get('box') === 'sent' ? 'sent' : 'received';
  const setBox = (b: 'received' | 'sent') => setParams(b === 'sent' ? { box: b } : {}, { replace: true });
  const [page, setPage] = useState(1);
  const list = useNoticeList(box, page);
  const m = useNoticesMutations();
  const senders = useSenderUnits();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateNotice>();

  return (
    <>
      <PageHeader
        title={t('通知公告', 'Notices')}
        subtitle={t('向下级单位发布通知，查看签收情况', 'Notices sent down with read receipts')}
        extra={
          can('tasks.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-notice">
              {t('发布通知', 'New notice')}
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
          { key: 'received', label: t('收到的通知', 'Received') },
          { key: 'sent', label: t('本单位发布', 'Sent') },
        ]}
      />
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<NoticeListItem>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 600 }}
          locale={{ emptyText: t('暂无通知', 'No notices') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('标题', 'Title'),
              dataIndex: 'title',
              render: (v, n) => <Link to={`/notices/${n.id}`}>{n.readByMe === false ? <Badge status="error" text={v} /> : v}</Link>,
            },
            { title: t('发布单位', 'From'), dataIndex: 'ownerOrgName', width: 150, ellipsis: true },
            { title: t('发布时间', 'Sent'), dataIndex: 'createdAt', width: 150, render: (v) => formatDateTime(v) },
            ...(box === 'sent'
              ? [{ title: t('已读/应读', 'Read'), width: 100, render: (_: unknown, n: NoticeListItem) => `${n.read}/${n.recipients}` }]
              : []),
          ]}
          data-testid="notices-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('发布通知', 'New notice')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.create.isPending}
        width={640}
        destroyOnHidden
      >
        <Form<CreateNotice>
          form={form}
          layout="vertical"
          initialValues={{ ownerOrgId: senders[0]?.value, targets: { mode: 'children' } }}
          onFinish={async (v) => {
            try {
              const n = await m.create.mutateAsync(v);
              setAdding(false);
              navigate(`/notices/${n.id}`);
            } catch (e) {
              message.error(applyServerErrors(form, e));
            }
          }}
        >
          <Form.Item name="ownerOrgId" label={t('发布单位', 'From')} rules={[{ required: true }]}>
            <SenderSelect />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('标题', 'Title')}
            rules={[{ required: true, whitespace: true, message: t('公告标题不能为空', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('正文', 'Body')}
            rules={[{ required: true, whitespace: true, message: t('公告正文不能为空', 'Required') }]}
          >
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item name="targets" label={t('发送范围', 'Send to')}>
            <TargetsInput />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
