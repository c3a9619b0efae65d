import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Db, Tx } from '../db/client';
import * as repo from './notify.repo';

/** An SMS is tried this many times before it is marked failed. */
const MAX_ATTEMPTS = 5;

/** Message templates (Chinese, as SMS in the city go out); `{{name}}` is filled from params. */
export const TEMPLATES = {
  'auth.sms-code': '【安居】您的验证码是 {{code}}，{{minutes}} 分钟内有效，请勿告诉他人。',
  'auth.welcome': '欢迎使用安居居民服务。',
  'registry.declaration-confirmed': '【安居】您为{{name}}在{{address}}所作的{{kind}}申报已确认。',
  'permits.application-returned': '【安居】您的居住证申请{{number}}需补正，请一次补齐：{{items}}。{{note}}',
  'permits.application-refused': '【安居】您的居住证申请{{number}}未获批准：{{note}}。',
  'permits.ready': '【安居】{{name}}的居住证{{number}}已制发，电子居住证可在“安居”居民服务查看：{{url}}',
  'permits.endorse-reminder': '【安居】{{name}}的居住证{{number}}须在{{date}}前签注（{{opens}}起可办），逾期将中止使用。',
  'permits.suspended': '【安居】{{name}}的居住证{{number}}未在{{date}}前签注，已中止使用；补办签注后恢复。',
  'points.application-returned': '【安居】您的积分申请{{number}}需补正：{{items}}。请在“安居”居民服务中修改后重新提交。',
  'points.application-reviewed': '【安居】您的积分申请{{number}}已审核完毕，核定积分{{total}}分，排名分{{ranking}}分。',
  'points.shortlisted': '【安居】您的积分申请{{number}}排名第{{rank}}名，已入围{{year}}年度积分制入户名额。请在{{date}}前携带材料原件到受理窗口现场核验，逾期视为放弃。',
  'points.application-cancelled': '【安居】您的积分申请{{number}}已被取消：{{reason}}。如有疑问请联系受理窗口。',
  'points.objection-answered': '【安居】您对积分申请{{number}}提出的异议已答复：{{answer}}',
  'inspections.hazard-notice': '【安居】您出租的{{address}}经巡查发现隐患：{{item}}。请在{{deadline}}前整改，并在“安居”居民服务中报告整改情况。',
  'inspections.hazard-referred': '【安居】您出租的{{address}}的隐患“{{item}}”{{reason}}，已移交{{department}}依法处理。',
  'inspections.hazard-closed': '【安居】您出租的{{address}}的隐患“{{item}}”经复查已整改，予以销号。',
  'inspections.hazard-handled': '【安居】{{department}}已处理您出租的{{address}}的隐患“{{item}}”：{{outcome}}',
  'registry.declaration-rejected': '【安居】您为{{name}}在{{address}}所作的{{kind}}申报未通过：{{reason}}。如有疑问请联系所在社区。',
} as const satisfies Record<string, string>;
export type TemplateName = keyof typeof TEMPLATES;

export type SmsProvider = { name: string; send(to: string, body: string): Promise<void> };

export type Message = {
  channel: 'sms' | 'inbox';
  recipient: string;
  userId?: string | null;
  template: TemplateName;
  params: Record<string, string | number>;
  /** A message with the same key is stored once, however often the work that sends it runs. */
  dedupeKey?: string;
};

export type Notifier = {
  provider: SmsProvider;
  /** Queues a message in the caller's transaction; it is sent after commit. Returns false when the dedupe key was seen. */
  enqueue(tx: Tx, message: Message): Promise<boolean>;
  /** Sends what is pending now (also runs on a timer). */
  dispatch(): Promise<number>;
};

export function render(template: TemplateName, params: Record<string, string | number>): string {
  return TEMPLATES[template].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The development provider: sends nothing, writes the text to the log; the outbox page shows it. */
export function devSmsProvider(logger?: Logger): SmsProvider {
  return {
    name: 'dev',
    send(to, body) {
      logger?.info({ to, body }, 'sms (dev provider, not sent)');
      return Promise.resolve();
    },
  };
}

/** A provider that POSTs `{ to, body }` as JSON to a gateway, with a bearer token when one is configured. */
export function httpSmsProvider(url: string, token: string | undefined): SmsProvider {
  return {
    name: 'http',
    async send(to, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

export function smsProviderFor(config: Config, logger?: Logger): SmsProvider {
  return config.sms.provider === 'http' && config.sms.url ? httpSmsProvider(config.sms.url, config.sms.token) : devSmsProvider(logger);
}

export function createNotifier(db: Db, provider: SmsProvider, logger?: Logger): Notifier {
  let running: Promise<number> | null = null;

  async function dispatchOnce(): Promise<number> {
    let sent = 0;
    for (const message of await repo.listPendingSms(db, 50, MAX_ATTEMPTS)) {
      try {
        await provider.send(message.recipient, message.body);
        await repo.markSent(db, message.id, message.attempts + 1, new Date());
        sent += 1;
      } catch (error) {
        await repo.markAttemptFailed(db, message.id, message.attempts + 1, MAX_ATTEMPTS, String(error));
        logger?.warn({ err: error, id: message.id }, 'sms not sent');
      }
    }
    return sent;
  }

  return {
    provider,
    async enqueue(tx, message) {
      return repo.insertMessage(tx, {
        channel: message.channel,
        recipient: message.recipient,
        userId: message.userId ?? null,
        template: message.template,
        params: message.params,
        body: render(message.template, message.params),
        // In-app messages are delivered by being stored.
        status: message.channel === 'inbox' ? 'sent' : 'pending',
        sentAt: message.channel === 'inbox' ? new Date() : null,
        dedupeKey: message.dedupeKey ?? null,
      });
    },
    dispatch() {
      // One dispatch at a time; callers that arrive meanwhile share its result.
      running ??= dispatchOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/**
 * Tells a person by SMS (when there is a phone) and in their portal inbox (when there is an account), each once per key.
 * Returns whether any message was stored now (false: told before under this key, or no way to reach them).
 */
export async function tellPerson(notifier: Notifier, tx: Tx, to: { phone: string | null; userId: string | null }, template: TemplateName, params: Record<string, string | number>, dedupeKey: string): Promise<boolean> {
  const sms = to.phone ? await notifier.enqueue(tx, { channel: 'sms', recipient: to.phone, userId: to.userId, template, params, dedupeKey: `${dedupeKey}:sms` }) : false;
  const inbox = to.userId ? await notifier.enqueue(tx, { channel: 'inbox', recipient: to.userId, userId: to.userId, template, params, dedupeKey: `${dedupeKey}:inbox` }) : false;
  return sms || inbox;
}
