import { Alert, Button, Card, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BASES, PROXY_REASONS, PROXY_RELATIONS, requiredEvidence, type Basis } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { idNumberRule } from '../../../components/id-number-rule';
import { useEligibility, useSubmitApplication } from '../api';
import { evidenceOf, MaterialsField, type Materials } from '../components/MaterialsField';

type CounterForm = { name: string; idNumber: string; phone?: string; basis: Basis; basisDetail: string; proxyName?: string; proxyIdNumber?: string; proxyRelation?: 'guardian' | 'relative'; proxyReason?: 'under_16' | 'elderly' | 'disabled' };

/** A counter application: the registry is checked first, the scans uploaded, and the application accepted at once. */
export function CounterPage() {
  const { t } = useTranslation(['permits', 'errors']);
  const navigate = useNavigate();
  const [form] = Form.useForm<CounterForm>();
  const eligibility = useEligibility('staff');
  const submit = useSubmitApplication('staff');
  const [proxy, setProxy] = useState(false);
  const [materials, setMaterials] = useState<Materials>({});
  const basis = Form.useWatch('basis', form) ?? 'employment';
  const kinds = requiredEvidence(basis, proxy);
  const e = eligibility.data;
  const required = [{ required: true, whitespace: true, message: t('errors:validation.required') }];

  return (
    <Card title={t('counter.title')} style={{ maxWidth: 760 }}>
      <ErrorAlert error={eligibility.error ?? submit.error} />
      <Form
        form={form}
        name="counter"
        layout="vertical"
        initialValues={{ basis: 'employment', proxyRelation: 'guardian', proxyReason: 'under_16' }}
        onFinish={(v) =>
          submit.mutate(
            {
              name: v.name, idNumber: v.idNumber, basis: v.basis, basisDetail: v.basisDetail, evidence: evidenceOf(materials), transactionId: crypto.randomUUID(),
              ...(v.phone ? { phone: v.phone } : {}),
              ...(proxy && v.proxyName && v.proxyIdNumber ? { proxy: { name: v.proxyName, idNumber: v.proxyIdNumber, relation: v.proxyRelation ?? 'guardian', reason: v.proxyReason ?? 'under_16' } } : {}),
            },
            { onSuccess: (created) => void navigate(`/permits/applications/${created.id}`) },
          )
        }
      >
        <Space wrap align="end">
          <Form.Item name="name" label={t('fields.name')} rules={required}><Input maxLength={50} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="idNumber" label={t('fields.idNumber')} rules={[...required, idNumberRule(t)]}><Input maxLength={18} style={{ width: 220 }} /></Form.Item>
          <Form.Item>
            <Button
              onClick={() => void form.validateFields(['name', 'idNumber']).then((v) => eligibility.mutate({ name: v.name, idNumber: v.idNumber }))}
              loading={eligibility.isPending}
              data-testid="check-eligibility"
            >
              {t('counter.check')}
            </Button>
          </Form.Item>
        </Space>
        {e && (
          <Alert
            style={{ marginBottom: 16 }}
            showIcon
            type={e.eligibleNow ? 'success' : 'warning'}
            message={e.eligibleNow ? t('counter.eligible', { since: e.registeredSince, from: e.eligibleFrom }) : t('counter.notEligible')}
            description={[e.address, ...e.problems.map((p) => p.message)].filter(Boolean).join('；')}
            data-testid="eligibility"
          />
        )}
        <Space wrap>
          <Form.Item name="basis" label={t('fields.basis')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))} />
          </Form.Item>
          <Form.Item name="basisDetail" label={t(`basisDetail.${basis}`)} rules={[...required, { min: 2 }]}><Input maxLength={100} style={{ width: 320 }} /></Form.Item>
          <Form.Item name="phone" label={t('fields.phone')}><Input maxLength={11} inputMode="tel" style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item label={t('fields.proxy')}>
          <Switch checked={proxy} onChange={setProxy} data-testid="proxy-switch" />
        </Form.Item>
        {proxy && (
          <Space wrap>
            <Form.Item name="proxyName" label={t('fields.name')} rules={required}><Input maxLength={50} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="proxyIdNumber" label={t('fields.idNumber')} rules={[...required, idNumberRule(t)]}><Input maxLength={18} style={{ width: 220 }} /></Form.Item>
            <Form.Item name="proxyRelation" label={t('fields.proxy')}><Select style={{ width: 120 }} options={PROXY_RELATIONS.map((r) => ({ value: r, label: t(`proxyRelation.${r}`) }))} /></Form.Item>
            <Form.Item name="proxyReason" label=" "><Select style={{ width: 180 }} options={PROXY_REASONS.map((r) => ({ value: r, label: t(`proxyReason.${r}`) }))} /></Form.Item>
          </Space>
        )}
        <Form.Item label={t('fields.evidence')}>
          <MaterialsField kinds={kinds} value={materials} onChange={setMaterials} missing={submit.error ? kinds : []} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>{t('counter.submit')}</Button>
      </Form>
    </Card>
  );
}
