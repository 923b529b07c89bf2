// A sandboxed reference NUT server for the client interop tests: reference
// /lib/nut/upsd (or ours) serving reference /lib/nut/dummy-ups drivers on a
// free loopback port.

import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { sandbox, freePort, start, run, waitFor, waitForPort, REF, ourBin, type Sandbox, type Proc, type RunResult } from '../helpers/ref.js';
import { NutClient } from '../../src/client/index.js';

export interface RefEnv {
  sb: Sandbox;
  port: number;
  procs: Proc[];
  /** stop upsd (drivers keep running) */
  stopUpsd(): Promise<void>;
  /** start upsd again on the same port */
  startUpsd(): Promise<void>;
  stop(): Promise<void>;
}

export const DEV_A = `battery.charge: 100
battery.runtime: 3600
device.mfr: Test
device.model: Model "Q" #1
input.voltage: 230.5
input.frequency: 50.0
ups.load: 23
ups.status: OL CHRG
ups.temperature: 25.5
ups.id: myid
`;

export const DEV_B = `battery.charge: 40
ups.status: OB DISCHRG
ups.mfr: Other
`;

export interface EnvOptions {
  /** extra UPS sections: name → file content (.dev or .seq by name suffix) */
  devs?: Record<string, { file: string; content: string; desc?: string }>;
  /** upsd binary (default reference) */
  upsd?: string;
  /** extra upsd.conf lines (e.g. CERTPATH/CERTIDENT for STARTTLS) */
  upsdConf?: string;
}

export async function startRefEnv(o: EnvOptions = {}): Promise<RefEnv> {
  const sb = sandbox('tsnut-cli-');
  const port = await freePort();
  const devs = o.devs ?? {
    upsa: { file: 'a.dev', content: DEV_A, desc: 'Test "quoted" UPS' },
    upsb: { file: 'b.dev', content: DEV_B },
  };
  let upsconf = '';
  for (const [name, d] of Object.entries(devs)) {
    sb.write(d.file, d.content);
    upsconf += `[${name}]\n\tdriver = dummy-ups\n\tport = ${d.file}\n${d.desc ? `\tdesc = "${d.desc.replace(/"/g, '\\"')}"\n` : ''}`;
  }
  sb.write('ups.conf', upsconf);
  sb.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\nLISTEN ::1 ${port}\n${o.upsdConf ?? ''}`);
  sb.write('upsd.users', [
    '[admin]', '\tpassword = secret', '\tactions = SET FSD', '\tinstcmds = ALL',
    '[spacey]', '\tpassword = "two words"', '\tactions = SET', '\tinstcmds = ALL',
    '[mon]', '\tpassword = pw', '\tupsmon primary',
    '[nobody]', '\tpassword = nopw', '',
  ].join('\n'));
  sb.write('nut.conf', 'MODE=standalone\n');
  const procs: Proc[] = [];
  const env = { ...sb.env };
  for (const name of Object.keys(devs)) {
    procs.push(start(REF.dummyUps, ['-a', name, '-u', 'root', '-F'], { env, cwd: sb.conf }));
  }
  await waitFor(() => Object.keys(devs).every((n) => existsSync(join(sb.state, `dummy-ups-${n}`))), 10000);
  const upsd = o.upsd ?? REF.upsd;
  procs.push(start(upsd, ['-u', 'root', '-F'], { env }));
  await waitForPort(port);
  // wait until every driver's data is served (not WAIT / stale)
  await waitFor(async () => {
    try {
      const c = await NutClient.connect({ host: '127.0.0.1', port });
      try {
        for (const n of Object.keys(devs)) {
          const s = await c.getVar(n, 'ups.status');
          if (s === 'WAIT') return false;
        }
        return true;
      } finally { c.destroy(); }
    } catch { return false; }
  }, 15000, 100);
  let upsdProc = procs[procs.length - 1]!;
  return {
    sb, port, procs,
    async stopUpsd() { await upsdProc.kill(); },
    async startUpsd() {
      upsdProc = start(upsd, ['-u', 'root', '-F'], { env });
      procs.push(upsdProc);
      await waitForPort(port);
    },
    async stop() {
      for (const p of procs.reverse()) await p.kill();
      sb.cleanup();
    },
  };
}

/** Reference NSS-build noise (clients.md §1.2): not part of the contract. */
const NSS_NOISE = /^Init SSL without certificate database\n/gm;

export function normalise(r: RunResult, progPath: string): RunResult {
  const re = new RegExp('^' + progPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ': ', 'gm');
  return { code: r.code, stdout: r.stdout.replace(re, 'PROG: '), stderr: r.stderr.replace(NSS_NOISE, '').replace(re, 'PROG: ') };
}

export interface Pair { ref: RunResult; ours: RunResult }

/** Run the reference program and ours with the same arguments, env and stdin. */
export async function runBoth(prog: 'upsc' | 'upscmd' | 'upsrw' | 'upslog', args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Pair> {
  const refPath = REF[prog];
  const ourPath = ourBin(prog);
  const ref = normalise(await run(refPath, args, { env, input }), refPath);
  const ours = normalise(await run(ourPath, args, { env, input }), ourPath);
  return { ref, ours };
}

/** runBoth over a table, a few cases at a time (read-only cases only). */
export async function runTable(prog: 'upsc' | 'upscmd' | 'upsrw' | 'upslog', cases: { args: string[]; input?: string }[], env: NodeJS.ProcessEnv, parallel = 4): Promise<Pair[]> {
  const res: Pair[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i]!;
      const [ref, ours] = await Promise.all([
        run(REF[prog], c.args, { env, input: c.input ?? '' }).then((r) => normalise(r, REF[prog])),
        run(ourBin(prog), c.args, { env, input: c.input ?? '' }).then((r) => normalise(r, ourBin(prog))),
      ]);
      res[i] = { ref, ours };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return res;
}
