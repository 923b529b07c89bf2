import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFormat, renderLine, varsOf, DEFAULT_LOGFORMAT } from '../../../src/client/upslog-format.js';
import { strftime } from '../../../src/client/strftime.js';
import { strToUint, credArg } from '../../../src/client/cli-util.js';

const env = (vals: Record<string, string>) => ({
  hostname: 'vm', upshost: 'u@h:1', pid: 42, now: new Date(2026, 10, 25, 14, 44, 54),
  value: (n: string) => vals[n],
});

test('format: every token, as the 2.8.0 reference renders it', () => {
  const F = '%%|%HOST%|%UPSHOST%|%PID%|%ETIME%|%TIME @Y-@m-@d%|%VAR ups.status%|%VAR nodot%|%VAR ups.nonexist%|%BOGUS%|%host%|%VAR';
  const line = renderLine(compileFormat(F), env({ 'ups.status': 'FSD OB LB' }));
  const etime = Math.floor(new Date(2026, 10, 25, 14, 44, 54).getTime() / 1000);
  assert.equal(line, `%|vm|u@h:1|42|${etime}|2026-11-25|FSD OB LB|INVALID|NA|INVALID|vm|INVALIDVAR`);
});

test('format: prefix matching, empty/absent arguments, unterminated %', () => {
  const r = (f: string, v: Record<string, string> = {}) => renderLine(compileFormat(f), env(v));
  assert.equal(r('%VARIABLE a.b%', { 'a.b': '1' }), '1');
  assert.equal(r('%hostname%'), 'vm');
  assert.equal(r('%UPSHOSTX%'), 'u@h:1');
  assert.equal(r('%VAR%'), 'INVALID');
  assert.equal(r('%VAR %'), 'INVALID');
  assert.equal(r('% x%'), 'INVALID');
  assert.equal(r('%TIME%'), '');
  assert.equal(r('a%b'), 'aINVALIDb');
  assert.equal(r('%%%%'), '%%');
  assert.equal(r('x'.repeat(2000)).length, 1023);
  assert.deepEqual(varsOf(compileFormat(DEFAULT_LOGFORMAT)), ['battery.charge', 'input.voltage', 'ups.load', 'ups.status', 'ups.temperature', 'input.frequency']);
  assert.equal(r(DEFAULT_LOGFORMAT, { 'battery.charge': '100', 'ups.status': 'OL' }), '20261125 144454 100 NA NA [OL] NA NA');
});

test('strftime (C locale)', () => {
  const d = new Date(2026, 0, 5, 9, 7, 3); // Monday
  assert.equal(strftime('%Y-%m-%d %H:%M:%S', d), '2026-01-05 09:07:03');
  assert.equal(strftime('%F %T %D %R', d), '2026-01-05 09:07:03 01/05/26 09:07');
  assert.equal(strftime('%a %A %b %B %e %j %u %w %y %C %I %p %%', d), 'Mon Monday Jan January  5 005 1 1 26 20 09 AM %');
  assert.equal(strftime('%c', d), 'Mon Jan  5 09:07:03 2026');
  assert.equal(strftime('%V %G', d), '02 2026');
  assert.equal(strftime('%s', d), String(Math.floor(d.getTime() / 1000)));
  assert.equal(strftime('%Q', d), '%Q');
});

test('str_to_uint and credential quoting', () => {
  assert.equal(strToUint(' 5 '), 5);
  assert.equal(strToUint('007'), 7);
  assert.equal(strToUint('4294967295'), 4294967295);
  assert.equal(strToUint('4294967296'), 'Numerical result out of range');
  for (const bad of ['', '+5', '-1', '0x10', '5x']) assert.equal(strToUint(bad), 'Invalid argument');
  assert.equal(credArg('secret'), 'secret');
  assert.equal(credArg('two words'), '"two words"');
  assert.equal(credArg('a"b'), '"a\\"b"');
  assert.equal(credArg(''), '');
});
