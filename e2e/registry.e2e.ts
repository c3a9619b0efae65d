import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { apiAs, confirmPop, sharedBrowser, loginAs, menuItems, newPage, pickCascade, screenshot, searchAndPick } from './browser';

const browser = sharedBrowser();

const first17 = `4304211995061${String(Date.now() % 10000).padStart(4, '0')}`;
const NEW_ID = first17 + idCheckCharacter(first17);
const WRONG_CHECK = first17 + (idCheckCharacter(first17) === '1' ? '2' : '1');

describe('registry in the console', () => {
  it('a community officer searches persons and opens one', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'community');
    expect(await menuItems(page)).toEqual(expect.arrayContaining(['人员', '标准地址']));
    await page.goto('/registry/persons');
    await page.locator('.ant-table-row').first().waitFor();
    const total = await page.locator('.ant-pagination-total-text').textContent();
    expect(total).toMatch(/共 \d+ 条/);
    await screenshot(page, 'registry-persons');
    await page.locator('.ant-table-row a').first().click();
    await page.getByText('身份信息').waitFor();
    await page.getByText('现居住').waitFor();
    await screenshot(page, 'registry-person');
    await page.context().close();
  });

  it('registers a person (refusing a wrong check digit first), gives them a home and registers leaving', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'community');
    await page.goto('/registry/persons');
    await page.getByRole('button', { name: '登记人员' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('姓名').fill('测试新人');
    await drawer.getByLabel('身份证号码').fill(WRONG_CHECK);
    await drawer.getByText('身份证号码校验位不正确').waitFor();
    await screenshot(page, 'registry-person-new-invalid');
    await drawer.getByLabel('身份证号码').fill(NEW_ID);
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('身份信息').waitFor();
    await page.getByText('湖南省').first().waitFor();

    await page.goto('/registry/buildings');
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    const unit = page.locator('.ant-table-expanded-row .ant-table-row a').first();
    await unit.click();
    await page.getByText('登记来住（人来）').waitFor();
    await page.getByTestId('house-qr').waitFor();
    await screenshot(page, 'registry-house');
    const placardUrl = await page.getByRole('link', { name: '打印门牌' }).getAttribute('href');
    const svg = await page.request.get(placardUrl!);
    expect(svg.status()).toBe(200);
    const png = await page.request.get((await page.getByRole('link', { name: '门牌图片（PNG）' }).getAttribute('href'))!);
    expect(png.headers()['content-type']).toBe('image/png');
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    const placard = await page.context().newPage();
    await placard.setViewportSize({ width: 600, height: 850 });
    await placard.setContent(`<html><body style="margin:0">${(await svg.text()).replace('width="148mm" height="210mm"', 'width="592" height="840"')}</body></html>`);
    expect(await placard.locator('svg').first().textContent()).toContain('出租屋（房屋）信息牌');
    await screenshot(placard, 'registry-placard');
    await placard.close();
    const form = page.locator('.ant-card').filter({ hasText: '登记来住（人来）' });
    await form.getByPlaceholder('身份证号码').fill(NEW_ID);
    await form.getByPlaceholder('姓名').fill('测试新人');
    await form.getByRole('button', { name: '登记来住' }).click();
    const occupants = page.locator('.ant-card').filter({ hasText: '在住人员' });
    await occupants.getByText('测试新人').waitFor();
    await occupants.locator('.ant-table-row').filter({ hasText: '测试新人' }).getByRole('button', { name: '注销（人走）' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-card').filter({ hasText: '曾住人员' }).getByText('测试新人').waitFor();
    await screenshot(page, 'registry-house-after');
    await page.context().close();
  });

  it('a grid worker sees ID numbers and mobiles masked', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'gridworker');
    await page.goto('/registry/persons');
    await page.getByText('身份证号码和手机号码已按您的权限脱敏显示').waitFor();
    const id = await page.locator('.ant-table-row td').nth(1).textContent();
    expect(id).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    await screenshot(page, 'registry-persons-masked');
    await page.context().close();
  });
});

