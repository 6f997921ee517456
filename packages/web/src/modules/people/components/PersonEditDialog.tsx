import { App, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { PERSON_GENDER_LABELS, PERSON_GENDERS, type PersonDetail } from '@jinguo/domain';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, useStaleEditHandler } from '../../../ui';
import { usePeopleMutations, usePeopleTags } from '../api';

type Values = {
  name: string;
  gender: 'female' | 'male';
  residenceOrgId?: string;
  ethnicity?: string;
  tags?: string[];
  phone?: string;
  idNumber?: string;
  address?: string;
};

/**
 * 修改人员档案. The sensitive fields are never sent to the page in full, so they are not prefilled: a new ID number,
 * phone or address replaces the stored one, an empty field keeps it. Saved on the version the page showed
 * (If-Match): if someone changed the record meanwhile the server refuses (412), says who, and offers the fresh record.
 */
export function PersonEditDialog({ p, onClose, onReload }: { p: PersonDetail; onClose: () => void; onReload: () => unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { update } = usePeopleMutations();
  const tags = usePeopleTags();
  const onStale = useStaleEditHandler();
  const [busy, setBusy] = useState(false);
  const blank = (s?: string) => (s?.trim() ? s.trim() : undefined);
  const keep = t('留空则不修改（当前：{v}）', 'Leave empty to keep ({v})');

  const save = async (v: Values) => {
    setBusy(true);
    try {
      await update.mutateAsync({
        id: p.id,
        ifMatch: p.version,
        name: v.name,
        gender: v.gender,
        ...(v.residenceOrgId && { residenceOrgId: v.residenceOrgId }),
        ethnicity: blank(v.ethnicity) ?? null,
        tags: v.tags ?? [],
        ...(blank(v.phone) && { phone: blank(v.phone) }),
        ...(blank(v.idNumber) && { idNumber: blank(v.idNumber) }),
        ...(blank(v.address) && { address: blank(v.address) }),
      });
      message.success(t('已保存', 'Saved'));
      onClose();
    } catch (e) {
      if (onStale(e, () => Promise.resolve(onReload()).then(onClose))) return;
      message.error(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`修改人员档案：${p.name}`, `Edit ${p.name}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
      data-testid="person-edit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={save}
        initialValues={{
          name: p.name,
          gender: p.gender,
          residenceOrgId: p.residenceOrgId ?? undefined,
          ethnicity: p.ethnicity ?? undefined,
          tags: p.tags,
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Required') }]}>
              <Input maxLength={50} data-testid="edit-person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gender" label={t('性别', 'Sex')} rules={[{ required: true }]}>
              <Radio.Group options={PERSON_GENDERS.map((g) => ({ value: g, label: PERSON_GENDER_LABELS[g] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="residenceOrgId" label={t('居住地（村、社区）', 'Residence')}>
              <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ethnicity" label={t('民族', 'Ethnicity')}>
              <Input maxLength={20} placeholder="汉族" data-testid="edit-person-ethnicity" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('身份证号', 'ID number')} extra={keep.replace('{v}', p.idNumberMasked ?? '无')}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('联系电话', 'Phone')} extra={keep.replace('{v}', p.phoneMasked ?? '无')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('住址', 'Address')} extra={keep.replace('{v}', p.addressMasked ?? '无')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="tags" label={t('困难标识', 'Tags')}>
              <Select mode="multiple" allowClear options={(tags.data ?? []).map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
