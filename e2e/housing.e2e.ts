import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiAs, loginAs, loginByPhone, newPage, pickOption, screenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();
const suffix = String(Date.now() % 10000).padStart(4, '0');

function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((a, d, i) => a + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

describe('sub-landlords, the blacklist and house flags', () => {
  const name = `二房东 ${suffix}`;

  it('an officer registers a sub-landlord and blacklists them; registering them on a house warns, and acknowledged is recorded and flagged', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'shipai');
    await page.goto('/housing/parties');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByLabel('身份证号码').fill(idNumber(`44010619790909${suffix.slice(1)}`));
    await dialog.getByLabel('手机号码').fill(`1362222${suffix}`);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(name).first().waitFor();
    await drawer.getByLabel('原因').fill('多次违规分隔出租，拒不整改');
    await drawer.getByLabel('决定机关').fill('天河区来穗人员服务管理局');
    const expiry = drawer.getByLabel('到期日');
    await expiry.click();
    await expiry.fill('2099-12-31');
    await expiry.press('Tab');
    await drawer.getByTestId('submit-blacklist').click();
    await drawer.getByTestId('party-blacklisted').waitFor();
    await screenshot(page, 'housing-party-blacklisted');
    await drawer.locator('.ant-drawer-close').click();

    const shipai = await apiAs('shipai');
    const building = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: '440106006002', address: `石牌二房东路 ${suffix} 号` });
    const house = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: building.id, unit: '501', use: 'rental', areaM2: 60, ownerOrganisation: '石牌物业' });
    await page.goto(`/registry/houses/${house.id}`);
    const panel = page.getByTestId('house-housing');
    await panel.getByRole('button', { name: '登记管理人' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('二房东或中介').fill(name);
    await pickOption(page, form.getByLabel('二房东或中介'), name);
    await form.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => form.getByTestId('blacklist-warning').textContent()).toContain('天河区来穗人员服务管理局');
    await screenshot(page, 'housing-blacklist-warning');
    await form.getByTestId('acknowledge').click();
    await form.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    await panel.getByText('登记时在黑名单').waitFor();
    await panel.getByTestId('flag-blacklisted_manager').waitFor();
    await page.getByTestId('house-inspections').getByText('重点核查').waitFor();
    await screenshot(page, 'housing-house-panel');
    await page.close();
  });

  it('a room too small for its tenant is flagged on the flags page', async () => {
    const shipai = await apiAs('shipai');
    const building = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: '440106006002', address: `石牌小间路 ${suffix} 号` });
    const house = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: building.id, unit: '101', use: 'rental', areaM2: 4, ownerOrganisation: '石牌物业' });
    await shipai.post('/api/registry/residences/arrive', { name: '小间租客', idNumber: idNumber(`44010619980808${suffix.slice(1)}`), arrivedOn: '2026-01-01', houseId: house.id, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });
    const page = await newPage(browser());
    await loginAs(page, 'shipai');
    await page.goto('/housing/flags');
    const row = page.locator('tr', { hasText: `石牌小间路 ${suffix} 号` });
    await row.getByText('超员居住').waitFor();
    expect(await row.textContent()).toContain('不足 5 平方米');
    await screenshot(page, 'housing-flags');
    await page.close();
  });

  it('a landlord reads and signs the safety letter for their house on a phone and sees who is registered there', async () => {
    const shipai = await apiAs('shipai');
    const phone = `1363333${suffix}`;
    const home = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: '440106006002', address: `石牌责任书路 ${suffix} 号` });
    const homeUnit = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: home.id, unit: '101', use: 'self_occupied', ownerOrganisation: '自有' });
    const owner = await shipai.post<{ personId: string }>('/api/registry/residences/arrive', { name: '责任书房东', idNumber: idNumber(`44010619640404${suffix.slice(1)}`), arrivedOn: '2010-01-01', phone, houseId: homeUnit.id, relation: 'owner', registerIfNew: true, transactionId: randomUUID() });
    const house = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: home.id, unit: '202', use: 'rental', areaM2: 40, ownerPersonId: owner.personId, landlordPersonId: owner.personId });
    await shipai.put('/api/housing/houses/' + house.id + '/rent', { monthlyRentYuan: 2500, use: 'residential', period: 'monthly', since: '2025-01-01' });
    await shipai.post('/api/registry/residences/arrive', { name: '责任书租客', idNumber: idNumber(`44010619970707${suffix.slice(1)}`), arrivedOn: '2026-01-01', houseId: house.id, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });

    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal/login');
    await loginByPhone(page, phone);
    await page.getByTestId('service-rental').click();
    await page.getByTestId('open-letters').click();
    await page.getByTestId('letter-body').getByText('人均使用面积不少于3平方米', { exact: false }).waitFor();
    const card = page.getByTestId(`letter-house-${house.id}`);
    await card.getByText('责任书租客').waitFor();
    await card.getByTestId('sign-letter').click();
    await card.getByTestId('letter-signed').waitFor();
    await screenshot(page, 'housing-letter-phone');
    // Last month's rental tax, paid through the payment page.
    const bill = page.locator('[data-testid^="tax-"]').filter({ hasText: `石牌责任书路 ${suffix} 号` });
    await bill.getByText('应缴 100.00 元', { exact: false }).waitFor();
    await bill.getByRole('button', { name: /缴\s*纳/ }).click();
    await page.getByTestId('pay-now').click();
    await page.getByTestId('paid').waitFor();
    await page.goto('/portal/rental/letters');
    await page.locator('[data-testid^="tax-"]').filter({ hasText: `石牌责任书路 ${suffix} 号` }).getByText('已缴纳').waitFor();
    await screenshot(page, 'housing-tax-paid-phone');
    await page.close();
  });
});

