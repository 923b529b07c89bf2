import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STAT_INSTCMD_UNKNOWN, STAT_SET_HANDLED, type DriverModule } from '../../../src/driver/types.js';

test('driver types: a minimal module type-checks and status codes match upshandler.h', () => {
  const m: DriverModule = {
    name: 'x', description: 'X driver', version: '0.01', vartable: [{ kind: 'FLAG', name: 'f', desc: 'a flag' }],
    initinfo(ctx) { ctx.setInfo('ups.status', 'OL'); },
    updateinfo(ctx) { ctx.dataOk(); },
    instcmd() { return STAT_INSTCMD_UNKNOWN; },
  };
  assert.equal(m.name, 'x');
  assert.equal(STAT_INSTCMD_UNKNOWN, 1);
  assert.equal(STAT_SET_HANDLED, 0);
});
