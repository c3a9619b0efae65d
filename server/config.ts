import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  ANJU_DEMO: z.enum(['0', '1']).optional(),
  ANJU_DEMO_PERSONS: z.coerce.number().int().min(0).optional(),
  ANJU_CITY: z.string().regex(/^\d{4}(00)?$/).default('4401'),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['0', '1']).optional(),
  SMS_PROVIDER: z.enum(['dev', 'http']).default('dev'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(200),
  ANJU_CLOCK_HEADER: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPersons: number | undefined;
  city: string;
  sessionHours: number;
  cookieSecure: boolean;
  sms: { provider: 'dev' | 'http'; url: string | undefined; token: string | undefined };
  /** Logins (password or SMS) one address may try in five minutes; offices share one address behind NAT. */
  loginAttemptsPerIp: number;
  logLevel: string;
  /** Requests may carry `x-anju-clock` to run as of another moment (training and browser tests; never in production). */
  clockHeader: boolean;
  version: string;
};

export const VERSION = '0.1.0';

/** Reads the environment; an invalid variable stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ANJU_CLOCK_HEADER === '1' && e.NODE_ENV === 'production') throw new Error('invalid configuration:\n  ANJU_CLOCK_HEADER: not allowed when NODE_ENV=production');
  if (e.SMS_PROVIDER === 'http' && !e.SMS_HTTP_URL) throw new Error('invalid configuration:\n  SMS_HTTP_URL: required when SMS_PROVIDER=http');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    demo: e.NODE_ENV === 'production' ? e.ANJU_DEMO === '1' : e.ANJU_DEMO !== '0',
    demoPersons: e.ANJU_DEMO_PERSONS,
    city: e.ANJU_CITY.slice(0, 4),
    sessionHours: e.SESSION_HOURS,
    cookieSecure: e.COOKIE_SECURE === '1' || (e.NODE_ENV === 'production' && e.COOKIE_SECURE !== '0'),
    sms: { provider: e.SMS_PROVIDER, url: e.SMS_HTTP_URL, token: e.SMS_HTTP_TOKEN },
    loginAttemptsPerIp: e.LOGIN_ATTEMPTS_PER_IP,
    logLevel: e.LOG_LEVEL,
    clockHeader: e.ANJU_CLOCK_HEADER === '1',
    version: VERSION,
  };
}
