import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { apiAs, confirmPop, apiAsPhone, idNumber, loginAs, loginByPhone, newPage, pickOption, screenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();
const suffix = String(Date.now() % 10000).padStart(4, '0');

async function answerMonths(page: Page, fact: string, months: number): Promise<void> {
  await page.getByTestId(`fact-${fact}`).locator('input').first().fill(String(months));
}

async function answerYes(page: Page, fact: string, yes: boolean): Promise<void> {
  await page.getByTestId(`fact-${fact}`).getByText(yes ? '是' : '否', { exact: true }).click();
}

describe('points self-assessment', () => {
  it('works on a phone without login: answers score line by line, conditions explain themselves, other cities compare', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal/login');
    await page.getByTestId('open-calculator').click();
    await page.getByText('积分自测').first().waitFor();
    const birth = page.getByTestId('fact-birth_date').locator('input');
    await birth.click();
    await birth.fill('1990-03-01');
    await birth.press('Enter');
    await answerYes(page, 'employed', true);
    await answerYes(page, 'permit_valid', true);
    await answerYes(page, 'criminal_penalty_5y', false);
    await answerMonths(page, 'permit_months', 60);
    await answerMonths(page, 'rented_months', 48);
    for (const fact of ['pension_months', 'medical_months', 'unemployment_months', 'injury_months']) await answerMonths(page, fact, 48);
    // One insurance short: the condition says which one.
    await answerMonths(page, 'maternity_months', 40);
    await pickOption(page, page.getByTestId('fact-education').getByRole('combobox'), '本科及以上');
    await expect.poll(() => page.getByTestId('score-total').textContent()).toContain('158');
    await expect.poll(() => page.getByTestId('condition-social_insurance').textContent()).toContain('生育保险缴费时间 40 个月');
    await expect.poll(() => page.getByTestId('score-eligible').textContent()).toContain('暂不符合');
    await answerMonths(page, 'maternity_months', 48);
    await expect.poll(() => page.getByTestId('score-total').textContent()).toContain('160');
    await expect.poll(() => page.getByTestId('score-eligible').textContent()).toContain('符合申请条件');
    expect(await page.getByTestId('points-housing_rented').textContent()).toBe('20');
    expect(await page.getByTestId('score-bar').textContent()).toContain('160');
    expect(await page.getByTestId('score-ranking').textContent()).toContain('130');
    await page.getByTestId('interpretation-agePartYear').waitFor();
    await page.getByText('可以提高的地方').waitFor();
    await screenshot(page, 'points-calculator-phone');

    await pickOption(page, page.getByLabel('积分规则'), '上海市居住证积分（2015）');
    await page.getByTestId('fact-education_or_title').waitFor();
    await expect.poll(() => page.getByTestId('score-total').textContent()).not.toContain('160');
    await page.close();
  });

  it('a resident reaches it from the portal home', async () => {
    const page = await newPage(browser(), { mobile: true });
    await page.goto('/portal/login');
    await loginByPhone(page, `1361234${suffix}`);
    await page.getByTestId('service-points').click();
    await page.getByTestId('open-self-check').click();
    await page.getByTestId('calculator-form').waitFor();
    expect(page.url()).toContain('/portal/points/calculator');
    await page.close();
  });
});

