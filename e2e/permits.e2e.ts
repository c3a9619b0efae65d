import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, confirmPop, loginAs, loginByPhone, newPage, screenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

const suffix = String(Date.now() % 10000).padStart(4, '0');
const PHONE = `1351234${suffix}`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

type Person = { id: string; name: string; idNumber: string };

/** Two residents of Shipai street: one registered long enough to apply, one registered too recently. */
async function residents(): Promise<{ eligible: Person; early: Person }> {
  const shipai = await apiAs('shipai');
  const list = await shipai.get<{ items: Person[] }>('/api/registry/persons?divisionCode=440106006&status=residing&pageSize=200');
  let eligible: Person | undefined;
  let early: Person | undefined;
  for (const person of list.items) {
    const check = await shipai.get<{ eligibleNow: boolean; problems: { code: string }[] }>(`/api/permits/eligibility?idNumber=${person.idNumber}&name=${encodeURIComponent(person.name)}`);
    if (check.eligibleNow && !eligible) eligible = person;
    if (!early && check.problems.length === 1 && check.problems[0]!.code === 'PERMITS_TOO_EARLY') early = person;
    if (eligible && early) return { eligible, early };
  }
  throw new Error('the demo street has no eligible and too-early residents');
}

async function upload(page: Page, kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const row = page.getByTestId(`material-${kind}`);
  await row.locator('input[type=file]').setInputFiles(file);
  await row.getByText(file.name).waitFor();
}

