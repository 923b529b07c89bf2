import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getopt } from '../../../src/core/getopt.js';

test('getopt: clusters, attached and separate arguments, stop at first non-option', () => {
  const r = getopt(['-DDF', '-uroot', '-c', 'reload', 'x', '-B'], '+h46p:qr:i:fu:Vc:P:DFB');
  assert.deepEqual(r.opts, [{ opt: 'D' }, { opt: 'D' }, { opt: 'F' }, { opt: 'u', arg: 'root' }, { opt: 'c', arg: 'reload' }]);
  assert.deepEqual(r.rest, ['x', '-B']);
  assert.equal(r.error, undefined);
});

test('getopt: unknown option and missing argument', () => {
  assert.equal(getopt(['-z'], 'ab:').error?.message, "invalid option -- 'z'");
  assert.equal(getopt(['-b'], 'ab:').error?.message, "option requires an argument -- 'b'");
  assert.deepEqual(getopt(['--', '-a'], 'a').rest, ['-a']);
});
