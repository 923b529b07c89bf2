// genericups against the reference on a umockdev-emulated serial port whose
// modem lines come from a file: every cable type (upstype 0-23) in four line
// states, the CP/SD/OL/LB/RB/BYPASS overrides, -k (lines set for shutdown),
// errors, and a long-running driver following line changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { linesRun, linesDaemon, modemSimMissing } from '../sims/modem-lines.js';
import { SockSession } from '../sims/driver-run.js';
import { waitFor } from '../helpers/ref.js';

const skip = !existsSync('/lib/nut/genericups') ? 'reference genericups missing' : modemSimMissing();

async function same(inputs: string, args: string[], mode?: string[]) {
  const [ref, ours] = await Promise.all([linesRun('ref', 'genericups', inputs, args, mode), linesRun('ours', 'genericups', inputs, args, mode)]);
  assert.deepEqual(ours.vars, ref.vars, `variables (inputs "${inputs}")\nref: ${ref.stderr}\nours: ${ours.stderr}`);
  assert.deepEqual(ours.log, ref.log, `output lines (inputs "${inputs}")`);
  assert.equal(ours.code, ref.code, `exit code\nref: ${ref.stderr}\nours: ${ours.stderr}`);
  return ref;
}

// with CTS/DCD, RNG/DCD, DCD/CTS pairs: none, one, the other, both
const STATES = ['', 'CTS RNG', 'DCD DSR', 'CTS DCD RNG DSR'];

// every type in two states; the types with distinct line layouts in all four
const FULL = new Set([0, 1, 4, 9, 13, 23]);
for (let t = 0; t <= 23; t++) {
  const states = FULL.has(t) ? STATES : [STATES[1]!, STATES[2]!];
  test(`genericups upstype=${t}: status and cable power as the reference in ${states.length} line states`, { skip }, async () => {
    for (const s of states) {
      const r = await same(s, ['-x', `upstype=${t}`]);
      assert.ok(r.vars.some((v) => v.startsWith('ups.status: ')));
    }
  });
}

const overrides: [string, string, string[]][] = [
  ['CP=DTR RTS, SD=ST', 'CTS', ['-x', 'upstype=4', '-x', 'CP=DTR RTS', '-x', 'SD=ST']],
  ['CP=none', 'CTS', ['-x', 'upstype=1', '-x', 'CP=none']],
  ['OL=-CTS LB=DCD RB=RNG BYPASS=-DSR', 'CTS DCD RNG', ['-x', 'upstype=4', '-x', 'OL=-CTS', '-x', 'LB=DCD', '-x', 'RB=RNG', '-x', 'BYPASS=-DSR']],
  ['OL=none', 'DCD', ['-x', 'upstype=4', '-x', 'OL=none']],
  ['mfr/model/serial', '', ['-x', 'upstype=7', '-x', 'mfr=ACME', '-x', 'model=Box', '-x', 'serial=S1']],
  ['no-op override notice', 'CTS', ['-x', 'upstype=4', '-x', 'CP=RTS']],
  ['input override with an output line (fatal)', '', ['-x', 'upstype=4', '-x', 'OL=DTR']],
  ['output override with an input line (fatal)', '', ['-x', 'upstype=4', '-x', 'CP=CTS']],
  ['unknown upstype (fatal)', '', ['-x', 'upstype=99']],
  ['no upstype (fatal)', '', []],
];
for (const [name, inputs, args] of overrides) {
  test(`genericups ${name}: as the reference`, { skip }, async () => { await same(inputs, args); });
}

for (const t of [0, 1, 2, 4, 8, 11, 21]) {
  test(`genericups -k upstype=${t}: shutdown lines as the reference`, { skip }, async () => {
    const r = await same('CTS', ['-x', `upstype=${t}`], ['-k']);
    void r;
  });
}
test('genericups -k with SD override and sdtime=1', { skip }, async () => {
  await same('', ['-x', 'upstype=4', '-x', 'SD=DTR', '-x', 'sdtime=1'], ['-k']);
});

test('genericups as a daemon follows line changes (OL → OB → OB LB → OL), ours and the reference', { skip, timeout: 90000 }, async () => {
  const seen: Record<string, string[]> = {};
  await Promise.all((['ref', 'ours'] as const).map(async (side) => {
    const d = linesDaemon(side, 'genericups', 'CTS DCD', ['-x', 'upstype=4', '-i', '1']);
    let s: SockSession | undefined;
    try {
      await waitFor(async () => { if (!existsSync(d.socket)) return false; try { s = await SockSession.open(d.socket); return true; } catch { return false; } }, 20000, 100);
      const status = async () => (await s!.dumpAll()).find((l) => l.startsWith('SETINFO ups.status '));
      const seq: string[] = [];
      for (const [inputs, want] of [['CTS DCD', 'OL'], ['DCD', 'OB'], ['', 'LB OB'], ['CTS DCD', 'OL']] as const) {
        d.setInputs(inputs);
        await waitFor(async () => (await status()) === `SETINFO ups.status "${want}"`, 20000, 200);
        seq.push(want);
      }
      seen[side] = seq;
    } finally {
      s?.close();
      await d.stop();
    }
  }));
  assert.deepEqual(seen.ours, seen.ref);
});
