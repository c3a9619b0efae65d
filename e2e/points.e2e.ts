import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, loginByPhone, newPage, pickOption, screenshot, sharedBrowser } from './browser';

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