describe('policy packs in the console', () => {
  it('the city admin reads the Guangzhou table, copies it into a draft, is told the exact field at fault, fixes it and publishes', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/points/packs');
    await page.getByTestId('pack-gz-jfrh-2025-v1').click();
    await page.getByTestId('tie-breaks').getByText('在广州缴纳社会医疗保险时间长者优先').waitFor();
    expect(await page.getByTestId('rule-residence_permit_years').textContent()).toBe('每满1年 8 分');
    expect(await page.getByTestId('rule-housing_rented').textContent()).toBe('每满1年 5 分，上限 20 分');
    await page.getByTestId('interpretation-agePartYear').getByText('解释').waitFor();
    await screenshot(page, 'points-pack');

    await page.getByRole('button', { name: '复制为新版本' }).click();
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    const draftUrl = page.url();

    await pickOption(page, page.getByLabel('年龄不满 1 岁的部分'), '只计满周岁');
    const json = page.getByTestId('pack-json');
    const text = await json.inputValue();
    await json.fill(text.replace('"qualifyingTotal": 150', '"qualifyingTotal": "一百五"'));
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.getByTestId('pack-issues').getByText(/qualifyingTotal：字段格式不对/).waitFor();
    await screenshot(page, 'points-pack-issues');
    await json.fill((await json.inputValue()).replace('"qualifyingTotal": "一百五"', '"qualifyingTotal": 150'));
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText('校验通过').waitFor();
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.getByText('已保存').waitFor();

    await page.getByRole('button', { name: /发\s*布/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '发布 gz-jfrh-2025' });
    await dialog.getByText('发布后此版本不能再修改').waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /发\s*布/ }).click();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await page.getByText('已发布的版本不能修改。').waitFor();
    await page.getByTestId('interpretation-agePartYear').getByText('只计满周岁').waitFor();
    expect(page.url()).toBe(draftUrl);
    await screenshot(page, 'points-pack-published');
    await page.goto('/points/packs');
    await page.getByTestId('pack-gz-jfrh-2025-v2').waitFor();
    await screenshot(page, 'points-packs');
    await page.close();
  });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');
const proof = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shift = (days: number, from = chinaToday()) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Every department confirms every fact of these applications, from its own queue. */
async function confirmAll(numbers: string[]): Promise<void> {
  for (const [username, fact] of [['reviewer-hrss', 'employed'], ['reviewer-edu', 'education'], ['reviewer-ps', 'criminal_penalty_5y']] as const) {
    const api = await apiAs(username);
    for (const number of numbers) {
      const queue = await api.get<{ items: { id: string; applicationNumber: string; facts: string[] }[] }>(`/api/points/tasks?status=open&q=${number}`);
      const task = queue.items.find((i) => i.facts.includes(fact))!;
      await api.post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: Object.fromEntries(task.facts.map((f) => [f, { outcome: 'confirmed' }])), transactionId: randomUUID() });
    }
  }
}

/** Five insurances' months for each person, loaded as the human-resources department's records. */
async function loadInsurance(people: { idNumber: string; pension: number }[]): Promise<void> {
  const rows = ['pension', 'medical', 'unemployment', 'injury', 'maternity'].flatMap((k) => people.map((p) => ({ idNumber: p.idNumber, fact: `${k}_months`, value: k === 'pension' ? p.pension : 180, asOf: shift(-5) })));
  await (await apiAs('reviewer-hrss')).post('/api/points/department-records', { rows });
}


