import { Drawer, Empty, Flex, InputNumber, Select, Tag, Timeline, Typography } from 'antd';
import {
  EVALUATION_STATUS_LABELS,
  INDICATOR_UNIT_META,
  INDICATOR_VALUE_STATUS_LABELS,
  type IndicatorUnit,
  type EvaluationStatus,
  type IndicatorRegion,
  type IndicatorValueEvent,
  type IndicatorValueStatus,
} from '@jinguo/domain';
import { useEffect, type CSSProperties } from 'react';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, QueryState } from '../../../ui';
import { useIndicatorRegions, useIndicatorValueEvents } from '../api';

const VALUE_STATUS_COLOURS: Record<IndicatorValueStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  approved: 'success',
};
export function ValueStatusTag({ status }: { status: IndicatorValueStatus }) {
  return (
    <Tag color={VALUE_STATUS_COLOURS[status]} data-testid="value-status">
      {INDICATOR_VALUE_STATUS_LABELS[status]}
    </Tag>
  );
}

const EVALUATION_COLOURS: Record<EvaluationStatus, string> = {
  met: 'green',
  not_met: 'red',
  improving: 'blue',
  not_improving: 'orange',
  no_target: 'default',
  no_data: 'default',
};
export function EvaluationTag({ status }: { status: EvaluationStatus }) {
  return (
    <Tag color={EVALUATION_COLOURS[status]} style={status === 'no_data' ? { color: '#8c8c8c' } : undefined} data-testid="evaluation-status">
      {EVALUATION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** The unit as a table shows it: "%", "/10万", or the number's own label (人, 元 …). */
export function unitText(i: { unit: IndicatorUnit; unitLabel: string | null }): string {
  return i.unit === 'number' ? (i.unitLabel ?? '') : INDICATOR_UNIT_META[i.unit].label;
}

export function YearInput({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const { t } = useI18n();
  return (
    <InputNumber
      value={value}
      min={2000}
      max={2100}
      precision={0}
      onChange={(v) => v && v >= 2000 && v <= 2100 && onChange(v)}
      prefix={<Typography.Text type="secondary">{t('年度', 'Year')}</Typography.Text>}
      style={{ width: 130 }}
      aria-label={t('年度', 'Year')}
      data-testid="year-input"
    />
  );
}

/**
 * Picks one of the regions the caller may read or report for (the district, then its townships / streets,
 * indented). With `autoSelect` the first region is chosen as soon as the list arrives.
 */
export function RegionSelect({
  value,
  onChange,
  allowClear,
  autoSelect = true,
  style,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  allowClear?: boolean;
  autoSelect?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const regions = useIndicatorRegions();
  const list = regions.data ?? [];
  const first = list[0]?.id ?? null;
  useEffect(() => {
    if (autoSelect && !value && first) onChange(first);
  }, [autoSelect, value, first, onChange]);
  const minDepth = Math.min(...list.map((r) => r.depth));
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange((v as string | undefined) ?? null)}
      allowClear={allowClear}
      loading={regions.isLoading}
      placeholder={t('全部地区', 'All regions')}
      showSearch={{ optionFilterProp: 'name' }}
      style={{ width: 180, ...style }}
      aria-label={t('地区', 'Region')}
      data-testid="region-select"
      options={list.map((r: IndicatorRegion) => ({
        value: r.id,
        name: r.name,
        label: <span style={{ paddingInlineStart: (r.depth - minDepth) * 12 }}>{r.name}</span>,
      }))}
    />
  );
}

const ACTION_LABELS: Record<IndicatorValueEvent['action'], string> = {
  save: '保存',
  submit: '报送',
  approve: '审核通过',
  return: '退回',
  reopen: '重新打开',
  import: '导入',
};
const ACTION_COLOURS: Record<IndicatorValueEvent['action'], string> = {
  save: 'gray',
  submit: 'blue',
  approve: 'green',
  return: 'red',
  reopen: 'orange',
  import: 'gray',
};

/** A value's history, oldest first: who saved, submitted, approved, returned or reopened it, and why. */
export function ValueHistoryDrawer({
  valueId,
  title,
  format,
  onClose,
}: {
  valueId: string | null;
  title: string;
  format: (v: number) => string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const events = useIndicatorValueEvents(valueId);
  return (
    <Drawer
      open={!!valueId}
      onClose={onClose}
      title={title}
      size={Math.min(480, window.innerWidth)}
      destroyOnHidden
      data-testid="value-history"
    >
      <QueryState loading={events.isLoading} error={events.error}>
        {(events.data ?? []).length === 0 ? (
          <Empty description={t('暂无记录', 'No history')} />
        ) : (
          <Timeline
            items={(events.data ?? []).map((ev) => ({
              color: ACTION_COLOURS[ev.action],
              content: (
                <div>
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text strong>{ACTION_LABELS[ev.action]}</Typography.Text>
                    <Typography.Text>{format(ev.value)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ev.fromStatus ? `${INDICATOR_VALUE_STATUS_LABELS[ev.fromStatus]} → ` : ''}
                      {INDICATOR_VALUE_STATUS_LABELS[ev.toStatus]}
                    </Typography.Text>
                  </Flex>
                  {ev.reason && <div style={{ fontSize: 13 }}>{ev.reason}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ev.actorName ?? '—'} · {formatDateTime(ev.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        )}
      </QueryState>
    </Drawer>
  );
}
