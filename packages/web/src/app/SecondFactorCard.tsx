import { CopyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Space, Steps, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from './api';
import { meKey, useMe } from './auth';
import { useI18n } from './i18n';
import { applyServerErrors } from '../ui';

type Setup = { secret: string; otpauthUri: string; qrDataUrl: string };

/** The recovery codes, shown once with a copy button: they are stored only as hashes and never shown again. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <div data-testid="recovery-codes">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(
          '请抄写或打印以下恢复码并妥善保管：手机丢失时每个恢复码可代替动态验证码使用一次。关闭后无法再次查看。',
          'Write down or print these recovery codes: each replaces a code once if you lose your phone. They are not shown again.',
        )}
      />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
          gap: 8,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          padding: '12px 16px',
          marginBottom: 12,
        }}
      >
        {codes.map((c) => (
          <Typography.Text key={c} code style={{ fontSize: 15 }}>
            {c}
          </Typography.Text>
        ))}
      </div>
      <Space wrap>
        <Button
          icon={<CopyOutlined />}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join('\n'));
              message.success(t('已复制', 'Copied'));
            } catch {
              message.warning(t('无法访问剪贴板，请手动抄写', 'Clipboard unavailable: copy them by hand'));
            }
          }}
        >
          {t('复制全部', 'Copy all')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('我已保存恢复码', 'I have saved them')}
        </Button>
      </Space>
    </div>
  );
}

/**
 * 双因素认证 on the account page: bind an authenticator app (scan the QR code, confirm a code), keep the recovery
 * codes, make new ones, or turn it off where no role requires it. The server decides; this page only asks.
 */
export function SecondFactorCard() {
  const { data: me } = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [enableForm] = Form.useForm();
  const [regenForm] = Form.useForm();
  const [disableForm] = Form.useForm();
  if (!me) return null;
  const refreshMe = () => qc.invalidateQueries({ queryKey: meKey });

  const title = (
    <Flex gap={8} align="center">
      <SafetyOutlined />
      {t('双因素认证（动态验证码）', 'Two-factor authentication')}
      {me.secondFactorEnabled ? (
        <Tag color="green">{t('已启用', 'On')}</Tag>
      ) : me.secondFactorRequired ? (
        <Tag color="red">{t('您的角色必须启用', 'Required for your role')}</Tag>
      ) : (
        <Tag>{t('未启用', 'Off')}</Tag>
      )}
    </Flex>
  );

  if (codes)
    return (
      <Card title={title} style={{ marginBottom: 16 }}>
        <RecoveryCodes
          codes={codes}
          onDone={async () => {
            setCodes(null);
            await refreshMe();
          }}
        />
      </Card>
    );

  if (!me.secondFactorEnabled)
    return (
      <Card title={title} style={{ marginBottom: 16 }} data-testid="second-factor">
        {me.mustEnrolSecondFactor && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '您的角色须使用双因素认证：绑定身份验证器后才能使用系统。',
              'Your role requires two-factor authentication: bind an authenticator app to continue.',
            )}
          />
        )}
        {!setup ? (
          <>
            <Typography.Paragraph>
              {t(
                '启用后，登录时除密码外还须输入手机身份验证器应用（支持 TOTP 标准的应用，如 Microsoft Authenticator、Google Authenticator）上每30秒变化的6位动态验证码。',
                'Once on, sign-in asks for the 6-digit code your authenticator app (any TOTP app) shows besides the password; it changes every 30 seconds.',
              )}
            </Typography.Paragraph>
            <Button
              type="primary"
              loading={busy}
              disabled={me.mustChangePassword}
              onClick={async () => {
                setBusy(true);
                try {
                  setSetup(await api.post<Setup>('/api/auth/totp/setup'));
                } catch (e) {
                  message.error(applyServerErrors(null, e));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('绑定身份验证器', 'Bind an authenticator')}
            </Button>
            {me.mustChangePassword && (
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('请先修改密码', 'Change your password first')}
              </Typography.Text>
            )}
          </>
        ) : (
          <>
            <Steps
              orientation="vertical"
              size="small"
              current={1}
              items={[
                { title: t('用身份验证器扫描二维码', 'Scan the QR code with your authenticator') },
                { title: t('输入它显示的6位动态验证码', 'Enter the 6-digit code it shows') },
              ]}
              style={{ marginBottom: 16 }}
            />
            <Flex gap={24} wrap align="start">
              <img
                src={setup.qrDataUrl}
                alt={t('身份验证器二维码', 'Authenticator QR code')}
                width={200}
                height={200}
                data-testid="totp-qr"
                style={{ border: '1px solid #f0f0f0', borderRadius: 6 }}
              />
              <div style={{ flex: '1 1 240px' }}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t('无法扫描时，在身份验证器中手动输入密钥：', 'Cannot scan? Type this key into the app:')}
                </Typography.Paragraph>
                <Typography.Paragraph copyable={{ text: setup.secret }}>
                  <Typography.Text code data-testid="totp-secret" style={{ fontSize: 15, wordBreak: 'break-all' }}>
                    {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
                  </Typography.Text>
                </Typography.Paragraph>
                <Form
                  form={enableForm}
                  layout="vertical"
                  onFinish={async (v: { code: string }) => {
                    setBusy(true);
                    try {
                      const res = await api.post<{ recoveryCodes: string[] }>('/api/auth/totp/enable', { code: v.code.trim() });
                      setSetup(null);
                      setCodes(res.recoveryCodes);
                      message.success(t('双因素认证已启用', 'Two-factor authentication is on'));
                    } catch (e) {
                      message.error(applyServerErrors(enableForm, e));
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  <Form.Item
                    name="code"
                    label={t('动态验证码', 'Code')}
                    rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('请输入6位数字', 'Six digits') }]}
                  >
                    <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 160 }} />
                  </Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={busy}>
                      {t('确认绑定', 'Confirm')}
                    </Button>
                    <Button onClick={() => setSetup(null)}>{t('取消', 'Cancel')}</Button>
                  </Space>
                </Form>
              </div>
            </Flex>
          </>
        )}
      </Card>
    );

  return (
    <Card title={title} style={{ marginBottom: 16 }} data-testid="second-factor">
      <Typography.Paragraph>
        {t(
          '登录时须输入身份验证器上的动态验证码。手机丢失时可用恢复码登录，或请安全管理员重置。',
          'Sign-in asks for your authenticator code. Lost your phone? Use a recovery code, or ask the security administrator to reset it.',
        )}
      </Typography.Paragraph>
      <Form
        form={regenForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={async (v: { code: string }) => {
          try {
            const res = await api.post<{ recoveryCodes: string[] }>('/api/auth/totp/recovery-codes', { code: v.code.trim() });
            regenForm.resetFields();
            setCodes(res.recoveryCodes);
          } catch (e) {
            message.error(applyServerErrors(regenForm, e));
          }
        }}
      >
        <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('请输入6位动态验证码', 'Six digits') }]}>
          <Input placeholder={t('当前动态验证码', 'Current code')} inputMode="numeric" maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit">{t('重新生成恢复码', 'New recovery codes')}</Button>
      </Form>
      {!me.secondFactorRequired && (
        <Form
          form={disableForm}
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={async (v: { currentPassword: string }) => {
            try {
              await api.post('/api/auth/totp/disable', { currentPassword: v.currentPassword });
              disableForm.resetFields();
              message.success(t('双因素认证已停用', 'Two-factor authentication is off'));
              await refreshMe();
            } catch (e) {
              message.error(applyServerErrors(disableForm, e));
            }
          }}
        >
          <Form.Item name="currentPassword" rules={[{ required: true, message: t('请输入当前密码', 'Enter your password') }]}>
            <Input.Password placeholder={t('当前密码', 'Current password')} autoComplete="current-password" style={{ width: 200 }} />
          </Form.Item>
          <Popconfirm
            title={t('停用双因素认证？', 'Turn two-factor authentication off?')}
            okText={t('停用', 'Turn off')}
            cancelText={t('取消', 'Cancel')}
            onConfirm={() => disableForm.submit()}
          >
            <Button danger>{t('停用', 'Turn off')}</Button>
          </Popconfirm>
        </Form>
      )}
    </Card>
  );
}
