// C printf for one number, as glibc prints it: the formats usbhid-ups and its
// subdrivers apply to HID values ("%.0f", "%.1f", "%g", "%d", "%08lx", ...).
// Halfway cases round to even, as glibc does ("%.0f" of 2.5 is "2").

/** %.<prec>f */
export function fixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? (x < 0 ? '-nan' : 'nan') : x < 0 ? '-inf' : 'inf';
  let s = x.toFixed(prec);
  const scaled = Math.abs(x) * 10 ** prec;
  // toFixed rounds exact halves up; glibc rounds them to even
  if (Number.isInteger(scaled * 2) && !Number.isInteger(scaled) && scaled < 2 ** 52) {
    const down = Math.floor(scaled);
    const q = down % 2 === 0 ? down : down + 1;
    const digits = q.toString().padStart(prec + 1, '0');
    s = (x < 0 ? '-' : '') + (prec ? `${digits.slice(0, -prec)}.${digits.slice(-prec)}` : digits);
  }
  return s;
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
