import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  HOLDER_KIND_LABELS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  NOMINATION_STATUS_LABELS,
  NOMINATION_STATUSES,
  type CreateNomination,
  type Nomination,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState, thisYear } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useCampaigns, useHonoursMutations, useNominations } from '../api';

type NominationForm = Omit<CreateNomination, 'nominatedOn'> & { nominatedOn: Dayjs };

const STATUS_COLOURS: Record<string, string> = {
  in_review: 'processing',
  approved: 'cyan',
  publicised: 'orange',
  awarded: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** 推荐申报: nominations under review, 公示 and decided, and the nomination form that checks the campaign's rules. */
export function NominationsTab() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useNominations({ campaignId, status }, page);
  const m = useHonoursMutations();
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [form] = Form.useForm<NominationForm>();
  const chosenId = Form.useWatch('campaignId', form);
  const chosen = campaigns.data?.find((c) => c.id === chosenId);

  const submit = async (v: NominationForm) => {
    setRefusal([]);
    const n = await m.nominate.mutateAsync({ ...v, nominatedOn: v.nominatedOn.format('YYYY-MM-DD') });
    message.success(t('已提交，等待审核', 'Submitted for review'));
    navigate(`/honours/nominations/${n.id}`);
  };
  // A nomination the campaign's rules refuse: the reasons are listed in the dialog rather than in a passing message.
  const refused = (e: unknown) => {
    const fields = (e as { fields?: { path: string; message: string }[] }).fields ?? [];
    const rules = fields.filter((f) => f.path === 'rules').map((f) => f.message);
    if (rules.length) setRefusal(rules);
    return rules.length > 0;
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部项目', 'All campaigns')}
            value={campaignId}
            onChange={(v) => {
              setCampaignId(v);
              setPage(1);
            }}
            style={{ width: 180 }}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            allowClear
            placeholder={t('全部状态', 'All statuses')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 160 }}
            options={NOMINATION_STATUSES.map((s) => ({ value: s, label: NOMINATION_STATUS_LABELS[s] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/honours/nominations/export" params={{ campaignId, status }} />
          {can('honours.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setRefusal([]);
                setAdding(true);
              }}
              data-testid="new-nomination"
            >
              {t('推荐申报', 'Nominate')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Nomination>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('暂无推荐申报', 'No nominations') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('申报日期', 'Date'), dataIndex: 'nominatedOn', width: 105 },
            { title: t('项目', 'Campaign'), dataIndex: 'campaignName', width: 120 },
            { title: t('级别', 'Level'), dataIndex: 'level', width: 70, render: (l: Nomination['level']) => HONOUR_LEVEL_LABELS[l] },
            {
              title: t('推荐对象', 'Nominee'),
              dataIndex: 'holderName',
              ellipsis: true,
              render: (v, n) => <Link to={`/honours/nominations/${n.id}`}>{v}</Link>,
            },
            { title: t('推荐单位', 'By'), dataIndex: 'ownerOrgName', width: 130, ellipsis: true },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 170,
              render: (s: Nomination['status'], n) => (
                <>
                  <Tag color={STATUS_COLOURS[s]}>{NOMINATION_STATUS_LABELS[s]}</Tag>
                  {s === 'in_review' && n.reviewOrgName && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`待${n.reviewOrgName}审核`, `at ${n.reviewOrgName}`)}
                    </Typography.Text>
                  )}
                  {s === 'publicised' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`至${n.noticeEnd}`, `until ${n.noticeEnd}`)}
                    </Typography.Text>
                  )}
                </>
              ),
            },
          ]}
          data-testid="nominations-table"
        />
      </QueryState>
      <FormDialog<NominationForm>
        open={adding}
        title={t('推荐申报', 'Nominate')}
        onClose={() => setAdding(false)}
        onSubmit={submit}
        onError={refused}
        form={form}
        initialValues={{ level: 'district', year: thisYear(), nominatedOn: dayjs() }}
        width={640}
      >
        {refusal.length > 0 && (
          <Card size="small" style={{ marginBottom: 12, borderColor: '#ffccc7', background: '#fff2f0' }} data-testid="nomination-refused">
            <Typography.Text strong type="danger">
              {t('不符合申报条件：', 'Refused:')}
            </Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {refusal.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Card>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="campaignId"
              label={t('评选项目', 'Campaign')}
              rules={[{ required: true, message: t('请选择项目', 'Required') }]}
            >
              <Select
                options={(campaigns.data ?? [])
                  .filter((c) => c.active)
                  .map((c) => ({ value: c.id, label: `${c.name}（${HOLDER_KIND_LABELS[c.holderKind]}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="level" label={t('申报级别', 'Level')} rules={[{ required: true }]}>
              <Select options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="ownerOrgId"
          label={t('推荐单位', 'Nominating unit')}
          rules={[{ required: true, message: t('请选择推荐单位', 'Required') }]}
        >
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item
          name="holderName"
          label={
            chosen?.holderKind === 'family'
              ? t('家庭（如“张秀英家庭”）', 'Family')
              : chosen?.holderKind === 'person'
                ? t('姓名', 'Name')
                : t('集体名称', 'Unit')
          }
          rules={[{ required: true, whitespace: true, message: t('请填写推荐对象', 'Required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {chosen?.holderKind === 'unit' && (
          <>
            <Form.Item name="holderOrgId" label={t('对象在系统中的单位（选填，用于认定历年称号）', 'Unit in the system (optional)')}>
              <OrgUnitSelect />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="memberCount" label={t('职工总人数', 'Members')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="womenCount" label={t('女职工人数', 'Women')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="leaderFemale" valuePropName="checked">
              <Checkbox>{t('岗长（负责人）为女性', 'Leader is a woman')}</Checkbox>
            </Form.Item>
          </>
        )}
        {chosen?.holderKind === 'person' && (
          <Form.Item name="holderGender" label={t('性别', 'Sex')}>
            <Radio.Group
              options={[
                { value: 'female', label: '女' },
                { value: 'male', label: '男' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="nominatedOn" label={t('申报日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="deeds" label={t('主要事迹', 'Deeds')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
