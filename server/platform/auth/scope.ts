import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

/** The subtree of divisions a caller works in: a division-code prefix, or nothing at all. */
export type Scope = { root: string | null };

export const NO_SCOPE: Scope = { root: null };

/** `column LIKE 'root%'` for the caller's subtree; false for a caller with no jurisdiction. */
export function inScope(column: AnyColumn, scope: Scope): SQL {
  if (scope.root === null) return sql`false`;
  return sql`${column} like ${`${scope.root}%`}`;
}

/** Whether the caller works city-wide (or wider): city-wide settings and the outbox are theirs alone. */
export function isCityWide(scope: Scope): boolean {
  return scope.root !== null && scope.root.length <= 4;
}

export function scopeContains(scope: Scope, code: string | null | undefined): boolean {
  return scope.root !== null && typeof code === 'string' && code.startsWith(scope.root);
}
