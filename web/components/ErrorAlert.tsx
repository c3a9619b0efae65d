import { Alert } from 'antd';
import { ApiError } from '../lib/api';

/** Shows an API error in the page's language; nothing when there is no error. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.localized : error instanceof Error ? error.message : JSON.stringify(error);
  return <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} data-testid="error-alert" />;
}
