// snmp-ups, ours against the reference 2.8.0 on the same simulated agents
// (snmpd + pass_persist walks built from the MIB tables): -d 1 variables,
// exit codes and log lines, MIB choice, SNMP versions.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SnmpAgent, haveSnmpd, type AgentOptions } from '../sims/snmp/agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { assertSameSnmpRun, haveRefSnmpUps, REF_SNMP_UPS } from '../sims/snmp/run.js';
import { run, ourBin } from '../helpers/ref.js';
import { APCC, IETF_1PH, IETF_3PH } from '../sims/snmp/devices.js';
import { ietf } from '../../src/drivers/snmp-ups/mibs/ietf.js';
import { apc } from '../../src/drivers/snmp-ups/mibs/apc.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;

async function withAgent(o: AgentOptions, fn: (a: SnmpAgent) => Promise<void>): Promise<void> {
  const a = await SnmpAgent.start(o);
  try { await fn(a); } finally { await a.stop(); }
}

describe('snmp-ups -d 1: ours and the reference on the same agent', { skip, concurrency: 1 }, () => {
  let ietfAgent: SnmpAgent;
  let apcAgent: SnmpAgent;
  before(async () => {
    ietfAgent = await SnmpAgent.start({ walk: buildWalk(ietf, IETF_1PH), sysObjectID: '.1.3.6.1.2.1.33' });
    const w = buildWalk(apc, APCC);
    apcAgent = await SnmpAgent.start({ walk: w, sysObjectID: '.1.3.6.1.4.1.318.1.1.1.1.1.1.0' });
  });
  after(async () => { await ietfAgent?.stop(); await apcAgent?.stop(); });

  for (const version of ['v1', 'v2c']) {
    it(`mibs=ietf, ${version}`, async () => {
      const { ours } = await assertSameSnmpRun(ietfAgent.port, ['-x', 'mibs=ietf', '-x', `snmp_version=${version}`]);
      assert.ok(ours.vars.includes('battery.voltage: 54.50'), ours.vars.join('\n'));
      assert.ok(ours.vars.includes('ups.status: OL'));
      assert.match(ours.stderr, /Detected SimUPS 3000 RT on host 127\.0\.0\.1:PORT \(mib: ietf 1\.54\)/);
    });
    it(`mibs=apcc, ${version}`, async () => {
      const { ours } = await assertSameSnmpRun(apcAgent.port, ['-x', 'mibs=apcc', '-x', `snmp_version=${version}`]);
      assert.ok(ours.vars.includes('driver.version.data') || ours.vars.some((l) => l.startsWith('input.sensitivity: high')), ours.vars.join('\n'));
    });
  }

  it('mibs=auto picks apcc through sysObjectID', async () => {
    const { ours } = await assertSameSnmpRun(apcAgent.port, ['-x', 'snmp_version=v2c']);
    assert.match(ours.stderr, /\(mib: apcc 1\.6\)/);
  });

  it('mibs=auto picks ietf through sysObjectID', async () => {
    const { ours } = await assertSameSnmpRun(ietfAgent.port, ['-x', 'mibs=auto', '-x', 'snmp_version=v2c']);
    assert.match(ours.stderr, /\(mib: ietf 1\.54\)/);
  });

  it('mibs=auto with an unknown sysObjectID falls back to the classic probe (and says so)', async () => {
    await withAgent({ walk: buildWalk(ietf, IETF_1PH), sysObjectID: '.1.3.6.1.4.1.99999.1' }, async (a) => {
      const { ours } = await assertSameSnmpRun(a.port, ['-x', 'snmp_version=v2c']);
      assert.match(ours.stderr, /No matching MIB found for sysOID '\.1\.3\.6\.1\.4\.1\.99999\.1'!/);
    });
  });

  it('three phases: 3-phase rows kept, 1-phase rows dropped', async () => {
    await withAgent({ walk: buildWalk(ietf, IETF_3PH) }, async (a) => {
      const { ours } = await assertSameSnmpRun(a.port, ['-x', 'mibs=ietf', '-x', 'snmp_version=v2c']);
      assert.ok(ours.vars.includes('input.phases: 3'));
      assert.ok(ours.vars.some((l) => l.startsWith('input.L3.current: 12.30')), ours.vars.join('\n'));
    });
  });

  it('options: pollfreq, semistaticfreq, notransferoids, symmetrathreephase, retries/timeout', async () => {
    await assertSameSnmpRun(apcAgent.port, ['-x', 'mibs=apcc', '-x', 'snmp_version=v2c', '-x', 'pollfreq=5', '-x', 'semistaticfreq=1',
      '-x', 'notransferoids', '-x', 'snmp_retries=2', '-x', 'snmp_timeout=2']);
    await assertSameSnmpRun(apcAgent.port, ['-x', 'mibs=apcc', '-x', 'snmp_version=v1', '-x', 'symmetrathreephase']);
  });

  it('wrong community, unknown mibs, bad version: same exit and message', async () => {
    const r = await assertSameSnmpRun(ietfAgent.port, ['-x', 'mibs=ietf', '-x', 'community=nope', '-x', 'snmp_retries=0', '-x', 'snmp_timeout=1']);
    assert.equal(r.ours.code, 1);
    const u = await assertSameSnmpRun(ietfAgent.port, ['-x', 'mibs=nosuchmib']);
    assert.match(u.ours.stderr, /Unknown 'mibs' value: nosuchmib/);
    const v = await assertSameSnmpRun(ietfAgent.port, ['-x', 'snmp_version=v4']);
    assert.match(v.ours.stderr, /Bad SNMP version: v4/);
  });
});

describe('snmp-ups command line: -h, -L and mibs=--list as the reference', { skip: haveRefSnmpUps ? false : 'needs the reference snmp-ups' }, () => {
  for (const args of [['-h'], ['-L'], ['-s', 'x', '-x', 'port=127.0.0.1:9', '-x', 'mibs=--list', '-u', 'root']]) {
    it(args.join(' '), async () => {
      const [ref, ours] = await Promise.all([run(REF_SNMP_UPS, args), run(ourBin('snmp-ups'), args)]);
      assert.equal(ours.stdout, ref.stdout);
      assert.equal(ours.code, ref.code);
    });
  }
});
