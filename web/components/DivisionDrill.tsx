import { Breadcrumb } from 'antd';
import { useState, type HTMLAttributes } from 'react';

type Division = { code: string; name: string };

/**
 * Drilling down a table of jurisdictions: a click on a row opens the divisions below it (not below a grid, nor the
 * jurisdiction's own line), and the breadcrumb goes back up. `division` is the one shown (undefined: the caller's own).
 */
export function useDivisionDrill(rowTestId: string) {
  const [trail, setTrail] = useState<Division[]>([]);
  const opens = (row: Division, shown: string | undefined) => row.code !== shown && row.code.length < 15;
  return {
    division: trail.at(-1)?.code,
    /** The way back: the caller's jurisdiction (named `top` while it is the one shown, else `mine`), then each step. */
    breadcrumb: (top: string | undefined, mine: string) => (
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <a onClick={() => setTrail([])}>{trail.length ? mine : (top ?? mine)}</a> },
          ...trail.map((d, i) => ({ title: i === trail.length - 1 ? d.name : <a onClick={() => setTrail(trail.slice(0, i + 1))}>{d.name}</a> })),
        ]}
      />
    ),
    /** A table's `onRow` for the rows of division `shown`. */
    onRow: (shown: string | undefined) => (row: Division) => ({
      onClick: () => { if (opens(row, shown)) setTrail([...trail, { code: row.code, name: row.name }]); },
      style: { cursor: opens(row, shown) ? 'pointer' : 'default' },
      'data-testid': `${rowTestId}-${row.code}`,
    } as HTMLAttributes<HTMLElement>),
  };
}
