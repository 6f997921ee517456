import { useIdempotencyKey } from '../../../ui/idempotency';
import { MoneyInput, moneyRule } from '../../../ui';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import {
  checkResidentIdNumber,
  CONSENT_AGE,
  CONSENT_METHOD_LABELS,
  SCHOOL_STAGE_LABELS,
  SPONSOR_KIND_LABELS,
  termLabel,
  formatFen,
  type DuePayment,
  type Pairing,
  type Sponsor,
  type Student,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect } from '../../../ui';
import { useSponsorshipMutations } from '../api';
import { useApprovers } from '../../funds/public';

export type Dialog = { kind: 'student' | 'sponsor' | 'pairing' | 'meeting' } | { kind: 'pay'; due: DuePayment } | null;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Term codes from this year's spring to four years ahead, for the pairing form. */
export function termOptions() {
  const y = new Date().getFullYear() - 1;
  return Array.from({ length: 12 }, (_, i) => `${y + Math.floor(i / 2)}-${(i % 2) + 1}`).map((v) => ({ value: v, label: termLabel(v) }));
}

/**
 * The page's five dialogs (a student with her guardian's consent, a sponsor, a pairing, a meeting, a term's payment
 * through the ledger), one at a time, each one request.
 */
export function SponsorshipDialogs({
  dialog,
  onClose,
  students,
  sponsors,
  pairings,
}: {
  dialog: Dialog;
  onClose: () => void;
  students: Student[];
  sponsors: Sponsor[];
  pairings: Pairing[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const m = useSponsorshipMutations();
  // One Idempotency-Key per opening of a dialog: pressing 发放 again after a lost answer pays the term once.
  const idempotencyKey = useIdempotencyKey(dialog !== null);
  const approvers = useApprovers();
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const method = Form.useWatch('method', form);
  const check = idNumber && idNumber.length === 18 ? checkResidentIdNumber(idNumber) : null;
  const age = check?.ok ? dayjs().diff(dayjs(check.birthDate), 'year') : null;
  const needsConsent = age !== null && age < CONSENT_AGE;

  const submit = async (v: Record<string, unknown>) => {
    switch (dialog?.kind) {
      case 'student': {
        const c = v.consent as Record<string, unknown> | undefined;
        await m.createStudent.mutateAsync({
          consent:
            needsConsent || c?.guardianName
              ? {
                  guardianName: c!.guardianName as string,
                  relation: c!.relation as string,
                  consentDate: day(c!.consentDate as Dayjs),
                  method: c!.method as 'written' | 'oral',
                  note: (c!.note as string) || null,
                }
              : null,
          name: v.name as string,
          idNumber: v.idNumber as string,
          residenceOrgId: v.residenceOrgId as string,
          schoolOrgId: (v.schoolOrgId as string) || null,
          schoolName: (v.schoolName as string) || null,
          stage: v.stage as 'primary',
          grade: v.grade as string,
          guardianName: v.guardianName as string,
          guardianRelation: v.guardianRelation as string,
          guardianPhone: (v.guardianPhone as string) || null,
          householdMembers: v.householdMembers as number,
          householdIncomeFen: (v.income as number | null) ?? 0,
        });
        break;
      }
      case 'sponsor':
        await m.createSponsor.mutateAsync({
          kind: v.kind as 'person' | 'organisation',
          name: v.name as string,
          creditCode: (v.creditCode as string) || null,
          phone: (v.phone as string) || null,
          note: (v.note as string) || null,
        });
        break;
      case 'pairing':
        await m.createPairing.mutateAsync({
          studentId: v.studentId as string,
          sponsorId: v.sponsorId as string,
          startTerm: v.startTerm as string,
          endTerm: v.endTerm as string,
          amountPerTermFen: v.amount as number,
        });
        break;
      case 'meeting':
        await m.createMeeting.mutateAsync({
          title: v.title as string,
          heldOn: day(v.heldOn as Dayjs),
          place: v.place as string,
          attendees: v.attendees as number,
          pairingIds: (v.pairingIds as string[]) ?? [],
          note: (v.note as string) || null,
        });
        break;
      case 'pay':
        await m.pay.mutateAsync({
          pairingId: dialog.due.pairingId,
          term: dialog.due.term,
          paidOn: day(v.paidOn as Dayjs),
          approvedBy: v.approvedBy as string,
          method: v.method as 'cash' | 'bank_transfer',
          bankCard: (v.bankCard as string)?.replace(/\s/g, '') || null,
          idempotencyKey,
        });
        break;
    }
    message.success(t('已保存', 'Saved'));
  };

  const titles = {
    student: t('登记受助学生', 'Register a student'),
    sponsor: t('新增资助人', 'New sponsor'),
    pairing: t('新建结对', 'New pairing'),
    meeting: t('记录结对见面会', 'Record a meeting'),
    pay: t('发放资助款（记入资金台账）', 'Pay a term'),
  };
  return (
    <FormDialog<Record<string, unknown>>
      open={!!dialog}
      title={dialog ? titles[dialog.kind] : ''}
      onClose={onClose}
      onSubmit={submit}
      form={form}
      width={dialog?.kind === 'student' ? 680 : 520}
      initialValues={{
        stage: 'primary',
        householdMembers: 3,
        kind: 'organisation',
        startTerm: termOptions()[2]?.value,
        endTerm: termOptions()[3]?.value,
        heldOn: dayjs(),
        paidOn: dayjs(),
        method: 'cash',
        attendees: 0,
        consent: { method: 'written', consentDate: dayjs() },
      }}
    >
      {dialog?.kind === 'student' && (
        <>
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
                extra={age !== null ? t(`${age} 岁`, `${age}`) : undefined}
              >
                <Input maxLength={18} />
              </Form.Item>
            </Col>
          </Row>
          {needsConsent && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t(
                '未满14周岁：须先记录监护人同意，才能保存她的任何信息（个人信息保护法第31条）',
                'Under 14: the guardian’s consent is recorded first',
              )}
            />
          )}
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item
                name={['consent', 'guardianName']}
                label={t('同意的监护人', 'Consenting guardian')}
                rules={[{ required: needsConsent, message: t('请填写监护人', 'Required') }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={5}>
              <Form.Item
                name={['consent', 'relation']}
                label={t('关系', 'Relation')}
                rules={[{ required: needsConsent, message: t('请填写关系', 'Required') }]}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={5}>
              <Form.Item name={['consent', 'method']} label={t('方式', 'Method')}>
                <Select options={Object.entries(CONSENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item name={['consent', 'consentDate']} label={t('同意日期', 'Date')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="residenceOrgId"
                label={t('居住地', 'Residence')}
                rules={[{ required: true, message: t('请选择居住地', 'Required') }]}
              >
                <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="schoolOrgId" label={t('学校', 'School')}>
                <OrgUnitSelect kind="school" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="schoolName" label={t('或填写学校名称', 'Or school name')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="stage" label={t('学段', 'Stage')}>
                <Select options={Object.entries(SCHOOL_STAGE_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="grade" label={t('年级', 'Grade')} rules={[{ required: true, message: t('请填写年级', 'Required') }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                name="guardianName"
                label={t('监护人', 'Guardian')}
                rules={[{ required: true, message: t('请填写监护人', 'Required') }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name="guardianRelation"
                label={t('关系', 'Relation')}
                rules={[{ required: true, message: t('请填写关系', 'Required') }]}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item name="guardianPhone" label={t('监护人电话', 'Phone')}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="householdMembers" label={t('家庭人口', 'Members')}>
                <InputNumber min={1} max={30} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={16}>
              <Form.Item name="income" label={t('家庭年收入', 'Income')} rules={[moneyRule()]}>
                <MoneyInput />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {dialog?.kind === 'sponsor' && (
        <>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Radio.Group options={Object.entries(SPONSOR_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="name" label={t('名称 / 姓名', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('统一社会信用代码（单位）', 'Credit code')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label={t('联系电话', 'Phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </>
      )}
      {dialog?.kind === 'pairing' && (
        <>
          <Form.Item name="studentId" label={t('受助学生', 'Student')} rules={[{ required: true, message: t('请选择学生', 'Required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={students.filter((s) => s.status === 'active').map((s) => ({ value: s.id, label: `${s.name}（${s.townshipName}）` }))}
            />
          </Form.Item>
          <Form.Item name="sponsorId" label={t('资助人', 'Sponsor')} rules={[{ required: true, message: t('请选择资助人', 'Required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={sponsors.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="startTerm" label={t('开始学期', 'From')}>
                <Select options={termOptions()} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="endTerm" label={t('结束学期', 'To')}>
                <Select options={termOptions()} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="amount" label={t('每学期资助金额', 'Per term')} rules={[moneyRule()]}>
            <MoneyInput />
          </Form.Item>
        </>
      )}
      {dialog?.kind === 'meeting' && (
        <>
          <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
            <Input maxLength={100} placeholder="春蕾计划结对助学现场见面会" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="heldOn" label={t('日期', 'Date')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="attendees" label={t('参加人数', 'Attendees')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="place" label={t('地点', 'Place')} rules={[{ required: true, message: t('请填写地点', 'Required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="pairingIds" label={t('参加的结对', 'Pairings')}>
            <Select
              mode="multiple"
              options={pairings
                .filter((p) => p.status === 'active')
                .map((p) => ({ value: p.id, label: `${p.studentName} — ${p.sponsorName}` }))}
            />
          </Form.Item>
        </>
      )}
      {dialog?.kind === 'pay' && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${termLabel(dialog.due.term)}　${dialog.due.studentName}　${formatFen(dialog.due.amountFen)} 元（${dialog.due.sponsorName}）`}
          />
          <Form.Item name="paidOn" label={t('发放日期', 'Date')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="approvedBy"
            label={t('审批人', 'Approved by')}
            rules={[{ required: true, message: t('请选择审批人', 'Required') }]}
          >
            <Select options={(approvers.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))} />
          </Form.Item>
          <Form.Item name="method" label={t('发放方式', 'Method')}>
            <Radio.Group
              options={[
                { value: 'cash', label: t('现金', 'Cash') },
                { value: 'bank_transfer', label: t('银行转账', 'Bank transfer') },
              ]}
            />
          </Form.Item>
          {method === 'bank_transfer' && (
            <Form.Item
              name="bankCard"
              label={t('银行卡号', 'Bank card')}
              rules={[{ required: true, message: t('请填写银行卡号', 'Required') }]}
            >
              <Input maxLength={23} />
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}
