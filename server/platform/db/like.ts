/** `value` with LIKE's wildcards escaped, to match it literally inside a pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

/** Whether a search text is a whole ID number (15 or 18 characters), to look it up exactly. */
export function isWholeIdNumber(text: string): boolean {
  return /^(\d{15}|\d{17}[\dXx])$/.test(text);
}
