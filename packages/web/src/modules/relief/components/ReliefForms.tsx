import { useQueryClient } from '@tanstack/react-query';
import { MoneyInput, moneyRule } from '../../../ui';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { useStaleEditHandler } from '../../../ui/stale';
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import {
  CANCER_KIND_LABELS,
  CERVICAL_STAGES,
  HARDSHIP_STATUSES,
  REPORT_LEVEL_LABELS,
  RELIEF_PROGRAMME_KIND_LABELS,
  type Programme,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect } from '../../../ui';
import { useReliefMutations } from '../api';
import { useAccounts } from '../../funds/public';
import { useProgrammes } from '../../../ui/programmes';

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The vulnerability tags people can carry, plus the hardship statuses 两癌救助 recognises. */
export function useTagOptions() {
  const tags = useQuery({
    queryKey: ['people', 'tags'],
    queryFn: () => api.get<string[]>('/api/people/tags'),
    staleTime: 300_000,
    retry: false,
  });
  return [...new Set([...(tags.data ?? []), ...HARDSHIP_STATUSES])].map((x) => ({ value: x, label: x }));
}

/** 登记候选对象 (摸底调查, one by one): the person (found or created in the registry), her household, her situation. */
export function ApplicationModal({
  open,
  onClose,
  programmeId,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  programmeId?: string;
  onDone?: (id: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const programmes = useProgrammes();
  const tagOptions = useTagOptions();
  const { createApplication } = useReliefMutations();
  // One Idempotency-Key per opening: registering again after a lost answer registers one application.
  const idempotencyKey = useIdempotencyKey(open);
  const pid = Form.useWatch('programmeId', form);
  const method = Form.useWatch('paymentMethod', form);
  const programme = programmes.data?.find((p) => p.id === pid);
  const needsDiagnosis = programme?.rules.requireTwoCancerDiagnosis;

  const submit = async (v: Record<string, unknown>) => {
    try {
      const d = v.diagnosis as Record<string, unknown> | undefined;
      const a = await createApplication.mutateAsync({
        programmeId: v.programmeId as string,
        name: v.name as string,
        idNumber: v.idNumber as string,
        phone: (v.phone as string) || null,
        residenceOrgId: v.residenceOrgId as string,
        householdMembers: v.householdMembers as number,
        householdIncomeFen: (v.householdIncome as number | null) ?? 0,
        tags: (v.tags as string[]) ?? [],
        diagnosis:
          needsDiagnosis && d
            ? {
                cancer: d.cancer as 'cervical' | 'breast',
                invasive: !!d.invasive,
                stage: (d.stage as (typeof CERVICAL_STAGES)[number]) || null,
                hospital: d.hospital as string,
                diagnosedOn: day(d.diagnosedOn as Dayjs)!,
              }
            : null,
        paymentMethod: v.paymentMethod as 'cash' | 'bank_transfer',
        bankCard: (v.bankCard as string) || null,
        appliedOn: day(v.appliedOn as Dayjs)!,
        note: (v.note as string) || null,
        idempotencyKey,
      });
      message.success(
        a.eligible
          ? t('已登记：符合条件', 'Registered: eligible')
          : t('已登记：规则判定不符合，详见申请页', 'Registered: not eligible, see the verdict'),
      );
      onDone?.(a.id);
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('登记候选对象（摸底调查）', 'Register a candidate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('登记', 'Register')}
      confirmLoading={createApplication.isPending}
      destroyOnHidden
      width={680}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={{
          programmeId,
          householdMembers: 3,
          paymentMethod: 'cash',
          appliedOn: dayjs(),
          diagnosis: { cancer: 'cervical', invasive: true },
        }}
        data-testid="application-form"
      >
        <Form.Item
          name="programmeId"
          label={t('救助项目', 'Programme')}
          rules={[{ required: true, message: t('请选择项目', 'Choose a programme') }]}
        >
          <Select
            options={(programmes.data ?? [])
              .filter((p) => p.active && p.kind !== 'sponsorship')
              .map((p) => ({ value: p.id, label: `${p.year}年 ${p.name}` }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Required') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="idNumber"
              label={t('身份证号', 'ID number')}
              rules={[{ required: true, message: t('请填写身份证号', 'Required') }]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="residenceOrgId"
              label={t('居住村（社区）', 'Village')}
              rules={[{ required: true, message: t('请选择居住地', 'Required') }]}
            >
              <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('联系电话', 'Phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="householdMembers"
              label={t('家庭人口', 'Members')}
              rules={[{ required: true, message: t('请填写家庭人口', 'Required') }]}
            >
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={16}>
            <Form.Item name="householdIncome" label={t('家庭年收入', 'Household income')} rules={[moneyRule()]}>
              <MoneyInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('困难情形', 'Situation')}>
          <Select mode="multiple" options={tagOptions} />
        </Form.Item>
        {needsDiagnosis && (
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item name={['diagnosis', 'cancer']} label={t('诊断', 'Diagnosis')}>
                <Select options={Object.entries(CANCER_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name={['diagnosis', 'stage']} label={t('分期（宫颈癌）', 'Stage')}>
                <Select allowClear options={CERVICAL_STAGES.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name={['diagnosis', 'invasive']} label={t('浸润性癌', 'Invasive')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['diagnosis', 'hospital']}
                label={t('确诊医院', 'Hospital')}
                rules={[{ required: true, message: t('请填写确诊医院', 'Required') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['diagnosis', 'diagnosedOn']}
                label={t('确诊日期', 'Diagnosed on')}
                rules={[{ required: true, message: t('请选择日期', 'Required') }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="paymentMethod"
              label={t('发放方式', 'Payment')}
              extra={programme?.rules.transferOnly ? t('本项目只能银行转账', 'Bank transfer only') : undefined}
            >
              <Radio.Group
                options={[
                  { value: 'cash', label: t('现金', 'Cash') },
                  { value: 'bank_transfer', label: t('银行转账', 'Bank transfer') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {method === 'bank_transfer' && (
              <Form.Item
                name="bankCard"
                label={t('银行卡号', 'Bank card')}
                rules={[{ required: true, message: t('银行转账须填写银行卡号', 'Required') }]}
              >
                <Input maxLength={23} inputMode="numeric" />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="appliedOn" label={t('登记日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('备注', 'Note')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 项目设置: the eligibility rules on recorded data, quota, where candidates are reported, the fund account. */
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
