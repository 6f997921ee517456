import { useQueryClient } from '@tanstack/react-query';
import { MoneyInput, moneyRule } from '../../../ui';
import { useStaleEditHandler } from '../../../ui/stale';
import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { REPORT_LEVEL_LABELS, RELIEF_PROGRAMME_KIND_LABELS, type Programme } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors } from '../../../ui';
import { useReliefMutations } from '../api';
import { useAccounts } from '../../funds/public';
import { useTagOptions } from './ReliefForms';

export function ProgrammeModal({ open, onClose, programme }: { open: boolean; onClose: () => void; programme?: Programme | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const accounts = useAccounts();
  const tagOptions = useTagOptions();
  const { createProgramme, updateProgramme } = useReliefMutations();
  const once = Form.useWatch('oncePerLifetime', form);
  const r = programme?.rules;
  const initial = programme
    ? {
        ...programme,
        threshold: r?.incomePerHeadMaxFen ?? null,
        grant: programme.grantAmountFen ?? null,
        ...r,
      }
    : {
        kind: 'cash',
        year: new Date().getFullYear(),
        reportTo: [],
        requiredTags: [],
        anyOfTags: [],
        oncePerLifetime: false,
        transferOnly: false,
        requireTwoCancerDiagnosis: false,
      };

  const submit = async (v: Record<string, unknown>) => {
    const rules = {
      incomePerHeadMaxFen: (v.threshold as number | null) ?? null,
      requiredTags: (v.requiredTags as string[]) ?? [],
      anyOfTags: (v.anyOfTags as string[]) ?? [],
      ageMin: (v.ageMin as number) ?? null,
      ageMax: (v.ageMax as number) ?? null,
      gender: (v.gender as 'female' | 'male') || null,
      requireTwoCancerDiagnosis: !!v.requireTwoCancerDiagnosis,
      oncePerLifetime: !!v.oncePerLifetime,
      lifetimeGroup: (v.lifetimeGroup as string) || null,
      transferOnly: !!v.transferOnly,
    };
    const body = {
      name: v.name as string,
      kind: v.kind as 'cash' | 'in_kind' | 'sponsorship',
      rules,
      quota: (v.quota as number) ?? null,
      reportTo: (v.reportTo as ('city' | 'province')[]) ?? [],
      fundAccountId: (v.fundAccountId as string) || null,
      grantAmountFen: (v.grant as number | null) ?? null,
      description: (v.description as string) || null,
    };
    try {
      if (programme) await updateProgramme.mutateAsync({ id: programme.id, ...body, ifMatch: programme.version });
      else await createProgramme.mutateAsync({ ...body, code: String(v.code).toUpperCase(), year: v.year as number });
      message.success(t('已保存', 'Saved'));
      onClose();
    } catch (e) {
      // Changed by someone else since the dialog opened (412): say who; reloading closes the dialog on fresh data.
      if (onStale(e, () => qc.invalidateQueries().then(onClose))) return;
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      title={programme ? t(`项目设置：${programme.name}`, 'Programme') : t('新建救助项目', 'New programme')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={createProgramme.isPending || updateProgramme.isPending}
      destroyOnHidden
      width={720}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="code" label={t('代码', 'Code')} rules={[{ required: !programme, message: t('请填写代码', 'Required') }]}>
              <Input disabled={!!programme} maxLength={40} placeholder="POOR_MOTHER" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="year" label={t('年度', 'Year')}>
              <InputNumber disabled={!!programme} min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('类型', 'Kind')}>
              <Radio.Group options={Object.entries(RELIEF_PROGRAMME_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="reportTo" label={t('上报至', 'Reported to')}>
              <Checkbox.Group options={Object.entries(REPORT_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="threshold" label={t('家庭年人均收入上限', 'Income per head at most')} rules={[moneyRule({ required: false })]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ageMin" label={t('年龄下限', 'Min age')}>
              <InputNumber min={0} max={120} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ageMax" label={t('年龄上限', 'Max age')}>
              <InputNumber min={0} max={120} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="requiredTags" label={t('必备情形（全部具备）', 'Required tags (all)')}>
              <Select mode="multiple" options={tagOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="anyOfTags" label={t('认定身份（具备其一）', 'Any of')}>
              <Select mode="multiple" options={tagOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="gender" label={t('性别', 'Sex')}>
              <Select
                allowClear
                options={[
                  { value: 'female', label: '女' },
                  { value: 'male', label: '男' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="requireTwoCancerDiagnosis" label={t('须两癌确诊', 'Two-cancer diagnosis')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="oncePerLifetime" label={t('终身一次', 'Once per lifetime')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="transferOnly" label={t('只限银行转账', 'Transfer only')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {once && (
            <Col xs={24} sm={12}>
              <Form.Item name="lifetimeGroup" label={t('终身一次的合并口径（新旧项目同一组）', 'Lifetime group')}>
                <Input maxLength={40} placeholder="TWO_CANCER" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="quota" label={t('名额', 'Quota')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="grant" label={t('救助标准', 'Grant')} rules={[moneyRule({ required: false })]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fundAccountId" label={t('支付账户', 'Fund account')}>
              <Select
                allowClear
                options={(accounts.data ?? [])
                  .filter((a) => ['cash', 'budget', 'goods'].includes(a.kind))
                  .map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('说明', 'Description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
