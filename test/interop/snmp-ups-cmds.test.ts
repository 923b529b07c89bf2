// snmp-ups as a daemon, ours and the reference each on a fresh agent:
// DUMPALL (variables, flags, enums, commands), then instant commands and
// SETs from the driver socket must reach the agent as the same SNMP SETs.
// And SNMPv3: the same -d 1 results through every security level.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SnmpAgent, haveSnmpd } from '../sims/snmp/agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { assertSameSnmpRun, haveRefSnmpUps, commandSession as session } from '../sims/snmp/run.js';
import { APCC, IETF_1PH } from '../sims/snmp/devices.js';
import { ietf } from '../../src/drivers/snmp-ups/mibs/ietf.js';
import { apc } from '../../src/drivers/snmp-ups/mibs/apc.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;

describe('snmp-ups: instant commands and SETs arrive as the same SNMP SETs', { skip, concurrency: 1 }, () => {
  it('apcc, v2c with a write community, ondelay/offdelay at start', async () => {
    const args = ['-x', 'mibs=apcc', '-x', 'snmp_version=v2c', '-x', 'community=private', '-x', 'ondelay=30', '-x', 'offdelay=60'];
    const requests = ['INSTCMD load.off', 'INSTCMD test.battery.start', 'INSTCMD shutdown.return', 'INSTCMD bypass.stop',
      'INSTCMD no.such.cmd', 'SET input.transfer.low "200"', 'SET input.sensitivity "low"', 'SET ups.id "rack-c"',
      'SET ups.delay.shutdown "120"', 'SET ups.delay.start "abc"', 'SET no.such.var "1"'];
    const ref = await session('ref', apc, APCC, '.1.3.6.1.4.1.318.1.1.1.1.1.1.0', args, requests, 8);
    const ours = await session('ours', apc, APCC, '.1.3.6.1.4.1.318.1.1.1.1.1.1.0', args, requests, 8);
    assert.deepEqual(ours.startSets, ref.startSets, 'SETs at start-up (ondelay/offdelay)');
    assert.deepEqual(ours.sets, ref.sets, 'SETs from commands');
    assert.deepEqual(ours.replies, ref.replies);
    assert.deepEqual(ours.dump, ref.dump);
    assert.ok(ours.sets.includes('SET .1.3.6.1.4.1.318.1.1.1.6.2.1.0 integer 2'), ours.sets.join('\n'));
  });

  it('ietf, v1: commands (beeper, load.off with default) and a read-only community', async () => {
    const args = ['-x', 'mibs=ietf', '-x', 'snmp_version=v1'];
    const requests = ['INSTCMD beeper.disable', 'INSTCMD beeper.enable', 'INSTCMD load.off', 'INSTCMD test.battery.start'];
    const ref = await session('ref', ietf, IETF_1PH, '.1.3.6.1.2.1.33', args, requests, 0);
    const ours = await session('ours', ietf, IETF_1PH, '.1.3.6.1.2.1.33', args, requests, 0);
    assert.deepEqual(ours.replies, ref.replies);
    assert.deepEqual(ours.dump, ref.dump);
    assert.deepEqual(ours.sets, ref.sets);
  });

  it('ietf, v2c, community private: the SETs', async () => {
    const args = ['-x', 'mibs=ietf', '-x', 'snmp_version=v2c', '-x', 'community=private'];
    const requests = ['INSTCMD beeper.disable', 'INSTCMD beeper.enable', 'INSTCMD load.off', 'INSTCMD load.on', 'INSTCMD test.battery.start'];
    const ref = await session('ref', ietf, IETF_1PH, '.1.3.6.1.2.1.33', args, requests, 4);
    const ours = await session('ours', ietf, IETF_1PH, '.1.3.6.1.2.1.33', args, requests, 4);
    assert.deepEqual(ours.sets, ref.sets);
    assert.deepEqual(ours.replies, ref.replies);
    assert.ok(ours.sets.length >= 4, ours.sets.join('\n'));
  });
});

