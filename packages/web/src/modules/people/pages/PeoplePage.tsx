import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Grid, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PERSON_GENDER_LABELS, type PersonListItem } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan, useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState, useDebounced } from '../../../ui';
import { usePeople, usePeopleMutations, usePeopleTags } from '../api';
import { PersonFields, toPersonInput } from '../components/PersonFields';

/** 人员库: one row per person; search by name, full ID number or phone; ID number and phone masked. */
export function PeoplePage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const mobile = !Grid.useBreakpoint().md;
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const [tag, setTag] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = usePeople(q, page, pageSize, tag);
  const tags = usePeopleTags();
  const { create } = usePeopleMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();

  const add = async (v: Parameters<typeof toPersonInput>[0]) => {
    try {
      const r = await create.mutateAsync(toPersonInput(v));
      message.success(
        r.created ? t('已登记', 'Registered') : t('该身份证号已登记，已打开原记录', 'Already registered: opened the existing person'),
      );
      setAdding(false);
      navigate(`/people/${r.person.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('人员库', 'Person registry')}
        subtitle={t(
          '一人一档：按身份证号查重；身份证号、电话、住址加密保存，列表中脱敏显示',
          'One person, one row; sensitive fields encrypted and masked',
        )}
        extra={
          can('people.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记人员', 'Register')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            placeholder={t('姓名、完整身份证号或电话', 'Name, full ID number or phone')}
            style={{ width: mobile ? '100%' : 300 }}
            data-testid="people-search"
          />
          <Select
            allowClear
            placeholder={t('困难标识', 'Tag')}
            value={tag}
            onChange={(v) => {
              setTag(v);
              setPage(1);
            }}
            options={(tags.data ?? []).map((x) => ({ value: x, label: x }))}
            style={{ width: mobile ? '100%' : 160 }}
          />
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        {mobile ? (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('没有找到人员', 'No one found') }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
            renderItem={(p) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/people/${p.id}`)}>
                <Space wrap>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {PERSON_GENDER_LABELS[p.gender]}
                  {p.tags.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </Space>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {p.idNumberMasked ?? '—'} · {p.phoneMasked ?? '—'} · {p.residenceName ?? ''}
                </div>
              </Card>
            )}
          />
        ) : (
          <Table<PersonListItem>
            rowKey="id"
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('没有找到人员', 'No one found') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
              showTotal: (n) => t(`共 ${n} 人`, `${n}`),
            }}
            columns={[
              { title: t('姓名', 'Name'), dataIndex: 'name', width: 120, render: (v, p) => <Link to={`/people/${p.id}`}>{v}</Link> },
              { title: t('性别', 'Sex'), dataIndex: 'gender', width: 60, render: (g: PersonListItem['gender']) => PERSON_GENDER_LABELS[g] },
              { title: t('出生日期', 'Born'), dataIndex: 'birthDate', width: 110 },
              { title: t('身份证号', 'ID number'), dataIndex: 'idNumberMasked', width: 190, render: (v) => v ?? '—' },
              { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 130, render: (v) => v ?? '—' },
              { title: t('居住地', 'Residence'), dataIndex: 'residenceName', width: 120 },
              { title: t('困难标识', 'Tags'), dataIndex: 'tags', render: (ts: string[]) => ts.map((x) => <Tag key={x}>{x}</Tag>) },
            ]}
            data-testid="people-table"
          />
        )}
      </QueryState>
      <Modal
        open={adding}
        title={t('登记人员', 'Register a person')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t('登记', 'Register')}
        confirmLoading={create.isPending}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={add}
          initialValues={{ gender: 'female', residenceOrgId: me?.roles[0]?.orgUnitId }}
        >
          <PersonFields withHousehold />
        </Form>
      </Modal>
    </>
  );
}
