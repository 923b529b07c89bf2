// upssched against the reference: CLI messages, and each CLI talking to the
// other's timer daemon over the same PIPEFN.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ourBin, REF, run, sandbox, waitFor } from '../helpers/ref.js';

const haveRef = existsSync(REF.upssched);

function rig() {
  const sb = sandbox('tsnut-sched-');
  const out = join(sb.dir, 'out');
  sb.write('cmd.sh', `#!/bin/sh\necho "$1" >> ${out}\n`, 0o755);
  sb.write('upssched.conf', [
    `CMDSCRIPT ${join(sb.conf, 'cmd.sh')}`, `PIPEFN ${join(sb.state, 'upssched.pipe')}`, `LOCKFN ${join(sb.state, 'upssched.lock')}`,
    'AT ONBATT * START-TIMER t1 4', 'AT ONBATT * START-TIMER t2 1', 'AT ONLINE * CANCEL-TIMER t1', 'AT COMMBAD * EXECUTE now', '',
  ].join('\n'));
  const lines = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []);
  return { sb, lines };
}

const ev = (env: NodeJS.ProcessEnv, type: string) => ({ ...env, UPSNAME: 'ups@h', NOTIFYTYPE: type });

test('upssched without UPSNAME/NOTIFYTYPE: same message and exit code as the reference', { skip: !haveRef }, async () => {
  const { sb } = rig();
  try {
    const env = { ...sb.env };
    delete env.UPSNAME; delete env.NOTIFYTYPE;
    const ours = await run(ourBin('upssched'), [], { env });
    const ref = await run(REF.upssched, [], { env });
    assert.equal(ours.code, 1);
    assert.equal(ours.code, ref.code);
    assert.equal(ours.stdout, ref.stdout);
    const e = await run(ourBin('upssched'), [], { env: ev(sb.env, 'COMMBAD') });
    assert.equal(e.code, 0);
  } finally { sb.cleanup(); }
});

for (const [starter, canceller] of [['ref', 'ours'], ['ours', 'ref']] as const) {
  test(`upssched: ${starter} CLI starts the daemon, ${canceller} CLI cancels a timer`, { skip: !haveRef }, async () => {
    const { sb, lines } = rig();
    const bin = (w: 'ref' | 'ours') => (w === 'ours' ? ourBin('upssched') : REF.upssched);
    try {
      assert.equal((await run(bin(starter), ['on battery'], { env: ev(sb.env, 'ONBATT') })).code, 0);
      assert.equal((await run(bin(canceller), [], { env: ev(sb.env, 'ONLINE') })).code, 0);
      await waitFor(() => lines().includes('t2'), 8000);
      // t1 (4 s, whole-second resolution) would have fired by now
      await new Promise((r) => setTimeout(r, 4500));
      assert.deepEqual(lines(), ['t2']);
    } finally {
      // the daemon exits on its own when idle; remove its socket dir anyway
      sb.cleanup();
    }
  });
}
