/** An amount in fen as yuan with the sign, e.g. 1250 → ¥12.50. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** An amount in fen as a plain yuan figure, for text that names the unit itself (… 元). */
export const yuanFigure = (fen: number): string => (fen / 100).toFixed(2);
