// The C helpers against what glibc prints for the same input (values checked
// with a one-line C program: printf("%d %ld %g", atoi(s), strtol(s,0,b), strtod(s,0))).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atoi, strtol, strtod, fixed, cformat, errnoText, getpwnam, getpwuid } from '../../../src/core/cstd.js';

test('atoi: blanks, sign, junk, and glibc overflow ((int)strtol: saturate at long, keep 32 bits)', () => {
  const cases: Array<[string, number]> = [
    ['42', 42], ['  \t-17x', -17], ['+5', 5], ['', 0], ['abc', 0], ['- 1', 0], ['0x10', 0], ['12.9', 12],
    ['2147483647', 2147483647], ['2147483648', -2147483648], ['4294967297', 1], ['-2147483649', 2147483647],
    ['99999999999999999999', -1], ['-99999999999999999999', 0],
    ['\u00a07', 0], // C isspace() knows no Unicode blanks
  ];
  for (const [s, v] of cases) assert.equal(atoi(s), v, JSON.stringify(s));
  assert.equal(atoi(undefined), 0);
});

test('strtol: 64-bit long, saturating; bases 10, 16, 8 and 0 (by prefix)', () => {
  assert.equal(strtol('4294967297'), 4294967297);
  assert.equal(strtol('99999999999999999999'), Number(2n ** 63n - 1n));
  assert.equal(strtol('-99999999999999999999'), Number(-(2n ** 63n)));
  assert.equal(strtol(' -12abc'), -12);
  assert.equal(strtol('ff', 16), 255);
  assert.equal(strtol('0x1F', 16), 31);
  assert.equal(strtol('-0x10', 0), -16);
  assert.equal(strtol('017', 0), 15);
  assert.equal(strtol('17', 0), 17);
  assert.equal(strtol('8', 8), 0);
  assert.equal(strtol('zz', 16), 0);
  assert.equal(strtol(undefined), 0);
});

test('strtod: prefix, exponent, inf/nan, junk', () => {
  assert.equal(strtod(' 230.5V'), 230.5);
  assert.equal(strtod('-.5'), -0.5);
  assert.equal(strtod('1e3x'), 1000);
  assert.equal(strtod('1e'), 1);
  assert.equal(strtod('abc'), 0);
  assert.equal(strtod('-inf'), -Infinity);
  assert.ok(Number.isNaN(strtod('nan')));
  assert.equal(strtod(undefined), 0);
});

test('fixed/cformat: glibc rounding of exact ties to even, no "-0", padding', () => {
  assert.equal(fixed(2.5, 0), '2');
  assert.equal(fixed(3.5, 0), '4');
  assert.equal(fixed(-0.2, 0), '0');
  assert.equal(fixed(0.125, 2), '0.12');
  assert.equal(cformat('%05.1f|%s|%3d|%02ld|%x|%%', 3.14159, 'a', 7, 5, 255), '003.1|a|  7|05|ff|%');
  assert.equal(cformat('%04d', -3), '-003');
});

test('errnoText: glibc strerror texts by number and Node code; otherwise the message', () => {
  assert.equal(errnoText(2), 'No such file or directory');
  assert.equal(errnoText(25), 'Inappropriate ioctl for device');
  assert.equal(errnoText(4242), 'Unknown error 4242');
  assert.equal(errnoText(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'Connection refused');
  assert.equal(errnoText(new Error('plain')), 'plain');
  assert.equal(errnoText('s'), 's');
});

test('getpwnam/getpwuid on a passwd text; malformed lines skipped', () => {
  const pw = 'root:x:0:0:root:/root:/bin/bash\nbroken\nnut:x:abc:1\nnut:x:115:120::/var/lib/nut:/usr/sbin/nologin\n';
  assert.deepEqual(getpwnam('nut', pw), { name: 'nut', uid: 115, gid: 120, dir: '/var/lib/nut' });
  assert.equal(getpwnam('nobody-here', pw), undefined);
  assert.equal(getpwuid(0, pw)?.name, 'root');
  assert.equal(getpwuid(99, pw), undefined);
});