describe('residence permits', () => {
  let people: { eligible: Person; early: Person };
  let resident: Page;

  it('a resident too early is told the date in a pop-up; an eligible one applies from the phone with the materials', async () => {
    people = await residents();
    resident = await newPage(browser(), { mobile: true });
    await resident.goto('/portal/login');
    await loginByPhone(resident, PHONE);
    await resident.getByTestId('service-permit').click();
    await resident.getByTestId('apply').click();
    await resident.getByLabel('姓名').fill(people.early.name);
    await resident.getByLabel('身份证号码').fill(people.early.idNumber);
    await resident.getByTestId('check').click();
    await resident.locator('.ant-modal-confirm-title').getByText('暂时还不能申请').waitFor();
    await resident.getByText(/起）才能申请/).waitFor();
    await screenshot(resident, 'portal-permit-too-early');
    await resident.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();

    await resident.getByLabel('姓名').fill(people.eligible.name);
    await resident.getByLabel('身份证号码').fill(people.eligible.idNumber);
    await resident.getByTestId('check').click();
    await resident.getByTestId('eligible').waitFor();
    await resident.getByLabel('工作单位').fill('天河某网络科技有限公司');
    await resident.getByTestId('submit').click();
    await resident.getByText('材料不全').waitFor();
    await upload(resident, 'photo', { name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await upload(resident, 'id_card', { name: 'id-card.pdf', mimeType: 'application/pdf', buffer: PDF });
    await upload(resident, 'employment_proof', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: PDF });
    await screenshot(resident, 'portal-permit-apply');
    await resident.getByTestId('submit').click();
    await resident.getByText(/已提交，申请编号/).waitFor();
    await resident.getByRole('button', { name: '我的申请' }).click();
    await resident.getByTestId('my-application').filter({ hasText: people.eligible.name }).getByText('待受理').waitFor();
    await screenshot(resident, 'portal-permit-applied');
  });

  it('the street officer returns it with what is missing; the resident adds it; the officer accepts and issues', async () => {
    const officer = await newPage(browser());
    await loginAs(officer, 'shipai');
    await officer.getByTestId('console-menu').getByText('居住证办理').click();
    await officer.getByText('居住证办理队列').waitFor();
    await officer.locator('.ant-table-row').filter({ hasText: people.eligible.name }).getByRole('link').click();
    await officer.getByText('连续居住登记自').waitFor();
    await screenshot(officer, 'permits-application');
    await officer.getByRole('button', { name: '退回补正' }).click();
    await officer.getByRole('dialog').getByText('证件照').click();
    await officer.getByRole('dialog').getByPlaceholder('补充说明（可选）').fill('照片须为白底正面免冠照');
    await officer.getByRole('dialog').getByRole('button', { name: '退回补正' }).click();
    await officer.locator('.ant-card-head').getByText('退回补正').waitFor();

    await resident.reload();
    const card = resident.getByTestId('my-application').filter({ hasText: people.eligible.name });
    await card.getByText(/需要补正：证件照/).waitFor();
    await card.getByRole('button', { name: '补齐材料后重新提交' }).click();
    const dialog = resident.getByRole('dialog');
    await upload(resident, 'photo', { name: 'photo-white.png', mimeType: 'image/png', buffer: PNG });
    await upload(resident, 'id_card', { name: 'id-card.pdf', mimeType: 'application/pdf', buffer: PDF });
    await upload(resident, 'employment_proof', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('button', { name: '补正后重新提交' }).click();
    await card.getByText('待受理').waitFor();

    await officer.reload();
    await officer.getByRole('button', { name: /受\s*理/ }).click();
    await officer.getByText('发证期限').waitFor();
    await officer.locator('.ant-card-head').getByText('已受理').waitFor();
    await confirmPop(officer.getByRole('button', { name: '制发居住证' }));
    await officer.getByText('居住证号码').waitFor();
    await screenshot(officer, 'permits-application-issued');
    await officer.getByText(/^居住证号码 /).click();
    await officer.getByText('签注办理起始').waitFor();
    await screenshot(officer, 'permits-permit');
  });

  it('the resident sees the electronic permit with its QR code; anyone scanning it sees the state and a masked name', async () => {
    await resident.reload();
    const permit = resident.getByTestId('e-permit');
    await permit.getByText(people.eligible.name).waitFor();
    await permit.getByText('扫码核验').waitFor();
    await screenshot(resident, 'portal-permit-electronic');
    const mine = await resident.evaluate(async () => (await (await fetch('/api/permits/my')).json()) as { permits: { verifyUrl: string }[] });
    const verifier = await newPage(browser(), { mobile: true });
    await verifier.goto(new URL(mine.permits[0]!.verifyUrl).pathname);
    await verifier.getByTestId('verify-result').getByText('有效').waitFor();
    const shown = await verifier.getByTestId('verify-result').textContent();
    expect(shown).toContain(`${people.eligible.name[0]}*`);
    expect(shown).not.toContain(people.eligible.name.slice(1));
    await screenshot(verifier, 'verify-permit');
  });

  it('the demo resident endorses their permit online within its window', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal/login');
    await loginByPhone(page, '13800000001');
    await page.goto('/portal/permit');
    const permit = page.getByTestId('e-permit');
    await permit.getByText(/可以网上签注/).waitFor();
    await page.getByTestId('endorse').click();
    await page.getByText(/签注成功，有效期至/).waitFor();
    await screenshot(page, 'portal-permit-endorsed');
    await page.getByTestId('my-application').filter({ hasText: '退回补正' }).getByText(/需要补正：证件照/).waitFor();
    await page.goto('/portal');
    await page.getByTestId('inbox').getByText(/居住证申请.*需补正/).waitFor();
    await screenshot(page, 'portal-home-messages');

    // The card is lost: a replacement, its fee paid on the payment page, the new card handed over at the street.
    await page.goto('/portal/permit');
    await confirmPop(page.getByTestId('request-replacement'));
    await page.getByTestId('pay-amount').getByText('¥20.00').waitFor();
    await screenshot(page, 'pay-page');
    await page.getByTestId('pay-now').click();
    await page.getByTestId('paid').waitFor();
    await page.getByRole('button', { name: /返\s*回/ }).click();
    await page.getByTestId('replacements').getByText('已缴费，待制卡').waitFor();
    const mine = await page.evaluate(async () => (await (await fetch('/api/permits/my')).json()) as { permits: { id: string }[] });
    const officer = await newPage(browser());
    await loginAs(officer, 'shipai');
    await officer.goto(`/permits/permits/${mine.permits[0]!.id}`);
    await officer.getByTestId('replacements').getByRole('button', { name: '换发新卡' }).click();
    await officer.getByTestId('replacements').getByText('已换发新卡').waitFor();
    await screenshot(officer, 'permits-permit-replaced');
    await page.reload();
    await page.getByTestId('replacements').getByText('已换发新卡').waitFor();
    await screenshot(page, 'portal-permit-replaced');
  });

  it('staff see the permits of the street, the counter form checks the registry first, and the person page shows the permit', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'shipai');
    await page.getByTestId('console-menu').getByText('居住证', { exact: true }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'permits-list');
    await page.getByText('中止使用', { exact: true }).first().click();
    await page.locator('.ant-table-row').first().getByText('中止使用').waitFor();

    await page.goto('/permits/applications');
    await page.getByText('居住证办理队列').waitFor();
    await page.getByTestId('overdue-only').click();
    await page.locator('.ant-table-row').first().getByText(/超期 \d+ 天/).waitFor();
    await screenshot(page, 'permits-queue-overdue');

    await page.getByRole('button', { name: '窗口受理' }).click();
    await page.getByLabel('姓名').fill(people.early.name);
    await page.getByLabel('身份证号码').fill(people.early.idNumber);
    await page.getByTestId('check-eligibility').click();
    await page.getByTestId('eligibility').getByText('暂不能申领').waitFor();
    await screenshot(page, 'permits-counter');

    await page.goto(`/registry/persons/${people.eligible.id}`);
    await page.getByTestId('person-permits').getByTestId('permit-status').getByText('有效').waitFor();
    await screenshot(page, 'registry-person-with-permit');
  });

  it('a district officer registers a self-service terminal, which then looks permits up with its key; revoking stops it', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'tianhe');
    await page.getByTestId('console-menu').getByText('自助终端').click();
    await page.getByRole('button', { name: '登记终端' }).click();
    await page.getByRole('dialog').getByLabel('终端名称').fill('石牌街道便民服务中心 1 号机');
    await page.getByRole('dialog').getByRole('button', { name: '登记终端' }).click();
    const key = (await page.getByTestId('kiosk-key').textContent())!.trim();
    expect(key).toMatch(/^kz_/);
    await screenshot(page, 'permits-kiosk-key');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();

    const tianhe = await apiAs('tianhe');
    const valid = await tianhe.get<{ items: { idNumber: string; number: string }[] }>('/api/permits/permits?status=valid');
    const lookup = await fetch(new URL('/api/permits/kiosk/lookup', page.url()), {
      method: 'POST', headers: { authorization: `Kiosk ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: valid.items[0]!.idNumber, identityCheck: { method: 'id_card_reader', passed: true, reference: 'e2e' } }),
    });
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { number: string }).number).toBe(valid.items[0]!.number);

    await page.reload();
    const row = page.locator('.ant-table-row').filter({ hasText: '石牌街道便民服务中心 1 号机' });
    await row.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    await screenshot(page, 'permits-kiosks');
    await confirmPop(row.getByRole('button', { name: /吊\s*销/ }));
    await row.getByText('已吊销').waitFor();
    const after = await fetch(new URL('/api/permits/kiosk/lookup', page.url()), {
      method: 'POST', headers: { authorization: `Kiosk ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: valid.items[0]!.idNumber, identityCheck: { method: 'id_card_reader', passed: true, reference: 'e2e' } }),
    });
    expect(after.status).toBe(401);
  });
});
