// The C library behaviours NUT's output depends on, once each: number parsing
// (atoi/strtol/strtod with glibc's overflow rules), printf-style number
// formatting, strerror() texts and getpwnam()/getpwuid() on /etc/passwd.
// Each variant is named after the C call the reference makes at a call site,
// so a caller picks the reference's behaviour by picking the function.

import { readFileSync } from 'node:fs';

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** C isspace() in the "C" locale (JS \s also matches Unicode blanks, C does not). */
const C_SPACE = '[ \\t\\n\\v\\f\\r]*';
const DEC_RE = new RegExp(`^${C_SPACE}([+-]?\\d+)`);
const HEX_RE = new RegExp(`^${C_SPACE}([+-]?)(?:0[xX])?([0-9a-fA-F]+)`);
const OCT_RE = new RegExp(`^${C_SPACE}([+-]?)([0-7]+)`);
const FLOAT_RE = new RegExp(`^${C_SPACE}([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)`);
const INFNAN_RE = new RegExp(`^${C_SPACE}([+-]?)(inf(?:inity)?|nan)`, 'i');

/** The value of the leading integer of `s` in `base` (10, 16, 8 or 0 = by prefix), as a bigint; undefined when none. */
function leadingInteger(s: string, base: number): bigint | undefined {
  if (base === 0) {
    const t = s.replace(new RegExp(`^${C_SPACE}[+-]?`), '');
    base = /^0[xX][0-9a-fA-F]/.test(t) ? 16 : /^0/.test(t) ? 8 : 10;
  }
  if (base === 10) {
    const m = DEC_RE.exec(s);
    return m ? BigInt(m[1]!) : undefined;
  }
  const m = (base === 16 ? HEX_RE : OCT_RE).exec(s);
  if (!m) return undefined;
  const v = BigInt((base === 16 ? '0x' : '0o') + m[2]!);
  return m[1] === '-' ? -v : v;
}

/**
 * strtol(s, NULL, base) with a 64-bit long (glibc x86-64): leading C blanks,
 * optional sign, digits; junk after them ignored; no digits → 0; out of range
 * saturates at LONG_MIN/LONG_MAX (ERANGE). Values beyond 2^53 lose precision
 * in a JS number, which no NUT field reaches.
 */
export function strtol(s: string | undefined, base = 10): number {
  const v = leadingInteger(s ?? '', base);
  if (v === undefined) return 0;
  return Number(v > LONG_MAX ? LONG_MAX : v < LONG_MIN ? LONG_MIN : v);
}

/**
 * glibc atoi(s) = (int)strtol(s, NULL, 10): saturates at the 64-bit long
 * limits, then keeps the low 32 bits, so 4294967297 reads as 1 and
 * 99999999999999999999 as -1.
 */
export function atoi(s: string | undefined): number {
  const v = leadingInteger(s ?? '', 10);
  if (v === undefined) return 0;
  const sat = v > LONG_MAX ? LONG_MAX : v < LONG_MIN ? LONG_MIN : v;
  return Number(BigInt.asIntN(32, sat));
}

/** strtod(s, NULL): the longest leading decimal float (or inf/nan); 0 when none. Hex floats are not used by NUT. */
export function strtod(s: string | undefined): number {
  if (!s) return 0;
  const m = FLOAT_RE.exec(s);
  if (m) return Number(m[1]);
  const i = INFNAN_RE.exec(s);
  if (!i) return 0;
  if (i[2]!.toLowerCase() === 'nan') return NaN;
  return i[1] === '-' ? -Infinity : Infinity;
}

/** C's "%.Nf": glibc rounds exact binary ties to even where JS toFixed rounds them up; no "-0". */
export function fixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  if (Number.isFinite(scaled) && Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / 10 ** digits).toFixed(digits);
  }
  const s = x.toFixed(digits);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/**
 * The printf subset driver tables use: %s, %d, %ld, %x, %f with optional
 * 0-flag, width and precision, and %%. Arguments are consumed in order.
 */
