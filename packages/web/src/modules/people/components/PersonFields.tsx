import { Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { PERSON_GENDER_LABELS, PERSON_GENDERS } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { OrgUnitSelect } from '../../../ui';
import { usePeopleTags } from '../api';

/**
 * The fields of a person, under a name prefix so the same fields serve the registry form and the new-case
 * form's inline registration (`prefix={['applicant']}`). Only name, sex and residence are required.
 */
export function PersonFields({
  prefix = [],
  minimal = false,
  withHousehold = false,
}: {
  prefix?: (string | number)[];
  minimal?: boolean;
  withHousehold?: boolean;
}) {
  const { t } = useI18n();
  const tags = usePeopleTags();
  const n = (k: string) => [...prefix, k];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name={n('name')} label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Required') }]}>
          <Input maxLength={50} data-testid="person-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={n('phone')} label={t('联系电话', 'Phone')}>
          <Input maxLength={20} inputMode="tel" data-testid="person-phone" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={n('gender')} label={t('性别', 'Sex')} rules={[{ required: true }]}>
          <Radio.Group options={PERSON_GENDERS.map((g) => ({ value: g, label: PERSON_GENDER_LABELS[g] }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={n('residenceOrgId')}
          label={t('居住地（村、社区）', 'Residence')}
          rules={[{ required: true, message: t('请选择居住地', 'Required') }]}
        >
          <OrgUnitSelect kind={['village', 'community', 'township', 'street', 'federation']} />
        </Form.Item>
      </Col>
      {!minimal && (
        <>
          <Col xs={24} sm={12}>
            <Form.Item
              name={n('idNumber')}
              label={t('身份证号', 'ID number')}
              extra={t('填写后按号码查重，加密保存', 'Deduplicated, stored encrypted')}
            >
              <Input maxLength={18} data-testid="person-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={n('ethnicity')} label={t('民族', 'Ethnicity')}>
              <Input maxLength={20} placeholder="汉族" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={n('address')} label={t('住址', 'Address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={n('tags')} label={t('困难标识', 'Tags')}>
              <Select mode="multiple" allowClear options={(tags.data ?? []).map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
        </>
      )}
      {withHousehold && (
        <>
          <Col xs={12}>
            <Form.Item name={n('householdMembers')} label={t('家庭人口', 'Household members')}>
              <InputNumber min={1} max={30} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name={n('householdIncomeYuan')} label={t('家庭年收入（元）', 'Annual income (yuan)')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

type PersonFormValues = {
  name: string;
  gender: 'female' | 'male';
  phone?: string;
  idNumber?: string;
  address?: string;
  ethnicity?: string;
  residenceOrgId: string;
  tags?: string[];
  householdMembers?: number;
  householdIncomeYuan?: number;
};

/** Form values → the API's person input (empty strings dropped; yuan → fen). */
export function toPersonInput(v: PersonFormValues) {
  const blank = (s?: string) => (s?.trim() ? s.trim() : undefined);
  return {
    name: v.name,
    gender: v.gender,
    phone: blank(v.phone),
    idNumber: blank(v.idNumber),
    address: blank(v.address),
    ethnicity: blank(v.ethnicity),
    residenceOrgId: v.residenceOrgId,
    tags: v.tags,
    household: v.householdMembers
      ? { members: v.householdMembers, annualIncomeFen: Math.round((v.householdIncomeYuan ?? 0) * 100) }
      : undefined,
  };
}
