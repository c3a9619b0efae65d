import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { apiAs, sharedBrowser, loginAs, newPage, screenshot } from './browser';

const browser = sharedBrowser();

const suffix = String(Date.now() % 10000).padStart(4, '0');
/** The sequence digits of this run's ID numbers (the birth dates are fixed, so always real days). */
const seq = suffix.slice(1);
const id = (first17: string) => first17 + idCheckCharacter(first17);
/** The number with a check character that is certainly wrong. */
const wrongCheck = (first17: string) => first17 + (idCheckCharacter(first17) === 'X' ? '0' : 'X');

describe('bulk import in the console', () => {
  it('a community officer uploads a file, watches it finish and downloads the rejected rows', async () => {
    const community = await apiAs('community');
    const house = (await community.get<{ items: { address: string; unit: string }[] }>('/api/registry/houses?pageSize=1')).items[0]!;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'anju-import-')), `公寓上报-${suffix}.csv`);
    writeFileSync(file, [
      '姓名,身份证号码,手机号码,地址,房号,居住关系,入住日期',
      `导入甲,${id(`43010419940301${seq}`)},13700001234,${house.address},${house.unit},租住,2026-10-08`,
      `导入乙,${id(`36010219930502${seq}`)},,${house.address},${house.unit},宿舍,2026-10-09`,
      `号码错,${wrongCheck(`45010219920703${seq}`)},,${house.address},${house.unit},租住,2026-10-09`,
      `地址错,${id(`51010419910904${seq}`)},,不存在的地址 1 号,101,租住,2026-10-09`,
    ].join('\n'));

    const page = await newPage(browser());
    await loginAs(page, 'community');
    await page.getByTestId('console-menu').getByText('批量导入').click();
    await page.getByText('点击或拖入文件上传').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    const row = page.locator('.ant-table-row').filter({ hasText: `公寓上报-${suffix}.csv` });
    await row.getByText('已完成').waitFor({ timeout: 60_000 });
    await row.getByTestId('import-progress-done').getByText('4 / 4').waitFor();
    await screenshot(page, 'registry-imports');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(3, 5)).toEqual(['2', '0']);
    const href = await row.getByRole('link', { name: '下载未导入行' }).getAttribute('href');
    const rejects = await page.request.get(href!);
    expect(rejects.status()).toBe(200);
    const text = await rejects.text();
    expect(text).toContain('号码错');
    expect(text).toContain('不在您辖区的标准地址库中');
    const found = await community.get<{ items: { name: string; residing: boolean }[] }>(`/api/registry/persons?idNumber=${id(`43010419940301${seq}`)}`);
    expect(found.items[0]).toMatchObject({ name: '导入甲', residing: true });
    await page.context().close();
  });
});
