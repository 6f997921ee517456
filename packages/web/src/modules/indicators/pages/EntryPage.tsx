import { SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Grid, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  checkIndicatorValue,
  formatIndicatorValue,
  INDICATOR_BREAKDOWN_LABELS,
  INDICATOR_VALUE_STATUS_LABELS,
  INDICATOR_VALUE_STATUSES,
  isRateUnit,
  OUTLINE_LABELS,
  OUTLINES,
  valueWarnings,
  type IndicatorEntry,
  type IndicatorValueInput,
  type IndicatorValueStatus,
  type Outline,
} from '@jinguo/domain';
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useIndicatorEntry, useIndicatorMutations, useIndicatorRegions } from '../api';
import { RegionSelect, unitText, ValueHistoryDrawer, ValueStatusTag, YearInput } from '../components/common';
import { thisYear } from '../../../ui/format';

type Row = IndicatorEntry['rows'][number];
type Field = 'numerator' | 'denominator' | 'value' | 'source' | 'note' | 'breakdown';
type Draft = { numerator: number | null; denominator: number | null; value: number | null; source: string; note: string };

const keyOf = (r: Row) => `${r.indicator.id}:${r.breakdown}`;
const saved = (r: Row): Draft => ({
  numerator: r.current?.numerator ?? null,
  denominator: r.current?.denominator ?? null,
  value: r.current && r.current.numerator == null ? r.current.value : null,
  source: r.current?.source ?? '',
  note: r.current?.note ?? '',
});
const sameDraft = (a: Draft, b: Draft) =>
  a.numerator === b.numerator &&
  a.denominator === b.denominator &&
  a.value === b.value &&
  a.source.trim() === b.source.trim() &&
  a.note.trim() === b.note.trim();
const isEmpty = (d: Draft) => d.numerator == null && d.denominator == null && d.value == null;
/** Submitted values wait for the reviewer and approved ones are locked: neither is edited here. */
const editable = (r: Row) => !r.current || r.current.status === 'draft' || r.current.status === 'returned';

/** What the figure works out to (the rate from numerator and denominator), its problems and its warnings. */
function evaluateDraft(r: Row, d: Draft) {
  if (isEmpty(d)) return { value: null, problems: [] as { field: Field; message: string }[], warnings: [] as string[] };
  const rate = isRateUnit(r.indicator.unit);
  const checked = checkIndicatorValue(r.indicator, {
    breakdown: r.breakdown,
    numerator: d.numerator,
    denominator: d.denominator,
    value: rate && d.numerator != null && d.denominator != null ? null : d.value,
  });
  const warnings = checked.value === null ? [] : valueWarnings(checked.value, r.previousValue, r.indicator.reviewThresholdPercent);
  return { value: checked.value, problems: checked.problems as { field: Field; message: string }[], warnings };
}

type StatusFilter = IndicatorValueStatus | 'empty' | 'todo';

