// snmp-ups faults: the agent goes silent, answers garbage or truncated
// datagrams, then recovers. Ours and the reference, each behind its own
// fault proxy, must go stale, log the same lines and come back.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FaultProxy, SnmpAgent, haveSnmpd, type ProxyMode } from '../sims/snmp/agent.js';
import { buildWalk } from '../sims/snmp/build-walk.js';
import { haveRefSnmpUps, startSnmpDaemon, type Side } from '../sims/snmp/run.js';
import { waitFor } from '../helpers/ref.js';
import { ietf } from '../../src/drivers/snmp-ups/mibs/ietf.js';

const skip = !haveSnmpd || !haveRefSnmpUps ? 'needs snmpd and the reference snmp-ups (nut-snmp)' : false;

// few OIDs, so that a poll against a silent agent (1 s per OID) stays short
const DEVICE = new Map(Object.entries({ 'ups.mfr': 'SimCorp', 'ups.model': 'Tiny', 'ups.status': 'OL', 'battery.charge': '90', 'input.voltage': '230' }));

async function scenario(side: Side): Promise<{ states: string[]; log: string[] }> {
  const agent = await SnmpAgent.start({ walk: buildWalk(ietf, DEVICE) });
  const proxy = await FaultProxy.start(agent.port);
  const states: string[] = [];
  try {
    const d = await startSnmpDaemon(side, proxy.port, ['-i', '1', '-x', 'mibs=ietf', '-x', 'snmp_version=v2c', '-x', 'pollfreq=1',
      '-x', 'snmp_retries=0', '-x', 'snmp_timeout=1']);
    try {
      const state = async (): Promise<string> => ((await d.session.dumpAll(30000)).includes('DATASTALE') ? 'stale' : 'ok');
      const reach = async (mode: ProxyMode, want: string): Promise<void> => {
        // the state turns at the first failing OID (ours answers the socket during a poll, the
        // reference only after it): wait for the poll to reach the table's last OID too
        const marker = want === 'stale' ? 'data stale for ups.timer.start' : 'data resumed for ups.timer.start';
        const seen = (): number => d.proc.stderr().split(marker).length;
        const before = seen();
        proxy.mode = mode;
        await waitFor(async () => (await state()) === want, 40000, 500);
        await waitFor(() => seen() > before, 40000, 200);
        states.push(`${mode}:${want}`);
      };
      states.push(await state());
      for (const mode of ['silent', 'garbage', 'truncate'] as const) {
        await reach(mode, 'stale');
        await reach('pass', 'ok');
      }
      const log = d.proc.stderr().split('\n').filter((l) => /stale|resumed|Timeout|Error/i.test(l));
      return { states, log: [...new Set(log)].sort() };
    } finally {
      await d.stop();
    }
  } finally {
    proxy.close();
    await agent.stop();
  }
}

describe('snmp-ups: agent faults and recovery', { skip }, () => {
  it('silent, garbage, truncated replies: stale, the same log lines, recovery', async () => {
    const [ref, ours] = await Promise.all([scenario('ref'), scenario('ours')]);
    assert.deepEqual(ours.states, ['ok', 'silent:stale', 'pass:ok', 'garbage:stale', 'pass:ok', 'truncate:stale', 'pass:ok']);
    assert.deepEqual(ours.states, ref.states);
    assert.deepEqual(ours.log, ref.log);
    assert.ok(ours.log.some((l) => /snmp_ups_walk: data stale for battery\.charge/.test(l)), ours.log.join('\n'));
    assert.ok(ours.log.some((l) => /data resumed for battery\.charge/.test(l)), ours.log.join('\n'));
  });
});
