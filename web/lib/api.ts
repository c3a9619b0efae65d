import type { z } from 'zod';
import { i18n } from './i18n';

let csrfToken = '';

/** Remembers the CSRF token the server handed out with /api/auth/me or a login. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export type FieldIssue = { path: string; message: string; messageEn: string };

/** An error answer of the API, with its message in the page's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(messageZh);
    this.name = 'ApiError';
  }

  get localized(): string {
    const main = i18n.language === 'en' ? this.messageEn : this.messageZh;
    const details = this.issues.map(
      (issue) => `${issue.path.replace(/^body\./, '')}: ${i18n.language === 'en' ? issue.messageEn : issue.message}`,
    );
    return details.length ? `${main}（${details.join('；')}）` : main;
  }
}

async function request<T>(method: string, url: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const file = body instanceof Blob ? body : null;
  // A file goes as it is (streamed by the server), anything else as JSON.
  if (file) headers['content-type'] = file.type || 'application/octet-stream';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(file ? { body: file } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (data ?? {}) as { code?: string; message?: string; messageEn?: string; issues?: FieldIssue[] };
    throw new ApiError(
      response.status,
      error.code ?? 'INTERNAL',
      error.message ?? response.statusText,
      error.messageEn ?? response.statusText,
      error.issues ?? [],
    );
  }
  return schema ? schema.parse(data) : (data as T);
}

export const api = {
  get: <T>(url: string, schema: z.ZodType<T>) => request('GET', url, schema),
  post: <T>(url: string, body: unknown, schema: z.ZodType<T>) => request('POST', url, schema, body),
  patch: <T>(url: string, body: unknown, schema: z.ZodType<T>) => request('PATCH', url, schema, body),
  put: <T>(url: string, body: unknown, schema: z.ZodType<T>) => request('PUT', url, schema, body),
  upload: <T>(url: string, file: Blob, schema: z.ZodType<T>) => request('POST', url, schema, file),
  delete: <T>(url: string, schema: z.ZodType<T>) => request('DELETE', url, schema),
};

/** Builds a query string from the defined values of an object. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
