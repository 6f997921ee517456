import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Typography } from 'antd';
import { ROLE_LABELS, ROLES, SECURITY_ROLES, settingsSchema, type Role, type Settings } from '@jinguo/domain';
import { useEffect } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useSettings, useUpdateSettings } from '../api';

/** The numeric settings (timeouts, lockout); the roles that need a second factor have their own card. */
type NumericKey = Exclude<keyof Settings, 'secondFactorRoles'>;
const KEYS: NumericKey[] = ['sessionIdleMinutes', 'sessionAbsoluteHours', 'loginMaxFailures', 'loginLockMinutes'];

/** Why each setting matters, for the security admin deciding on it. */
const HELP: Record<NumericKey, [string, string]> = {
  sessionIdleMinutes: ['无操作超过此时长自动退出登录（等保三级建议不超过30分钟）', 'Signed out after this long without activity'],
  sessionAbsoluteHours: ['登录后无论是否操作，超过此时长须重新登录', 'Signed out this long after sign-in, active or not'],
  loginMaxFailures: ['连续输错密码达到此次数后锁定账户', 'Failed sign-ins before the account locks'],
  loginLockMinutes: ['锁定期间即使输入正确密码也无法登录；系统管理员可提前解锁', 'How long a locked account stays locked'],
};

const UNITS: Record<NumericKey, [string, string]> = {
  sessionIdleMinutes: ['分钟', 'min'],
  sessionAbsoluteHours: ['小时', 'h'],
  loginMaxFailures: ['次', 'times'],
  loginLockMinutes: ['分钟', 'min'],
};

/** The second-factor roles as the security admin may choose them: the 三员 are always required (等保三级), shown ticked and fixed. */
function SecondFactorRolesCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ secondFactorRoles: Role[] }>();
  const settings = useSettings();
  const save = useUpdateSettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ secondFactorRoles: settings.data.values.secondFactorRoles });
  }, [settings.data, form]);
  const options = ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en), disabled: SECURITY_ROLES.includes(r) }));
  return (
    <Card title={t('双因素认证（动态验证码）', 'Two-factor authentication')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        {t(
          '勾选的角色登录时除密码外还须输入身份验证器上的动态验证码；尚未绑定的用户登录后只能先绑定。三员（系统管理员、安全管理员、安全审计员）始终必须启用。用户手机丢失时，可在“用户与角色”中为其重置。',
          'Holders of the ticked roles sign in with a code from an authenticator app as well; those not yet bound must bind first. The three administrators always must. Reset a lost one under Users.',
        )}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await save.mutateAsync({ secondFactorRoles: v.secondFactorRoles });
            message.success(t('已保存，新设置立即生效', 'Saved; in effect now'));
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        }}
      >
        <Form.Item name="secondFactorRoles" label={settings.data?.labels.secondFactorRoles}>
          <Checkbox.Group options={options} aria-label={t('须使用双因素认证的角色', 'Roles that need two factors')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
          {t('保存', 'Save')}
        </Button>
      </Form>
    </Card>
  );
}

/** 安全设置: session timeouts, lockout and the second factor, changed by the security admin only; each change is audited. */
export function SettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const settings = useSettings();
  const save = useUpdateSettings();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.values);
  }, [settings.data, form]);

  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader
        title={t('安全设置', 'Security settings')}
        subtitle={t(
          '会话超时、登录锁定与双因素认证；每次修改都记入审计日志',
          'Session timeouts, lockout and two factors; every change is audited',
        )}
      />
      <QueryState loading={settings.isLoading} error={settings.error}>
        <Card title={t('会话与登录', 'Sessions and sign-in')} style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              const current = settings.data!.values;
              const patch = Object.fromEntries(KEYS.filter((k) => v[k] !== current[k]).map((k) => [k, v[k]])) as Partial<Settings>;
              if (Object.keys(patch).length === 0) {
                message.info(t('没有需要保存的修改', 'Nothing changed'));
                return;
              }
              try {
                await save.mutateAsync(patch);
                message.success(t('已保存，新设置立即生效', 'Saved; in effect now'));
              } catch (e) {
                message.error(applyServerErrors(form, e));
              }
            }}
          >
            <Row gutter={24}>
              {KEYS.map((key) => {
                const field = settingsSchema.shape[key];
                return (
                  <Col key={key} xs={24} md={12}>
                    <Form.Item
                      name={key}
                      label={settings.data?.labels[key] ?? key}
                      extra={t(...HELP[key])}
                      rules={[
                        {
                          required: true,
                          type: 'integer',
                          min: field.minValue ?? undefined,
                          max: field.maxValue ?? undefined,
                          message: t(
                            `请输入 ${field.minValue}–${field.maxValue} 之间的整数`,
                            `An integer from ${field.minValue} to ${field.maxValue}`,
                          ),
                        },
                      ]}
                    >
                      <InputNumber
                        min={field.minValue ?? undefined}
                        max={field.maxValue ?? undefined}
                        precision={0}
                        style={{ width: 200 }}
                        suffix={t(...UNITS[key])}
                      />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
              {t('保存设置', 'Save settings')}
            </Button>
          </Form>
        </Card>
        <SecondFactorRolesCard />
        <Card title={t('密码策略（固定）', 'Password policy (fixed)')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t(
              '按等保三级要求：密码12–128位，包含大写字母、小写字母、数字、特殊字符中的至少三类；不得为常见或易猜中的密码（按常用词典评分），不得含5位以上连续的数字、字母或键盘序列，不得包含用户名、姓名或所在单位，不得与最近5次使用过的密码相同。系统生成或重置的密码须在首次登录时修改。同一地址短时间内登录尝试过多时将被暂时拒绝。',
              '12–128 characters from 3 of 4 classes; not common or guessable (scored against dictionaries), no runs of 5 like 12345 or qwert, nothing of the username, name or unit, none of the last 5. Generated passwords must be changed at first sign-in. Too many sign-in attempts from one address are refused for a while.',
            )}
          </Typography.Paragraph>
          <Alert
            type="info"
            showIcon
            title={t(
              '三员分立：系统管理员管理账户，安全管理员分配角色和修改本页设置，安全审计员查阅审计日志；三者均不能查看业务数据。',
              '三员分立: the system admin manages accounts, the security admin grants roles and sets this page, the auditor reads the trail; none reads case data.',
            )}
          />
        </Card>
      </QueryState>
    </div>
  );
}
