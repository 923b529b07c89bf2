// Real APC units, approximately: for each apcsmart dump in the DDL, the APC
// Smart simulator answers with that dump's values (converted back to the
// unit's formats), and the reference and ours must print the same variables
// and send the same bytes. Skipped when the DDL is not beside the clone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DDL_DIR, parseDev } from '../helpers/ddl.js';
import { dumpRun } from '../sims/driver-run.js';
import { ApcSmartModel } from '../sims/apcsmart.js';
import { VARTAB, F_MASK, F_HOURS, F_MINUTES, F_REASON, APC_PACK } from '../../src/drivers/apcsmart/tabs.js';

const ddlDir = DDL_DIR;
const REASONS: Record<string, string> = {
  'unacceptable utility voltage rate of change': 'R', 'high utility voltage': 'H', 'low utility voltage': 'L',
  'line voltage notch or spike': 'T', 'no transfers yet since turnon': 'O', 'simulated power failure or UPS test': 'S',
};

function modelFrom(file: string): (m: ApcSmartModel) => void {
  const vals = parseDev(readFileSync(file, 'latin1'));
  return (m) => {
    m.values = {};
    let cmds = '';
    for (const v of VARTAB) {
      if (v.flags & APC_PACK || m.values[v.cmd] !== undefined) continue;
      const x = vals.get(v.name);
      if (x === undefined) continue;
      const f = (v.flags & F_MASK) >>> 0;
      let raw = x;
      if (f === F_MINUTES) raw = String(Math.round(Number(x) / 60)).padStart(4, '0') + ':';
      else if (f === F_HOURS) raw = String(Math.round(Number(x) / 3600)).padStart(3, '0');
      else if (f === F_REASON) raw = REASONS[x] ?? x;
      if (!raw || raw.includes('\n')) continue;
      m.values[v.cmd] = raw;
      if (v.cmd !== 'b' && v.cmd !== 'V') cmds += v.cmd;
    }
    if (m.values.b === undefined) m.values.b = vals.get('ups.firmware') ?? '601.3.I';
    m.values.V = 'NA';
    m.cmdset = cmds + 'b\x1aQYaUWADKZS@\x0e';
    const st = (vals.get('ups.status') ?? 'OL').split(' ');
    m.st.ob = st.includes('OB');
    m.st.lb = st.includes('LB');
    m.st.cal = st.includes('CAL');
    m.st.off = st.includes('OFF');
    // enumerations only for the values the dump shows (so the capability list is consistent)
    for (const c of Object.keys(m.enums)) {
      const cur = m.values[c] as string | undefined;
      if (cur === undefined) delete m.enums[c];
      else if (!m.enums[c]!.includes(cur)) m.enums[c] = [cur, ...m.enums[c]!.slice(1)].map((e) => e.padEnd(cur.length).slice(0, cur.length));
    }
  };
}

const files = ddlDir ? readdirSync(ddlDir, { recursive: true }).map(String).filter((f) => f.includes('__apcsmart__') && f.endsWith('.dev')).sort() : [];
const skip = !existsSync('/lib/nut/apcsmart') || !existsSync('/usr/bin/socat') ? 'reference or socat missing' : !ddlDir ? 'DDL not found' : false;

test(`DDL-derived APC Smart units (${files.length}): reference and ours agree`, { skip, timeout: 600000 }, async () => {
  assert.ok(files.length >= 10);
  const chosen = process.env.TSNUT_DDL_ALL === '1' ? files : files.filter((_f, i) => i % 3 === 0);
  for (const f of chosen) {
    const init = modelFrom(join(ddlDir!, f));
    const model = () => new ApcSmartModel(init);
    const [ref, ours] = await Promise.all([dumpRun('ref', 'apcsmart', model), dumpRun('ours', 'apcsmart', model)]);
    assert.deepEqual(ours.vars, ref.vars, `${f}: variables\nref: ${ref.stderr}\nours: ${ours.stderr}`);
    assert.deepEqual(ours.sent, ref.sent, `${f}: bytes`);
    assert.equal(ours.code, ref.code, `${f}: exit code`);
    assert.ok(ref.vars.some((l) => l.startsWith('ups.status: ')), `${f}: reference read nothing`);
  }
});
