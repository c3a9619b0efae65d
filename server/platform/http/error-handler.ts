import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorParams, type FieldIssue } from '@shared/errors';
import { translate } from '@shared/i18n';

/** The reply body for an error code, in both languages. */
export function errorBody(code: ErrorCode, params: ErrorParams, requestId: string, issues?: FieldIssue[]): ErrorBody {
  return {
    code,
    message: translate('zh-CN', `errors:${code}`, params),
    messageEn: translate('en', `errors:${code}`, params),
    params,
    ...(issues ? { issues } : {}),
    requestId,
  };
}

function sendError(reply: FastifyReply, code: ErrorCode, params: ErrorParams, issues?: FieldIssue[]) {
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(errorBody(code, params, reply.request.id, issues));
}

type RawIssue = { instancePath?: string; keyword?: string; message?: string; params?: Record<string, unknown> };

/** One field's problem, with the path in dotted form and a message in each language. */
function fieldIssue(issue: RawIssue, part: string): FieldIssue {
  const path = [part, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.');
  const message = issue.message ?? '';
  const params = issue.params ?? {};
  let key = `errors:validation.${issue.keyword ?? 'custom'}`;
  if (message.startsWith('errors:')) key = message;
  else if (issue.keyword === 'invalid_type' && /received undefined/.test(message)) key = 'errors:validation.required';
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : '');
  const expected = text(params.expected);
  const typeWord = (lang: 'zh-CN' | 'en') => {
    const word = translate(lang, `errors:validation.types.${expected}`);
    return word.startsWith('errors:') ? expected : word;
  };
  const values: ErrorParams = {
    expected,
    minimum: text(params.minimum),
    maximum: text(params.maximum),
    keys: Array.isArray(params.keys) ? params.keys.join(', ') : '',
    reason: '',
  };
  const code = issue.keyword ?? 'custom';
  let zh = translate('zh-CN', key, { ...values, expected: typeWord('zh-CN') });
  let en = translate('en', key, { ...values, expected: typeWord('en') });
  if (zh === key) {
    zh = translate('zh-CN', 'errors:validation.custom');
    en = translate('en', 'errors:validation.custom');
  }
  return { path, code, message: zh, messageEn: en };
}

/** One message per field, the first found: a list given as text is "wrong type", not also "too long". */
function firstPerField(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'app error');
      return sendError(reply, error.code, error.params, error.issues);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as FastifyError).validationContext ?? 'body';
      return sendError(reply, 'VALIDATION_FAILED', {}, firstPerField(error.validation.map((issue) => fieldIssue(issue as RawIssue, part))));
    }
    const fastifyError = error;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 'REQUEST_TOO_LARGE', { limit: '1 MB' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', { type: String(request.headers['content-type'] ?? '') });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 'REQUEST_BODY_EMPTY', {});
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 'REQUEST_JSON_INVALID', {});
      default:
        break;
    }
    if (fastifyError.validation) {
      return sendError(reply, 'VALIDATION_FAILED', {}, firstPerField(fastifyError.validation.map((issue) => fieldIssue(issue as RawIssue, fastifyError.validationContext ?? 'body'))));
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 413) return sendError(reply, 'REQUEST_TOO_LARGE', { limit: '1 MB' });
      if (status === 415) return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', { type: String(request.headers['content-type'] ?? '') });
      if (status === 429) return sendError(reply, 'RATE_LIMITED', { seconds: 60 });
      // JSON syntax errors and other client mistakes found by Fastify before our code runs.
      return sendError(reply, 'REQUEST_MALFORMED', { reason: fastifyError.message.slice(0, 200) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'INTERNAL', { requestId: request.id });
  });
}

/** Unknown API routes answer a JSON 404; with the web app built, other GETs get its index.html (client-side routes). */
export function installNotFound(app: FastifyInstance, spaIndex: { file: string; root: string } | null): void {
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === 'GET' && !request.url.startsWith('/api')) return reply.sendFile(spaIndex.file, spaIndex.root, { maxAge: 0 });
    return sendError(reply, 'ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0]!.slice(0, 200) });
  });
}
