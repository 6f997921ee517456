/** A women's share as the roster and rotation tables print it: two decimals and %, or — when there is no one to count. */
export const share = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);
