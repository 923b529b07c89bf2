// Every mib2nut entry of 2.8.0 on a synthetic device built from its own table
// (test/sims/snmp/synthetic.ts): ours and /lib/nut/snmp-ups, with
// mibs=<name>, give the same variables, log and exit code. This covers the
// tables no DDL dump or recording exercises (baytech, bestpower, delta_ups,
// eaton_ats16_nm2, eaton_ats30, emerson_avocent_pdu, genesisII, pulizzi,
// hpe_epdu, huawei, raritan, ...). Tables with templates are read over v1
// (see snmp-ups-ddl.test.ts for why).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { syntheticValues, syntheticWalk } from '../sims/snmp/synthetic.js';
import { haveRefSnmpUps } from '../sims/snmp/run.js';
import { assertSameDevice } from '../sims/snmp/compare.js';
import { mib2nut } from '../../src/drivers/snmp-ups/mibs/index.js';
import { SU_AMBIENT_TEMPLATE, SU_OUTLET, SU_OUTLET_GROUP, type Mib2Nut } from '../../src/drivers/snmp-ups/mib.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;
const TEMPLATE = SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE;
const hasTemplates = (m: Mib2Nut) => m.info.some((e) => e.suFlags & TEMPLATE || (e.oid ?? '').includes('%i'));

describe('every mib2nut entry on a synthetic device: ours = reference', { skip, concurrency: 2 }, () => {
  mib2nut.forEach((m, i) => {
    const version = hasTemplates(m) ? 'v1' : 'v2c';
    it(`#${i + 1} ${m.name} (sysOID ${m.sysOid ?? 'none'}, ${version})`, async () => {
      const agent = await SnmpAgent.start({ walk: syntheticWalk(m), sysObjectID: m.sysOid ?? '.1.3.6.1.2.1.33' });
      try {
        const { ours } = await assertSameDevice(agent.port, ['-x', `mibs=${m.name}`, '-x', `snmp_version=${version}`, '-x', 'pollfreq=3']);
        // the synthetic values came through (not just two drivers failing alike)
        if (ours.code === 0) {
          const values = syntheticValues(m);
          const shown = ours.vars.filter((l) => { const k = l.slice(0, l.indexOf(': ')); return values.get(k) !== undefined; });
          assert.ok(shown.length > 0, `no synthetic value published:\n${ours.vars.join('\n')}`);
        }
      } finally {
        await agent.stop();
      }
    });
  });
});
