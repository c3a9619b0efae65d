import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { DivisionList } from '@shared/admin/admin.schema';
import { api, qs } from '../lib/api';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[]; loading?: boolean };

async function children(parent?: string): Promise<Option[]> {
  const list = await api.get(`/api/divisions${qs({ parent })}`, DivisionList);
  return list.items.map((item) => ({ value: item.code, label: item.name, isLeaf: item.childCount === 0 }));
}

/**
 * Picks a division inside the caller's jurisdiction, level by level; any level can be chosen.
 * The value is the code of the deepest chosen division.
 */
export function DivisionPicker({
  id,
  value,
  onChange,
  root,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  root: { code: string; name: string };
  placeholder?: string;
}) {
  const [options, setOptions] = useState<Option[]>([{ value: root.code, label: root.name, isLeaf: false }]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  return (
    <Cascader
      id={id}
      options={options}
      value={path}
      placeholder={placeholder}
      changeOnSelect
      showSearch={false}
      style={{ minWidth: 260 }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1] as Option;
        target.loading = true;
        target.children = await children(target.value);
        target.isLeaf = target.children.length === 0;
        target.loading = false;
        setOptions([...options]);
      }}
      onChange={(codes) => {
        const list = (codes ?? []);
        setPath(list);
        onChange?.(list[list.length - 1]);
      }}
    />
  );
}
