import { App, Button, Card, List, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PersonListItem, PersonView } from '@shared/registry/registry.schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDuplicates, useMergePerson } from '../api';

type Row = { key: string; label: string; a: string; b: string };

/** Likely duplicates of a person, compared side by side, and merged by someone who may manage the registry. */
export function DuplicatesCard({ person, canMerge }: { person: PersonView; canMerge: boolean }) {
  const { t } = useTranslation(['registry', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const duplicates = useDuplicates(person.id);
  const merge = useMergePerson();
  const [other, setOther] = useState<PersonListItem | null>(null);
  const [keep, setKeep] = useState<string>(person.id);
  const items = duplicates.data?.items ?? [];
  if (items.length === 0) return null;

  const rows: Row[] = other
    ? [
        { key: 'name', label: t('persons.name'), a: person.name, b: other.name },
        { key: 'id', label: t('persons.idNumber'), a: person.idNumber, b: other.idNumber },
        { key: 'sex', label: t('persons.sex'), a: t(`persons.${person.sex}`), b: t(`persons.${other.sex}`) },
        { key: 'birth', label: t('persons.birthDate'), a: person.birthDate, b: other.birthDate },
        { key: 'origin', label: t('persons.origin'), a: person.origin ?? '—', b: other.origin ?? '—' },
        { key: 'phone', label: t('persons.phone'), a: person.phone ?? '—', b: other.phone ?? '—' },
        { key: 'address', label: t('persons.address'), a: person.address ?? '—', b: other.address ?? '—' },
      ]
    : [];

  return (
    <Card title={t('person.duplicates')} data-testid="duplicates">
      <Typography.Paragraph type="secondary">{t('person.duplicatesHint')}</Typography.Paragraph>
      <List
        dataSource={items}
        renderItem={(d) => (
          <List.Item actions={[<Button key="compare" size="small" onClick={() => { setOther(d); setKeep(person.id); merge.reset(); }}>{t('person.compare')}</Button>]}>
            <List.Item.Meta title={d.name} description={`${d.idNumber} · ${d.birthDate} · ${d.phone ?? '—'} · ${d.address ?? '—'}`} />
          </List.Item>
        )}
      />
      <Modal
        open={other !== null}
        width={760}
        title={t('person.compareTitle')}
        onCancel={() => setOther(null)}
        footer={[
          <Button key="cancel" onClick={() => setOther(null)}>{t('common:cancel')}</Button>,
          <Button
            key="merge"
            type="primary"
            danger
            disabled={!canMerge}
            loading={merge.isPending}
            onClick={() => {
              if (!other) return;
              const from = keep === person.id ? other.id : person.id;
              // The promise, not a callback: when this page's record is the one merged away, the page unmounts first.
              merge.mutateAsync({ id: from, intoId: keep }).then(
                (kept) => {
                  void message.success(t('person.merged'));
                  setOther(null);
                  if (kept.id !== person.id) void navigate(`/registry/persons/${kept.id}`);
                },
                () => undefined,
              );
            }}
          >
            {t('person.merge')}
          </Button>,
        ]}
      >
        <ErrorAlert error={merge.error} />
        <Typography.Paragraph type="secondary">{canMerge ? t('person.mergeHint') : t('person.mergeNeedsManage')}</Typography.Paragraph>
        {other && (
          <Table<Row>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            rowClassName={(row) => (row.a !== row.b ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('person.field'), dataIndex: 'label', width: 110 },
              {
                title: <Radio checked={keep === person.id} onChange={() => setKeep(person.id)}>{t('person.keep')}</Radio>,
                dataIndex: 'a',
              },
              {
                title: <Radio checked={keep === other.id} onChange={() => setKeep(other.id)} data-testid="keep-other">{t('person.keep')}</Radio>,
                dataIndex: 'b',
              },
            ]}
          />
        )}
      </Modal>
    </Card>
  );
}
