import { describe, expect, it } from 'vitest';
import { apiAs, sharedBrowser, loginAs, menuItems, newPage, pickCascade, pickOption, screenshot } from './browser';

const browser = sharedBrowser();

describe('console: each role sees its own menu and jurisdiction', () => {
  const cases: { username: string; menu: string[]; absent: string[]; jurisdiction: RegExp }[] = [
    { username: 'admin', menu: ['首页', '行政区划', '工作日历', '用户管理', '角色权限', '审计日志', '短信与消息'], absent: [], jurisdiction: /广州市/ },
    { username: 'tianhe', menu: ['首页', '行政区划', '用户管理'], absent: ['角色权限', '审计日志'], jurisdiction: /天河区/ },
    { username: 'shipai', menu: ['首页', '行政区划'], absent: ['用户管理', '审计日志'], jurisdiction: /石牌街道/ },
    { username: 'community', menu: ['首页', '行政区划'], absent: ['用户管理'], jurisdiction: /石牌街道 \/ .+社区/ },
    { username: 'gridworker', menu: ['首页', '行政区划'], absent: ['用户管理'], jurisdiction: /网格/ },
    { username: 'auditor', menu: ['首页', '行政区划', '审计日志'], absent: ['用户管理', '角色权限'], jurisdiction: /广州市/ },
    { username: 'reviewer-hrss', menu: ['首页', '行政区划'], absent: ['用户管理'], jurisdiction: /人力资源和社会保障/ },
  ];
  for (const role of cases) {
    it(`${role.username}`, async () => {
      const page = await newPage(browser());
      await loginAs(page, role.username);
      const items = await menuItems(page);
      expect(items).toEqual(expect.arrayContaining(role.menu));
      for (const absent of role.absent) expect(items).not.toContain(absent);
      await expect.poll(() => page.getByTestId('jurisdiction').textContent()).toMatch(role.jurisdiction);
      await screenshot(page, `console-home-${role.username}`);
      await page.context().close();
    });
  }
});

describe('console pages', () => {
  it('switches the language to English and back', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => menuItems(page)).toEqual(expect.arrayContaining(['Home', 'Users', 'Roles', 'Audit log']));
    await screenshot(page, 'console-home-en');
    await page.getByText('中文', { exact: true }).click();
    await expect.poll(() => menuItems(page)).toEqual(expect.arrayContaining(['首页', '用户管理']));
    await page.context().close();
  });

  it('shows 403 for a page the role may not open, and 404 for an unknown page', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'tianhe');
    await page.goto('/audit');
    await page.getByText('无权访问').waitFor();
    await screenshot(page, 'console-403');
    await page.goto('/no-such-page');
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await screenshot(page, 'console-404');
    await page.context().close();
  });

  it('corrects a working day in the calendar and restores it; a district officer only reads', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/calendar');
    const now = new Date(Date.now() + 8 * 3_600_000);
    const date = `${now.toISOString().slice(0, 7)}-15`;
    const cell = page.locator(`[data-date="${date}"]`);
    await expect.poll(() => cell.getAttribute('data-kind'), { timeout: 15_000 }).not.toBeNull();
    const before = await cell.getAttribute('data-kind');
    await cell.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('说明').fill('台风停工');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: '台风停工', exact: true }).waitFor();
    await expect.poll(() => cell.getAttribute('data-kind'), { timeout: 15_000 }).toBe(before === 'workday' ? 'holiday' : 'workday');
    await screenshot(page, 'console-calendar');
    await page.getByRole('button', { name: '恢复法定安排' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('今年没有调整').waitFor();
    await expect.poll(() => cell.getAttribute('data-kind'), { timeout: 15_000 }).toBe(before);
    await page.context().close();

    const reader = await newPage(browser());
    await loginAs(reader, 'tianhe');
    await reader.goto('/calendar');
    await reader.getByText('只有市级管理员可以调整日历。').waitFor();
    await reader.context().close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await newPage(browser());
    await page.goto('/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await screenshot(page, 'console-login-failed');
    await page.context().close();
  });

  it('drills down the divisions and adds a grid under a community', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'shipai');
    await page.goto('/divisions');
    const firstCommunity = page.locator('.ant-table-row a').first();
    const name = (await firstCommunity.textContent()) ?? '';
    await firstCommunity.click();
    await page.locator('.ant-breadcrumb').getByText(name).waitFor();
    await page.getByRole('button', { name: '新建网格' }).click();
    await page.getByLabel('网格名称').fill('测试新网格');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('测试新网格').waitFor();
    await screenshot(page, 'console-divisions');
    await page.context().close();
  });

  it('lets the city admin create a user, and shows it in the list', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/admin/users');
    await page.getByTestId('new-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('e2e.officer');
    await dialog.getByLabel('姓名').fill('测试 区级人员');
    await dialog.getByLabel('初始密码').fill('Strong#Pass1');
    await pickOption(page, dialog.getByLabel('角色'), '区级工作人员');
    await pickCascade(page, dialog.getByLabel('辖区'), ['广州市', '海珠区']);
    await screenshot(page, 'console-user-new');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByRole('cell', { name: 'e2e.officer' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'console-users');
    await page.context().close();
  });

  it('lets the city admin edit a role\'s permissions', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/admin/roles');
    const row = page.locator('tr', { hasText: '镇街工作人员' });
    await row.getByLabel('查看审计日志').check();
    await row.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存“镇街工作人员”的权限').waitFor();
    await screenshot(page, 'console-roles');
    await row.getByLabel('查看审计日志').uncheck();
    await row.getByRole('button', { name: /保\s*存/ }).click();
    await page.context().close();
  });

  it('shows the audit log to the auditor and verifies the chain', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'auditor');
    await page.goto('/audit');
    await page.getByText('auth.login').first().waitFor();
    await page.getByTestId('verify-audit').click();
    await page.getByText(/审计链完整/).waitFor();
    await screenshot(page, 'console-audit');
    await page.context().close();
  });

  it('shows the account page', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'tianhe');
    await page.goto('/account');
    await page.getByText('修改密码').waitFor();
    await screenshot(page, 'console-account');
    await page.context().close();
  });
});

describe('resident portal', () => {
  it('signs a resident up by phone and SMS code and shows the services', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal');
    await page.getByLabel('手机号码').fill('13912345678');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    const admin = await apiAs('admin');
    const outbox = await admin.get<{ items: { recipient: string; body: string }[] }>('/api/notify/outbox?recipient=13912345678');
    const code = /(\d{6})/.exec(outbox.items[0]!.body)![1]!;
    await page.getByLabel('短信验证码').fill(code);
    await screenshot(page, 'portal-login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForTimeout(1500);
    await screenshot(page, 'portal-after-login');
    await page.getByTestId('service-permit').waitFor();
    await page.getByText('您好，13912345678').waitFor();
    await screenshot(page, 'portal-home');
    await page.context().close();
  });

  it('tells the resident when the code is wrong', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal/login');
    await page.getByLabel('手机号码').fill('13912340000');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    await page.getByLabel('短信验证码').fill('000000');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('短信验证码错误或已过期').waitFor();
    await page.context().close();
  });
});
