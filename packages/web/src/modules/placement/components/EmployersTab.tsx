import { EyeOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, Modal, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { CreateEmployer, Employer } from '@jinguo/domain';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { revealContact, useEmployers, usePlacementMutations } from '../api';

/** 用人单位: employers (统一社会信用代码 checked) with their open vacancies and the women they hired through the 职介所. */
export function EmployersTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined };
  const list = useEmployers(filters, page);
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateEmployer>();

  const create = async (v: CreateEmployer) => {
    try {
      await m.createEmployer.mutateAsync(v);
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const reveal = async (e: Employer) => {
    try {
      const c = await revealContact(e.id);
      modal.info({ title: e.name, content: `${c.contactName ?? ''} ${c.contactPhone ?? t('未登记电话', 'No phone')}` });
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('单位名称或信用代码', 'Name or credit code')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Space wrap>
          <ExportButton url="/api/placement/employers/export" params={filters} />
          {can('placement.write') && (
            <ImportDialog
              title={t('导入用人单位', 'Import employers')}
              templateUrl="/api/placement/employers/template"
              uploadUrl="/api/placement/employers/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('placement.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-employer">
              {t('登记用人单位', 'Add employer')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Employer>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('暂无用人单位', 'No employers') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('单位名称', 'Employer'), dataIndex: 'name', ellipsis: true },
            { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 180 },
            { title: t('行业', 'Industry'), dataIndex: 'industry', width: 90, render: (v) => v ?? '—' },
            {
              title: t('联系人', 'Contact'),
              key: 'contact',
              width: 170,
              render: (_: unknown, e) => (
                <Space size={4}>
                  <span>{e.contactName ?? '—'}</span>
                  <Typography.Text type="secondary">{e.contactPhoneMasked}</Typography.Text>
                  {e.contactPhoneMasked && can('placement.write') && (
                    <Tooltip title={t('查看完整电话（记入审计）', 'Show the full number (audited)')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<EyeOutlined />}
                        onClick={() => reveal(e)}
                        aria-label={t('查看电话', 'Show phone')}
                      />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: t('招聘中岗位', 'Open'), dataIndex: 'openVacancies', width: 90, align: 'right' },
            { title: t('已录用', 'Hired'), dataIndex: 'hired', width: 70, align: 'right' },
          ]}
          data-testid="employers-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记用人单位', 'Add employer')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createEmployer.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="name" label={t('单位名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('统一社会信用代码', 'Credit code')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="industry" label={t('行业', 'Industry')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="contactName" label={t('联系人', 'Contact')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="contactPhone" label={t('联系电话', 'Phone')}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="address" label={t('地址', 'Address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="ownerOrgId"
            label={t('登记单位', 'Registered by')}
            rules={[{ required: true, message: t('请选择', 'Required') }]}
          >
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
