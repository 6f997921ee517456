import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
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
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  CADRE_POST_LEVEL_LABELS,
  CADRE_POST_LEVELS,
  CADRE_RANK_LABELS,
  CADRE_RANKS,
  CADRE_UNIT_CATEGORIES,
  CADRE_UNIT_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  type Cadre,
  type CreateCadre,
  type CreateRecommendation,
  type CreateRotation,
  type PartyRecommendation,
  type Rotation,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useCadreAnalysis, useCadres, useCadresMutations, useRecommendations, useRotations } from '../api';
import { AnalysisTab } from './AnalysisTab';

const share = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);

/** 女干部工作: the cadre roster with women's share, rotations (上挂下派) and 推优. */
export function CadresPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'roster';
  return (
    <>
      <PageHeader
        title={t('女干部工作', 'Women cadres')}
        subtitle={t(
          '干部花名册、上挂下派和推优发展女党员；女干部占比由名单计算',
          "Roster, rotations and party recommendations; women's share computed from the rows",
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'roster', label: t('干部花名册', 'Roster'), children: <RosterTab /> },
          { key: 'rotations', label: t('上挂下派', 'Rotations'), children: <RotationsTab /> },
          { key: 'recommendations', label: t('推优入党', 'Recommendations'), children: <RecommendationsTab /> },
          { key: 'analysis', label: t('女干部分析', 'Analysis'), children: <AnalysisTab /> },
        ]}
      />
    </>
  );
}

type CadreForm = Omit<CreateCadre, 'servingSince'> & { servingSince?: Dayjs | null };

function RosterTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [gender, setGender] = useState<string>();
  const [rank, setRank] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, gender, rank };
  const list = useCadres(filters, page);
  const analysis = useCadreAnalysis();
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CadreForm>();
  const a = analysis.data;

  const create = async ({ servingSince, ...v }: CadreForm) => {
    try {
      await m.createCadre.mutateAsync({ ...v, servingSince: servingSince ? servingSince.format('YYYY-MM-DD') : null });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      {a && a.total > 0 && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="cadre-analysis">
          <Row gutter={[16, 8]}>
            <Col xs={8} md={4}>
              <Statistic title={t('在册干部', 'Cadres')} value={a.total} />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title={t('女干部', 'Women')} value={a.women} />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title={t('女干部占比', "Women's share")} value={share(a.womenShare)} />
            </Col>
            <Col xs={24} md={12}>
              <Space direction="vertical" style={{ width: '100%' }} size={0}>
                {a.byRank
                  .filter((r) => r.total > 0)
                  .map((r) => (
                    <Flex key={r.rank} gap={8} align="center">
                      <span style={{ width: 80, fontSize: 12 }}>{CADRE_RANK_LABELS[r.rank]}</span>
                      <Progress
                        percent={r.womenShare ?? 0}
                        status="normal"
                        size="small"
                        format={() => `${r.women}/${r.total}`}
                        style={{ flex: 1, margin: 0 }}
                        strokeColor="#c41d7f"
                      />
                    </Flex>
                  ))}
              </Space>
            </Col>
          </Row>
        </Card>
      )}
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('姓名或单位', 'Name or unit')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('性别', 'Sex')}
            value={gender}
            onChange={(v) => {
              setGender(v);
              setPage(1);
            }}
            style={{ width: 90 }}
            options={[
              { value: 'female', label: '女' },
              { value: 'male', label: '男' },
            ]}
          />
          <Select
            allowClear
            placeholder={t('职级', 'Rank')}
            value={rank}
            onChange={(v) => {
              setRank(v);
              setPage(1);
            }}
            style={{ width: 120 }}
            options={CADRE_RANKS.map((r) => ({ value: r, label: CADRE_RANK_LABELS[r] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/cadres/export" params={filters} />
          {can('cadres.write') && (
            <ImportDialog
              title={t('导入干部花名册', 'Import roster')}
              templateUrl="/api/cadres/template"
              uploadUrl="/api/cadres/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('cadres.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记干部', 'Add cadre')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Cadre>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('花名册为空', 'No cadres') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 人`, `${n}`),
          }}
          columns={[
            { title: t('姓名', 'Name'), dataIndex: 'name', width: 90 },
            {
              title: t('性别', 'Sex'),
              dataIndex: 'gender',
              width: 55,
              render: (g: Cadre['gender']) => (g === 'female' ? <Tag color="magenta">女</Tag> : '男'),
            },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', ellipsis: true },
            { title: t('职务', 'Position'), dataIndex: 'position', width: 100, render: (v) => v ?? '—' },
            { title: t('职级', 'Rank'), dataIndex: 'rank', width: 100, render: (r: Cadre['rank']) => CADRE_RANK_LABELS[r] },
            { title: t('出生年份', 'Born'), dataIndex: 'birthYear', width: 80, render: (v) => v ?? '—' },
            {
              title: t('领导职务', 'Post'),
              dataIndex: 'postLevel',
              width: 90,
              render: (v: Cadre['postLevel'], c) => (
                <>
                  {v ? CADRE_POST_LEVEL_LABELS[v] : '—'}
                  {c.reserve && <Tag style={{ marginLeft: 4 }}>{t('后备', 'Reserve')}</Tag>}
                  {!c.active && <Tag style={{ marginLeft: 4 }}>{t('已离开', 'Left')}</Tag>}
                </>
              ),
            },
          ]}
          data-testid="cadres-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记干部', 'Add cadre')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createCadre.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ gender: 'female', rank: 'deputy_section', partyMember: true }}
        >
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="gender" label={t('性别', 'Sex')}>
                <Select
                  options={[
                    { value: 'female', label: '女' },
                    { value: 'male', label: '男' },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="unitName" label={t('单位', 'Unit')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="position" label={t('职务', 'Position')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="rank" label={t('职级', 'Rank')}>
                <Select options={CADRE_RANKS.map((r) => ({ value: r, label: CADRE_RANK_LABELS[r] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="birthYear" label={t('出生年份', 'Born')}>
                <InputNumber min={1930} max={2015} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="partyMember" valuePropName="checked" label=" ">
                <Checkbox>{t('中共党员', 'Party member')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="postLevel" label={t('领导职务', 'Post')}>
                <Select allowClear options={CADRE_POST_LEVELS.map((p) => ({ value: p, label: CADRE_POST_LEVEL_LABELS[p] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="education" label={t('学历', 'Education')}>
                <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="unitCategory" label={t('单位类别', 'Unit kind')}>
                <Select allowClear options={CADRE_UNIT_CATEGORIES.map((c) => ({ value: c, label: CADRE_UNIT_CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="servingSince" label={t('任现职时间', 'In post since')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="reserve" valuePropName="checked" label=" ">
                <Checkbox>{t('后备干部', 'Reserve cadre')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="ownerOrgId" label={t('登记单位', 'Recorded by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type RotationForm = Omit<CreateRotation, 'startDate' | 'endDate'> & { dates: [Dayjs, Dayjs | null] };

function RotationsTab() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useRotations();
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<RotationForm>();

  const create = async (v: RotationForm) => {
    try {
      const r = await m.createRotation.mutateAsync({
        ownerOrgId: v.ownerOrgId,
        title: v.title,
        description: v.description,
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1]?.format('YYYY-MM-DD') ?? null,
      });
      setAdding(false);
      navigate(`/cadres/rotations/${r.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      {can('cadres.write') && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新建上挂下派批次', 'New rotation')}
          </Button>
        </Flex>
      )}
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Rotation>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('暂无上挂下派批次', 'No rotations') }}
          columns={[
            { title: t('批次', 'Rotation'), dataIndex: 'title', render: (v, r) => <Link to={`/cadres/rotations/${r.id}`}>{v}</Link> },
            { title: t('起止', 'Dates'), key: 'dates', width: 200, render: (_: unknown, r) => `${r.startDate} 至 ${r.endDate ?? '—'}` },
            { title: t('干部', 'Cadres'), dataIndex: 'total', width: 70, align: 'right' },
            { title: t('女干部', 'Women'), dataIndex: 'women', width: 70, align: 'right' },
            {
              title: t('女干部占比', "Women's share"),
              dataIndex: 'womenShare',
              width: 110,
              align: 'right',
              render: (v: number | null) => <Typography.Text strong>{share(v)}</Typography.Text>,
            },
          ]}
          data-testid="rotations-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('新建上挂下派批次', 'New rotation')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createRotation.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('如：2026年度干部上挂下派', 'e.g. 2026 rotation')} />
          </Form.Item>
          <Form.Item name="dates" label={t('起止日期', 'Dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('组织单位', 'Organised by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="description" label={t('说明', 'Description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type RecommendationForm = Omit<CreateRecommendation, 'recommendedOn'> & { recommendedOn: Dayjs };

function RecommendationsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [yearFilter, setYearFilter] = useState<number | undefined>(new Date().getFullYear());
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { year: yearFilter, status };
  const list = useRecommendations(filters, page);
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<RecommendationForm>();

  const create = async (v: RecommendationForm) => {
    try {
      await m.createRecommendation.mutateAsync({ ...v, recommendedOn: v.recommendedOn.format('YYYY-MM-DD') });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const changeStatus = (p: PartyRecommendation) => {
    let next = p.status;
    modal.confirm({
      title: t(`更新状态：${p.candidateName}`, 'Update status'),
      content: (
        <Select
          defaultValue={p.status}
          style={{ width: '100%' }}
          onChange={(v) => (next = v)}
          options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: RECOMMENDATION_STATUS_LABELS[s] }))}
        />
      ),
      onOk: async () => {
        try {
          await m.setStatus.mutateAsync({ id: p.id, status: next, statusDate: dayjs().format('YYYY-MM-DD') });
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
          <InputNumber
            placeholder={t('年度', 'Year')}
            value={yearFilter}
            onChange={(v) => {
              setYearFilter(v ?? undefined);
              setPage(1);
            }}
            min={2000}
            max={2100}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            placeholder={t('全部状态', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 150 }}
            options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: RECOMMENDATION_STATUS_LABELS[s] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/cadres/recommendations/export" params={filters} />
          {can('cadres.write') && (
            <ImportDialog
              title={t('导入推优登记表', 'Import')}
              templateUrl="/api/cadres/recommendations/template"
              uploadUrl="/api/cadres/recommendations/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('cadres.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记推优', 'Recommend')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<PartyRecommendation>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('暂无推优记录', 'None') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 名`, `${n}`),
          }}
          columns={[
            { title: t('推荐日期', 'Date'), dataIndex: 'recommendedOn', width: 105 },
            { title: t('推荐对象', 'Candidate'), dataIndex: 'candidateName', width: 100 },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 170,
              render: (s: PartyRecommendation['status'], p) => (
                <>
                  <Tag color={s === 'not_adopted' ? 'default' : 'magenta'}>{RECOMMENDATION_STATUS_LABELS[s]}</Tag>
                  {p.statusDate && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.statusDate}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            ...(can('cadres.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 80,
                    render: (_: unknown, p: PartyRecommendation) => (
                      <Typography.Link onClick={() => changeStatus(p)}>{t('更新状态', 'Status')}</Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="recommendations-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记推优', 'Recommend')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createRecommendation.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ recommendedOn: dayjs() }}>
          <Form.Item name="candidateName" label={t('推荐对象（女）', 'Candidate')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="unitName" label={t('单位', 'Unit')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="recommendedOn" label={t('推荐日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="ownerOrgId"
            label={t('推荐单位', 'Recommended by')}
            rules={[{ required: true, message: t('请选择', 'Required') }]}
          >
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="note" label={t('备注', 'Note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
