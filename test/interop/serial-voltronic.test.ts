// Differential tests for the Voltronic (QGS/QPI) protocol of nutdrv_qx: the reference and ours,
// each with `-d 1` against its own copy of the same simulated unit. Same variables, exit code,
// bytes on the line and log lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { assertSameRun } from '../sims/driver-run.js';
import { VoltronicModel } from '../sims/voltronic.js';

const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference nutdrv_qx or socat missing' : false;

async function same(over: Record<string, string | null>, args: string[]): Promise<void> {
  await assertSameRun('nutdrv_qx', () => new VoltronicModel(over), args);
}

// Protocol ids the 2.8.0 Voltronic subdriver refuses: the claim fails (with its log line) and
// the probe goes on, or stops when protocol=voltronic is forced.
const refused: [string, string][] = [
  ['PI30 (unknown id)', '(PI30'],
  ['PI5 (digit outside 0-4, 8, 9)', '(PI5'],
  ['PI3X (not numeric)', '(PI3X'],
  ['XX31 (no PI prefix)', '(XX31'],
  ['PI42 (valid digits, unknown id)', '(PI42'],
];
for (const [name, qpi] of refused) {
  for (const args of [['-x', 'protocol=voltronic'], []]) {
    test(`nutdrv_qx -d 1 matches the reference: Voltronic ${name} ${args.join(' ') || '(autodetect)'}`, { skip }, async () => {
      await same({ QPI: qpi }, args);
    });
  }
}

// Claims that fail before the protocol id is read: QGS refused, QGS unparsable, QPI refused.
const failing: [string, Record<string, string | null>][] = [
  ['QGS answered (NAK', { QGS: '(NAK' }],
  ['QGS too short', { QGS: '(234.9 50.0' }],
  ['QPI answered (NAK (input.voltage dropped again)', { QPI: '(NAK' }],
];
for (const [name, over] of failing) {
  for (const args of [['-x', 'protocol=voltronic'], []]) {
    test(`nutdrv_qx -d 1 matches the reference: Voltronic ${name} ${args.join(' ') || '(autodetect)'}`, { skip }, async () => {
      await same(over, args);
    });
  }
}

// -k on a unit whose claim fails: same probe, same refusal, same exit code.
test('nutdrv_qx -k matches the reference: Voltronic PI30 unit, protocol=voltronic', { skip }, async () => {
  const { ref } = await assertSameRun('nutdrv_qx', () => new VoltronicModel({ QPI: '(PI30' }), ['-x', 'protocol=voltronic'], ['-k']);
  assert.notEqual(ref.code, 0);
});
