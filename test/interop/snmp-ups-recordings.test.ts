// The recorded agents of shared/data/snmp-recordings (real snmprec captures
// of network cards) served by the simulated agent: ours and the reference
// snmp-ups, mibs=auto, give the same variables, log and exit code.

import { describe, it } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { haveRefSnmpUps } from '../sims/snmp/run.js';
import { assertSameDevice } from '../sims/snmp/compare.js';
import { Walk } from '../sims/snmp/walk.js';
import { REPO } from '../helpers/ref.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;

const REC_DIR = [join(REPO, '../shared/data/snmp-recordings'), '/work/shared/data/snmp-recordings'].find((p) => existsSync(p));
const recordings = REC_DIR ? readdirSync(REC_DIR).filter((f) => f.endsWith('.snmprec')).sort() : [];

describe('snmp-ups on recorded agents (snmprec), mibs=auto: ours = reference', { skip: skip || (recordings.length === 0 ? 'no recordings' : false), concurrency: 2 }, () => {
  for (const f of recordings) {
    it(f, async () => {
      const walk = Walk.parse(readFileSync(join(REC_DIR!, f), 'latin1'));
      const sysOid = walk.get('1.3.6.1.2.1.1.2.0')?.value;
      const agent = await SnmpAgent.start({ walk, sysObjectID: sysOid ? `.${sysOid.replace(/^\./, '')}` : undefined });
      try {
        await assertSameDevice(agent.port, ['-x', 'snmp_version=v2c', '-x', 'pollfreq=3']);
      } finally {
        await agent.stop();
      }
    });
  }
});
