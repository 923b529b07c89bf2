import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataFile } from '../../../src/drivers/dummy-ups/datafile.js';
import { parseCtlConf } from '../../../src/driver/upsdrvctl/conf.js';
import { splitUpsName } from '../../../src/drivers/dummy-ups/repeater.js';
import { fmtG } from '../../../src/drivers/clone/index.js';

test('dummy-ups data file: values, status, TIMER, ALARM, driver.* skipped, problems with line numbers', () => {
  const f = parseDataFile([
    '# comment',
    'ups.mfr: "ACME Corp"',
    'ups.status: OL CHRG',
    'driver.name: usbhid-ups',
    'battery.charge: 90   # percent',
    'TIMER 30',
    'ALARM Replace battery',
    'ALARM',
    'custom.var: a   b  c',
    'nocolon',
    'TIMER',
    'ups.alarm: ""',
    'bad: "x#y"',
    'ups.model:',
  ].join('\n') + '\n');
  assert.deepEqual(f.lines, [
    { kind: 'set', line: 2, name: 'ups.mfr', value: 'ACME Corp' },
    { kind: 'status', line: 3, tokens: ['OL', 'CHRG'] },
    { kind: 'skip', line: 4, name: 'driver.name' },
    { kind: 'set', line: 5, name: 'battery.charge', value: '90' },
    { kind: 'timer', line: 6, seconds: 30 },
    { kind: 'alarm', line: 7, text: 'Replace battery' },
    { kind: 'alarm', line: 8, text: '' },
    { kind: 'set', line: 9, name: 'custom.var', value: 'a b c' },
    { kind: 'set', line: 10, name: 'nocolon', value: 'a b c' },
    { kind: 'timer', line: 11, seconds: 0 },
    { kind: 'set', line: 12, name: 'ups.alarm', value: '' },
    // NUT resumes after the offending '#': the tail `y"` becomes its own line
    { kind: 'set', line: 14, name: 'y"', value: '' },
    { kind: 'set', line: 15, name: 'ups.model', value: '' },
  ]);
  assert.equal(f.usesAlarm, true);
  assert.deepEqual(f.problems.map((p) => p.line), [10, 10, 11, 13, 14, 14, 15]);
  assert.match(f.problems[3]!.message, /Unbalanced/);
});

test('dummy-ups data file: values are cut at 127 characters', () => {
  const f = parseDataFile(`x: ${'a'.repeat(200)}\n`);
  assert.equal((f.lines[0] as { value: string }).value.length, 127);
});

test('upsdrvctl conf: globals, sections, sdorder, first-line quirk', () => {
  const c = parseCtlConf('maxretry = 3\nretrydelay = 1\nnowait\n[a]\n driver = dummy-ups\n port = x\n sdorder = 2\n[b]\n port = y\n driver = clone\n maxstartdelay = 7\n');
  assert.equal(c.maxretry, 3);
  assert.equal(c.retrydelay, 1);
  assert.equal(c.nowait, true);
  assert.equal(c.maxsdorder, 2);
  assert.deepEqual(c.ups, [
    { upsname: 'a', driver: 'dummy-ups', port: 'x', sdorder: 2, maxstartdelay: -1 },
    { upsname: 'b', driver: 'clone', port: 'y', sdorder: 0, maxstartdelay: 7 },
  ]);
});

test('repeater: upsname@host:port splitting', () => {
  assert.deepEqual(splitUpsName('ups@localhost:3494'), { ups: 'ups', host: 'localhost', port: 3494 });
  assert.deepEqual(splitUpsName('ups@127.0.0.1'), { ups: 'ups', host: '127.0.0.1', port: 3493 });
  assert.deepEqual(splitUpsName('ups@[::1]:5'), { ups: 'ups', host: '::1', port: 5 });
  assert.equal(splitUpsName(''), undefined);
});

test('clone: %g formatting', () => {
  assert.equal(fmtG(0), '0');
  assert.equal(fmtG(20), '20');
  assert.equal(fmtG(12.5), '12.5');
  assert.equal(fmtG(1234567), '1.23457e+06');
});
