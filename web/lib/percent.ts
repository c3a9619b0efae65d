/** `part` of `whole` as a percentage with one decimal ("37.5%"), or a dash when there is no whole. */
export const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');
