// C printf for one number, as glibc prints it: the formats usbhid-ups and its
// subdrivers apply to HID values ("%.0f", "%.1f", "%g", "%d", "%08lx", ...).
// Halfway cases round to even, as glibc does ("%.0f" of 2.5 is "2").

/**
 * %.<prec>f: the exact binary value rounded to nearest, halfway cases to even
 * (toFixed rounds them up). A tie is judged on the exact decimal expansion:
 * 13.65 is 13.6500000000000003552... and prints 13.7, as glibc does.
 */
export function fixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? (x < 0 ? '-nan' : 'nan') : x < 0 ? '-inf' : 'inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    s = BigInt(a).toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
  } else {
    const exact = a.toFixed(100);
    const dot = exact.indexOf('.');
    const frac = exact.slice(dot + 1);
    if (frac[prec] === '5' && /^0*$/.test(frac.slice(prec + 1))) {
      const kept = BigInt(exact.slice(0, dot) + frac.slice(0, prec));
      const r = (kept % 2n === 0n ? kept : kept + 1n).toString().padStart(prec + 1, '0');
      s = prec > 0 ? `${r.slice(0, r.length - prec)}.${r.slice(r.length - prec)}` : r;
    } else {
      s = a.toFixed(prec);
    }
  }
  return neg ? `-${s}` : s;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** %g with precision `p` (default 6) */
export function general(x: number, p = 6, alt = false): string {
  if (!Number.isFinite(x)) return fixed(x, 0);
  if (p === 0) p = 1;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [, expStr] = x.toExponential(p - 1).split('e');
  const e = parseInt(expStr!, 10);
  if (e < -4 || e >= p) {
    let [mant, ex] = x.toExponential(p - 1).split('e');
    if (!alt) mant = stripZeros(mant!);
    const en = parseInt(ex!, 10);
    return `${mant}e${en < 0 ? '-' : '+'}${Math.abs(en).toString().padStart(2, '0')}`;
  }
  const s = fixed(x, Math.max(0, p - 1 - e));
  return alt ? s : stripZeros(s);
}

/**
 * sprintf(fmt, value) for a format with at most one numeric conversion.
 * Integer conversions take the value truncated toward zero.
 */
export function cprintf(fmt: string, value: number): string {
  return fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d*))?(hh|h|ll|l|j|z|t|L)?([diouxXfFeEgGs%])/g,
    (_m, flags: string, width: string, precStr: string | undefined, _len, conv: string) => {
      if (conv === '%') return '%';
      const prec = precStr === undefined ? undefined : parseInt(precStr || '0', 10);
      let body: string;
      let neg = false;
      switch (conv) {
        case 'f': case 'F': body = fixed(Math.abs(value), prec ?? 6); neg = value < 0 || Object.is(value, -0); break;
        case 'e': case 'E': {
          const [m, ex] = Math.abs(value).toExponential(prec ?? 6).split('e');
          const en = parseInt(ex!, 10);
          body = `${m}e${en < 0 ? '-' : '+'}${Math.abs(en).toString().padStart(2, '0')}`;
          neg = value < 0;
          break;
        }
        case 'g': case 'G': body = general(Math.abs(value), prec ?? 6, flags.includes('#')); neg = value < 0 || Object.is(value, -0); break;
        case 'd': case 'i': { const t = Math.trunc(value); body = Math.abs(t).toString(); neg = t < 0; break; }
        case 'u': body = BigInt.asUintN(64, BigInt(Math.trunc(value))).toString(); break;
        case 'x': case 'X': case 'o': {
          const b = BigInt.asUintN(64, BigInt(Math.trunc(value)));
          body = b.toString(conv === 'o' ? 8 : 16);
          break;
        }
        default: body = String(value);
      }
      if (conv === 'X' || conv === 'E' || conv === 'G') body = body.toUpperCase();
      if (prec !== undefined && 'diuxXo'.includes(conv)) body = body.padStart(prec, '0');
      const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const w = width ? parseInt(width, 10) : 0;
      const len = sign.length + body.length;
      if (len >= w) return sign + body;
      if (flags.includes('-')) return sign + body + ' '.repeat(w - len);
      if (flags.includes('0') && !(prec !== undefined && 'diuxXo'.includes(conv))) return sign + '0'.repeat(w - len) + body;
      return ' '.repeat(w - len) + sign + body;
    });
}
