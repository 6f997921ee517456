import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import {
  APPROVER_LEVEL_LABELS,
  APPROVER_LEVELS,
  APPROVER_ROLE_LABELS,
  APPROVER_ROLES,
  MAX_APPROVAL_STEPS,
  type ApprovalSettings,
  type ApprovalStepDef,
} from '@jinguo/domain';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { useApprovalMutations, useApprovalSettings } from '../api';

type KindSetting = ApprovalSettings['kinds'][number];

/** 审批设置: the steps each kind of request follows at a unit; its chair changes them for the unit and those below. */
export function ApprovalSettingsPage() {
  const { t } = useI18n();
  const [unit, setUnit] = useState<string | undefined>();
  const q = useApprovalSettings(unit);
  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader
        title={t('审批设置', 'Approval steps')}
        subtitle={t(
          '每类申请依次由哪些人审批；下级单位未单独设置的沿用本单位设置',
          'Who decides each kind of request, in order; units below inherit',
        )}
        extra={
          <div style={{ width: 260 }}>
            <OrgUnitSelect
              value={unit ?? q.data?.orgUnitId}
              onChange={(v) => setUnit(v ?? undefined)}
              kind={['federation', 'township', 'street']}
            />
          </div>
        }
      />
      <QueryState loading={q.isLoading} error={q.error}>
        {q.data?.kinds.map((k) => (
          <KindCard
            key={`${q.data.orgUnitId}:${k.kind}:${k.updatedAt}`}
            orgUnitId={q.data.orgUnitId}
            setting={k}
            canConfigure={q.data.canConfigure}
          />
        ))}
      </QueryState>
    </div>
  );
}

function KindCard({ orgUnitId, setting, canConfigure }: { orgUnitId: string; setting: KindSetting; canConfigure: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useApprovalMutations();
  const [steps, setSteps] = useState<ApprovalStepDef[]>(setting.steps);
  const source =
    setting.source === 'own'
      ? t('本单位设置', 'Set here')
      : setting.source === 'inherited'
        ? t(`沿用${setting.sourceName}的设置`, `From ${setting.sourceName}`)
        : t('默认（信访工作条例：单位负责人审批）', 'Default');
  const set = (i: number, patch: Partial<ApprovalStepDef>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Card title={setting.label} extra={<Tag>{source}</Tag>} style={{ marginBottom: 16 }} data-testid={`approval-setting-${setting.kind}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {steps.map((s, i) => (
          <Flex key={`${i}:${s.at}:${s.role}`} gap={8} wrap align="center">
            <Typography.Text style={{ width: 56 }}>{t(`第${i + 1}步`, `Step ${i + 1}`)}</Typography.Text>
            <Select
              disabled={!canConfigure}
              value={s.at}
              style={{ width: 110 }}
              onChange={(at) => set(i, { at })}
              options={APPROVER_LEVELS.map((l) => ({ value: l, label: APPROVER_LEVEL_LABELS[l] }))}
            />
            <Select
              disabled={!canConfigure}
              value={s.role}
              style={{ width: 200 }}
              onChange={(role) => set(i, { role })}
              options={APPROVER_ROLES.map((r) => ({ value: r, label: APPROVER_ROLE_LABELS[r] }))}
            />
            {canConfigure && steps.length > 1 && (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('删除', 'Remove')}
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              />
            )}
          </Flex>
        ))}
        {canConfigure && (
          <Flex gap={8} wrap>
            <Button
              icon={<PlusOutlined />}
              disabled={steps.length >= MAX_APPROVAL_STEPS}
              onClick={() => setSteps([...steps, { role: 'head', at: 'parent' }])}
            >
              {t('增加步骤', 'Add a step')}
            </Button>
            <Button
              type="primary"
              loading={m.configure.isPending}
              onClick={() =>
                m.configure
                  .mutateAsync({ orgUnitId, kind: setting.kind, steps })
                  .then(() => message.success(t('已保存', 'Saved')))
                  .catch((err) => message.error(applyServerErrors(null, err)))
              }
            >
              {t('保存', 'Save')}
            </Button>
          </Flex>
        )}
      </Space>
    </Card>
  );
}
