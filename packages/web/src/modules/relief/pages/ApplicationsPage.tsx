import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Grid, Input, List, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  REPORT_LEVEL_LABELS,
  formatFen,
  type ApplicationListItem,
  type ReportLevel,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { useApplications, useReliefMutations, reliefKeys } from '../api';
import { ApplicationModal } from '../components/ReliefForms';
import { StatusTag, VerdictTag } from '../components/tags';
import { useQueryClient } from '@tanstack/react-query';
import { useProgrammes } from '../../../ui/programmes';

/** 摸底调查名单: candidates per township, filtered, imported from Excel, exported, and reported up. */
export function ApplicationsPage() {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  const programmeId = params.get('programme') ?? undefined;
  const status = params.get('status') ?? undefined;
  const townshipId = params.get('township') ?? undefined;
  const eligible = params.get('eligible') ?? undefined;
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = { programmeId, status, townshipId, eligible, q: q || undefined };
  const list = useApplications({ ...filters, page, pageSize });
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [reporting, setReporting] = useState(false);
  const { reportUp } = useReliefMutations();
  const [form] = Form.useForm();
  const programme = programmes.data?.find((p) => p.id === programmeId);

  const set = (k: string, v: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
    setPage(1);
    setSelected([]);
  };

  const submitReport = async (v: { level: ReportLevel; submittedOn: Dayjs; note?: string }) => {
    try {
      const s = await reportUp.mutateAsync({
        programmeId: programmeId!,
        level: v.level,
        applicationIds: selected,
        submittedOn: v.submittedOn.format('YYYY-MM-DD'),
        note: v.note,
      });
      message.success(t(`已上报${REPORT_LEVEL_LABELS[v.level]} ${s.itemCount} 人，可在“上报记录”下载报送表`, 'Reported'));
      setReporting(false);
      setSelected([]);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  const columns = [
    {
      title: t('姓名', 'Name'),
      dataIndex: 'name',
      width: 90,
      fixed: 'left' as const,
      render: (v: string, a: ApplicationListItem) => <Link to={`/relief/applications/${a.id}`}>{v}</Link>,
    },
    { title: t('身份证号', 'ID number'), dataIndex: 'idNumberMasked', width: 165 },
    {
      title: t('乡镇 / 村', 'Township / village'),
      key: 'place',
      width: 150,
      render: (_: unknown, a: ApplicationListItem) => `${a.townshipName}${a.villageName ? ` · ${a.villageName}` : ''}`,
    },
    { title: t('项目', 'Programme'), dataIndex: 'programmeName', width: 100 },
    { title: t('人口', 'Members'), dataIndex: 'householdMembers', width: 60, align: 'right' as const },
    {
      title: t('年人均收入（元）', 'Per head (yuan)'),
      dataIndex: 'incomePerHeadFen',
      width: 120,
      align: 'right' as const,
      render: (v: number) => formatFen(v),
    },
    {
      title: t('判定', 'Verdict'),
      key: 'eligible',
      width: 92,
      render: (_: unknown, a: ApplicationListItem) => <VerdictTag eligible={a.eligible} overridden={a.overridden} />,
    },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: ApplicationListItem['status']) => <StatusTag status={s} /> },
    {
      title: t('已上报', 'Reported'),
      dataIndex: 'reportedTo',
      width: 110,
      render: (l: ReportLevel[]) => l.map((x) => <Tag key={x}>{REPORT_LEVEL_LABELS[x]}</Tag>),
    },
    { title: t('登记日期', 'Registered'), dataIndex: 'appliedOn', width: 100 },
  ];

  return (
    <>
      <PageHeader
        title={t('摸底调查与救助申请', 'Screening and applications')}
        subtitle={t(
          '乡镇（街道）登记候选对象，区妇联核实、审批、上报、确定救助，财务发放',
          'Townships register, the district verifies, decides and reports up, finance pays',
        )}
        extra={
          <>
            {can('relief.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-application">
                {t('登记', 'Register')}
              </Button>
            )}
            {can('relief.write') &&
              (programmeId ? (
                <ImportDialog
                  title={t(`导入摸底调查表：${programme?.name ?? ''}`, 'Import screening file')}
                  templateUrl="/api/relief/screening/template"
                  uploadUrl={`/api/relief/programmes/${programmeId}/screening/import`}
                  onDone={() => qc.invalidateQueries({ queryKey: reliefKeys.all })}
                  trigger={
                    <Button icon={<UploadOutlined />} data-testid="import-screening">
                      {t('导入', 'Import')}
                    </Button>
                  }
                />
              ) : (
                <Button
                  icon={<UploadOutlined />}
                  onClick={() => message.info(t('请先选择要导入的项目', 'Choose a programme first'))}
                  data-testid="import-screening"
                >
                  {t('导入', 'Import')}
                </Button>
              ))}
            <ExportButton url="/api/relief/applications/export" params={filters} />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部项目', 'All programmes')}
            value={programmeId}
            onChange={(v) => set('programme', v)}
            style={{ width: mobile ? '100%' : 200 }}
            options={(programmes.data ?? [])
              .filter((p) => p.kind !== 'sponsorship')
              .map((p) => ({ value: p.id, label: `${p.year}年 ${p.name}` }))}
            data-testid="filter-programme"
          />
          <div style={{ width: mobile ? '100%' : 200 }}>
            <OrgUnitSelect
              kind={['township', 'street']}
              value={townshipId}
              onChange={(v) => set('township', v)}
              placeholder={t('全部乡镇（街道）', 'All townships')}
            />
          </div>
          <Select
            allowClear
            placeholder={t('全部状态', 'All statuses')}
            value={status}
            onChange={(v) => set('status', v)}
            style={{ width: mobile ? '48%' : 130 }}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            placeholder={t('是否符合', 'Eligible?')}
            value={eligible}
            onChange={(v) => set('eligible', v)}
            style={{ width: mobile ? '48%' : 120 }}
            options={[
              { value: 'true', label: t('符合', 'Eligible') },
              { value: 'false', label: t('不符合', 'Not eligible') },
            ]}
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('姓名', 'Name')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 160 }}
          />
        </Flex>
      </Card>
      {can('relief.approve') && !mobile && (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            {programmeId
              ? t(`已选 ${selected.length} 人（只能选择“已批准”的对象上报）`, `${selected.length} selected`)
              : t('选择一个项目后，可勾选已批准的对象上报上级妇联', 'Choose a programme to report candidates up')}
          </Typography.Text>
          <Button
            disabled={!programmeId || !selected.length || !programme?.reportTo.length}
            onClick={() => setReporting(true)}
            data-testid="report-up"
          >
            {t('上报所选对象', 'Report up')}
          </Button>
        </Flex>
      )}
      <QueryState loading={list.isLoading} error={list.error}>
        {mobile ? (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('没有符合条件的记录', 'Nothing found') }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
            renderItem={(a) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/relief/applications/${a.id}`)}>
                <Flex justify="space-between" align="center" wrap gap={4}>
                  <Typography.Text strong>{a.name}</Typography.Text>
                  <Space size={2}>
                    <VerdictTag eligible={a.eligible} overridden={a.overridden} />
                    <StatusTag status={a.status} />
                  </Space>
                </Flex>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {a.programmeName} · {a.townshipName}
                  {a.villageName ? ` · ${a.villageName}` : ''} · {t('人均', 'per head')} {formatFen(a.incomePerHeadFen)} 元
                </div>
              </Card>
            )}
          />
        ) : (
          <Table<ApplicationListItem>
            rowKey="id"
            size="small"
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1080 }}
            locale={{ emptyText: t('没有符合条件的记录', 'Nothing found') }}
            rowSelection={
              can('relief.approve') && programmeId
                ? {
                    selectedRowKeys: selected,
                    onChange: (k) => setSelected(k as string[]),
                    getCheckboxProps: (a) => ({ disabled: a.status !== 'approved' && a.status !== 'reported' }),
                  }
                : undefined
            }
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
              showTotal: (n) => t(`共 ${n} 条`, `${n}`),
            }}
            data-testid="applications-table"
          />
        )}
      </QueryState>
      <ApplicationModal
        open={adding}
        onClose={() => setAdding(false)}
        programmeId={programmeId}
        onDone={(id) => navigate(`/relief/applications/${id}`)}
      />
      <Modal
        open={reporting}
        title={t(`上报 ${selected.length} 名对象`, 'Report up')}
        onCancel={() => setReporting(false)}
        onOk={() => form.submit()}
        okText={t('生成报送表并上报', 'Report')}
        confirmLoading={reportUp.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={submitReport}
          initialValues={{ level: programme?.reportTo[0], submittedOn: dayjs() }}
        >
          <Form.Item name="level" label={t('上报对象', 'To')} rules={[{ required: true, message: t('请选择上报对象', 'Required') }]}>
            <Radio.Group options={(programme?.reportTo ?? []).map((l) => ({ value: l, label: REPORT_LEVEL_LABELS[l] }))} />
          </Form.Item>
          <Form.Item name="submittedOn" label={t('上报日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('备注', 'Note')}>
            <Input maxLength={200} />
          </Form.Item>
          <Typography.Text type="secondary">
            {t(
              '报送表按固定格式生成（含完整身份证号），随上报记录保存并记入审计日志。',
              'The list is generated in the fixed layout (full ID numbers), kept with the submission and audited.',
            )}
          </Typography.Text>
        </Form>
      </Modal>
    </>
  );
}
