import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Table } from 'antd';
import type { CreateTeacher, ParentSchoolTeacher } from '@jinguo/domain';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, QueryState } from '../../../ui';
import { useParentSchoolMutations, useSites, useTeachers } from '../api';

/** The lecturers and teachers of the parent schools (phone masked) with the classes they taught. */
export function TeachersTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const list = useTeachers();
  const sites = useSites({ status: 'open' }, 1, 200);
  const m = useParentSchoolMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateTeacher>();

  const create = async (v: CreateTeacher) => {
    try {
      await m.createTeacher.mutateAsync(v);
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      {can('parentschools.write') && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('登记授课教师', 'New teacher')}
          </Button>
        </Flex>
      )}
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<ParentSchoolTeacher>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('暂无授课教师', 'No teachers') }}
          columns={[
            { title: t('姓名', 'Name'), dataIndex: 'name', width: 90 },
            { title: t('身份或职称', 'Title'), dataIndex: 'title', width: 120, render: (v) => v ?? '—' },
            { title: t('工作单位', 'Unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
            { title: t('主要授课学校', 'Site'), dataIndex: 'siteName', width: 160, render: (v) => v ?? t('全区讲师', 'District pool') },
            { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 110, render: (v) => v ?? '—' },
            { title: t('授课次数', 'Classes'), dataIndex: 'classes', width: 80, align: 'right' },
          ]}
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记授课教师', 'New teacher')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createTeacher.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="title" label={t('身份或职称', 'Title')}>
            <Input maxLength={50} placeholder={t('如：家庭教育讲师、心理咨询师', 'e.g. lecturer')} />
          </Form.Item>
          <Form.Item name="unitName" label={t('工作单位', 'Unit')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label={t('电话', 'Phone')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="siteId" label={t('主要授课学校', 'Site')}>
            <Select allowClear options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('登记单位', 'Recorded by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
