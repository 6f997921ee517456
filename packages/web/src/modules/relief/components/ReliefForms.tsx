import { MoneyInput, moneyRule } from '../../../ui';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { CANCER_KIND_LABELS, CERVICAL_STAGES, HARDSHIP_STATUSES } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect } from '../../../ui';
import { useReliefMutations } from '../api';
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
