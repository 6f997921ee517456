import { useQueryClient } from '@tanstack/react-query';
import { useStaleEditHandler } from '../../../ui/stale';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  HOLDER_KIND_LABELS,
  HONOUR_LEVEL_LABELS,
  HONOUR_LEVELS,
  NOMINATION_STATUS_LABELS,
  NOMINATION_STATUSES,
  type CreateAward,
  type CreateNomination,
  type CreatePledge,
  type HonourAward,
  type HonourCampaign,
  type HonourPledge,
  type Nomination,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useAwards, useCampaigns, useHonoursMutations, useNominations, usePledges, useStanding } from '../api';

const STATUS_COLOURS: Record<string, string> = {
  in_review: 'processing',
  approved: 'cyan',
  publicised: 'orange',
  awarded: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
const year = new Date().getFullYear();

/** 评选表彰: standing counts by level, nominations (reviews, 公示), titles held, pledges, and the campaign list. */
export function HonoursPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'standing';
  return (
    <>
      <PageHeader
        title={t('评选表彰', 'Honours')}
        subtitle={t(
          '巾帼文明岗、五好文明家庭、最美家庭、好家长、三八红旗手……逐级审核、公示、授予和复审',
          'Campaigns, nominations, awards and pledges',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'standing', label: t('现有称号', 'Standing'), children: <StandingTab /> },
          { key: 'nominations', label: t('推荐申报', 'Nominations'), children: <NominationsTab /> },
          { key: 'awards', label: t('荣誉称号', 'Titles'), children: <AwardsTab /> },
          { key: 'pledges', label: t('承诺书', 'Pledges'), children: <PledgesTab /> },
          { key: 'campaigns', label: t('评选项目', 'Campaigns'), children: <CampaignsTab /> },
        ]}
      />
    </>
  );
}

function StandingCard({ campaign }: { campaign: HonourCampaign }) {
  const { t } = useI18n();
  const s = useStanding(campaign.id);
  if (!s.data || s.data.total === 0) return null;
  const levels = [...HONOUR_LEVELS].reverse();
  const awarded = s.data.awardedThisYear.filter((a) => a.awards > 0);
  return (
    <Col xs={24} lg={12}>
      <Card
        size="small"
        title={campaign.name}
        extra={<Typography.Text type="secondary">{t(`现有 ${s.data.total} 个`, `${s.data.total} held`)}</Typography.Text>}
        data-testid={`standing-${campaign.code}`}
      >
        <Row gutter={8}>
          {levels.map((level) => (
            <Col span={6} key={level}>
              <Statistic title={HONOUR_LEVEL_LABELS[level]} value={s.data.byLevel.find((b) => b.level === level)?.holders ?? 0} />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {awarded.length
            ? t(`${s.data.asOf.slice(0, 4)}年授予：`, 'Awarded this year: ') +
              awarded.map((a) => `${HONOUR_LEVEL_LABELS[a.level]}${a.awards}个`).join('，')
            : t('今年尚无新授予', 'None awarded this year')}
          {t('（每个持有者按其最高级别计一次）', ' (each holder counted once, at its highest level)')}
        </Typography.Text>
      </Card>
    </Col>
  );
}

function StandingTab() {
  const campaigns = useCampaigns();
  return (
    <QueryState loading={campaigns.isLoading} error={campaigns.error}>
      <Row gutter={[12, 12]}>
        {(campaigns.data ?? []).map((c) => (
          <StandingCard key={c.id} campaign={c} />
        ))}
      </Row>
    </QueryState>
  );
}

type NominationForm = Omit<CreateNomination, 'nominatedOn'> & { nominatedOn: Dayjs };

function NominationsTab() {
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
    try {
      const n = await m.nominate.mutateAsync({ ...v, nominatedOn: v.nominatedOn.format('YYYY-MM-DD') });
      setAdding(false);
      message.success(t('已提交，等待审核', 'Submitted for review'));
      navigate(`/honours/nominations/${n.id}`);
    } catch (e) {
      const msg = applyServerErrors(form, e);
      const fields = (e as { fields?: { path: string; message: string }[] }).fields ?? [];
      const rules = fields.filter((f) => f.path === 'rules').map((f) => f.message);
      if (rules.length) setRefusal(rules);
      else message.error(msg);
    }
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
      <Modal
        open={adding}
        title={t('推荐申报', 'Nominate')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.nominate.isPending}
        destroyOnHidden
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
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ level: 'district', year, nominatedOn: dayjs() }}>
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
        </Form>
      </Modal>
    </>
  );
}

