import { useQueryClient } from '@tanstack/react-query';
import { useStaleEditHandler } from '../../../ui/stale';
import { App, Checkbox, Col, Form, Input, InputNumber, Row, Switch, Table, Tag, Typography } from 'antd';
import { HOLDER_KIND_LABELS, HONOUR_LEVEL_LABELS, type HonourCampaign } from '@jinguo/domain';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, QueryState } from '../../../ui';
import { useCampaigns, useHonoursMutations } from '../api';

type CampaignForm = {
  name: string;
  noticeDays: number;
  lowerLevelYears?: number | null;
  minWomenPercent?: number | null;
  requireFemaleLeader?: boolean;
  requireFemaleHolder?: boolean;
  reviewCycleYears?: number | null;
  active: boolean;
};

/** 评选项目: the campaigns with their rules; the settings dialog is saved on the version it was opened at (If-Match). */
export function CampaignsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const m = useHonoursMutations();
  const [editing, setEditing] = useState<HonourCampaign | null>(null);

  const save = async (v: CampaignForm) => {
    const rules = {
      ...editing!.rules,
      lowerLevelYears: v.lowerLevelYears ?? undefined,
      minWomenPercent: v.minWomenPercent ?? undefined,
      requireFemaleLeader: v.requireFemaleLeader || undefined,
      requireFemaleHolder: v.requireFemaleHolder || undefined,
      reviewCycleYears: v.reviewCycleYears ?? undefined,
    };
    await m.updateCampaign.mutateAsync({
      id: editing!.id,
      name: v.name,
      noticeDays: v.noticeDays,
      active: v.active,
      rules: JSON.parse(JSON.stringify(rules)),
      ifMatch: editing!.version,
    });
    message.success(t('已保存', 'Saved'));
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
                    <Typography.Link onClick={() => setEditing(c)}>{t('设置', 'Edit')}</Typography.Link>
                  ),
                },
              ]
            : []),
        ]}
        data-testid="campaigns-table"
      />
      <FormDialog<CampaignForm>
        open={!!editing}
        title={t(`评选项目设置：${editing?.name ?? ''}`, 'Campaign settings')}
        onClose={() => setEditing(null)}
        onSubmit={save}
        // Changed by someone else since the dialog opened (412): say who; reloading closes the dialog on fresh data.
        onError={(e) => onStale(e, () => qc.invalidateQueries().then(() => setEditing(null)))}
        initialValues={
          editing
            ? {
                name: editing.name,
                noticeDays: editing.noticeDays,
                active: editing.active,
                lowerLevelYears: editing.rules.lowerLevelYears ?? null,
                minWomenPercent: editing.rules.minWomenPercent ?? null,
                requireFemaleLeader: !!editing.rules.requireFemaleLeader,
                requireFemaleHolder: !!editing.rules.requireFemaleHolder,
                reviewCycleYears: editing.rules.reviewCycleYears ?? null,
              }
            : undefined
        }
      >
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
      </FormDialog>
    </QueryState>
  );
}
