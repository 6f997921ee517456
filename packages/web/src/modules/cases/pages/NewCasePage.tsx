import { useIdempotencyKey } from '../../../ui/idempotency';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import {
  CASE_CHANNEL_LABELS,
  CASE_CHANNELS,
  DV_CATEGORY,
  PARTY_RELATION_LABELS,
  PARTY_RELATIONS,
  PARTY_ROLE_LABELS,
  PARTY_ROLES,
  RISK_QUESTIONS,
  assessRisk,
  type PersonListItem,
  type RiskAnswers,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, useDebounced } from '../../../ui';
import { useCaseMutations, useCategories } from '../api';
import { usePeople, PersonFields, toPersonInput } from '../../people/public';
import { RiskTag } from '../../../ui/CaseTags';

type Values = {
  channel: string;
  receivedDate: Dayjs;
  category: string;
  summary: string;
  narrative?: string;
  ownerOrgId?: string;
  applicant: Parameters<typeof toPersonInput>[0];
  respondentName?: string;
  respondentRelation?: string;
  risk?: string[];
};

/**
 * 登记信访事项. Built for a phone intake in under a minute: channel and date are preset, only the caller's name,
 * residence, a category and one line of summary are required; an already registered person is found by
 * name, phone or ID number instead of typed again.
 */
export function NewCasePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const { register } = useCaseMutations();
  // One Idempotency-Key for this page's registration: pressing 登记 again after a lost answer registers one case.
  const idempotencyKey = useIdempotencyKey();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const found = usePeople(q, 1, 10, undefined, mode === 'existing' && q.trim().length > 0);
  const [applicant, setApplicant] = useState<PersonListItem | null>(null);
  const category = Form.useWatch('category', form);
  const riskKeys = Form.useWatch('risk', form) ?? [];
  const answers: RiskAnswers = Object.fromEntries(riskKeys.map((k: string) => [k, true]));

  const submit = async (v: Values) => {
    if (mode === 'existing' && !applicant) {
      message.error(t('请选择申请人', 'Choose the applicant'));
      return;
    }
    const body = {
      channel: v.channel,
      receivedDate: v.receivedDate.format('YYYY-MM-DD'),
      category: v.category,
      summary: v.summary,
      narrative: v.narrative?.trim() || undefined,
      ownerOrgId: v.ownerOrgId || undefined,
      ...(mode === 'existing' ? { applicantId: applicant!.id } : { applicant: toPersonInput(v.applicant) }),
      parties: v.respondentName?.trim()
        ? [{ name: v.respondentName.trim(), role: 'respondent', relation: v.respondentRelation ?? 'spouse' }]
        : undefined,
      riskAnswers: v.category === DV_CATEGORY && riskKeys.length ? answers : undefined,
    };
    try {
      const created = await register.mutateAsync({ ...body, idempotencyKey });
      message.success(t(`已登记，编号 ${created.caseNo}`, `Registered as ${created.caseNo}`));
      navigate(`/cases/${created.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('登记信访事项', 'Register a petition')}
        subtitle={t('带 * 的为必填，其余可在办理中补充', 'Only starred fields are required')}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: 'phone',
          receivedDate: dayjs(),
          // 居住地 starts empty: the user's own unit is a federation or township office, not where she lives.
          applicant: { gender: 'female' },
          respondentRelation: 'spouse',
        }}
        scrollToFirstError
        data-testid="new-case-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('来源', 'Source')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col xs={24}>
                  <Form.Item name="channel" label={t('渠道', 'Channel')} rules={[{ required: true }]}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      size="small"
                      options={CASE_CHANNELS.map((c) => ({ value: c, label: CASE_CHANNEL_LABELS[c] }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="receivedDate" label={t('收到日期', 'Received')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card
              size="small"
              title={t('申请人', 'Applicant')}
              style={{ marginBottom: 12 }}
              extra={
                <Radio.Group
                  size="small"
                  value={mode}
                  onChange={(e) => setMode(e.target.value)}
                  options={[
                    { value: 'new', label: t('新登记', 'New') },
                    { value: 'existing', label: t('已登记人员', 'Registered') },
                  ]}
                />
              }
            >
              {mode === 'new' ? (
                <PersonFields prefix={['applicant']} minimal={false} />
              ) : (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Select
                    showSearch={{ filterOption: false, onSearch: setSearch }}
                    placeholder={t('输入姓名、电话或身份证号查找', 'Name, phone or ID number')}
                    value={applicant?.id}
                    onChange={(id) => setApplicant(found.data?.items.find((p) => p.id === id) ?? null)}
                    loading={found.isFetching}
                    notFoundContent={q ? t('未找到，请切换为“新登记”', 'Not found: register new') : null}
                    options={(found.data?.items ?? []).map((p) => ({
                      value: p.id,
                      label: `${p.name}  ${p.phoneMasked ?? ''}  ${p.idNumberMasked ?? ''}  ${p.residenceName ?? ''}`,
                    }))}
                    style={{ width: '100%' }}
                    data-testid="applicant-search"
                  />
                </Space>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('诉求', 'Request')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="category"
                    label={t('类别', 'Category')}
                    rules={[{ required: true, message: t('请选择类别', 'Required') }]}
                  >
                    <Select
                      options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.label }))}
                      data-testid="category"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="ownerOrgId" label={t('承办单位', 'Handling unit')} extra={t('不选则为本单位', 'Default: your unit')}>
                    <OrgUnitSelect kind={['federation', 'township', 'street']} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="summary"
                label={t('诉求摘要', 'Summary')}
                rules={[{ required: true, message: t('请用一句话写明诉求', 'Required') }]}
              >
                <Input maxLength={300} showCount data-testid="summary" />
              </Form.Item>
              <Form.Item
                name="narrative"
                label={t('详细情况', 'Narrative')}
                extra={t('加密保存；家暴类仅维权干事和领导可阅', 'Encrypted; DV narratives only for rights officers and leaders')}
              >
                <Input.TextArea rows={4} maxLength={10000} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={14}>
                  <Form.Item name="respondentName" label={t('被反映人', 'Respondent')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={10}>
                  <Form.Item name="respondentRelation" label={t('与申请人关系', 'Relation')}>
                    <Select options={PARTY_RELATIONS.map((r) => ({ value: r, label: PARTY_RELATION_LABELS[r] }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(
                  `其他当事人（${PARTY_ROLES.map((r) => PARTY_ROLE_LABELS[r]).join('、')}）可在事项页补充。`,
                  'More parties can be added later.',
                )}
              </Typography.Text>
            </Card>
            {category === DV_CATEGORY && (
              <Card
                size="small"
                title={
                  <Space>
                    {t('家庭暴力风险评估', 'DV risk screening')}
                    {riskKeys.length > 0 && <RiskTag level={assessRisk(answers).level} />}
                  </Space>
                }
                style={{ marginBottom: 12 }}
                data-testid="risk-card"
              >
                <Form.Item name="risk" style={{ marginBottom: 0 }}>
                  <Checkbox.Group
                    style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                    options={RISK_QUESTIONS.map((q) => ({ value: q.key, label: q.critical ? <b>{q.text}</b> : q.text }))}
                  />
                </Form.Item>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('加粗项任一为“是”即为高风险；高风险事项置顶并每7日回访。', 'Any bold item means high risk.')}
                </Typography.Text>
              </Card>
            )}
          </Col>
        </Row>
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => navigate(-1)}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="submit-case">
            {t('登记', 'Register')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
