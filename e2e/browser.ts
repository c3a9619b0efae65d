import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { idCheckCharacter } from '../shared/kernel/id-number';

export const DEMO_PASSWORD = 'Anju@2026';
const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Launches Chromium before a file's tests and closes it after them; call at the top of an e2e file. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** A new page; `mobile` gives a phone-sized viewport. Language starts as Chinese. */
export async function newPage(browser: Browser, options: { mobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
    deviceScaleFactor: 1,
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** A full-page screenshot; running transitions (a table fading in after loading) are finished first. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Logs a staff member in through the login form and waits for the console. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  // On a phone the menu is folded away: present, not shown.
  await page.getByTestId('console-menu').waitFor({ state: 'attached' });
}

/** Logs in on the portal's phone form (already open), reading the SMS code from the outbox as an admin. */
export async function loginByPhone(page: Page, phone: string): Promise<void> {
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('验证码已发送').waitFor();
  const admin = await apiAs('admin');
  const outbox = await admin.get<{ items: { body: string }[] }>(`/api/notify/outbox?recipient=${phone}`);
  await page.getByLabel('短信验证码').fill(/(\d{6})/.exec(outbox.items[0]!.body)![1]!);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** The texts of the console's menu entries. */
export async function menuItems(page: Page): Promise<string[]> {
  return (await page.getByTestId('console-menu').locator('.ant-menu-title-content').allTextContents()).map((text) => text.trim());
}

/** An API client holding one session's cookie and CSRF token. */
function client(cookie: string, csrfToken: string) {
  async function send<T>(method: 'POST' | 'PUT', url: string, body: unknown): Promise<T> {
    const response = await fetch(`${baseUrl()}${url}`, { method, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    /** Opens this session in a browser page too (for a phone account: a second SMS code within a minute would be refused). */
    async signIn(page: Page): Promise<void> {
      await page.context().addCookies(cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: baseUrl() })));
    },
    async get<T>(url: string): Promise<T> {
      const response = await fetch(`${baseUrl()}${url}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      return (await response.json()) as T;
    },
    /** Uploads a file as this user and returns its id. */
    async upload(bytes: Buffer, type: string): Promise<string> {
      const response = await fetch(`${baseUrl()}/api/files?name=scan`, { method: 'POST', headers: { cookie, 'content-type': type, 'x-csrf-token': csrfToken }, body: new Uint8Array(bytes) });
      if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    async post<T>(url: string, body: unknown): Promise<T> {
      return send<T>('POST', url, body);
    },
    async put<T>(url: string, body: unknown): Promise<T> {
      return send<T>('PUT', url, body);
    },
  };
}

const cookieOf = (response: Response) => response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');

/** Calls the API as a staff user from the test process (for fixtures the UI does not need to show). */
export async function apiAs(username: string) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return client(cookieOf(login), csrfToken);
}

/** Calls the API as the portal account of a mobile number (signed up on first use), the SMS code read from the outbox. */
export async function apiAsPhone(phone: string) {
  const json = { 'content-type': 'application/json' };
  const sent = await fetch(`${baseUrl()}/api/auth/sms-codes`, { method: 'POST', headers: json, body: JSON.stringify({ phone }) });
  if (!sent.ok) throw new Error(`sms code ${phone}: ${sent.status}`);
  const outbox = await (await apiAs('admin')).get<{ items: { body: string }[] }>(`/api/notify/outbox?recipient=${phone}`);
  const code = /(\d{6})/.exec(outbox.items[0]!.body)![1]!;
  const login = await fetch(`${baseUrl()}/api/auth/phone-login`, { method: 'POST', headers: json, body: JSON.stringify({ phone, code }) });
  if (!login.ok) throw new Error(`phone login ${phone}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return client(cookieOf(login), csrfToken);
}

/**
 * Does `action` until `done` reaches `state` (visible by default): a click that lands on a busy machine
 * while a pop-up still opens, or while a list re-renders, is lost, so it is tried again, three times in all.
 */
export async function until(action: () => Promise<void>, done: Locator, state: 'visible' | 'hidden' = 'visible'): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await action();
    try {
      await done.waitFor({ state, timeout: 5000 });
      return;
    } catch {
      // not yet: try again
    }
  }
  await done.waitFor({ state });
}

/** The nearest Ant Design component of class `kind` around `inner` (its input or any element inside it). */
function around(inner: Locator, kind: 'ant-select' | 'ant-cascader'): Locator {
  return inner.locator(`xpath=ancestor-or-self::div[contains(concat(' ', normalize-space(@class), ' '), ' ${kind} ')][1]`);
}

/** The option holding `text` in the open select dropdown. */
function openOption(page: Page, text: string): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();
}

/** Chooses `text` in an Ant Design select and checks that it took. */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  await until(async () => {
    await select.click();
    await openOption(page, text).click();
    await page.keyboard.press('Escape');
  }, around(select, 'ant-select').filter({ hasText: text }));
}

/** Types into a searchable select, chooses the option holding `text` once the server's answer is listed, and checks the field shows it. */
export async function searchAndPick(page: Page, select: Locator, query: string, text: string): Promise<void> {
  await until(async () => {
    await select.fill(query);
    await openOption(page, text).click();
  }, around(select, 'ant-select').locator('.ant-select-content-has-value', { hasText: text }));
}

/**
 * Chooses a path in an Ant Design cascader (the division picker): each level is clicked until the next level's
 * item is listed (its children load from the server), then the last, and the field must show it.
 */
export async function pickCascade(page: Page, field: Locator, labels: string[]): Promise<void> {
  const item = (text: string) => page.locator('.ant-cascader-dropdown:not(.ant-cascader-dropdown-hidden) .ant-cascader-menu-item').filter({ hasText: text }).first();
  await until(() => field.click(), item(labels[0]!));
  for (let level = 0; level < labels.length - 1; level += 1) await until(() => item(labels[level]!).click(), item(labels[level + 1]!));
  await item(labels[labels.length - 1]!).click();
  await page.keyboard.press('Escape');
  await around(field, 'ant-cascader').filter({ hasText: labels[labels.length - 1]! }).waitFor();
}

/** Clicks `target` until `shown` appears. */
export async function clickUntil(target: Locator, shown: Locator): Promise<void> {
  await until(() => target.click(), shown);
}

/**
 * Opens the pop-up confirmation of `trigger` (unless it is open already) and presses its button `ok`;
 * the pop-up closes when the press has taken, so a lost press is tried again.
 */
export async function confirmPop(trigger: Locator, ok: RegExp = /确\s*定|OK/): Promise<void> {
  const button = trigger.page().locator('.ant-popconfirm').getByRole('button', { name: ok });
  await until(async () => {
    if (!(await button.isVisible())) await trigger.click();
    await button.click();
  }, button, 'hidden');
}

/** A valid ID number from its first 17 digits (an invented person: area, birth date, sequence). */
export function idNumber(first17: string): string {
  return first17 + idCheckCharacter(first17);
}
