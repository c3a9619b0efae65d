/**
 * `npm run bench -- NAME [options]`: runs bench/NAME.bench.ts, which prints its figures and their
 * ratio to a bare-PostgreSQL baseline measured in the same run. `npm run bench` lists the benches.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const names = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.log(`usage: npm run bench -- NAME\nbenches: ${names.join(', ')}`);
  process.exitCode = name ? 1 : 0;
} else {
  await import(path.join(import.meta.dirname, `${name}.bench.ts`));
}
