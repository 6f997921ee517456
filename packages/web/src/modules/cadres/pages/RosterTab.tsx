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
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
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
  type Cadre,
  type CreateCadre,
} from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useCadreAnalysis, useCadres, useCadresMutations } from '../api';
import { share } from '../format';

type CadreForm = Omit<CreateCadre, 'servingSince'> & { servingSince?: Dayjs | null };

/** 干部花名册: the roster with its women's share by rank, search, import and export. */
export function RosterTab() {
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
  const a = analysis.data;

  const create = async ({ servingSince, ...v }: CadreForm) => {
    await m.createCadre.mutateAsync({ ...v, servingSince: servingSince ? servingSince.format('YYYY-MM-DD') : null });
    message.success(t('已登记', 'Saved'));
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
      <FormDialog<CadreForm>
        open={adding}
        title={t('登记干部', 'Add cadre')}
        onClose={() => setAdding(false)}
        onSubmit={create}
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
      </FormDialog>
    </>
  );
}
