import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { settingsSchema, type Settings } from '@jinguo/domain';
import { useEffect } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useSettings, useUpdateSettings } from '../api';

const KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** Why each setting matters, for the security admin deciding on it. */
const HELP: Record<keyof Settings, [string, string]> = {
  sessionIdleMinutes: ['无操作超过此时长自动退出登录（等保三级建议不超过30分钟）', 'Signed out after this long without activity'],
  sessionAbsoluteHours: ['登录后无论是否操作，超过此时长须重新登录', 'Signed out this long after sign-in, active or not'],
  loginMaxFailures: ['连续输错密码达到此次数后锁定账户', 'Failed sign-ins before the account locks'],
  loginLockMinutes: ['锁定期间即使输入正确密码也无法登录；系统管理员可提前解锁', 'How long a locked account stays locked'],
};

const UNITS: Record<keyof Settings, [string, string]> = {
  sessionIdleMinutes: ['分钟', 'min'],
  sessionAbsoluteHours: ['小时', 'h'],
  loginMaxFailures: ['次', 'times'],
  loginLockMinutes: ['分钟', 'min'],
};

/** 安全设置: session timeouts and lockout, changed by the security admin only; each change is audited. */
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
        subtitle={t('会话超时与登录锁定策略；每次修改都记入审计日志', 'Session timeouts and lockout; every change is audited')}
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
        <Card title={t('密码策略（固定）', 'Password policy (fixed)')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t(
              '按等保三级要求：密码至少12位，包含大写字母、小写字母、数字、特殊字符中的至少三类，不得为常见密码或包含用户名。系统生成或重置的密码须在首次登录时修改。',
              'At least 12 characters from 3 of 4 classes, not a common password, not containing the username. Generated passwords must be changed at first sign-in.',
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
