// Which USB device to use: the -x vendorid/productid/vendor/product/serial/
// bus/device options as POSIX extended regular expressions matched against
// the whole value, case-insensitively, leading and trailing blanks ignored
// (NUT's USBNewRegexMatcher); and the exact matcher that keeps a reconnect on
// the same unit (same IDs and strings). Pure.

import type { HidDeviceInfo } from './subdriver.js';

export const MATCH_KEYS = ['vendorid', 'productid', 'vendor', 'product', 'serial', 'bus', 'device'] as const;

export type Matcher = (d: HidDeviceInfo) => boolean;

export class RegexError extends Error {
  constructor(readonly index: number, value: string) { super(`invalid regular expression: ${value}`); }
}

/** A POSIX ERE as a JS RegExp matching the whole string (leftmost-longest = some full match). */
function compile(re: string, i: number, get: (k: string) => string | undefined): RegExp {
  // POSIX bracket classes JS lacks
  const js = re.replace(/\[:(alpha|digit|alnum|upper|lower|space|xdigit|punct|blank):\]/g, (_m, c: string) => ({
    alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
    xdigit: '0-9a-fA-F', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t',
  })[c]!);
  try {
    return new RegExp(`^(?:${js})$`, 'i');
  } catch {
    // the reference names the option after the bad one (regex_array[i + 1]), "(null)" when unset
    throw new RegexError(i, get(MATCH_KEYS[i + 1] ?? '') ?? '(null)');
  }
}

function trimBlanks(s: string | null): string {
  return (s ?? '').replace(/^[ \t\n]+/, '').replace(/[ \t\n]+$/, '');
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** The regex matcher of the given options; throws RegexError on a bad expression. */
export function regexMatcher(get: (k: string) => string | undefined): Matcher {
  const res = MATCH_KEYS.map((k, i) => { const v = get(k); return v === undefined ? undefined : compile(v, i, get); });
  return (d) => {
    const vals = [hex4(d.vendorId), hex4(d.productId), trimBlanks(d.vendor), trimBlanks(d.product), trimBlanks(d.serial),
      trimBlanks(d.bus), trimBlanks(d.device)];
    return res.every((re, i) => !re || re.test(vals[i]!));
  };
}

/** Matches the same unit again: IDs and the three strings (bus and device may change on replug). */
export function exactMatcher(ref: HidDeviceInfo): Matcher {
  return (d) => d.vendorId === ref.vendorId && d.productId === ref.productId && d.vendor === ref.vendor
    && d.product === ref.product && d.serial === ref.serial;
}