describe('a points application', () => {
  const roundName = `积分入户 e2e ${suffix}`;
  const phone = `1371234${suffix}`;
  const person = { name: '积分测试人', idNumber: idNumber(`44010619910215${suffix.slice(1)}`) };
  let number = '';
  let residentPage: Page;

  it('the city opens a round in the console', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/points/rounds');
    await page.getByRole('button', { name: '开设轮次' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(roundName);
    await pickOption(page, dialog.getByLabel('政策包'), 'gz-jfrh-2025 v1');
    const range = dialog.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill(shift(-3));
    await range.nth(1).click();
    await range.nth(1).fill(shift(30));
    await range.nth(1).press('Enter');
    const cutoff = dialog.getByLabel('材料截止日');
    await cutoff.click();
    await cutoff.fill(shift(-5));
    await cutoff.press('Enter');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId(`round-${roundName}`).waitFor();
    await screenshot(page, 'points-rounds');
    await page.close();
  });

  it('a resident applies on a phone: known facts pre-filled and verified, the rest declared with proof under the pledge', async () => {
    const shipai = await apiAs('shipai');
    const building = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: '440106006002', address: `石牌积分路 ${suffix} 号` });
    const house = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: building.id, unit: '301', use: 'rental', ownerOrganisation: '石牌物业' });
    await shipai.post('/api/registry/residences/arrive', { ...person, arrivedOn: '2020-03-01', phone, houseId: house.id, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });

    const page = await newPage(browser(), { mobile: true });
    residentPage = page;
    await page.goto('/portal/login');
    await loginByPhone(page, phone);
    await page.getByTestId('service-points').click();
    await page.getByTestId(`apply-${roundName}`).click();
    await page.getByLabel('姓名').fill(person.name);
    await page.getByLabel('身份证号码').fill(person.idNumber);
    await page.getByTestId('start-form').click();
    await page.getByTestId('known-birth_date').getByText('1991-02-15').waitFor();
    await page.getByTestId('known-rented_months').waitFor();
    await page.getByTestId('declare-employed').getByText('是', { exact: true }).click();
    await page.getByTestId('declare-employed').locator('input[type=file]').setInputFiles(proof('labour-contract.png'));
    await page.getByTestId('declare-employed').getByText('已上传 1').waitFor();
    await pickOption(page, page.getByTestId('declare-education').getByRole('combobox'), '本科及以上');
    await page.getByTestId('declare-education').locator('input[type=file]').setInputFiles(proof('diploma.png'));
    await page.getByTestId('declare-education').getByText('已上传 1').waitFor();
    await page.getByTestId('declare-criminal_penalty_5y').getByText('否', { exact: true }).click();
    await page.getByTestId('score-total').waitFor();
    await screenshot(page, 'points-apply-phone');
    await page.getByTestId('pledge').click();
    await page.getByTestId('submit-application').click();
    await page.getByTestId('progress').waitFor();
    await expect.poll(() => page.getByTestId('application-status').first().textContent()).toBe('部门审核中');
    number = (await page.getByText(/^JF\d{10}$/).textContent()) ?? '';
    expect(number).toMatch(/^JF/);
  });

  it('the education reviewer returns it; the resident corrects from the phone; departments finish and the points are final', async () => {
    const reviewer = await newPage(browser());
    await loginAs(reviewer, 'reviewer-edu');
    await reviewer.goto(`/points/tasks?q=${number}`);
    await reviewer.getByTestId(`review-${number}`).click();
    const drawer = reviewer.locator('.ant-drawer');
    await drawer.getByTestId('review-education').getByText('退回').click();
    await drawer.getByLabel(/文化程度（最高学历） 理由/).fill('毕业证书照片不清晰，请重新上传');
    await screenshot(reviewer, 'points-review-drawer');
    await drawer.getByTestId('submit-review').click();
    await reviewer.getByText('已提交审核结果').waitFor();

    const resident = residentPage;
    await resident.goto('/portal/points');
    await resident.getByTestId(`my-application-${number}`).click();
    await resident.getByTestId('returned').getByText('毕业证书照片不清晰，请重新上传').waitFor();
    await screenshot(resident, 'points-my-application-returned');
    await resident.getByTestId('fix-education').locator('input[type=file]').setInputFiles(proof('diploma-clear.png'));
    await resident.getByTestId('fix-education').getByText('已上传 1').waitFor();
    await resident.getByTestId('resubmit').click();
    await expect.poll(() => resident.getByTestId('application-status').first().textContent()).toBe('部门审核中');

    await reviewer.reload();
    await reviewer.getByTestId(`review-${number}`).click();
    await drawer.getByTestId('review-education').getByText('更正').click();
    await pickOption(reviewer, drawer.getByTestId('review-education').getByRole('combobox'), '大专（含高职）');
    await drawer.getByLabel(/文化程度（最高学历） 理由/).fill('学信网认证为大专学历');
    await drawer.getByTestId('submit-review').click();
    await reviewer.getByText('已提交审核结果').waitFor();

    for (const [username, fact] of [['reviewer-hrss', 'employed'], ['reviewer-ps', 'criminal_penalty_5y']] as const) {
      const api = await apiAs(username);
      const queue = await api.get<{ items: { id: string; applicationNumber: string; status: string }[] }>(`/api/points/tasks?status=open&q=${number}`);
      const task = queue.items.find((i) => i.applicationNumber === number)!;
      await api.post(`/api/points/tasks/${task.id}/actions`, { action: 'complete', results: { [fact]: { outcome: 'confirmed' } }, transactionId: randomUUID() });
    }

    const admin = await newPage(browser());
    await loginAs(admin, 'admin');
    await admin.goto(`/points/applications?q=${number}`);
    await admin.getByTestId(`application-${number}`).click();
    await expect.poll(() => admin.getByTestId('application-status').first().textContent()).toBe('审核完毕');
    await admin.getByTestId('fact-value-education').getByText('学信网认证为大专学历', { exact: false }).waitFor();
    await admin.getByTestId('task-education-review').getByText('已完成').waitFor();
    await admin.getByTestId('task-tax-deduction').getByText('后置审核').waitFor();
    await screenshot(admin, 'points-case');
    await resident.reload();
    await expect.poll(() => resident.getByTestId('application-status').first().textContent()).toBe('审核完毕');
    await screenshot(resident, 'points-my-application-reviewed');
    await Promise.all([reviewer.close(), resident.close(), admin.close()]);
  });
});

