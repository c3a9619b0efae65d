import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ShareItem } from '@shared/points/engine';
import type { FactDef } from '@shared/points/pack.schema';

type Value = unknown;

/** One answer of the points form, by the fact's type. */
export function FactInput({ fact, value, onChange, lang, year }: { fact: FactDef; value: Value; onChange: (value: Value) => void; lang: 'zh' | 'en'; year: number }) {
  const { t } = useTranslation('points');
  const aria = fact.label[lang];
  switch (fact.type) {
    case 'boolean':
      return (
        <Radio.Group optionType="button" value={value === undefined ? undefined : Boolean(value)} onChange={(e) => onChange(e.target.value)} aria-label={aria}
          options={[{ value: true, label: t('calculator.yes') }, { value: false, label: t('calculator.no') }]} />
      );
    case 'choice':
      return (
        <Select allowClear style={{ width: '100%', maxWidth: 360 }} value={value as string | undefined} onChange={(v) => onChange(v)} aria-label={aria}
          options={(fact.options ?? []).map((o) => ({ value: o.id, label: o.label[lang] }))} />
      );
    case 'date':
      return <DatePicker value={typeof value === 'string' ? dayjs(value) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} aria-label={aria} />;
    case 'months': {
      const months = typeof value === 'number' ? value : null;
      return (
        <Space wrap>
          <InputNumber min={0} max={1200} precision={0} value={months} onChange={(v) => onChange(v ?? undefined)} addonAfter={t('calculator.months')} aria-label={aria} style={{ width: 170 }} />
          {months !== null && months >= 12 && <Typography.Text type="secondary">{t('calculator.monthsHint', { years: Math.floor(months / 12), months: months % 12 })}</Typography.Text>}
        </Space>
      );
    }
    case 'amount':
      return <InputNumber min={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} addonAfter={t('calculator.yuan')} aria-label={aria} style={{ width: 200 }} />;
    case 'count':
      return <InputNumber min={0} max={1200} precision={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} aria-label={aria} style={{ width: 120 }} />;
    case 'number':
      return <InputNumber min={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} aria-label={aria} style={{ width: 160 }} />;
    case 'yearly': {
      const years = fact.years ?? 1;
      const list = Array.isArray(value) ? (value as number[]) : [];
      return (
        <Space wrap>
          {Array.from({ length: years }, (_, i) => (
            <InputNumber key={i} min={0} max={8784} value={list[i] ?? null} addonBefore={t('calculator.year', { year: year - i })} aria-label={`${aria} ${year - i}`} style={{ width: 150 }}
              onChange={(v) => { const next = Array.from({ length: years }, (_, k) => list[k] ?? 0); next[i] = v ?? 0; onChange(next); }} />
          ))}
        </Space>
      );
    }
    case 'shares': {
      const items = Array.isArray(value) ? (value as ShareItem[]) : [];
      const set = (next: ShareItem[]) => onChange(next.length ? next : undefined);
      return (
        <Space direction="vertical">
          {items.map((item, i) => (
            <Space key={i} wrap>
              <InputNumber min={1} max={100} precision={0} value={item.inventors} addonBefore={t('calculator.inventors')} aria-label={`${aria} ${i + 1}`} style={{ width: 170 }}
                onChange={(v) => set(items.map((x, k) => (k === i ? { ...x, inventors: v ?? 1 } : x)))} />
              <Checkbox checked={Boolean(item.firstNamed)} onChange={(e) => set(items.map((x, k) => (k === i ? { ...x, firstNamed: e.target.checked } : x)))}>{t('calculator.firstNamed')}</Checkbox>
              <Button size="small" icon={<DeleteOutlined />} onClick={() => set(items.filter((_, k) => k !== i))} aria-label={t('calculator.remove')} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => set([...items, { inventors: 1 }])}>{t('calculator.addItem')}</Button>
        </Space>
      );
    }
  }
}