describe('merging and retiring addresses in the console', () => {
  it('a district officer merges a duplicate address into the one kept, then retires an empty building', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'tianhe');
    await page.goto('/registry/buildings');
    await page.getByRole('button', { name: '新增楼栋' }).click();
    const drawer = page.locator('.ant-drawer');
    const suffix = String(Date.now() % 100000);
    // The building kept is added through the form, the duplicate through the API (as an import would).
    const address = `天河区合并测试路 ${suffix} 号`;
    await drawer.getByLabel('地址').fill(address);
    await pickCascade(page, drawer.getByLabel('所在社区/网格'), ['天河区', '石牌街道', '东城社区']);
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已新增：${address}`).waitFor();
    await (await apiAs('tianhe')).post('/api/registry/buildings', { divisionCode: '440106006002', address: `天河区合并测试路${suffix}号（重复）` });
    await page.getByPlaceholder('地址中任意部分').fill(`合并测试路${suffix}`);
    await page.getByRole('button', { name: /查\s*询|search/i }).click();
    const duplicate = page.locator('.ant-table-row').filter({ hasText: '（重复）' });
    await duplicate.getByRole('button', { name: /合\s*并/ }).click();
    const dialog = page.getByRole('dialog');
    await searchAndPick(page, dialog.locator('.ant-select input'), `合并测试路 ${suffix}`, `合并测试路 ${suffix} 号`);
    await screenshot(page, 'registry-merge');
    await dialog.getByRole('button', { name: /合\s*并/ }).click();
    await page.getByText(`已合并到 天河区合并测试路 ${suffix} 号`).waitFor();

    await page.getByPlaceholder('地址中任意部分').fill(`合并测试路 ${suffix}`);
    await page.getByRole('button', { name: /查\s*询|search/i }).click();
    const kept = page.locator('.ant-table-row').filter({ hasText: `合并测试路 ${suffix} 号` });
    await confirmPop(kept.getByRole('button', { name: /注\s*销/ }));
    await page.getByText('已注销，历史记录保留').waitFor();
    await page.context().close();
  });
});

describe('door-to-door collection on a phone', () => {
  it('a grid worker opens the least recently visited building, registers a newcomer, records one moving out and finishes the visit', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/login');
    await page.getByLabel(/用户名/).fill('gridworker');
    await page.getByLabel(/密码/).fill('Anju@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/registry/collect');
    const first = page.getByTestId('collect-building').first();
    await first.getByText('从未走访').waitFor();
    await screenshot(page, 'registry-collect-buildings');
    await first.click();
    await page.getByTestId('collect-unit').first().click();
    await page.getByText('新增住户').waitFor();
    const newcomer = `45010219990101${String(Date.now() % 1000).padStart(3, '0')}`;
    await page.getByLabel('姓名').fill('上门新住户');
    await page.getByLabel('身份证号码').fill(newcomer + idCheckCharacter(newcomer));
    await page.getByLabel('手机号码（选填）').fill('13755556666');
    await page.getByRole('button', { name: '登记来住' }).click();
    await page.getByText('已登记入住').waitFor();
    const row = page.getByTestId('collect-occupant').filter({ hasText: '上门新住户' });
    await row.waitFor();
    await screenshot(page, 'registry-collect-unit');
    await confirmPop(row.getByRole('button', { name: '已搬离' }));
    await page.getByText('已登记搬离').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '完成本栋走访' }).click();
    await page.getByText('已记录本栋走访').waitFor();
    // Back on the list: that building now carries today's visit and goes to the end of the queue.
    await page.getByTestId('collect-building').first().waitFor();
    await page.getByText(`上次走访 ${new Date().toISOString().slice(0, 10)}`).first().waitFor();
    await page.context().close();
  });
});

describe('family links', () => {
  it('a community officer links a child by ID number and name, then unlinks', async () => {
    const community = await apiAs('community');
    const people = (await community.get<{ items: { id: string; name: string; idNumber: string; age: number }[] }>('/api/registry/persons?pageSize=50')).items;
    const parent = people.find((p) => p.age >= 30)!;
    const child = people.find((p) => p.age < 16 && p.id !== parent.id)!;
    const page = await newPage(browser());
    await loginAs(page, 'community');
    await page.goto(`/registry/persons/${parent.id}`);
    await page.getByRole('button', { name: '添加子女' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('身份证号码').fill(child.idNumber);
    await modal.getByLabel('姓名').fill(`${child.name}错`);
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await modal.getByText('找不到该人员').first().waitFor();
    await modal.getByLabel('姓名').fill(child.name);
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已关联').waitFor();
    const link = page.getByRole('link', { name: new RegExp(child.name) });
    await link.waitFor();
    await screenshot(page, 'registry-person-family');
    await confirmPop(page.getByRole('button', { name: '解除' }));
    await page.getByText('已解除').waitFor();
    await link.waitFor({ state: 'detached' });
    await page.context().close();
  });
});

describe('duplicate persons', () => {
  it('a district officer compares two records of the same person side by side and merges them', async () => {
    const tianhe = await apiAs('tianhe');
    const me = await (await apiAs('community')).get<{ division: { code: string } }>('/api/auth/me');
    const seq = String(Date.now() % 1000).padStart(3, '0');
    const right = `43010419911111${seq}`;
    const typo = `43010419911111${String((Number(seq) + 1) % 1000).padStart(3, '0')}`;
    const kept = await tianhe.post<{ id: string }>('/api/registry/persons', { idNumber: right + idCheckCharacter(right), name: '重复测试人', divisionCode: me.division.code });
    const extra = await tianhe.post<{ id: string }>('/api/registry/persons', { idNumber: typo + idCheckCharacter(typo), name: '重复测试人', divisionCode: me.division.code, phone: '13912120000' });
    const page = await newPage(browser());
    await loginAs(page, 'tianhe');
    await page.goto(`/registry/persons/${extra.id}`);
    const card = page.getByTestId('duplicates');
    await card.getByText('重复测试人').waitFor();
    await card.getByRole('button', { name: '并排比较' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByText(right + idCheckCharacter(right)).waitFor();
    await modal.getByTestId('keep-other').click();
    await screenshot(page, 'registry-person-merge');
    await modal.getByRole('button', { name: /合\s*并/ }).click();
    await page.getByText('已合并').waitFor();
    await page.waitForURL(`**/registry/persons/${kept.id}`);
    await page.getByText('13912120000').waitFor();
    await page.context().close();
  });
});
