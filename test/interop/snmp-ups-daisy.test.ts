// snmp-ups outlets, outlet groups and daisychained devices (Eaton ePDU
// "marlin" table): -d 1 variables and outlet commands / SETs, ours against
// the reference on the same agents. (v1: with v2c the reference probes
// templates without a count forever, as every GET gets an answer.)

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { assertSameSnmpRun, commandSession, haveRefSnmpUps } from '../sims/snmp/run.js';
import { DDL_DIR, parseDev } from '../helpers/ddl.js';
import { eaton_marlin } from '../../src/drivers/snmp-ups/mibs/eaton-pdu-marlin.js';

const DEV = DDL_DIR ? join(DDL_DIR, 'Eaton/Eaton__ePDU_MA_1P__snmp-ups__2.7.4__01.dev') : '';
const skip = !haveSnmpd || !haveRefSnmpUps || !DDL_DIR ? 'needs snmpd, the reference snmp-ups and the DDL' : false;

/** the ePDU's state, unitary, or as a chain of `n` devices (device.N.* names, a little different each) */
function epdu(n = 1): Map<string, string> {
  const base = parseDev(readFileSync(DEV, 'latin1'));
  const m = new Map<string, string>();
  for (const [k, v] of base) {
    if (k.startsWith('driver.')) continue;
    if (n === 1) { m.set(k, v); continue; }
    for (let d = 1; d <= n; d++) {
      const name = `device.${d}.${k.startsWith('device.') ? k.slice(7) : k}`;
      m.set(name, d > 1 && /^\d+(\.\d+)?$/.test(v) ? String(Number(v) + d - 1) : v);
    }
    if (k === 'ups.status') m.set(k, v);
  }
  if (n > 1) m.set('device.count', String(n));
  return m;
}

describe('snmp-ups: outlets and daisychain (eaton_epdu)', { skip, concurrency: 1 }, () => {
  for (const n of [1, 3]) {
    it(`-d 1, ${n === 1 ? 'one ePDU with outlets and groups' : `a daisychain of ${n}`}`, async () => {
      const a = await SnmpAgent.start({ walk: buildWalk(eaton_marlin, epdu(n)), sysObjectID: eaton_marlin.sysOid ?? undefined });
      try {
        const { ours } = await assertSameSnmpRun(a.port, ['-x', 'mibs=eaton_epdu', '-x', 'snmp_version=v1']);
        assert.ok(ours.vars.some((l) => l.startsWith(n === 1 ? 'outlet.24.' : 'device.3.outlet.24.')), ours.vars.join('\n'));
        if (n > 1) assert.ok(ours.vars.includes(`device.count: ${n}`));
      } finally {
        await a.stop();
      }
    });
  }

  it('outlet and group commands and SETs, unitary', async () => {
    const args = ['-x', 'mibs=eaton_epdu', '-x', 'snmp_version=v1', '-x', 'community=private'];
    const req = ['INSTCMD outlet.1.load.off', 'INSTCMD outlet.24.load.on', 'INSTCMD outlet.25.load.on', 'INSTCMD outlet.group.2.load.cycle',
      'INSTCMD outlet.3.load.off.delay 30', 'SET outlet.2.desc "web server"', 'SET outlet.group.1.desc "A"', 'SET outlet.1.current.high.warning "12"'];
    const ref = await commandSession('ref', eaton_marlin, epdu(1), eaton_marlin.sysOid!, args, req, 5);
    const ours = await commandSession('ours', eaton_marlin, epdu(1), eaton_marlin.sysOid!, args, req, 5);
    assert.deepEqual(ours.sets, ref.sets);
    assert.deepEqual(ours.replies, ref.replies);
    assert.deepEqual(ours.dump, ref.dump);
  });

  it('daisychain commands: device.N.outlet.M and device.0', async () => {
    // synchronous=yes: the reference drops a socket client whose DUMPALL (4000 lines here) fills the socket buffer
    const args = ['-x', 'mibs=eaton_epdu', '-x', 'snmp_version=v1', '-x', 'community=private', '-x', 'synchronous=yes'];
    const req = ['INSTCMD device.2.outlet.3.load.off', 'INSTCMD device.1.outlet.1.load.on', 'INSTCMD outlet.1.load.off',
      'SET device.3.outlet.2.desc "db"', 'SET device.2.contact "ops"'];
    const ref = await commandSession('ref', eaton_marlin, epdu(3), eaton_marlin.sysOid!, args, req, 2);
    const ours = await commandSession('ours', eaton_marlin, epdu(3), eaton_marlin.sysOid!, args, req, 2);
    assert.deepEqual(ours.sets, ref.sets);
    assert.deepEqual(ours.replies, ref.replies);
    assert.deepEqual(ours.dump, ref.dump);
  });
});