type AwardForm = Omit<CreateAward, 'awardedOn'> & { awardedOn: Dayjs };

function AwardsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [level, setLevel] = useState<string>();
  const [status, setStatus] = useState<string | undefined>('active');
  const [page, setPage] = useState(1);
  const filters = { campaignId, level, status };
  const list = useAwards(filters, page);
  const m = useHonoursMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AwardForm>();

  const create = async (v: AwardForm) => {
    try {
      await m.createAward.mutateAsync({ ...v, awardedOn: v.awardedOn.format('YYYY-MM-DD') });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const reexamine = (a: HonourAward) => {
    let result: 'pass' | 'fail' = 'pass';
    let note = '';
    modal.confirm({
      title: t(`复审：${a.holderName}（${a.campaignName}）`, 'Re-review'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            defaultValue="pass"
            onChange={(e) => (result = e.target.value)}
            options={[
              { value: 'pass', label: t('合格，保留称号', 'Pass') },
              { value: 'fail', label: t('不合格，撤销称号', 'Fail: revoke') },
            ]}
          />
          <Input.TextArea
            placeholder={t('说明（不合格时必填）', 'Note (required to revoke)')}
            onChange={(e) => (note = e.target.value)}
            maxLength={1000}
          />
        </Space>
      ),
      onOk: async () => {
        try {
          await m.reexamine.mutateAsync({ id: a.id, reviewedOn: dayjs().format('YYYY-MM-DD'), result, note: note || undefined });
          message.success(t('已记录复审', 'Recorded'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
    });
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
            style={{ width: 160 }}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            allowClear
            placeholder={t('全部级别', 'All levels')}
            value={level}
            onChange={(v) => {
              setLevel(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))}
          />
          <Select
            allowClear
            placeholder={t('全部状态', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={[
              { value: 'active', label: t('有效', 'Active') },
              { value: 'revoked', label: t('已撤销', 'Revoked') },
            ]}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/honours/awards/export" params={filters} />
          {can('honours.write') && (
            <ImportDialog
              title={t('导入荣誉称号', 'Import titles')}
              templateUrl="/api/honours/awards/template"
              uploadUrl="/api/honours/awards/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('honours.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记已获称号', 'Record a title')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<HonourAward>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 980 }}
          locale={{ emptyText: t('暂无荣誉称号', 'No titles') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 个`, `${n}`),
          }}
          columns={[
            { title: t('授予日期', 'Awarded'), dataIndex: 'awardedOn', width: 105 },
            { title: t('称号', 'Title'), dataIndex: 'campaignName', width: 120 },
            { title: t('级别', 'Level'), dataIndex: 'level', width: 70, render: (l: HonourAward['level']) => HONOUR_LEVEL_LABELS[l] },
            { title: t('获得者', 'Holder'), dataIndex: 'holderName', ellipsis: true },
            { title: t('证书编号', 'Certificate'), dataIndex: 'certificateNo', width: 190, ellipsis: true, render: (v) => v ?? '—' },
            { title: t('下次复审', 'Next review'), dataIndex: 'nextReviewDue', width: 105, render: (v) => v ?? '—' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 150,
              render: (s: HonourAward['status'], a) =>
                s === 'active' ? (
                  <Tag color="green">{t('有效', 'Active')}</Tag>
                ) : (
                  <Tag color="red" title={a.revokeReason ?? ''}>
                    {t(`已撤销 ${a.revokedOn}`, `Revoked ${a.revokedOn}`)}
                  </Tag>
                ),
            },
            ...(can('honours.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, a: HonourAward) =>
                      a.status === 'active' && <Typography.Link onClick={() => reexamine(a)}>{t('复审', 'Review')}</Typography.Link>,
                  },
                ]
              : []),
          ]}
          data-testid="awards-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记已获称号', 'Record a title')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createAward.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ level: 'district', year, awardedOn: dayjs() }}>
          <Form.Item name="campaignId" label={t('称号', 'Title')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="level" label={t('级别', 'Level')}>
                <Select options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="year" label={t('年度', 'Year')}>
                <InputNumber min={1980} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="awardedOn" label={t('授予日期', 'Awarded on')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="holderName"
            label={t('获得者', 'Holder')}
            rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="holderOrgId" label={t('获得者在系统中的单位（选填）', 'Unit in the system (optional)')}>
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="certificateNo" label={t('证书编号', 'Certificate no.')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('登记单位', 'Recorded by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type PledgeForm = Omit<CreatePledge, 'signedOn'> & { signedOn: Dayjs };

function PledgesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { campaignId };
  const list = usePledges(filters, page);
  const m = useHonoursMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<PledgeForm>();
  const integrity = campaigns.data?.find((c) => c.code === 'INTEGRITY_FAMILY')?.id;

  const create = async (v: PledgeForm) => {
    try {
      await m.createPledge.mutateAsync({ ...v, signedOn: v.signedOn.format('YYYY-MM-DD') });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('全部类别', 'All')}
          value={campaignId}
          onChange={(v) => {
            setCampaignId(v);
            setPage(1);
          }}
          style={{ width: 160 }}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Space wrap>
          <ExportButton url="/api/honours/pledges/export" params={filters} />
          {can('honours.write') && (
            <ImportDialog
              title={t('导入承诺书签订登记', 'Import pledges')}
              templateUrl="/api/honours/pledges/template"
              uploadUrl="/api/honours/pledges/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('honours.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记承诺书', 'Record a pledge')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<HonourPledge>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无承诺书', 'No pledges')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 份`, `${n}`),
          }}
          columns={[
            { title: t('签订日期', 'Signed'), dataIndex: 'signedOn', width: 105 },
            { title: t('类别', 'Campaign'), dataIndex: 'campaignName', width: 110 },
            { title: t('签订人', 'Signer'), dataIndex: 'signerName', width: 100 },
            { title: t('职务', 'Position'), dataIndex: 'signerPosition', width: 100, render: (v) => v ?? '—' },
            { title: t('工作单位', 'Unit'), dataIndex: 'signerUnit', ellipsis: true, render: (v) => v ?? '—' },
            { title: t('组织单位', 'Organised by'), dataIndex: 'ownerOrgName', width: 120, ellipsis: true },
          ]}
          data-testid="pledges-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记承诺书', 'Record a pledge')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createPledge.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ campaignId: integrity, signedOn: dayjs() }}>
          <Form.Item name="campaignId" label={t('承诺类别', 'Campaign')} rules={[{ required: true }]}>
            <Select options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item
            name="signerName"
            label={t('签订人', 'Signer')}
            rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="signerPosition" label={t('职务', 'Position')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="signerUnit" label={t('工作单位', 'Unit')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="signedOn" label={t('签订日期', 'Signed on')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('组织单位', 'Organised by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CampaignsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const m = useHonoursMutations();
  const [editing, setEditing] = useState<HonourCampaign | null>(null);
  const [form] = Form.useForm<{
    name: string;
    noticeDays: number;
    lowerLevelYears?: number | null;
    minWomenPercent?: number | null;
    requireFemaleLeader?: boolean;
    requireFemaleHolder?: boolean;
    reviewCycleYears?: number | null;
    active: boolean;
  }>();

  const save = async (v: Parameters<typeof form.setFieldsValue>[0] & object) => {
    const rules = {
      ...editing!.rules,
      lowerLevelYears: v.lowerLevelYears ?? undefined,
      minWomenPercent: v.minWomenPercent ?? undefined,
      requireFemaleLeader: v.requireFemaleLeader || undefined,
      requireFemaleHolder: v.requireFemaleHolder || undefined,
      reviewCycleYears: v.reviewCycleYears ?? undefined,
    };
    try {
      await m.updateCampaign.mutateAsync({
        id: editing!.id,
        name: v.name,
        noticeDays: v.noticeDays,
        active: v.active,
        rules: JSON.parse(JSON.stringify(rules)),
        ifMatch: editing!.version,
      });
      setEditing(null);
      message.success(t('已保存', 'Saved'));
    } catch (e) {
      // Changed by someone else since the dialog opened (412): say who; reloading closes the dialog on fresh data.
      if (onStale(e, () => qc.invalidateQueries().then(() => setEditing(null)))) return;
      message.error(applyServerErrors(form, e));
    }
  };

  const describe = (c: HonourCampaign) => {
    const r = c.rules;
    const parts: string[] = [];
    if (r.lowerLevelYears) parts.push(t(`持有下一级称号满${r.lowerLevelYears}年方可逐级申报`, `lower title ≥ ${r.lowerLevelYears} years`));
    if (r.minWomenPercent) parts.push(t(`女职工占比不低于${r.minWomenPercent}%`, `women ≥ ${r.minWomenPercent}%`));
    if (r.requireFemaleLeader) parts.push(t('岗长为女性', 'female leader'));
    if (r.requireFemaleHolder) parts.push(t('对象须为女性', 'women only'));
    if (r.prerequisite)
      parts.push(
        t(
          `申报${r.prerequisite.forLevels.map((l) => HONOUR_LEVEL_LABELS[l]).join('、')}须已获${HONOUR_LEVEL_LABELS[r.prerequisite.minLevel]}及以上${campaigns.data?.find((x) => x.code === r.prerequisite!.campaign)?.name ?? r.prerequisite.campaign}`,
          'prerequisite',
        ),
      );
    if (r.reviewCycleYears) parts.push(t(`每${r.reviewCycleYears}年复审`, `re-review every ${r.reviewCycleYears} years`));
    return parts.join('；') || '—';
  };

  return (
    <QueryState loading={campaigns.isLoading} error={campaigns.error}>
      <Table<HonourCampaign>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={campaigns.data ?? []}
        scroll={{ x: 860 }}
        columns={[
          {
            title: t('项目', 'Campaign'),
            dataIndex: 'name',
            width: 130,
            render: (v, c) => (
              <>
                {v}
                {!c.active && <Tag style={{ marginLeft: 4 }}>{t('停用', 'off')}</Tag>}
              </>
            ),
          },
          { title: t('代码', 'Code'), dataIndex: 'code', width: 210, render: (v) => <Typography.Text code>{v}</Typography.Text> },
          {
            title: t('对象', 'Holder'),
            dataIndex: 'holderKind',
            width: 110,
            render: (k: HonourCampaign['holderKind']) => HOLDER_KIND_LABELS[k],
          },
          { title: t('公示天数', 'Notice days'), dataIndex: 'noticeDays', width: 80, align: 'right' },
          { title: t('申报条件', 'Rules'), key: 'rules', render: (_: unknown, c) => describe(c) },
          ...(can('honours.write')
            ? [
                {
                  title: '',
                  key: 'x',
                  width: 60,
                  render: (_: unknown, c: HonourCampaign) => (
                    <Typography.Link
                      onClick={() => {
                        setEditing(c);
                        form.setFieldsValue({
                          name: c.name,
                          noticeDays: c.noticeDays,
                          active: c.active,
                          lowerLevelYears: c.rules.lowerLevelYears ?? null,
                          minWomenPercent: c.rules.minWomenPercent ?? null,
                          requireFemaleLeader: !!c.rules.requireFemaleLeader,
                          requireFemaleHolder: !!c.rules.requireFemaleHolder,
                          reviewCycleYears: c.rules.reviewCycleYears ?? null,
                        });
                      }}
                    >
                      {t('设置', 'Edit')}
                    </Typography.Link>
                  ),
                },
              ]
            : []),
        ]}
        data-testid="campaigns-table"
      />
      <Modal
        open={!!editing}
        title={t(`评选项目设置：${editing?.name ?? ''}`, 'Campaign settings')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={m.updateCampaign.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="noticeDays" label={t('公示天数', 'Notice days')} rules={[{ required: true }]}>
                <InputNumber min={1} max={30} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="reviewCycleYears" label={t('复审周期（年）', 'Re-review every (years)')}>
                <InputNumber min={1} max={10} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="lowerLevelYears" label={t('下一级称号须满（年）', 'Lower title held (years)')}>
                <InputNumber min={1} max={10} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="minWomenPercent" label={t('女职工占比不低于（%）', 'Women at least (%)')}>
                <InputNumber min={1} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="requireFemaleLeader" valuePropName="checked">
            <Checkbox>{t('岗长（负责人）须为女性', 'Leader must be a woman')}</Checkbox>
          </Form.Item>
          <Form.Item name="requireFemaleHolder" valuePropName="checked">
            <Checkbox>{t('表彰对象须为女性', 'Holder must be a woman')}</Checkbox>
          </Form.Item>
          <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </QueryState>
  );
}
