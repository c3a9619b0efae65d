import gz2025 from './gz-jfrh-2025.json';
import gz2014 from './gz-jfrh-2014.json';
import fs2016 from './fs-2016.json';
import bj2016 from './bj-2016.json';
import sh2015 from './sh-2015.json';

/**
 * The packs Anju ships (policy.md §1, §5): Guangzhou's current table and four earlier or other-city tables, so a
 * city can switch or compare. They are loaded into the database as published version 1 of each code.
 */
export const SHIPPED_PACKS: readonly unknown[] = [gz2025, gz2014, fs2016, bj2016, sh2015];

/** The pack a Guangzhou deployment uses unless a city admin publishes another. */
export const DEFAULT_PACK_CODE = 'gz-jfrh-2025';
