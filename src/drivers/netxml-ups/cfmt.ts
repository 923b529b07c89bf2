// The few C library behaviours mge-xml.c's conversions rely on, as glibc has
// them: atoi, printf's "%.Nf" rounding, strtok.

/** glibc atoi: (int) strtol(s, NULL, 10) — leading blanks, a sign, digits; clamps to long, then keeps 32 bits */
export function catoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!m) return 0;
  let v = BigInt(`${m[1]}${m[2]}`);
  const max = (1n << 63n) - 1n;
  if (v > max) v = max;
  if (v < -max - 1n) v = -max - 1n;
  return Number(BigInt.asIntN(32, v));
}

/**
 * printf("%.Nf", x): the exact binary value rounded to N decimals, ties to even
 * (JS toFixed rounds ties up: 0.125 → "0.13" where C prints "0.12").
 */
export function cfixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const s = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return s;
  // a tie: toFixed went away from zero; C goes to the even neighbour
  const scaled = Math.abs(x).toFixed(digits).replace('.', '');
  const last = Number(scaled[scaled.length - 1]);
  if (last % 2 === 0) return s;
  const down = (Math.trunc(Math.abs(x) * 10 ** digits) / 10 ** digits).toFixed(digits);
  return x < 0 ? `-${down}` : down;
}

/** strtok: skip leading delimiters, take a token up to the next one */
export function strtok(s: string, delims: string): { token: string | null; rest: string } {
  let i = 0;
  while (i < s.length && delims.includes(s[i]!)) i++;
  if (i >= s.length) return { token: null, rest: '' };
  let j = i;
  while (j < s.length && !delims.includes(s[j]!)) j++;
  return { token: s.slice(i, j), rest: s.slice(j + 1) };
}
