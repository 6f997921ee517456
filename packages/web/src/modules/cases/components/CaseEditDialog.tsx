import { Form, Input, Select } from 'antd';
import type { CaseDetail } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { FormDialog, useStaleEditHandler } from '../../../ui';
import { useCaseMutations, useCategories } from '../api';

type Values = { category: string; summary: string; narrative?: string };

/**
 * 修改登记信息: the category, the one-line summary and the narrative of a case, saved on the version the page
 * showed (If-Match). If someone changed the case meanwhile, the server refuses (412) and the writer is told who
 * changed it and offered the fresh case; nothing is overwritten.
 */
export function CaseEditDialog({ c, onClose, onReload }: { c: CaseDetail; onClose: () => void; onReload: () => unknown }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const categories = useCategories();
  const onStale = useStaleEditHandler();
  return (
    <FormDialog<Values>
      open
      title={t(`修改登记信息：${c.caseNo}`, `Edit ${c.caseNo}`)}
      onClose={onClose}
      okText={t('保存', 'Save')}
      testId="case-edit"
      initialValues={{ category: c.category, summary: c.summary, narrative: c.narrative ?? undefined }}
      onSubmit={async (v) => {
        try {
          await m.update.mutateAsync({
            ifMatch: c.version,
            category: v.category,
            summary: v.summary,
            // A withheld narrative (a DV case read by someone without cases.dv.read) is never sent back.
            ...(!c.narrativeWithheld && { narrative: v.narrative?.trim() || null }),
          });
        } catch (e) {
          if (!onStale(e, onReload)) throw e;
        }
      }}
    >
      <Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true, message: t('请选择类别', 'Required') }]}>
        <Select
          options={(categories.data ?? []).filter((x) => x.active || x.code === c.category).map((x) => ({ value: x.code, label: x.label }))}
          data-testid="edit-category"
        />
      </Form.Item>
      <Form.Item name="summary" label={t('诉求摘要', 'Summary')} rules={[{ required: true, message: t('请用一句话写明诉求', 'Required') }]}>
        <Input maxLength={300} showCount data-testid="edit-summary" />
      </Form.Item>
      {!c.narrativeWithheld && (
        <Form.Item
          name="narrative"
          label={t('详细情况', 'Narrative')}
          extra={t('加密保存；家暴类仅维权干事和领导可阅', 'Encrypted; DV narratives only for rights officers and leaders')}
        >
          <Input.TextArea rows={4} maxLength={10000} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
