import { Alert, App, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { ROLE_LABELS } from '@jinguo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from './api';
import { meKey, useMe } from './auth';
import { useI18n } from './i18n';
import { applyServerErrors, PageHeader } from '../ui';
import { SecondFactorCard } from './SecondFactorCard';

/**
 * My account: who I am, my roles and scopes, changing my password (required after a generated one) and my
 * second factor (required for some roles before anything else).
 */
export function AccountPage() {
  const { data: me } = useMe();
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={t('我的账户', 'My account')} />
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('首次登录或密码重置后，须先修改密码才能使用系统。', 'Change your password before you continue.')}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('用户名', 'Username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('姓名', 'Name')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('角色与范围', 'Roles and scope')}>
            {me.roles.map((r) => (
              <Tag key={r.id} color="magenta" style={{ marginBottom: 4 }}>
                {t(ROLE_LABELS[r.role].zh, ROLE_LABELS[r.role].en)} · {r.orgUnitName}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!me.mustChangePassword && <SecondFactorCard />}
      <Card title={t('修改密码', 'Change password')} style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 400 }}
          onFinish={async (v) => {
            try {
              const forced = me.mustChangePassword;
              await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
              form.resetFields();
              // The session goes on (the server ends only the user's other sessions): after a forced change every
              // query refused before it is asked again and she goes straight on into the app, no second login.
              // (RequireAuth brings her back here if her roles still need a second factor enrolled.)
              await qc.invalidateQueries({ queryKey: meKey });
              if (forced) {
                await qc.invalidateQueries();
                message.success(t('密码已修改，可以开始使用了', 'Password changed: you are signed in'));
                navigate('/', { replace: true });
              } else message.success(t('密码已修改', 'Password changed'));
            } catch (e) {
              message.error(applyServerErrors(form, e));
            }
          }}
        >
          <Form.Item
            name="currentPassword"
            label={t('当前密码', 'Current password')}
            rules={[{ required: true, message: t('请输入当前密码', 'Required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('新密码', 'New password')}
            extra={t(
              '12–128位，包含大写字母、小写字母、数字、特殊字符中的至少三类；不能是常见或易猜的密码、连续的数字或键盘序列，不能包含用户名、姓名或单位，不能与最近5次的密码相同',
              '12–128 characters from 3 of 4 classes; not common or guessable, no runs like 12345 or qwert, nothing of your username, name or unit, none of your last 5',
            )}
            rules={[{ required: true, message: t('请输入新密码', 'Required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('确认新密码', 'Confirm new password')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('请再次输入新密码', 'Required') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次输入的密码不一致', 'Passwords differ'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('修改密码', 'Change password')}
          </Button>
        </Form>
      </Card>
      {me.mustChangePassword && <SecondFactorCard />}
    </div>
  );
}
