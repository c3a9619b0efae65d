import { Alert, Button, Card, Form, Input, Modal, Result, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BASES, PROXY_REASONS, PROXY_RELATIONS, requiredEvidence, type ApplicationView, type Basis, type EligibilityView } from '@shared/permits/permit.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { idNumberRule } from '../../../components/id-number-rule';
import { ApiError } from '../../../lib/api';
import { useEligibility, useSubmitApplication } from '../api';
import { evidenceOf, MaterialsField, type Materials } from '../components/MaterialsField';

type ApplyForm = { name: string; idNumber: string; basis: Basis; basisDetail: string; proxyName?: string; proxyIdNumber?: string; proxyRelation?: 'guardian' | 'relative'; proxyReason?: 'under_16' | 'elderly' | 'disabled' };

/**
 * Applying for a residence permit on a phone: first whether one may apply (someone too early is told, in a pop-up,
 * from which day), then the basis and the materials, each uploaded at once.
 */
export function ApplyPage() {
  const { t } = useTranslation(['permits', 'errors']);
  const [form] = Form.useForm<ApplyForm>();
  const [forWhom, setForWhom] = useState<'self' | 'other'>('self');
  const [eligible, setEligible] = useState<EligibilityView | null>(null);
  const [materials, setMaterials] = useState<Materials>({});
  const [done, setDone] = useState<ApplicationView | null>(null);
  const check = useEligibility('applicant');
  const submit = useSubmitApplication('applicant');
  const basis = Form.useWatch('basis', form) ?? 'employment';
  const proxy = forWhom === 'other';
  const kinds = requiredEvidence(basis, proxy);
  const required = [{ required: true, whitespace: true, message: t('errors:validation.required') }];
  const missingKinds = submit.error instanceof ApiError ? submit.error.issues.map((i) => i.path.replace(/^evidence\./, '')) : [];

  if (done) {
    return (
      <Result status="success" title={t('portal.submitted', { number: done.number })} extra={<Link to="/portal/permit"><Button type="primary">{t('portal.myApplications')}</Button></Link>} />
    );
  }

  const onCheck = () =>
    void form.validateFields(['name', 'idNumber']).then((v) =>
      check.mutate({ name: v.name, idNumber: v.idNumber }, {
        onSuccess: (result) => {
          if (result.eligibleNow) return setEligible(result);
          setEligible(null);
          const early = result.problems.some((p) => p.code === 'PERMITS_TOO_EARLY');
          Modal.warning({
            title: t('portal.tooEarlyTitle'),
            content: early ? t('portal.tooEarly', { since: result.registeredSince, months: result.minMonths, from: result.eligibleFrom }) : result.problems.map((p) => p.message).join('；'),
          });
        },
      }),
    );

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('portal.apply')}</Typography.Title>
      <Card size="small">
        <ErrorAlert error={check.error ?? submit.error} />
        <Form
          form={form}
          name="apply"
          layout="vertical"
          requiredMark={false}
          initialValues={{ basis: 'employment', proxyRelation: 'guardian', proxyReason: 'under_16' }}
          onFinish={(v) =>
            submit.mutate(
              {
                name: v.name, idNumber: v.idNumber, basis: v.basis, basisDetail: v.basisDetail, evidence: evidenceOf(materials), transactionId: crypto.randomUUID(),
                ...(proxy && v.proxyName && v.proxyIdNumber ? { proxy: { name: v.proxyName, idNumber: v.proxyIdNumber, relation: v.proxyRelation ?? 'guardian', reason: v.proxyReason ?? 'under_16' } } : {}),
              },
              { onSuccess: setDone },
            )
          }
        >
          <Form.Item label={t('portal.forWhom')}>
            <Segmented<'self' | 'other'> block value={forWhom} onChange={(v) => { setForWhom(v); setEligible(null); }} options={[{ value: 'self', label: t('portal.self') }, { value: 'other', label: t('portal.other') }]} />
          </Form.Item>
          <Form.Item name="name" label={t('fields.name')} rules={required}><Input size="large" maxLength={50} onChange={() => setEligible(null)} /></Form.Item>
          <Form.Item name="idNumber" label={t('fields.idNumber')} rules={[...required, idNumberRule(t)]}><Input size="large" maxLength={18} onChange={() => setEligible(null)} /></Form.Item>
          {!eligible && <Button size="large" block onClick={onCheck} loading={check.isPending} data-testid="check">{t('portal.checkFirst')}</Button>}
          {eligible && (
            <>
              <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('portal.eligible', { since: eligible.registeredSince })} data-testid="eligible" />
              {proxy && (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>{t('fields.proxy')}</Typography.Text>
                  <Form.Item name="proxyName" label={t('fields.name')} rules={required}><Input size="large" maxLength={50} /></Form.Item>
                  <Form.Item name="proxyIdNumber" label={t('fields.idNumber')} rules={[...required, idNumberRule(t)]}><Input size="large" maxLength={18} /></Form.Item>
                  <Form.Item name="proxyRelation"><Select size="large" options={PROXY_RELATIONS.map((r) => ({ value: r, label: t(`proxyRelation.${r}`) }))} /></Form.Item>
                  <Form.Item name="proxyReason"><Select size="large" options={PROXY_REASONS.map((r) => ({ value: r, label: t(`proxyReason.${r}`) }))} /></Form.Item>
                </Space>
              )}
              <Form.Item name="basis" label={t('fields.basis')} rules={[{ required: true }]}>
                <Select size="large" options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))} />
              </Form.Item>
              <Form.Item name="basisDetail" label={t(`basisDetail.${basis}`)} rules={[...required, { min: 2 }]}><Input size="large" maxLength={100} /></Form.Item>
              <Form.Item label={t('portal.materials')} extra={t('portal.materialsHint')}>
                <MaterialsField kinds={kinds} value={materials} onChange={setMaterials} missing={missingKinds as never[]} />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="submit">{t('actions.submit')}</Button>
            </>
          )}
        </Form>
      </Card>
    </div>
  );
}
