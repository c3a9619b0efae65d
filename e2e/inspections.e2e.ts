import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiAs, idNumber, loginAs, loginByPhone, newPage, screenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();
const suffix = String(Date.now() % 10000).padStart(4, '0');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');
const ITEMS = ['ebike', 'gas_heater', 'wiring', 'mixed_use', 'group_rental', 'fire_exits', 'extinguishers', 'registration', 'safety_letter', 'hygiene'];

/** Answers the checklist on the phone: every item passes but `failed`, each failure with what was seen. */
async function answer(page: Page, failed: string[]): Promise<void> {
  for (const code of ITEMS) {
    const item = page.getByTestId(`item-${code}`);
    await item.getByText(failed.includes(code) ? '不合格' : '合格', { exact: true }).click();
    if (failed.includes(code)) await item.getByRole('textbox').fill('现场检查不合格，已拍照留存');
  }
}

describe('the hazard loop', () => {
  const landlordPhone = `1351111${suffix}`;
  const address = `石牌巡查路 ${suffix} 号`;
  let unit = '';

  it('a grid worker finds two hazards on a phone; the landlord is told in the portal', async () => {
    const shipai = await apiAs('shipai');
    const grid = (await (await apiAs('gridworker')).get<{ division: { code: string } }>('/api/auth/me')).division.code;
    // The landlord lives in the street; the rental house is in the grid worker's grid.
    const home = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: grid.slice(0, 12), address: `石牌房东路 ${suffix} 号` });
    const homeUnit = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: home.id, unit: '101', use: 'self_occupied', ownerOrganisation: '自有' });
    const landlord = await shipai.post<{ personId: string }>('/api/registry/residences/arrive', {
      name: '巡查房东', idNumber: idNumber(`44010619660606${suffix.slice(1)}`), arrivedOn: '2010-01-01', phone: landlordPhone, houseId: homeUnit.id, relation: 'owner', registerIfNew: true, transactionId: randomUUID(),
    });
    const building = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: grid, address });
    const house = await shipai.post<{ unit: string }>('/api/registry/houses', { buildingId: building.id, unit: '302', use: 'rental', areaM2: 36, ownerPersonId: landlord.personId, landlordPersonId: landlord.personId });
    unit = house.unit;

    const page = await newPage(browser(), { mobile: true });
    await loginAs(page, 'gridworker');
    await page.goto('/inspections/today');
    await page.getByTestId(`task-${address} ${unit}`).getByRole('link', { name: '开始巡查' }).click();
    await page.getByTestId('item-ebike').waitFor();
    await answer(page, ['ebike', 'gas_heater']);
    await page.getByTestId('item-ebike').locator('input[type=file]').setInputFiles({ name: 'ebike.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('item-ebike').getByText('已上传 1').waitFor();
    await screenshot(page, 'inspections-checklist-phone');
    await page.getByTestId('submit-inspection').click();
    await expect.poll(() => page.getByTestId('inspection-status').textContent()).toBe('已完成');
    await page.getByTestId('found-ebike').getByText('已告知待整改').waitFor();
    await page.getByTestId('found-gas_heater').getByText('已转交部门').waitFor();
    await screenshot(page, 'inspections-done-phone');
    await page.close();
  });

  it('the landlord reports the e-bikes fixed with a photo; the re-inspection closes the hazard', async () => {
    const landlord = await newPage(browser(), { mobile: true });
    await landlord.goto('/portal/login');
    await loginByPhone(landlord, landlordPhone);
    await landlord.goto('/portal/rental');
    const card = landlord.locator('.ant-card', { hasText: address });
    await card.getByTestId('my-hazard-ebike').getByRole('button').click();
    const drawer = landlord.locator('.ant-drawer');
    await drawer.getByLabel('整改情况').fill('已在楼下设集中充电点，楼道内车辆已全部移走');
    await drawer.locator('input[type=file]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: PNG });
    await drawer.getByText('已上传 1').waitFor();
    await drawer.getByTestId('hazard-report_fixed').click();
    await drawer.getByTestId('hazard-status').getByText('房东报告已整改').waitFor();
    await screenshot(landlord, 'inspections-landlord-fixed-phone');
    await landlord.close();

    const page = await newPage(browser(), { mobile: true });
    await loginAs(page, 'gridworker');
    await page.goto('/inspections/today');
    const task = page.getByTestId(`task-${address} ${unit}`).filter({ has: page.getByText('复查', { exact: true }) });
    await task.getByRole('link', { name: '开始巡查' }).click();
    await page.getByText('待复查的隐患').waitFor();
    await answer(page, ['gas_heater']);
    await page.getByTestId('submit-inspection').click();
    await expect.poll(() => page.getByTestId('inspection-status').textContent()).toBe('已完成');
    await page.close();

    const board = await newPage(browser());
    await loginAs(board, 'shipai');
    await board.goto('/inspections/hazards');
    await board.locator('.ant-segmented').getByText(/已销号/).click();
    await board.locator('tr', { hasText: `${address} ${unit}` }).filter({ hasText: '电动自行车' }).click();
    await board.locator('.ant-drawer').getByTestId('hazard-status').getByText('已销号').waitFor();
    await screenshot(board, 'inspections-hazard-closed');
    await board.close();
  });

  it('the serious one goes to the gas department, which records what it did; the landlord sees it closed', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'reviewer-gas');
    await page.goto('/inspections/department');
    await page.locator('tr', { hasText: `${address} ${unit}` }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('处理结果（查处情况）').fill('已责令拆除直排式燃气热水器，现场改装为强排式');
    await screenshot(page, 'inspections-department');
    await drawer.getByTestId('hazard-handle').click();
    await drawer.getByTestId('hazard-outcome').getByText('已责令拆除直排式燃气热水器').waitFor();
    await page.close();

    const landlord = await apiAs('admin');
    const outbox = await landlord.get<{ items: { body: string }[] }>(`/api/notify/outbox?recipient=${landlordPhone}`);
    expect(outbox.items.map((i) => i.body).join('\n')).toMatch(/燃气管理部门已处理/);
    expect(outbox.items.map((i) => i.body).join('\n')).toMatch(/经复查已整改，予以销号/);
  });

  it('the house page shows the grade history, inspections and hazards', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'shipai');
    const shipai = await apiAs('shipai');
    const houses = await shipai.get<{ items: { id: string; unit: string; address: string }[] }>(`/api/registry/houses?q=${encodeURIComponent(address)}`);
    await page.goto(`/registry/houses/${houses.items[0]!.id}`);
    const panel = page.getByTestId('house-inspections');
    await panel.getByText('评级记录').waitFor();
    await expect.poll(async () => (await panel.textContent()) ?? '').toContain('已销号');
    await screenshot(page, 'inspections-house');
    // The graded placard to post at the door, as a picture.
    const placard = await page.request.get(`/api/inspections/houses/${houses.items[0]!.id}/placard.png`);
    expect(placard.status()).toBe(200);
    expect(placard.headers()['content-type']).toBe('image/png');
    writeFileSync(path.join(import.meta.dirname, 'screenshots', 'inspections-placard.png'), await placard.body());
    await page.close();
  });
});

