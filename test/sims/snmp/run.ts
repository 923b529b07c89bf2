// Runs snmp-ups (the reference or ours) against a simulated agent: one
// `-d 1` dump, or a daemon reachable on its driver socket.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { run, start, waitFor, ourBin, type Proc } from '../../helpers/ref.js';
import { SockSession } from '../driver-run.js';
import { SnmpAgent } from './agent.js';
import { buildWalk } from './build-walk.js';
import type { Mib2Nut } from '../../../src/drivers/snmp-ups/mib.js';

export type Side = 'ref' | 'ours';
export const REF_SNMP_UPS = '/lib/nut/snmp-ups';
export const haveRefSnmpUps = existsSync(REF_SNMP_UPS);
const bin = (side: Side): string => (side === 'ref' ? REF_SNMP_UPS : ourBin('snmp-ups'));

/** Net-SNMP's library state dir for the reference, prepared so it prints no "Created directory" lines */
function snmpLibDir(state: string): NodeJS.ProcessEnv {
  const d = join(state, 'snmplib');
  mkdirSync(join(d, 'cert_indexes'), { recursive: true });
  mkdirSync(join(d, 'mib_indexes'), { recursive: true });
  return { SNMP_PERSISTENT_DIR: d, MIBS: '' };
}

export interface SnmpDump {
  code: number | null;
  /** `name: value` lines without driver.version*, the agent port as PORT */
  vars: string[];
  stderr: string;
}

const scrub = (s: string, port: number): string => s.split(`127.0.0.1:${port}`).join('127.0.0.1:PORT');

export async function snmpDump(side: Side, port: number, args: string[], timeoutMs = 120000): Promise<SnmpDump> {
  const state = mkdtempSync(join(tmpdir(), 'tsnut-snmp-'));
  try {
    const r = await run(bin(side), ['-s', 'sim', '-x', `port=127.0.0.1:${port}`, ...args, '-u', 'root', '-d', '1'], {
      env: { ...process.env, NUT_STATEPATH: state, NUT_CONFPATH: state, NUT_ALTPIDPATH: state, ...snmpLibDir(state) },
      timeoutMs,
    });
    const vars = r.stdout.split('\n').filter((l) => /^[a-z0-9_.-]+: /i.test(l) && !l.startsWith('driver.version')).map((l) => scrub(l, port));
    return { code: r.code, vars, stderr: scrub(r.stderr, port) };
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** Both drivers against the same agent (one after the other, so the agent sees one manager at a time). */
export async function assertSameSnmpRun(port: number, args: string[]): Promise<{ ref: SnmpDump; ours: SnmpDump }> {
  const ref = await snmpDump('ref', port, args);
  const ours = await snmpDump('ours', port, args);
  assert.deepEqual(ours.vars, ref.vars, `variables differ\nref stderr: ${ref.stderr}\nour stderr: ${ours.stderr}`);
  assert.equal(ours.code, ref.code, `exit code: ref stderr ${ref.stderr}\nours ${ours.stderr}`);
  assert.equal(ours.stderr, ref.stderr, 'log lines differ');
  return { ref, ours };
}

export interface SnmpDaemon {
  proc: Proc;
  session: SockSession;
  stop(): Promise<void>;
}

/** The driver in the foreground (-F) with its socket in a private state dir. */
export async function startSnmpDaemon(side: Side, port: number, args: string[]): Promise<SnmpDaemon> {
  const state = mkdtempSync(join(tmpdir(), 'tsnut-snmp-'));
  const proc = start(bin(side), ['-s', 'sim', '-x', `port=127.0.0.1:${port}`, ...args, '-u', 'root', '-F'], {
    env: { ...process.env, NUT_STATEPATH: state, NUT_CONFPATH: state, NUT_ALTPIDPATH: state, ...snmpLibDir(state) },
  });
  const socket = join(state, 'snmp-ups-sim');
  let session: SockSession | undefined;
  const stop = async (): Promise<void> => {
    session?.close();
    await proc.kill('SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (!existsSync(socket)) return false;
      try { session = await SockSession.open(socket); return true; } catch { return false; }
    }, 60000, 100);
    await session!.request('', 10000);
  } catch (e) {
    const err = proc.stderr();
    await stop();
    throw new Error(`${side} snmp-ups did not come up: ${err}`, { cause: e });
  }
  return { proc, session: session!, stop };
}

export interface CommandSession { dump: string[]; replies: string[]; sets: string[]; startSets: string[] }

/** A daemon on a fresh agent: DUMPALL, then `requests` on the socket; the SETs that reached the agent. */
export async function commandSession(side: Side, mib: Mib2Nut, values: ReadonlyMap<string, string>, sysoid: string, args: string[], requests: string[], expectSets: number): Promise<CommandSession> {
  const agent = await SnmpAgent.start({ walk: buildWalk(mib, values), sysObjectID: sysoid });
  try {
    const d = await startSnmpDaemon(side, agent.port, ['-i', '1', ...args]);
    try {
      const all = await d.session.dumpAll(60000);
      const dump = all.filter((l) => !/^SETINFO driver\.(version|parameter\.port)/.test(l) && l !== 'DATAOK').sort();
      const startSets = agent.sets();
      agent.clearSets();
      const replies: string[] = [];
      for (const r of requests) replies.push(`${r} -> ${(await d.session.request(r)).trim()}`);
      await waitFor(() => agent.sets().length >= expectSets, 20000);
      await new Promise((r) => setTimeout(r, 500));
      return { dump, replies, sets: agent.sets(), startSets };
    } finally {
      await d.stop();
    }
  } finally {
    await agent.stop();
  }
}