/** 数据填报: a member unit's figures for a year and a region — drafts saved, then submitted for review. */
export function EntryPage() {
  const { t } = useI18n();
  // Fixed columns only where there is room for them: on a phone they would cover the table.
  const wide = !!Grid.useBreakpoint().md;
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [regionOrgId, setRegionOrgId] = useState<string | null>(null);
  const [outline, setOutline] = useState<Outline>();
  const [statusFilter, setStatusFilter] = useState<StatusFilter>();
  const entry = useIndicatorEntry(year, regionOrgId);
  // The region picker's list (the same query): until it answers there is no region to load, and if the server refused
  // it the page must say so rather than wait for a region forever.
  const regions = useIndicatorRegions();
  const m = useIndicatorMutations();
  const [edits, setEdits] = useState<Record<string, Draft>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, Partial<Record<Field, string>>>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [history, setHistory] = useState<Row | null>(null);

  const changePlace = useCallback((f: () => void) => {
    f();
    setEdits({});
    setServerErrors({});
    setSelected([]);
  }, []);
  const onRegion = useCallback((id: string | null) => changePlace(() => setRegionOrgId(id)), [changePlace]);

  const rows = useMemo(() => entry.data?.rows ?? [], [entry.data]);
  const draftOf = (r: Row) => edits[keyOf(r)] ?? saved(r);
  const isDirty = (r: Row) => !!edits[keyOf(r)] && !sameDraft(edits[keyOf(r)], saved(r));
  const edit = (r: Row, patch: Partial<Draft>) => {
    const k = keyOf(r);
    setEdits((e) => ({ ...e, [k]: { ...(e[k] ?? saved(r)), ...patch } }));
    setServerErrors((e) => {
      if (!e[k]) return e;
      const next = { ...e[k] };
      for (const f of Object.keys(patch) as Field[]) delete next[f];
      if (patch.numerator !== undefined || patch.denominator !== undefined) delete next.value;
      return { ...e, [k]: next };
    });
  };

  const dirtyRows = rows.filter(isDirty);
  const submittable = (r: Row) => !!r.current && (r.current.status === 'draft' || r.current.status === 'returned') && !isDirty(r);
  const shown = rows.filter((r) => {
    if (outline && r.indicator.outline !== outline) return false;
    if (!statusFilter) return true;
    if (statusFilter === 'empty') return !r.current;
    if (statusFilter === 'todo') return !r.current || r.current.status === 'draft' || r.current.status === 'returned';
    return r.current?.status === statusFilter;
  });
  const counts = Object.fromEntries(INDICATOR_VALUE_STATUSES.map((s) => [s, rows.filter((r) => r.current?.status === s).length])) as Record<
    IndicatorValueStatus,
    number
  >;
  const empty = rows.filter((r) => !r.current).length;

  const save = async () => {
    if (!regionOrgId || dirtyRows.length === 0) return;
    const bad = dirtyRows
      .map((r) => ({ r, check: evaluateDraft(r, draftOf(r)) }))
      .filter(({ r, check }) => check.problems.length > 0 || isEmpty(draftOf(r)));
    if (bad.length > 0) {
      const { r, check } = bad[0];
      message.error(
        `「${r.indicator.name}」${INDICATOR_BREAKDOWN_LABELS[r.breakdown]}：${check.problems[0]?.message ?? t('请填写数值', 'Enter a value')}`,
      );
      return;
    }
    const values: IndicatorValueInput[] = dirtyRows.map((r) => {
      const d = draftOf(r);
      const fromParts = isRateUnit(r.indicator.unit) && d.numerator != null && d.denominator != null;
      return {
        indicatorId: r.indicator.id,
        breakdown: r.breakdown,
        numerator: d.numerator,
        denominator: d.denominator,
        value: fromParts ? null : d.value,
        source: d.source.trim() || null,
        note: d.note.trim() || null,
      };
    });
    try {
      await m.save.mutateAsync({ year, regionOrgId, values });
      setEdits({});
      setServerErrors({});
      message.success(t(`已保存 ${values.length} 项草稿`, `${values.length} saved`));
    } catch (e) {
      if (e instanceof ApiError && e.fields?.length) {
        const byRow: Record<string, Partial<Record<Field, string>>> = {};
        for (const f of e.fields) {
          const [head, i, field] = f.path.split('.');
          const r = head === 'values' ? dirtyRows[Number(i)] : undefined;
          if (r) byRow[keyOf(r)] = { ...byRow[keyOf(r)], [(field as Field) ?? 'value']: f.message };
        }
        setServerErrors(byRow);
      }
      message.error(applyServerErrors(null, e));
    }
  };

  const submit = async () => {
    const chosen = rows.filter((r) => selected.includes(keyOf(r)) && submittable(r));
    const ids = chosen.map((r) => r.current!.id);
    if (ids.length === 0) return;
    try {
      await m.submit.mutateAsync(ids);
      setSelected([]);
      message.success(t(`已报送 ${ids.length} 项，等待审核`, `${ids.length} submitted`));
    } catch (e) {
      // "ids.<i>.note": the value needs an explanation before it can go — mark that row's note.
      if (e instanceof ApiError && e.fields?.length) {
        const byRow: Record<string, Partial<Record<Field, string>>> = {};
        for (const f of e.fields) {
          const [head, i, field] = f.path.split('.');
          const r = head === 'ids' ? chosen[Number(i)] : undefined;
          if (r) byRow[keyOf(r)] = { ...byRow[keyOf(r)], [(field as Field) ?? 'value']: f.message };
        }
        setServerErrors(byRow);
      }
      message.error(applyServerErrors(null, e));
    }
  };

  const fieldError = (r: Row, field: Field, problems: { field: Field; message: string }[]) =>
    serverErrors[keyOf(r)]?.[field] ?? problems.find((p) => p.field === field)?.message;
  const errorText = (msg: string | undefined) =>
    msg && <div style={{ color: '#ff4d4f', fontSize: 12, lineHeight: 1.4, marginTop: 2 }}>{msg}</div>;

  return (
    <>
      <PageHeader
        title={t('数据填报', 'Report figures')}
        subtitle={t(
          '成员单位按年度、地区填报本单位负责的指标；率类指标尽量填写分子、分母，保存草稿后报送审核',
          'Figures per year and region; rates as numerator and denominator; save drafts, then submit',
        )}
        extra={
          regionOrgId && (
            <ImportDialog
              title={t('导入填报数据', 'Import figures')}
              templateUrl={`/api/indicators/values/template?year=${year}&regionOrgId=${regionOrgId}`}
              uploadUrl="/api/indicators/values/import"
              onDone={() => m.refresh()}
              countLabels={{ updated: t('更新草稿', 'Drafts updated'), skipped: t('跳过空行', 'Empty rows skipped') }}
              trigger={
                <Button icon={<UploadOutlined />} data-testid="import-values">
                  {t('Excel 导入', 'Import')}
                </Button>
              }
            />
          )
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <YearInput value={year} onChange={(y) => changePlace(() => setYear(y))} />
        <RegionSelect value={regionOrgId} onChange={onRegion} />
        <Select
          allowClear
          placeholder={t('全部纲要', 'Both outlines')}
          value={outline}
          onChange={setOutline}
          style={{ width: 140 }}
          options={OUTLINES.map((o) => ({ value: o, label: OUTLINE_LABELS[o] }))}
        />
        <Select<StatusFilter>
          allowClear
          placeholder={t('全部状态', 'All')}
          value={statusFilter}
          onChange={setStatusFilter}
          style={{ width: 130 }}
          options={[
            { value: 'todo', label: t('待填报/待报送', 'To do') },
            { value: 'empty', label: t('未填', 'Empty') },
            ...INDICATOR_VALUE_STATUSES.map((s) => ({ value: s, label: INDICATOR_VALUE_STATUS_LABELS[s] })),
          ]}
        />
        <Space wrap style={{ marginInlineStart: 'auto' }}>
          <Button
            icon={<SaveOutlined />}
            disabled={dirtyRows.length === 0}
            loading={m.save.isPending}
            onClick={save}
            data-testid="save-drafts"
          >
            {t(
              `保存草稿${dirtyRows.length ? `（${dirtyRows.length}）` : ''}`,
              `Save drafts${dirtyRows.length ? ` (${dirtyRows.length})` : ''}`,
            )}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={selected.length === 0}
            loading={m.submit.isPending}
            onClick={submit}
            data-testid="submit-values"
          >
            {t(`报送${selected.length ? `（${selected.length}）` : ''}`, `Submit${selected.length ? ` (${selected.length})` : ''}`)}
          </Button>
        </Space>
      </Flex>
      {rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="entry-summary">
          {t(
            `共 ${rows.length} 项：未填 ${empty}，草稿 ${counts.draft}，已退回 ${counts.returned}，已报送 ${counts.submitted}，已审核 ${counts.approved}。勾选已保存的草稿或退回项后点“报送”。`,
            `${rows.length} rows`,
          )}
        </Typography.Paragraph>
      )}
      {counts.returned > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t(`有 ${counts.returned} 项被退回，请按退回原因修改后重新报送`, `${counts.returned} returned`)}
        />
      )}
      <QueryState loading={entry.isLoading || (!regionOrgId && !entry.error && !regions.error)} error={entry.error ?? regions.error}>
        <Table<Row>
          rowKey={keyOf}
          size="small"
          dataSource={shown}
          scroll={{ x: 1100 }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('没有需要您填报的指标', 'Nothing for you to report') }}
          data-testid="entry-table"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (k) => setSelected(k as string[]),
            getCheckboxProps: (r) => ({ disabled: !submittable(r), 'aria-label': t(`选择 ${r.indicator.name}`, 'Select') }),
            columnWidth: 36,
            fixed: wide,
          }}
          onRow={(r) => ({ 'data-testid': `entry-row-${r.indicator.code}-${r.breakdown}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('指标', 'Indicator'),
              key: 'indicator',
              width: wide ? 210 : 150,
              fixed: wide ? ('left' as const) : undefined,
              render: (_: unknown, r) => (
                <div style={{ lineHeight: 1.4 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.indicator.code}{' '}
                  </Typography.Text>
                  {r.indicator.name}
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                    {t('目标', 'Target')} {r.indicator.targetText}
                    {r.indicator.definition && (
                      <Tooltip title={r.indicator.definition}>
                        <Typography.Link style={{ fontSize: 12, marginInlineStart: 6 }}>{t('口径', 'Definition')}</Typography.Link>
                      </Tooltip>
                    )}
                  </div>
                </div>
              ),
            },
            {
              title: t('分组', 'Breakdown'),
              dataIndex: 'breakdown',
              width: 56,
              render: (b: Row['breakdown']) => INDICATOR_BREAKDOWN_LABELS[b],
            },
            {
              title: t('上年', 'Last year'),
              key: 'previous',
              width: 85,
              align: 'right',
              render: (_: unknown, r) => <span data-testid="previous-value">{formatIndicatorValue(r.previousValue, r.indicator)}</span>,
            },
            ...(['numerator', 'denominator'] as const).map((field) => ({
              title: field === 'numerator' ? t('分子', 'Numerator') : t('分母', 'Denominator'),
              key: field,
              width: 100,
              render: (_: unknown, r: Row) => {
                if (!isRateUnit(r.indicator.unit)) return <Typography.Text type="secondary">—</Typography.Text>;
                const d = draftOf(r);
                const err = fieldError(r, field, evaluateDraft(r, d).problems);
                return (
                  <>
                    <InputNumber
                      value={d[field]}
                      min={0}
                      precision={0}
                      disabled={!editable(r)}
                      status={err ? 'error' : undefined}
                      onChange={(v) => edit(r, { [field]: v ?? null })}
                      style={{ width: '100%' }}
                      aria-label={`${r.indicator.name}${INDICATOR_BREAKDOWN_LABELS[r.breakdown]}${field === 'numerator' ? '分子' : '分母'}`}
                      data-testid={`input-${field}`}
                    />
                    {errorText(err)}
                  </>
                );
              },
            })),
            {
              title: t('数值', 'Value'),
              key: 'value',
              width: 110,
              render: (_: unknown, r) => {
                const d = draftOf(r);
                const check = evaluateDraft(r, d);
                const err = fieldError(r, 'value', check.problems);
                const fromParts = isRateUnit(r.indicator.unit) && d.numerator != null && d.denominator != null;
                const unit = unitText(r.indicator);
                return (
                  <>
                    {fromParts || !editable(r) ? (
                      <Typography.Text strong data-testid="computed-value">
                        {formatIndicatorValue(check.value ?? (editable(r) ? null : (r.current?.value ?? null)), r.indicator)}
                      </Typography.Text>
                    ) : (
                      <InputNumber
                        value={d.value}
                        suffix={unit}
                        status={err ? 'error' : undefined}
                        onChange={(v) => edit(r, { value: v ?? null })}
                        style={{ width: '100%' }}
                        aria-label={`${r.indicator.name}${INDICATOR_BREAKDOWN_LABELS[r.breakdown]}数值`}
                        data-testid="input-value"
                      />
                    )}
                    {errorText(err)}
                  </>
                );
              },
            },
            {
              title: t('数据来源', 'Source'),
              key: 'source',
              width: 120,
              render: (_: unknown, r) =>
                editable(r) ? (
                  <Input
                    value={draftOf(r).source}
                    maxLength={200}
                    placeholder={t('如：妇幼年报', 'e.g. annual report')}
                    onChange={(e) => edit(r, { source: e.target.value })}
                    aria-label={`${r.indicator.name}数据来源`}
                  />
                ) : (
                  <Typography.Text ellipsis={{ tooltip: r.current?.source }}>{r.current?.source ?? '—'}</Typography.Text>
                ),
            },
            {
              title: t('说明', 'Note'),
              key: 'note',
              width: 160,
              render: (_: unknown, r) => {
                const d = draftOf(r);
                const { warnings } = evaluateDraft(r, d);
                const needsNote = warnings.length > 0 && !d.note.trim();
                const err = serverErrors[keyOf(r)]?.note;
                return (
                  <>
                    {editable(r) ? (
                      <Input.TextArea
                        value={d.note}
                        maxLength={1000}
                        autoSize={{ minRows: 1, maxRows: 3 }}
                        status={needsNote || err ? 'error' : undefined}
                        placeholder={needsNote ? t('波动较大，须说明原因', 'Explain the change') : ''}
                        onChange={(e) => edit(r, { note: e.target.value })}
                        aria-label={`${r.indicator.name}说明`}
                        data-testid="input-note"
                      />
                    ) : (
                      <Typography.Text ellipsis={{ tooltip: r.current?.note }}>{r.current?.note ?? '—'}</Typography.Text>
                    )}
                    {warnings.map((w) => (
                      <div key={w} style={{ color: '#d46b08', fontSize: 12, lineHeight: 1.4, marginTop: 2 }} data-testid="value-warning">
                        {w}
                      </div>
                    ))}
                    {errorText(err)}
                  </>
                );
              },
            },
            {
              title: t('状态', 'Status'),
              key: 'status',
              width: 130,
              render: (_: unknown, r) => (
                <div data-testid="entry-status">
                  <Flex gap={4} wrap align="center">
                    {r.current ? <ValueStatusTag status={r.current.status} /> : <Tag>{t('未填', 'Empty')}</Tag>}
                    {isDirty(r) && <Tag color="orange">{t('未保存', 'Unsaved')}</Tag>}
                    {r.current && (
                      <Typography.Link style={{ fontSize: 12 }} onClick={() => setHistory(r)}>
                        {t('记录', 'History')}
                      </Typography.Link>
                    )}
                  </Flex>
                  {r.current?.status === 'returned' && r.current.returnReason && (
                    <div style={{ color: '#cf1322', fontSize: 12, lineHeight: 1.4, marginTop: 2 }} data-testid="return-reason">
                      {t('退回原因：', 'Returned: ')}
                      {r.current.returnReason}
                    </div>
                  )}
                </div>
              ),
            },
          ]}
        />
      </QueryState>
      <ValueHistoryDrawer
        valueId={history?.current?.id ?? null}
        title={history ? `${history.indicator.name}（${INDICATOR_BREAKDOWN_LABELS[history.breakdown]}）` : ''}
        format={(v) => (history ? formatIndicatorValue(v, history.indicator) : String(v))}
        onClose={() => setHistory(null)}
      />
    </>
  );
}