describe('a round from ranking to publication', () => {
  const roundName = `排名轮次 e2e ${suffix}`;
  let roundId = '';
  const numbers: string[] = [];

  it('reviewed applications are ranked in the console; the first is verified at a window and the list published', async () => {
    const admin = await apiAs('admin');
    const shipai = await apiAs('shipai');
    const packs = await admin.get<{ items: { id: string; code: string; version: number; inForce: boolean }[] }>('/api/points/packs');
    const pack = packs.items.find((p) => p.code === 'gz-jfrh-2025' && p.version === 1)!;
    roundId = (await admin.post<{ id: string }>('/api/points/rounds', { name: roundName, year: 2026, packId: pack.id, quota: 1, opensOn: shift(-3), closesOn: shift(30), materialsCutoff: shift(-5), bornOnOrAfter: '1940-01-01', transactionId: randomUUID() })).id;
    const permits = await shipai.get<{ items: { name: string; idNumber: string; status: string }[] }>('/api/permits/permits?status=valid&pageSize=100');
    const people = permits.items.slice(0, 3);
    expect(people).toHaveLength(3);
    // Different pension years give different ranking scores: the first ranks highest.
    await loadInsurance(people.map((p, i) => ({ idNumber: p.idNumber, pension: 180 - i * 12 })));
    for (const person of people) {
      const proofId = await admin.upload(PNG, 'image/png');
      const view = await admin.post<{ number: string }>('/api/points/applications', {
        roundId, name: person.name, idNumber: person.idNumber, pledge: true, transactionId: randomUUID(),
        facts: { employed: { value: true, evidence: [proofId] }, education: { value: 'bachelor', evidence: [await admin.upload(PNG, 'image/png')] }, criminal_penalty_5y: { value: false } },
      });
      numbers.push(view.number);
    }
    await confirmAll(numbers);

    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto('/points/rounds');
    await page.getByTestId(`round-${roundName}`).click();
    const step = async (name: string, shown: string) => {
      await confirmPop(page.getByTestId(`round-${name}`));
      await page.getByText(`已完成：${shown}`).waitFor();
    };
    await step('close', '截止受理');
    await step('rank', '排名');
    const ranking = () => admin.get<{ items: { number: string; status: string; admitted: boolean }[] }>(`/api/points/rounds/${roundId}/ranking`);
    // Ranked: the cut is shown, nobody is told yet.
    expect((await ranking()).items.map((i) => `${i.admitted}:${i.status}`)).toEqual(['true:reviewed', 'false:reviewed', 'false:reviewed']);
    await page.getByTestId('ranking-cut').waitFor();
    await page.getByTestId('round-shortlist').click();
    await page.locator('.ant-popconfirm').getByText('名额内的 1 名申请人').waitFor();
    await screenshot(page, 'points-round-ranked');
    await confirmPop(page.getByTestId('round-shortlist'));
    await page.getByText('已完成：通知入围现场核验').waitFor();
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('现场核验中');
    // The notice goes out from a job; the page follows it until everyone is told.
    await page.getByTestId('round-notices').getByText('已通知 1 人').waitFor({ timeout: 60_000 });
    await screenshot(page, 'points-round-verifying');
    const ranked = await ranking();
    expect(ranked.items.map((i) => `${i.admitted}:${i.status}`)).toEqual(['true:shortlisted', 'false:reviewed', 'false:reviewed']);
    // From here on, numbers are in rank order.
    numbers.splice(0, numbers.length, ...ranked.items.map((i) => i.number));
    await page.getByRole('link', { name: numbers[0]! }).click();
    await confirmPop(page.getByTestId('staff-verify'));
    await expect.poll(() => page.getByTestId('application-status').first().textContent()).toBe('已现场核验');
    await page.goBack();
    await confirmPop(page.getByTestId('round-publish'));
    await page.getByText('公示期').first().waitFor();
    await page.close();
  });

  it('anyone objects on the public page; an upheld objection cancels the place and the next in rank moves up', async () => {
    const visitor = await newPage(browser(), { mobile: true });
    await visitor.goto(`/points/publication/${roundId}`);
    await visitor.getByTestId('public-list').getByText(numbers[0]!).waitFor();
    expect(await visitor.getByTestId('public-list').textContent()).toContain('*');
    await screenshot(visitor, 'points-publication');
    // The applicant's number finds their line; a mistyped one is explained, one not listed says so.
    const search = visitor.getByTestId('public-search').locator('input');
    await search.fill('JF12');
    await search.press('Enter');
    await visitor.getByText('申请编号为 JF 加 10 位数字，例如 JF2026000001').waitFor();
    await search.fill('JF2026999999');
    await search.press('Enter');
    await visitor.getByTestId('public-not-listed').waitFor();
    await search.fill(numbers[0]!.toLowerCase());
    await search.press('Enter');
    await visitor.getByTestId('public-list').getByText('第 1 名').waitFor();
    expect(await search.inputValue()).toBe(numbers[0]!.toLowerCase());
    await screenshot(visitor, 'points-publication-found');
    await visitor.getByTestId(`object-${numbers[0]}`).click();
    await visitor.getByLabel('异议内容（请写明事实和理由）').fill('据了解此人并未在本市稳定就业，请核查劳动合同。');
    await visitor.getByTestId('submit-objection').click();
    await visitor.getByTestId('objection-filed').waitFor();
    await visitor.close();

    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto(`/points/rounds/${roundId}`);
    await page.getByTestId(`objection-${numbers[0]}`).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('书面答复').fill('经核查，劳动合同为伪造，取消其申请。');
    await dialog.getByText('取消该申请（虚假材料）').click();
    await dialog.getByRole('button', { name: '异议成立' }).click();
    await page.getByTestId(`objection-${numbers[0]}`).getByText('成立').waitFor();
    await expect.poll(async () => (await page.locator('tr', { hasText: numbers[1]! }).textContent()) ?? '').toContain('入围待核验');
    expect(await page.locator('tr', { hasText: numbers[0]! }).count()).toBe(0);
    await screenshot(page, 'points-round-objection');
    await page.close();
  });

  it('statistics: a round\'s applications by status and quota used, each department\'s review time; a district sees its own', async () => {
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.getByTestId('console-menu').getByText('积分统计').click();
    await page.getByRole('img', { name: '各状态申请数' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /人力资源和社会保障/ }).count()).toBe(1);
    const cityTotal = Number((await page.locator('.ant-statistic', { hasText: '申请数' }).locator('.ant-statistic-content-value').textContent())!.replace(/,/g, ''));
    expect(cityTotal).toBeGreaterThan(0);
    await pickOption(page, page.getByLabel('轮次'), '最终名单已公布');
    await expect.poll(async () => Number((await page.locator('.ant-statistic', { hasText: '已发入户卡' }).locator('.ant-statistic-content-value').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.getByText('部门审核时效', { exact: true }).click();
    await screenshot(page, 'points-stats');
    await page.close();

    const district = await newPage(browser());
    await loginAs(district, 'baiyun');
    await district.goto('/points/stats');
    await district.getByRole('img', { name: '各状态申请数' }).or(district.getByText('本轮次在本辖区尚无申请')).first().waitFor();
    const theirs = Number((await district.locator('.ant-statistic', { hasText: '申请数' }).locator('.ant-statistic-content-value').textContent())!.replace(/,/g, ''));
    expect(theirs).toBeLessThan(cityTotal);
    await district.close();
  });
});

describe('a round to its final list', () => {
  const roundName = `最终名单轮次 e2e ${suffix}`;
  let roundId = '';
  const applicants: { name: string; idNumber: string; phone: string; number: string; portal?: Awaited<ReturnType<typeof apiAsPhone>> }[] = [];

  it('the first in rank withdraws on the phone and the next moves up; after publication the final list gives them the entry card', async () => {
    const admin = await apiAs('admin');
    const shipai = await apiAs('shipai');
    const packs = await admin.get<{ items: { id: string; code: string; version: number }[] }>('/api/points/packs');
    const pack = packs.items.find((p) => p.code === 'gz-jfrh-2025' && p.version === 1)!;
    // Materials count up to tomorrow: the permits below are issued today.
    roundId = (await admin.post<{ id: string }>('/api/points/rounds', { name: roundName, year: 2026, packId: pack.id, quota: 1, opensOn: shift(-3), closesOn: shift(30), materialsCutoff: shift(1), bornOnOrAfter: '1940-01-01', transactionId: randomUUID() })).id;
    // Two newcomers living in Shipai since 2020 get their residence permits at the counter and apply for themselves in the portal.
    for (const [i, name] of ['终审甲', '终审乙'].entries()) {
      const applicant = { name, idNumber: idNumber(`4401061992030${i + 1}${suffix.slice(1)}`), phone: `13${5 - 2 * i}1234${suffix}`, number: '' };
      const building = await shipai.post<{ id: string }>('/api/registry/buildings', { divisionCode: '440106006002', address: `石牌终审路 ${suffix}-${i} 号` });
      const house = await shipai.post<{ id: string }>('/api/registry/houses', { buildingId: building.id, unit: '101', use: 'rental', ownerOrganisation: '石牌物业' });
      await shipai.post('/api/registry/residences/arrive', { name, idNumber: applicant.idNumber, arrivedOn: '2020-03-01', phone: applicant.phone, houseId: house.id, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });
      const evidence = [];
      for (const kind of ['photo', 'id_card', 'employment_proof']) evidence.push({ kind, fileId: await shipai.upload(PNG, 'image/png') });
      const permit = await shipai.post<{ id: string }>('/api/permits/applications', { name, idNumber: applicant.idNumber, basis: 'employment', basisDetail: '天河某公司', evidence, transactionId: randomUUID() });
      await shipai.post(`/api/permits/applications/${permit.id}/actions`, { action: 'issue', transactionId: randomUUID() });
      applicants.push(applicant);
    }
    await loadInsurance(applicants.map((a, i) => ({ idNumber: a.idNumber, pension: 200 - i * 24 })));
    for (const applicant of applicants) {
      const portal = await apiAsPhone(applicant.phone);
      applicant.portal = portal;
      const view = await portal.post<{ number: string }>('/api/points/my/applications', {
        roundId, name: applicant.name, idNumber: applicant.idNumber, pledge: true, transactionId: randomUUID(),
        facts: { employed: { value: true, evidence: [await portal.upload(PNG, 'image/png')] }, education: { value: 'bachelor', evidence: [await portal.upload(PNG, 'image/png')] }, criminal_penalty_5y: { value: false } },
      });
      applicant.number = view.number;
    }
    await confirmAll(applicants.map((a) => a.number));
    for (const action of ['close', 'rank', 'shortlist']) await admin.post(`/api/points/rounds/${roundId}/actions`, { action, transactionId: randomUUID() });
    const ranking = async () => (await admin.get<{ items: { number: string; status: string; admitted: boolean; cardNumber: string | null }[] }>(`/api/points/rounds/${roundId}/ranking`)).items;
    expect((await ranking()).map((i) => `${i.number}:${i.status}`)).toEqual([`${applicants[0]!.number}:shortlisted`, `${applicants[1]!.number}:reviewed`]);

    // The first withdraws from the phone.
    const first = await newPage(browser(), { mobile: true });
    await applicants[0]!.portal!.signIn(first);
    await first.goto('/portal/points');
    await first.getByTestId(`my-application-${applicants[0]!.number}`).click();
    await confirmPop(first.getByTestId('withdraw'));
    await expect.poll(() => first.getByTestId('application-status').first().textContent()).toBe('已撤回');
    await first.close();
    expect((await ranking()).map((i) => `${i.number}:${i.status}`)).toEqual([`${applicants[1]!.number}:shortlisted`]);

    // The next is verified at the window and the list published.
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.goto(`/points/rounds/${roundId}`);
    await page.getByRole('link', { name: applicants[1]!.number }).click();
    await confirmPop(page.getByTestId('staff-verify'));
    await expect.poll(() => page.getByTestId('application-status').first().textContent()).toBe('已现场核验');
    const published = await admin.post<{ publishedUntil: string }>(`/api/points/rounds/${roundId}/actions`, { action: 'publish', transactionId: randomUUID() });

    // The day after the publication period: the round is made final in the console and the entry card issued.
    await page.setExtraHTTPHeaders({ 'x-anju-clock': `${shift(1, published.publishedUntil)}T10:00:00+08:00` });
    await page.goto(`/points/rounds/${roundId}`);
    await confirmPop(page.getByTestId('round-finalize'));
    await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('最终名单已公布');
    await expect.poll(async () => (await page.locator('tr', { hasText: applicants[1]!.number }).textContent()) ?? '').toMatch(/RH2026\d{7}/);
    await screenshot(page, 'points-round-final');
    await page.close();

    const next = await newPage(browser(), { mobile: true });
    await applicants[1]!.portal!.signIn(next);
    // Moved up when the first withdrew, and told so with a deadline of their own.
    await next.goto('/portal');
    await next.getByTestId('inbox').getByText(new RegExp(`积分申请${applicants[1]!.number}排名第1名，已入围`)).waitFor();
    await next.goto('/portal/points');
    await next.getByTestId(`my-application-${applicants[1]!.number}`).click();
    await expect.poll(() => next.getByTestId('entry-card').textContent()).toMatch(/入户卡已发放：RH2026\d{7}/);
    await screenshot(next, 'points-entry-card-phone');
    await next.close();
  });
});

describe('in English', () => {
  it('the points pages read in English, with no untranslated keys', async () => {
    const admin = await apiAs('admin');
    const rounds = (await admin.get<{ items: { id: string; name: string; status: string }[] }>('/api/points/rounds')).items;
    // The demo's last year round (the other tests make rounds of their own final too).
    const final = rounds.find((r) => r.status === 'final' && r.name.endsWith('年度积分制入户'))!;
    const packs = (await admin.get<{ items: { id: string; code: string }[] }>('/api/points/packs')).items;
    const waiting = (await admin.get<{ items: { id: string }[] }>(`/api/points/applications?roundId=${final.id}&status=shortlisted`)).items[0]!;
    const page = await newPage(browser());
    await loginAs(page, 'admin');
    await page.evaluate(() => localStorage.setItem('anju.lang', 'en'));
    const pages: [string, string][] = [
      ['/points/rounds', 'Points rounds'], [`/points/rounds/${final.id}`, 'Ranking'], ['/points/packs', 'Points policy packs'],
      [`/points/packs/${packs.find((p) => p.code === 'gz-jfrh-2025')!.id}`, 'Guangzhou'], ['/points/stats', 'Points statistics'],
      ['/points/applications', 'Points applications'], ['/points/tasks', 'Department review'], [`/points/applications/${waiting.id}`, 'Shortlisted, to verify'],
    ];
    for (const [path, text] of pages) {
      await page.goto(path);
      await page.getByText(text).first().waitFor();
      // A missing translation shows as its key, e.g. "round.status.verifying".
      const body = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
      expect(body, path).not.toMatch(/\b(round|rounds|appStatus|taskStatus|taskKind|staff|stats|pack|packs|rule|category|status|interpretation|outcome|source|progress|applications|application|tasks)\.[a-z][A-Za-z]+/);
      if (path.startsWith('/points/rounds/')) await screenshot(page, 'points-round-final-en');
    }
    // The public list of that round, on a desktop: the table, the search, the final mark.
    await page.goto(`/points/publication/${final.id}`);
    await page.getByText('Final list').first().waitFor();
    await page.getByPlaceholder('Find an application number').waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/\bpublic\.[a-z][A-Za-z]+/);
    await screenshot(page, 'points-publication-en');
    await page.close();
  });
});
