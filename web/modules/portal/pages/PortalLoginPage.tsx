import { MobileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Space, Typography, App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams, Link } from 'react-router';
import { MeView, PhoneLoginInput, SmsCodeInput, SmsCodeSent } from '@shared/auth/auth.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { api } from '../../../lib/api';
import { useSignedIn } from '../../../lib/auth';
import { zodRule } from '../../../lib/form';

/** Where to go after logging in: back to the portal page that asked (a scanned house code), never to another site. */
export function portalNext(params: URLSearchParams): string {
  const next = params.get('next') ?? '';
  return /^\/portal\/[\w\-./]*$/.test(next) ? next : '/portal';
}

export function PortalLoginPage() {
  const { message } = App.useApp();
  const { t } = useTranslation(['auth', 'common']);
  const [form] = Form.useForm<{ phone: string; code: string; landlord: boolean }>();
  const [wait, setWait] = useState(0);
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [params] = useSearchParams();
  const next = portalNext(params);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = useMutation({
    mutationFn: (phone: string) => api.post('/api/auth/sms-codes', { phone }, SmsCodeSent),
    onSuccess: (sent) => {
      setWait(sent.resendAfterSeconds);
      void message.success(t('phone.sent'));
    },
  });
  const login = useMutation({
    mutationFn: (input: PhoneLoginInput) => api.post('/api/auth/phone-login', input, MeView),
    onSuccess: (me) => {
      signedIn(me);
      void navigate(next);
    },
  });

  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #0f5fa8 0, #0f5fa8 180px, #f3f6fa 180px)',
        padding: 16,
      }}
    >
      <div style={{ maxWidth: 420, margin: '0 auto' }}>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            color: '#fff',
            padding: '12px 0 24px',
          }}
        >
          <div>
            <div style={{ fontSize: 24, fontWeight: 600 }}>{t('common:appName')}</div>
            <div style={{ opacity: 0.85 }}>{t('common:appTagline')}</div>
          </div>
          <LanguageSwitch size="small" />
        </div>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('phone.title')}
          </Typography.Title>
          <ErrorAlert error={send.error ?? login.error} />
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) =>
              login.mutate({ phone: values.phone, code: values.code, as: values.landlord ? 'landlord' : 'resident' })
            }
          >
            <Form.Item
              name="phone"
              label={t('phone.phone')}
              rules={[{ required: true, message: t('errors:validation.required') }, zodRule(SmsCodeInput.shape.phone)]}
            >
              <Input prefix={<MobileOutlined />} inputMode="tel" maxLength={11} size="large" autoComplete="tel" />
            </Form.Item>
            <Form.Item label={t('phone.code')} htmlFor="code" required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="code"
                  noStyle
                  rules={[
                    { required: true, message: t('errors:validation.required') },
                    zodRule(PhoneLoginInput.shape.code),
                  ]}
                >
                  <Input
                    prefix={<SafetyCertificateOutlined />}
                    inputMode="numeric"
                    maxLength={6}
                    size="large"
                    autoComplete="one-time-code"
                  />
                </Form.Item>
                <Button
                  size="large"
                  disabled={wait > 0}
                  loading={send.isPending}
                  onClick={() => void form.validateFields(['phone']).then(({ phone }) => send.mutate(phone))}
                >
                  {wait > 0 ? t('phone.resend', { seconds: wait }) : t('phone.sendCode')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="landlord" valuePropName="checked">
              <Checkbox>{t('phone.asLandlord')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              {t('phone.submit')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t('phone.agree')}
            </Typography.Paragraph>
          </Form>
        </Card>
        <Card size="small" style={{ marginTop: 12 }}>
          <Link to="/points/calculator" data-testid="open-calculator">{t('phone.calculator')}</Link>
        </Card>
      </div>
    </div>
  );
}
