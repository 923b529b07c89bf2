// DDL, all 49 by default: every snmp-ups dump of the NUT device dump library, rebuilt as a walk
// through its MIB table (test/sims/snmp/ddl-walks.ts) and served by the
// simulated agent, gives the same variables, log and exit code through ours
// and the reference snmp-ups.
//
// SNMP version: tables with outlet/ambient or daisychain templates are read
// over v1. Over v2c an agent answers a missing instance with a noSuchInstance
// value, which 2.8.0's guestimate_template_count() takes as present: it then
// probes the next index forever (the reference never finishes). v2c is used
// for the other tables.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { ddlSnmpDevices } from '../sims/snmp/ddl-walks.js';
import { haveRefSnmpUps } from '../sims/snmp/run.js';
import { assertSameDevice } from '../sims/snmp/compare.js';
import { SU_AMBIENT_TEMPLATE, SU_OUTLET, SU_OUTLET_GROUP, type Mib2Nut } from '../../src/drivers/snmp-ups/mib.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;
const devices = ddlSnmpDevices();
const TEMPLATE = SU_OUTLET | SU_OUTLET_GROUP | SU_AMBIENT_TEMPLATE;
const hasTemplates = (m: Mib2Nut) => m.info.some((e) => e.suFlags & TEMPLATE || (e.oid ?? '').includes('%i'));

describe('snmp-ups on DDL dumps rebuilt as walks: ours = reference', { skip: skip || (devices.length === 0 ? 'no DDL' : false), concurrency: 2 }, () => {
  it('finds the 49 snmp-ups dumps', () => { assert.equal(devices.length, 49); });
  for (const d of devices) {
    const version = hasTemplates(d.mib) ? 'v1' : 'v2c';
    it(`${d.label} (mibs=${d.mib.name}, ${d.chosenBy === 'dump' ? 'as recorded' : 'best covering table'}, ${version})`, async () => {
      const agent = await SnmpAgent.start({ walk: d.walk, sysObjectID: d.mib.sysOid ?? '.1.3.6.1.2.1.33' });
      try {
        const { ours } = await assertSameDevice(agent.port, ['-x', `mibs=${d.mib.name}`, '-x', `snmp_version=${version}`, '-x', 'pollfreq=3']);
        // the device came up with values from its dump
        const model = d.values.get('ups.model') ?? d.values.get('device.model');
        if (ours.code === 0 && model) assert.ok(ours.vars.some((l) => l.endsWith(`: ${model}`)), `${model} not in\n${ours.vars.join('\n')}`);
      } finally {
        await agent.stop();
      }
    });
  }
});
