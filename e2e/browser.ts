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
 * Chooses `text` in an Ant Design select and checks that it took: a click during the dropdown's
 * opening animation can miss on a busy machine, so it tries again.
 */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await select.click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
    await page.keyboard.press('Escape');
    const chosen = await select.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`).textContent();
    if (chosen?.includes(text)) return;
  }
  throw new Error(`could not choose “${text}”`);
}

/**
 * Types into a searchable select, chooses the option holding `text` once the server's answer is listed,
 * and checks the field shows it; a click lost while the list re-renders is tried again.
 */
export async function searchAndPick(page: Page, select: Locator, query: string, text: string): Promise<void> {
  const field = select.locator(`xpath=ancestor-or-self::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await select.fill(query);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
    try {
      await field.locator('.ant-select-content-has-value', { hasText: text }).waitFor({ timeout: 3000 });
      return;
    } catch {
      // the click landed while the list moved: search again
    }
  }
  throw new Error(`could not choose “${text}”`);
}

/** Clicks `target` until `shown` appears: a click that lands while a dialog is still opening is tried again. */
export async function clickUntil(target: Locator, shown: Locator): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await target.click();
    try {
      await shown.waitFor({ timeout: 5000 });
      return;
    } catch {
      // not yet: click again
    }
  }
  await shown.waitFor();
}

/** A valid ID number from its first 17 digits (an invented person: area, birth date, sequence). */
export function idNumber(first17: string): string {
  return first17 + idCheckCharacter(first17);
}
