// The differential check for device tests: the reference and ours, one after
// the other on the same agent, give the same variables, log and exit code.
// The agent's own sysUpTime (device.uptime) moves on between the two runs.

import assert from 'node:assert/strict';
import { snmpDump, type SnmpDump } from './run.js';

const uptime = (v: string[]) => v.map((l) => l.replace(/^device\.uptime: \d+$/, 'device.uptime: N'));

export async function assertSameDevice(port: number, args: string[]): Promise<{ ref: SnmpDump; ours: SnmpDump }> {
  const ref = await snmpDump('ref', port, args);
  const ours = await snmpDump('ours', port, args);
  assert.deepEqual(uptime(ours.vars), uptime(ref.vars), `variables differ\nref stderr: ${ref.stderr}\nour stderr: ${ours.stderr}`);
  assert.equal(ours.code, ref.code, `exit code: ref stderr ${ref.stderr}\nours ${ours.stderr}`);
  assert.equal(ours.stderr, ref.stderr, 'log lines differ');
  return { ref, ours };
}
