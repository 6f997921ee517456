import { Alert, App, Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from 'antd';
import {
  CARER_KIND_LABELS,
  CARER_KINDS,
  checkResidentIdNumber,
  CHILD_NEED_LABELS,
  CHILD_NEEDS,
  CONSENT_AGE,
  CONSENT_METHOD_LABELS,
  LEFT_BEHIND_SITUATION_LABELS,
  LEFT_BEHIND_SITUATIONS,
  needsGuardianConsent,
  type CreateChild,
  type CreateProxyMother,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect } from '../../../ui';
import { useChildrenMutations } from '../api';

type RegisterForm = Omit<CreateChild, 'registeredOn' | 'consent'> & {
  registeredOn: Dayjs;
  consent?: { guardianName?: string; relation?: string; consentDate?: Dayjs; method?: 'written' | 'oral'; note?: string };
};
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Registers a child; the guardian's consent comes first for a child under 14 (the shared rule the server applies too). */
export function RegisterDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useChildrenMutations();
  const [form] = Form.useForm<RegisterForm>();
  const idNumber = Form.useWatch('idNumber', form);
  const check = idNumber && idNumber.length === 18 ? checkResidentIdNumber(idNumber) : null;
  const age = check?.ok ? dayjs().diff(dayjs(check.birthDate), 'year') : null;
  const consentFirst = age !== null && needsGuardianConsent(age);

  const submit = async (v: RegisterForm) => {
    const c = v.consent;
    try {
      await m.createChild.mutateAsync({
        ...v,
        consent:
          c?.guardianName && c.consentDate
            ? {
                guardianName: c.guardianName,
                relation: c.relation ?? '',
                consentDate: day(c.consentDate),
                method: c.method ?? 'written',
                note: c.note,
              }
            : null,
        registeredOn: day(v.registeredOn),
      });
      onClose();
      message.success(t('已登记', 'Registered'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('登记留守儿童', 'Register a left-behind child')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.createChild.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          situation: 'both_away',
          carerKind: 'grandparents',
          needs: [],
          registeredOn: dayjs(),
          consent: { method: 'written' },
        }}
      >
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="idNumber" label={t('身份证号', 'ID number')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        {consentFirst && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t(
                `未满${CONSENT_AGE}周岁：须先记录监护人同意，否则不予登记`,
                `Under ${CONSENT_AGE}: record the guardian's consent first`,
              )}
            />
            <Row gutter={12}>
              <Col xs={12} md={6}>
                <Form.Item
                  name={['consent', 'guardianName']}
                  label={t('监护人', 'Guardian')}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['consent', 'relation']} label={t('关系', 'Relation')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['consent', 'consentDate']} label={t('同意日期', 'Consent date')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['consent', 'method']} label={t('同意方式', 'How')}>
                  <Select options={Object.entries(CONSENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </Col>
            </Row>
            <Divider style={{ margin: '4px 0 12px' }} />
          </>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="residenceOrgId"
              label={t('居住村（社区）', 'Village')}
              rules={[{ required: true, message: t('请选择', 'Required') }]}
            >
              <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="schoolName" label={t('就读学校', 'School')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="grade" label={t('年级', 'Grade')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="situation" label={t('留守情形', 'Situation')}>
              <Select options={LEFT_BEHIND_SITUATIONS.map((s) => ({ value: s, label: LEFT_BEHIND_SITUATION_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="fatherWorkPlace" label={t('父亲务工地', "Father's workplace")}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="motherWorkPlace" label={t('母亲务工地', "Mother's workplace")}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="carerKind" label={t('照料方式', 'Cared for by')}>
              <Select options={CARER_KINDS.map((k) => ({ value: k, label: CARER_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="carerName" label={t('照料人', 'Carer')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="carerRelation" label={t('照料人关系', 'Relation')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="carerPhone" label={t('照料人电话', "Carer's phone")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="needs" label={t('关爱需求', 'Needs')}>
              <Select mode="multiple" options={CHILD_NEEDS.map((n) => ({ value: n, label: CHILD_NEED_LABELS[n] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="registeredOn" label={t('登记日期', 'Registered on')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** A 代理妈妈: a woman of the person registry in the township she lives in. */
export function MotherDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useChildrenMutations();
  const [form] = Form.useForm<CreateProxyMother>();
  const submit = async (v: CreateProxyMother) => {
    try {
      await m.createMother.mutateAsync(v);
      onClose();
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('登记代理妈妈', 'New proxy mother')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.createMother.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="phone" label={t('电话', 'Phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="idNumber" label={t('身份证号（可不填）', 'ID number (optional)')}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="residenceOrgId"
          label={t('居住村（社区）', 'Village')}
          rules={[{ required: true, message: t('请选择', 'Required') }]}
        >
          <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
        </Form.Item>
        <Form.Item name="unitName" label={t('工作单位或身份', 'Role')}>
          <Input maxLength={100} placeholder={t('如：村妇联执委、小学教师', 'e.g. village federation member')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
