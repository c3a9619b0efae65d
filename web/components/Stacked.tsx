import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A table cell's main content with a small grey line under it (a number under a name, a time under a tag). */
export function Stacked({ children, note }: { children: ReactNode; note?: ReactNode }) {
  return (
    <Space direction="vertical" size={0}>
      {children}
      {note !== undefined && note !== null && note !== '' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Space>
  );
}
