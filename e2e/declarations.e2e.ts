import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { apiAs, sharedBrowser, loginAs, loginByPhone, newPage, screenshot } from './browser';

const browser = sharedBrowser();

const suffix = String(Date.now() % 10000).padStart(4, '0');
const first17 = `51010419960203${suffix.slice(1)}`;
const TENANT_ID = first17 + idCheckCharacter(first17);
const PHONE = `1371234${suffix}`;
const TENANT = '扫码新租客';

/** The QR token of a house in the community officer's jurisdiction. */
async function houseToken(): Promise<{ token: string; address: string }> {
  const community = await apiAs('community');
  const houses = await community.get<{ items: { id: string; address: string; unit: string }[] }>('/api/registry/houses?pageSize=1');
  const house = houses.items[0]!;
  const qr = await community.get<{ url: string }>(`/api/registry/houses/${house.id}/qr`);
  return { token: qr.url.split('/').pop()!, address: `${house.address} ${house.unit}` };
}

describe('QR self-declaration', () => {
  let house: { token: string; address: string };
  /** The tenant's phone, logged in once (a second SMS code within a minute is refused). */
  let phone: Page;

  it('a tenant scans the door code, logs in by phone, declares arrival and sees it waiting', async () => {
    house = await houseToken();
    const page = await newPage(browser(), { mobile: true });
    await page.goto(`/portal/declare/${house.token}`);
    await page.getByTestId('declare-address').getByText(house.address).waitFor();
    await screenshot(page, 'portal-declare-before-login');
    await page.getByRole('button', { name: '手机号登录后申报' }).click();
    await loginByPhone(page, PHONE);
    // Back on the house's page after logging in.
    await page.getByRole('button', { name: '提交申报' }).waitFor();
    expect(page.url()).toContain(`/portal/declare/${house.token}`);
    await page.getByLabel('姓名').fill(TENANT);
    await page.getByLabel('身份证号码').fill(`${TENANT_ID.slice(0, 17)}${TENANT_ID.endsWith('1') ? '2' : '1'}`);
    await page.getByText('身份证号码校验位不正确').waitFor();
    await page.getByLabel('身份证号码').fill(TENANT_ID);
    await screenshot(page, 'portal-declare-form');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByText('申报已提交').waitFor();
    await page.getByText('社区工作人员确认后即完成登记').waitFor();
    await screenshot(page, 'portal-declare-done');
    await page.getByRole('button', { name: '我的申报' }).click();
    const mine = page.getByTestId('my-declaration').filter({ hasText: TENANT });
    await mine.getByText('待确认').waitFor();

    // A second declaration: someone leaving who does not live there, for staff to reject.
    await page.goto(`/portal/declare/${house.token}`);
    await page.getByText('离开注销').click();
    await page.getByLabel('姓名').fill('并不住这里');
    await page.getByLabel('身份证号码').fill('11010519491231002X');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByText('申报已提交').waitFor();
    phone = page;
  });

  it('the community officer confirms one and rejects the other with a reason; the tenant reads the outcome', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'community');
    await page.getByTestId('console-menu').getByText('扫码申报').click();
    const row = page.locator('.ant-table-row').filter({ hasText: TENANT });
    await row.getByText('新登记人员').waitFor();
    await screenshot(page, 'registry-declarations');
    await row.getByRole('button', { name: /确\s*认/ }).click();
    await page.getByText('已确认，居住登记已生效').waitFor();
    await row.waitFor({ state: 'detached' });

    const other = page.locator('.ant-table-row').filter({ hasText: '并不住这里' });
    await other.getByRole('button', { name: /驳\s*回/ }).click();
    await page.locator('.ant-modal').getByLabel('驳回原因（申报人会收到）').fill('此人未在该房屋登记居住');
    await screenshot(page, 'registry-declaration-reject');
    await page.locator('.ant-modal').getByRole('button', { name: /驳\s*回/ }).click();
    await other.waitFor({ state: 'detached' });
    await page.getByText('已确认').first().click();
    await page.locator('.ant-table-row').filter({ hasText: TENANT }).waitFor();

    const community = await apiAs('community');
    const found = await community.get<{ items: { name: string; residing: boolean; address: string }[] }>(`/api/registry/persons?idNumber=${TENANT_ID}`);
    expect(found.items[0]).toMatchObject({ name: TENANT, residing: true });
    await page.context().close();

    await phone.goto('/portal/declarations');
    await phone.getByTestId('my-declaration').filter({ hasText: TENANT }).getByText('已确认').waitFor();
    await phone.getByTestId('my-declaration').filter({ hasText: '并不住这里' }).getByText('原因：此人未在该房屋登记居住').waitFor();
    await screenshot(phone, 'portal-my-declarations');
    await phone.goto('/portal');
    await phone.getByTestId('service-registration').click();
    await phone.getByText('我的申报').first().waitFor();
    await phone.context().close();
  });

  it('a revoked code shows the resident a clear message', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto(`/portal/declare/${house.token.slice(0, -3)}abc`);
    await page.getByText('这个二维码无效或已作废').waitFor();
    await page.context().close();
  });
});

describe('policy settings', () => {
  it('the city admin sees the defaults with their sources and switches automatic confirmation on and off', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.getByTestId('console-menu').getByText('政策参数').click();
    const row = page.locator('.ant-table-row').filter({ has: page.getByTestId('setting-registry.selfDeclarationAutoConfirm') });
    await row.getByText('扫码申报自动确认').waitFor();
    await page.getByText('第十九条').first().waitFor();
    const deadline = page.locator('.ant-table-row').filter({ has: page.getByTestId('setting-registry.arrivalDeadlineWorkdays') });
    await deadline.getByRole('spinbutton').fill('5');
    await deadline.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await row.getByRole('switch').click();
    await expect.poll(async () => row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'settings');
    await deadline.getByRole('spinbutton').fill('3');
    await deadline.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByRole('switch').click();
    await expect.poll(async () => row.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    const settings = await (await apiAs('admin')).get<{ items: { key: string; value: unknown }[] }>('/api/settings');
    expect(settings.items.find((s) => s.key === 'registry.arrivalDeadlineWorkdays')?.value).toBe(3);
    await page.context().close();
  });

  it('a community officer sees the settings but may not change them', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'community');
    await page.goto('/settings');
    await page.getByText('政策参数影响全市，只有市级管理员可以修改。').waitFor();
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.context().close();
  });
});
