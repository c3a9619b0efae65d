import { App, Button, Descriptions, Drawer, Form, Input, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '@shared/kernel/workdays';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ProofUpload } from '../../../components/ProofUpload';
import { useLang } from '../../../lib/lang';
import { useHazard, useHazardAction, type HazardSide } from '../api';
import { HazardStatusTag } from './tags';

const ACTION_OF = { staff: 'refer', department: 'handle', landlord: 'report_fixed' } as const;

/** One hazard: what was found, the fix, the outcome, its history, and the step that is the caller's to take. */
export function HazardDrawer({ side, id, onClose }: { side: HazardSide; id: string | null; onClose: () => void }) {
  const { t } = useTranslation(['inspections', 'common']);
  const lang = useLang();
  const { message } = App.useApp();
  const hazard = useHazard(side, id);
  const act = useHazardAction(side, id ?? '');
  const [photos, setPhotos] = useState<string[]>([]);
  const [form] = Form.useForm<{ note: string }>();
  const h = hazard.data;
  const action = ACTION_OF[side];
  const label = { refer: t('hazard.refer'), handle: t('hazard.handle'), report_fixed: t('my.reportFixed') }[action];
  const noteLabel = { refer: t('hazard.referReason'), handle: t('hazard.handleNote'), report_fixed: t('my.fixNote') }[action];
  return (
    <Drawer open={Boolean(id)} onClose={onClose} width={520} title={h ? h.label[lang] : t('hazard.title')} destroyOnHidden>
      <ErrorAlert error={hazard.error} />
      {!h ? <Skeleton active /> : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap><HazardStatusTag status={h.status} />{h.serious && <Tag color="red">{t('hazard.serious')}</Tag>}{h.overdue && <Tag color="error">{t('hazard.overdue')}</Tag>}</Space>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('hazard.address')}>{h.address}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.foundOn')}>{h.foundOn}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.deadline')}>{h.deadlineOn}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.department')}>{t(`common:departments.${h.department}`)}</Descriptions.Item>
            {h.note && <Descriptions.Item label={t('hazard.note')}>{h.note}</Descriptions.Item>}
            {h.fixNote && <Descriptions.Item label={t('hazard.fixNote')}>{h.fixNote}{h.fixPhotos.length > 0 && ` （${h.fixPhotos.length}）`}</Descriptions.Item>}
            {h.outcome && <Descriptions.Item label={t('hazard.outcome')}><span data-testid="hazard-outcome">{h.outcome}</span></Descriptions.Item>}
            {h.closedOn && <Descriptions.Item label={t('hazard.closedOn')}>{h.closedOn}</Descriptions.Item>}
          </Descriptions>
          <Typography.Text strong>{t('hazard.history')}</Typography.Text>
          <Timeline items={h.history.map((e) => ({ children: <span>{chinaDate(new Date(e.at))} · {t(`hazardStatus.${e.to}`, { defaultValue: e.to })}{e.by ? ` · ${e.by}` : ''}{e.details ? ` · ${e.details}` : ''}</span> }))} />
          {h.actions.includes(action) && (
            <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ action, note: v.note, photos }, {
              onSuccess: () => { form.resetFields(); setPhotos([]); void message.success(action === 'report_fixed' ? t('my.reported') : action === 'handle' ? t('hazard.handled') : t('hazard.referred')); },
            })}>
              <ErrorAlert error={act.error} />
              <Form.Item name="note" label={noteLabel} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
              {action === 'report_fixed' && <Form.Item label={t('my.fixPhotos')}><ProofUpload label={t('my.fixPhotos')} value={photos} onChange={setPhotos} capture /></Form.Item>}
              <Button type="primary" htmlType="submit" loading={act.isPending} data-testid={`hazard-${action}`}>{label}</Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
