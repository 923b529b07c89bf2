// Runs netxml-ups (the reference or ours) against a fresh card simulator:
// one `-d 1` dump, or a daemon reachable on its driver socket.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, start, waitFor, type Proc } from '../helpers/ref.js';
import { driverPath, SockSession, type Side } from './driver-run.js';
import { NetxmlSim, defaultModel, type NetxmlFault, type NetxmlModel, type NetxmlSimOptions, type RecordedRequest } from './netxml.js';

export const REF_NETXML = '/lib/nut/netxml-ups';
export const haveRefNetxml = existsSync(REF_NETXML);

export interface NetxmlSetup {
  model?: () => NetxmlModel;
  opts?: NetxmlSimOptions;
  faults?: Record<string, NetxmlFault>;
  /** the port value; default the simulator's URL */
  port?: (sim: NetxmlSim) => string;
}

export interface NetxmlDump {
  code: number | null;
  vars: string[];
  /** stderr, timestamps and the simulator's port number taken out */
  log: string;
  requests: RecordedRequest[];
}

const env = (dir: string) => ({ ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir, NUT_ALTPIDPATH: dir });

export function cleanLog(s: string, port: number): string {
  return s.replace(/^ +\d+\.\d+\t/gm, '').split(String(port)).join('PORT');
}

async function newSim(setup: NetxmlSetup): Promise<NetxmlSim> {
  const sim = await new NetxmlSim(setup.model ? setup.model() : defaultModel(), setup.opts ?? {}).listen();
  for (const [p, f] of Object.entries(setup.faults ?? {})) sim.faults.set(p, f);
  return sim;
}

/** `netxml-ups -s sim -x port=... -u root <args>` (default -d 1) against a new simulator */
export async function netxmlDump(side: Side, setup: NetxmlSetup = {}, args: string[] = ['-d', '1'], timeoutMs = 60000): Promise<NetxmlDump> {
  const sim = await newSim(setup);
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-netxml-'));
  try {
    const port = setup.port ? setup.port(sim) : sim.url;
    const r = await run(driverPath(side, 'netxml-ups'), ['-s', 'sim', '-x', `port=${port}`, '-u', 'root', ...args], { env: env(dir), timeoutMs });
    const vars = r.stdout.split('\n').filter((l) => /^[a-z0-9_.-]+: /i.test(l) && !l.startsWith('driver.version'))
      .map((l) => l.split(String(sim.port)).join('PORT'));
    return { code: r.code, vars, log: cleanLog(r.stderr, sim.port), requests: sim.requests.map((q) => ({ ...q })) };
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface NetxmlDaemon {
  sim: NetxmlSim;
  proc: Proc;
  session: SockSession;
  stop(): Promise<void>;
}

/** A driver in the foreground (-F, poll every second) with its socket in a private state dir. */
export async function netxmlDaemon(side: Side, setup: NetxmlSetup = {}, args: string[] = []): Promise<NetxmlDaemon> {
  const sim = await newSim(setup);
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-netxml-'));
  const proc = start(driverPath(side, 'netxml-ups'), ['-s', 'sim', '-x', `port=${sim.url}`, '-i', '1', ...args, '-u', 'root', '-F'], { env: env(dir) });
  const socket = join(dir, 'netxml-ups-sim');
  const d: NetxmlDaemon = {
    sim, proc, session: undefined as unknown as SockSession,
    async stop() {
      d.session?.close();
      await proc.kill('SIGTERM');
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(async () => {
      if (!existsSync(socket)) return false;
      try { d.session = await SockSession.open(socket); return true; } catch { return false; }
    }, 30000, 100);
    await d.session.request('', 10000);
  } catch (e) {
    const err = proc.stderr();
    await d.stop();
    throw new Error(`${side} netxml-ups did not come up: ${err}`, { cause: e });
  }
  return d;
}
