/**
 * A fixed-window counter kept in memory: enough for one server process, which is how Anju runs.
 * `hit` answers how many seconds the caller must wait, or 0 when the attempt is allowed; `max` overrides the
 * limit (a configured one).
 */
export function createRateLimiter(limit: number, windowSeconds: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key: string, now = Date.now(), max = limit): number {
      const window = windows.get(key);
      if (!window || now - window.start >= windowSeconds * 1000) {
        windows.set(key, { start: now, count: 1 });
        if (windows.size > 100_000) windows.clear();
        return 0;
      }
      window.count += 1;
      return window.count > max ? Math.ceil((window.start + windowSeconds * 1000 - now) / 1000) : 0;
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}
