// nutdrv_qx / blazer_ser as long-running drivers: instant commands and SET
// reach the simulated device as the reference's do (simulator logs compared),
// and a device that stops answering, answers garbage or answers too slowly
// makes the data stale without crashing or spinning; the driver recovers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startDaemon, SockSession, type Daemon, type Side } from '../sims/driver-run.js';
import { MegatecModel, type MegatecOptions } from '../sims/megatec.js';
import { VoltronicModel } from '../sims/voltronic.js';
import { waitFor } from '../helpers/ref.js';

const skip = !existsSync('/lib/nut/nutdrv_qx') || !existsSync('/usr/bin/socat') ? 'reference nutdrv_qx or socat missing' : false;

const POLL = new Set(['Q1', 'F', 'I', 'QS', 'D', 'FW?']);
const nonPoll = (d: Daemon): string[] => d.sim.commands().filter((c) => !POLL.has(c));

async function driveCommands(side: Side, driver: string, requests: string[], expectSent: number) {
  const d = await startDaemon(side, driver, new MegatecModel(), ['-i', '1']);
  const s = d.session;
  try {
    const cmds = (await s.dumpAll()).filter((l) => l.startsWith('ADDCMD ')).map((l) => l.slice(7)).sort();
    d.sim.clearLog();
    for (const r of requests) await s.request(r);
    await waitFor(() => nonPoll(d).length >= expectSent, 30000);
    // beeper.toggle flipped the simulated beeper: the next (full) update shows it
    await waitFor(async () => (await s.dumpAll()).includes('SETINFO ups.beeper.status "disabled"'), 30000);
    const after = await s.dumpAll();
    return { cmds, sent: nonPoll(d), after: after.filter((l) => l.startsWith('SETINFO ups.delay')) };
  } finally {
    await d.stop();
  }
}

test('nutdrv_qx: instant commands and SET send what the reference sends', { skip, timeout: 90000 }, async () => {
  const requests = [
    'INSTCMD beeper.toggle', 'INSTCMD test.battery.start.quick', 'INSTCMD test.battery.start 120', 'INSTCMD test.battery.start 5',
    'INSTCMD test.battery.stop', 'INSTCMD test.battery.start.deep', 'INSTCMD shutdown.stop', 'INSTCMD load.on',
    'SET ups.delay.shutdown "130"', 'INSTCMD shutdown.stayoff', 'SET ups.delay.start "0"', 'INSTCMD shutdown.return',
    'SET ups.delay.shutdown "3"', 'INSTCMD load.off', 'INSTCMD no.such.command',
  ];
  const [ref, ours] = await Promise.all([driveCommands('ref', 'nutdrv_qx', requests, 10), driveCommands('ours', 'nutdrv_qx', requests, 10)]);
  assert.deepEqual(ref.sent, ['Q', 'T', 'T02', 'CT', 'TL', 'C', 'C', 'S02R0000', 'S02', 'S00R0000']);
  assert.deepEqual(ours.cmds, ref.cmds);
  assert.deepEqual(ours.sent, ref.sent);
  assert.deepEqual(ours.after, ref.after);
});

test('blazer_ser: instant commands send what the reference sends', { skip, timeout: 90000 }, async () => {
  const requests = [
    'INSTCMD beeper.toggle', 'INSTCMD test.battery.start.quick', 'INSTCMD test.battery.start 12', 'INSTCMD test.battery.start 100',
    'INSTCMD test.battery.stop', 'INSTCMD shutdown.stop', 'INSTCMD shutdown.stayoff', 'INSTCMD shutdown.return',
    'INSTCMD load.off', 'INSTCMD load.on', 'SET ups.delay.start "60"',
  ];
  const [ref, ours] = await Promise.all([driveCommands('ref', 'blazer_ser', requests, 9), driveCommands('ours', 'blazer_ser', requests, 9)]);
  assert.deepEqual(ours.cmds, ref.cmds);
  assert.deepEqual(ours.sent, ref.sent);
  assert.deepEqual(ours.after, ref.after);
});

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (100 Hz)
}

async function isStale(s: SockSession): Promise<boolean> {
  return (await s.dumpAll()).includes('DATASTALE');
}

const faultCases: [string, string, () => MegatecModel | VoltronicModel][] = [
  ['nutdrv_qx', 'Megatec', () => new MegatecModel()], ['nutdrv_qx', 'Voltronic', () => new VoltronicModel()], ['blazer_ser', 'Megatec', () => new MegatecModel()],
];
for (const [driver, protocol, makeModel] of faultCases) {
  test(`${driver} (${protocol}): silent, garbage and slow device → stale, no spin, recovery`, { skip, timeout: 120000 }, async () => {
    const model = makeModel();
    const d = await startDaemon('ours', driver, model, ['-i', '1']);
    const s = d.session;
    try {
      assert.equal(await isStale(s), false);
      for (const fault of ['garbage', 'silent', 'slow'] as const) {
        model.fault = fault;
        const cpu0 = cpuSeconds(d.proc.child.pid!);
        const t0 = Date.now();
        await waitFor(() => isStale(s), 40000, 200).catch((e) => {
          throw new Error(`${fault}: never stale; device saw ${d.sim.log.slice(-5).map((x) => JSON.stringify(x)).join(' ')}; stderr ${d.proc.stderr()}`, { cause: e });
        });
        const wall = (Date.now() - t0) / 1000;
        const cpu = cpuSeconds(d.proc.child.pid!) - cpu0;
        assert.ok(cpu < 0.5 * wall + 0.3, `${fault}: ${cpu}s CPU in ${wall}s: busy loop?`);
        model.fault = 'none';
        await waitFor(async () => !(await isStale(s)), 20000, 200);
      }
      assert.equal(d.proc.child.exitCode, null, 'driver exited');
      assert.match(d.proc.stderr(), /Communications with (the )?UPS re-established/);
    } finally {
        await d.stop();
    }
  });
}

// the command lists, flags and ranges each protocol publishes (DUMPALL), reference vs ours
const protocols: [string, MegatecOptions, string[]][] = [
  ['megatec', {}, []],
  ['mustek', { statusCmd: 'QS' }, []],
  ['zinto', { infoCmd: 'FW?' }, []],
  ['q1', { infoCmd: null, ratings: false }, []],
  ['mecer', { qpi: '(PI98', ack: '(ACK' }, []],
  ['hunnox', { infoCmd: 'FW?', ack: 'UPS No Ack' }, ['-x', 'protocol=hunnox']],
  ['voltronic-qs', { m: 'V', statusCmd: 'QS', infoCmd: null }, []],
];
test('nutdrv_qx: every implemented protocol publishes the reference commands, flags and ranges', { skip, timeout: 120000 }, async () => {
  for (const [name, opts, args] of protocols) {
    const [ref, ours] = await Promise.all((['ref', 'ours'] as const).map(async (side) => {
      const d = await startDaemon(side, 'nutdrv_qx', new MegatecModel(opts), args);
      try {
        return (await d.session.dumpAll()).filter((l) => !l.startsWith('SETINFO ') && l !== 'DATAOK').sort();
      } finally {
        await d.stop();
      }
    }));
    assert.ok(ref!.some((l) => l.startsWith('ADDCMD ')), `${name}: reference published no command`);
    assert.deepEqual(ours, ref, name);
  }
});