describe('snmp-ups: SNMPv3', { skip, concurrency: 1 }, () => {
  const users = [
    { name: 'noauth', level: 'noauth' as const },
    { name: 'md5des', auth: 'MD5', authPass: 'authpass1', priv: 'DES', privPass: 'privpass1', level: 'priv' as const },
    { name: 'shaaes', auth: 'SHA', authPass: 'authpass2', priv: 'AES', privPass: 'privpass2', level: 'priv' as const },
    { name: 'sha256', auth: 'SHA-256', authPass: 'authpass3', level: 'auth' as const },
    { name: 'sha512aes256', auth: 'SHA-512', authPass: 'authpass4', priv: 'AES-256', privPass: 'privpass4', level: 'priv' as const },
    { name: 'sha384aes192', auth: 'SHA-384', authPass: 'authpass5', priv: 'AES-192', privPass: 'privpass5', level: 'priv' as const },
  ];
  const cases: [string, string[]][] = [
    ['noAuthNoPriv', ['-x', 'secLevel=noAuthNoPriv', '-x', 'secName=noauth']],
    ['authPriv MD5/DES', ['-x', 'secLevel=authPriv', '-x', 'secName=md5des', '-x', 'authPassword=authpass1', '-x', 'privPassword=privpass1']],
    ['authPriv SHA/AES', ['-x', 'secLevel=authPriv', '-x', 'secName=shaaes', '-x', 'authProtocol=SHA', '-x', 'authPassword=authpass2', '-x', 'privProtocol=AES', '-x', 'privPassword=privpass2']],
    ['authNoPriv SHA256', ['-x', 'secLevel=authNoPriv', '-x', 'secName=sha256', '-x', 'authProtocol=SHA256', '-x', 'authPassword=authpass3']],
    ['authPriv SHA512/AES256', ['-x', 'secLevel=authPriv', '-x', 'secName=sha512aes256', '-x', 'authProtocol=SHA512', '-x', 'authPassword=authpass4', '-x', 'privProtocol=AES256', '-x', 'privPassword=privpass4']],
    ['authPriv SHA384/AES192', ['-x', 'secLevel=authPriv', '-x', 'secName=sha384aes192', '-x', 'authProtocol=SHA384', '-x', 'authPassword=authpass5', '-x', 'privProtocol=AES192', '-x', 'privPassword=privpass5']],
    ['wrong auth password', ['-x', 'secLevel=authPriv', '-x', 'secName=shaaes', '-x', 'authProtocol=SHA', '-x', 'authPassword=wrongpass', '-x', 'privProtocol=AES', '-x', 'privPassword=privpass2', '-x', 'snmp_retries=0']],
    ['missing secName', ['-x', 'secLevel=authPriv']],
    ['missing privPassword', ['-x', 'secLevel=authPriv', '-x', 'secName=shaaes', '-x', 'authPassword=authpass2']],
    ['bad secLevel', ['-x', 'secLevel=paranoid', '-x', 'secName=x']],
    ['bad authProtocol', ['-x', 'secLevel=authNoPriv', '-x', 'secName=x', '-x', 'authPassword=12345678', '-x', 'authProtocol=SHA1']],
  ];
  for (const [label, args] of cases) {
    it(label, async () => {
      const agent = await SnmpAgent.start({ walk: buildWalk(ietf, IETF_1PH), v3Users: users });
      try {
        const r = await assertSameSnmpRun(agent.port, ['-x', 'mibs=ietf', '-x', 'snmp_version=v3', ...args]);
        if (!/wrong|missing|bad/.test(label)) assert.ok(r.ours.vars.includes('battery.charge: 96'), `${r.ours.stderr}`);
        else assert.equal(r.ours.code, 1);
      } finally {
        await agent.stop();
      }
    });
  }
});