export function cformat(fmt: string, ...args: (string | number)[]): string {
  let i = 0;
  return fmt.replace(/%(%|(0?)(\d*)(?:\.(\d+))?(l?)([sdfx]))/g, (_m, pct: string, zero: string, width: string, prec: string | undefined, _l: string, conv: string) => {
    if (pct === '%') return '%';
    const a = args[i++];
    let s: string;
    if (conv === 's') s = String(a ?? '');
    else if (conv === 'f') s = fixed(Number(a), prec === undefined ? 6 : parseInt(prec, 10));
    else if (conv === 'x') s = Math.trunc(Number(a)).toString(16);
    else s = String(Math.trunc(Number(a)));
    const w = width ? parseInt(width, 10) : 0;
    if (s.length < w) {
      if (zero && conv !== 's') {
        const neg = s.startsWith('-');
        s = (neg ? '-' : '') + s.slice(neg ? 1 : 0).padStart(w - (neg ? 1 : 0), '0');
      } else s = s.padStart(w, ' ');
    }
    return s;
  });
}

/** Linux errno numbers and glibc strerror() texts, for the errors NUT programs print. */
const ERRNO: ReadonlyArray<readonly [number, string, string]> = [
  [1, 'EPERM', 'Operation not permitted'],
  [2, 'ENOENT', 'No such file or directory'],
  [3, 'ESRCH', 'No such process'],
  [4, 'EINTR', 'Interrupted system call'],
  [5, 'EIO', 'Input/output error'],
  [6, 'ENXIO', 'No such device or address'],
  [9, 'EBADF', 'Bad file descriptor'],
  [11, 'EAGAIN', 'Resource temporarily unavailable'],
  [12, 'ENOMEM', 'Cannot allocate memory'],
  [13, 'EACCES', 'Permission denied'],
  [16, 'EBUSY', 'Device or resource busy'],
  [17, 'EEXIST', 'File exists'],
  [19, 'ENODEV', 'No such device'],
  [20, 'ENOTDIR', 'Not a directory'],
  [21, 'EISDIR', 'Is a directory'],
  [22, 'EINVAL', 'Invalid argument'],
  [24, 'EMFILE', 'Too many open files'],
  [25, 'ENOTTY', 'Inappropriate ioctl for device'],
  [28, 'ENOSPC', 'No space left on device'],
  [30, 'EROFS', 'Read-only file system'],
  [32, 'EPIPE', 'Broken pipe'],
  [36, 'ENAMETOOLONG', 'File name too long'],
  [88, 'ENOTSOCK', 'Socket operation on non-socket'],
  [97, 'EAFNOSUPPORT', 'Address family not supported by protocol'],
  [98, 'EADDRINUSE', 'Address already in use'],
  [99, 'EADDRNOTAVAIL', 'Cannot assign requested address'],
  [101, 'ENETUNREACH', 'Network is unreachable'],
  [103, 'ECONNABORTED', 'Software caused connection abort'],
  [104, 'ECONNRESET', 'Connection reset by peer'],
  [110, 'ETIMEDOUT', 'Connection timed out'],
  [111, 'ECONNREFUSED', 'Connection refused'],
  [113, 'EHOSTUNREACH', 'No route to host'],
];
const BY_NAME = new Map(ERRNO.map(([, n, t]) => [n, t]));
const BY_NUMBER = new Map(ERRNO.map(([n, , t]) => [n, t]));

/**
 * strerror() for an errno number, or for a Node system error (by its `code`).
 * An unknown number reads "Unknown error N" as glibc prints it; an error
 * without a known code keeps its own message.
 */
export function errnoText(e: unknown): string {
  if (typeof e === 'number') return BY_NUMBER.get(e) ?? `Unknown error ${e}`;
  const code = (e as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string' && BY_NAME.has(code)) return BY_NAME.get(code)!;
  return e instanceof Error ? e.message : String(e);
}

/** One /etc/passwd entry. */
export interface PwEnt { name: string; uid: number; gid: number; dir: string }

function passwdEntries(text: string): PwEnt[] {
  const out: PwEnt[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), dir: f[5] ?? '' });
  }
  return out;
}

/** The passwd database; a missing file reads as empty (getpwnam then finds nobody, as with no NSS entry). */
export function readPasswd(path = '/etc/passwd'): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

/** getpwnam(): Node has no binding, so the passwd file is read directly (no NSS modules such as LDAP). */
export function getpwnam(name: string, passwd: string = readPasswd()): PwEnt | undefined {
  return passwdEntries(passwd).find((p) => p.name === name);
}

/** getpwuid() */
export function getpwuid(uid: number, passwd: string = readPasswd()): PwEnt | undefined {
  return passwdEntries(passwd).find((p) => p.uid === uid);
}
