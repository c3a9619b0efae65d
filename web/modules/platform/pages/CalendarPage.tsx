import { App, Button, Calendar, Card, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '@shared/auth/auth.schema';
import type { DayView } from '@shared/calendar/calendar.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCalendarDays, useCalendarOverrides, useRemoveOverride, useSetOverride } from '../api';

const KIND_COLOR = { workday: 'blue', holiday: 'red' } as const;

export function CalendarPage({ me }: { me: MeView }) {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation(['admin', 'common']);
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<DayView | null>(null);
  const [form] = Form.useForm<{ kind: 'workday' | 'holiday'; note?: string }>();
  // The calendar grid shows up to six weeks around the month.
  const from = month.startOf('month').startOf('week').format('YYYY-MM-DD');
  const to = month.endOf('month').endOf('week').add(7, 'day').format('YYYY-MM-DD');
  const days = useCalendarDays(from, to);
  const overrides = useCalendarOverrides(month.year());
  const setOverride = useSetOverride();
  const removeOverride = useRemoveOverride();
  const canEdit = me.permissions.includes('calendar.manage') && (me.division?.code.length ?? 99) <= 4;
  const byDate = useMemo(() => new Map((days.data?.items ?? []).map((day) => [day.date, day])), [days.data]);
  const nameOf = (day: DayView) => (i18n.language === 'en' ? day.nameEn : day.name);

  function open(date: Dayjs) {
    const day = byDate.get(date.format('YYYY-MM-DD'));
    if (!day || !canEdit) return;
    setEditing(day);
    form.setFieldsValue({ kind: day.kind === 'workday' ? 'holiday' : 'workday', note: day.source === 'override' ? (day.name ?? '') : '' });
  }

  return (
    <Card title={t('calendar.title')}>
      <Typography.Paragraph type="secondary">{t('calendar.hint')}</Typography.Paragraph>
      {!canEdit && <Typography.Paragraph type="secondary">{t('calendar.readOnly')}</Typography.Paragraph>}
      <ErrorAlert error={days.error ?? overrides.error ?? removeOverride.error} />
      <Space wrap style={{ marginBottom: 8 }}>
        {(['workday', 'holiday'] as const).map((kind) => (
          <Tag key={kind} color={KIND_COLOR[kind]}>
            {t(`calendar.${kind}`)}
          </Tag>
        ))}
        <Tag color="gold">{t('calendar.override')}</Tag>
      </Space>
      <Calendar
        value={month}
        onPanelChange={(value) => setMonth(value)}
        onSelect={(date, info) => {
          if (info.source === 'date') open(date);
          else setMonth(date);
        }}
        fullCellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          const day = byDate.get(date.format('YYYY-MM-DD'));
          const inMonth = date.month() === month.month();
          return (
            <div
              data-date={date.format('YYYY-MM-DD')}
              data-kind={day?.kind}
              style={{
                margin: 2,
                padding: 4,
                minHeight: 64,
                borderRadius: 6,
                opacity: inMonth ? 1 : 0.4,
                cursor: canEdit ? 'pointer' : 'default',
                background: day?.source === 'override' ? '#fff7e6' : day?.kind === 'holiday' ? '#fff1f0' : '#f0f5ff',
                border: day?.source === 'override' ? '1px solid #ffd591' : '1px solid transparent',
              }}
            >
              <div style={{ fontWeight: 600 }}>{date.date()}</div>
              {day && (
                <div style={{ fontSize: 12, color: day.kind === 'holiday' ? '#cf1322' : '#1d39c4' }}>
                  {t(`calendar.${day.kind}`)}
                  {nameOf(day) ? ` · ${nameOf(day)}` : ''}
                </div>
              )}
            </div>
          );
        }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('calendar.overrides', { year: month.year() })}
      </Typography.Title>
      <Table
        rowKey="date"
        size="small"
        loading={overrides.isLoading}
        dataSource={overrides.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('calendar.empty') }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 140 },
          {
            title: t('calendar.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (kind: 'workday' | 'holiday') => <Tag color={KIND_COLOR[kind]}>{t(`calendar.${kind}`)}</Tag>,
          },
          { title: t('calendar.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
          { title: t('calendar.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (at: string) => new Date(at).toLocaleString() },
          ...(canEdit
            ? [
                {
                  title: t('common:actions'),
                  width: 160,
                  render: (_: unknown, row: { date: string }) => (
                    <Popconfirm
                      title={t('calendar.removeConfirm', { date: row.date })}
                      onConfirm={() => removeOverride.mutate(row.date, { onSuccess: () => void message.success(t('calendar.removed')) })}
                    >
                      <Button size="small">{t('calendar.remove')}</Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('calendar.dialogTitle', { date: editing.date }) : ''}
        okText={t('common:save')}
        cancelText={t('common:cancel')}
        confirmLoading={setOverride.isPending}
        onCancel={() => setEditing(null)}
        onOk={() =>
          void form.validateFields().then((values) =>
            setOverride.mutate(
              { date: editing!.date, kind: values.kind, ...(values.note ? { note: values.note } : {}) },
              {
                onSuccess: () => {
                  void message.success(t('calendar.saved'));
                  setEditing(null);
                },
              },
            ),
          )
        }
      >
        <ErrorAlert error={setOverride.error} />
        {editing && (
          <Typography.Paragraph type="secondary">
            {t(`calendar.${editing.source}`)} · {t(`calendar.${editing.kind}`)}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio.Button value="workday">{t('calendar.workday')}</Radio.Button>
              <Radio.Button value="holiday">{t('calendar.holiday')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('calendar.note')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
