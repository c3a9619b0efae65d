/** The PostgreSQL error code of `error` or of its cause (Drizzle wraps driver errors). */
function pgCode(error: unknown): { code?: string; constraint?: string } {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}) };
    }
    current = candidate.cause;
  }
  return {};
}

/** Whether `error` is a unique violation, of `constraint` when given: the loser of a race to insert. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = pgCode(error);
  return found.code === '23505' && (!constraint || found.constraint === constraint);
}
