import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from './api';
import { useAuthActions, useMe } from './auth';
import { useI18n } from './i18n';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { data: me } = useMe();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The server asks for the second factor after the right password: the code box appears then.
  const [askCode, setAskCode] = useState(false);
  const [form] = Form.useForm();
  if (me) return <Navigate to="/" replace />;

  async function onFinish(v: { username: string; password: string; totpCode?: string }) {
    setBusy(true);
    setError(null);
    try {
      const user = await login(v.username.trim(), v.password, askCode ? v.totpCode?.trim() : undefined);
      const from = (location.state as { from?: string } | null)?.from;
      const mustVisitAccount = user.mustChangePassword || user.mustEnrolSecondFactor;
      navigate(mustVisitAccount ? '/account' : from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SECOND_FACTOR_REQUIRED') {
        setAskCode(true);
        return;
      }
      if (e instanceof ApiError && e.code === 'SECOND_FACTOR_INVALID') form.setFieldValue('totpCode', '');
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#fff0f6 0%,#f9f0ff 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4, color: '#c41d7f' }}>
            巾帼
          </Typography.Title>
          <Typography.Text type="secondary">{t('妇联工作平台', 'Women’s Federation work platform')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {askCode && (
            <Form.Item
              name="totpCode"
              label={t('动态验证码', 'Authentication code')}
              extra={t(
                '打开手机上的身份验证器，输入6位动态验证码；手机不在身边时可输入一个恢复码',
                'The 6-digit code from your authenticator app, or one of your recovery codes',
              )}
              rules={[{ required: true, whitespace: true, message: t('请输入动态验证码', 'Enter the code') }]}
            >
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={32} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Segmented
            size="small"
            value={lang}
            onChange={(v) => setLang(v as 'zh' | 'en')}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
          />
        </div>
      </Card>
    </div>
  );
}
