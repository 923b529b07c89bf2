// DDL: every snmp-ups dump of the device dump library, rebuilt as a walk
// through its MIB table, served by the simulator: ours and the reference
// 2.8.0 must print the same variables, exit code and log lines.
// A sample runs by default; TSNUT_SNMP_DDL=all runs all 49 dumps, TSNUT_SNMP_DDL=<regex> those matching.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DDL_DIR, listDev, parseDev } from '../helpers/ddl.js';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { assertSameSnmpRun, haveRefSnmpUps } from '../sims/snmp/run.js';
import { mib2nut } from '../../src/drivers/snmp-ups/mibs/index.js';
import type { Mib2Nut } from '../../src/drivers/snmp-ups/mib.js';

const skip = !haveSnmpd || !haveRefSnmpUps || !DDL_DIR ? 'needs snmpd, the reference snmp-ups and the DDL' : false;

/** The table a dump came from: its driver.version.data / mibs name, else the table covering most of its variables. */
export function tableFor(values: ReadonlyMap<string, string>): Mib2Nut {
  const named = (values.get('driver.version.data') ?? '').split(' ')[0] || values.get('driver.parameter.mibs');
  const names = new Set(values.keys());
  const score = (m: Mib2Nut): number => new Set(m.info.filter((e) => e.oid !== null && names.has(e.name)).map((e) => e.name)).size;
  const exact = mib2nut.filter((m) => m.name === named);
  const pool = exact.length ? exact : mib2nut;
  return [...pool].sort((a, b) => score(b) - score(a))[0]!;
}

const dumps = DDL_DIR ? listDev(DDL_DIR).filter((f) => /__snmp-ups__/.test(f)) : [];
const SAMPLE = /APC__Smart-UPS_5000_RM|ePDU_MA_1P|Dell__UPS_Tower|Eaton__5PX__snmp-ups__2.7.4__02|HP__RT3000_G2|Cyber_Power|NetVision/;
const want = process.env.TSNUT_SNMP_DDL;
const chosen = want === 'all' ? dumps : dumps.filter((f) => (want ? new RegExp(want) : SAMPLE).test(f));

describe(`snmp-ups DDL: ${chosen.length} of ${dumps.length} dumps, ours = reference`, { skip, concurrency: 1 }, () => {
  for (const f of chosen) {
    it(basename(f), async () => {
      const values = parseDev(readFileSync(f, 'latin1'));
      const mib = tableFor(values);
      const agent = await SnmpAgent.start({ walk: buildWalk(mib, values), sysObjectID: mib.sysOid ?? undefined });
      try {
        // v1: a missing OID is an error there, which ends the reference's template probing
        const { ours } = await assertSameSnmpRun(agent.port, ['-x', `mibs=${mib.name}`, '-x', 'snmp_version=v1']);
        assert.equal(ours.code, 0, ours.stderr);
        assert.ok(ours.vars.length > 15, ours.vars.join('\n'));
      } finally {
        await agent.stop();
      }
    });
  }
});
