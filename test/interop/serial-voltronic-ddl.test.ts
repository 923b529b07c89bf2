// Real Voltronic units, approximately: for each DDL dump taken with nutdrv_qx's Voltronic
// subdriver, a simulator answers QGS/QPI/QRI/QMD/... with replies rebuilt from that dump's
// values and commands; the reference and ours, with the dump's own ups.conf options, must print
// the same variables, log the same lines and send the same bytes. Skipped without the DDL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { DDL_DIR, devCommands, listDev, parseDev } from '../helpers/ddl.js';
import { dumpRun } from '../sims/driver-run.js';
import { VoltronicModel, repliesFromDump } from '../sims/voltronic.js';

/** the serial-relevant options a dump was taken with */
const KEEP = new Set(['runtimecal', 'chargetime', 'idleload', 'ondelay', 'offdelay', 'pollfreq', 'norating', 'novendor', 'ignoresab']);

const files = DDL_DIR ? listDev(DDL_DIR).filter((f) => /__nutdrv[_-]qx__/.test(f) && readFileSync(f, 'latin1').includes('driver.version.data: Voltronic 0')) : [];
const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference or socat missing' : !DDL_DIR ? 'DDL not found' : false;

test(`DDL-derived Voltronic units (${files.length}): reference and ours agree`, { skip, timeout: 300000 }, async () => {
  assert.ok(files.length >= 5, `only ${files.length} Voltronic dumps`);
  for (const file of files) {
    const text = readFileSync(file, 'latin1');
    const v = parseDev(text);
    const replies = repliesFromDump(v, devCommands(text));
    const args: string[] = [];
    for (const [k, val] of v) {
      const p = /^driver\.(parameter|flag)\.(.+)$/.exec(k);
      if (p && KEEP.has(p[2]!)) args.push('-x', p[1] === 'flag' ? p[2]! : `${p[2]}=${val}`);
    }
    const model = () => new VoltronicModel(replies);
    const [ref, ours] = await Promise.all([dumpRun('ref', 'nutdrv_qx', model, args), dumpRun('ours', 'nutdrv_qx', model, args)]);
    const name = file.slice((DDL_DIR ?? '').length + 1);
    assert.ok(ref.vars.some((l) => l.startsWith('ups.firmware.aux: ')), `${name}: the reference did not take it for a Voltronic unit\n${ref.stderr}`);
    assert.deepEqual(ours.vars, ref.vars, `${name}: variables\nref: ${ref.stderr}\nours: ${ours.stderr}`);
    assert.deepEqual(ours.sent, ref.sent, `${name}: bytes`);
    assert.equal(ours.stderr, ref.stderr, `${name}: log`);
    assert.equal(ours.code, ref.code, `${name}: exit code`);
  }
});
