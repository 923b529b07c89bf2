// Power-failure drill rig: a dummy-ups driver playing a .seq file, upsd (the
// reference or ours), and upsmon instances with their own config and state
// dirs. SHUTDOWNCMD and NOTIFYCMD only append lines to files.

import { appendFileSync, existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { REF, ourBin, sandbox, freePort, start, waitFor, waitForPort, type Proc, type Sandbox } from '../helpers/ref.js';

export const haveDummy = existsSync(REF.dummyUps) && existsSync(REF.upsd);

export interface Server {
  sb: Sandbox;
  port: number;
  upsd: Proc;
  driver: Proc;
  seq: string;
  /** rewrite the driver's .seq file (dummy-ups re-reads it when it reaches the end) */
  stop(): Promise<void>;
}

/** Status steps: [status, seconds to hold]. The last one is held "forever". */
export function seqText(steps: Array<[string, number]>): string {
  let out = '';
  for (const [st, hold] of steps) out += `ups.status: ${st}\nbattery.charge: ${st.includes('LB') ? 10 : st.includes('OB') ? 60 : 100}\nTIMER ${hold}\n`;
  return out;
}

export async function startServer(steps: Array<[string, number]>, opts: { upsd?: 'ref' | 'ours'; ups?: string; upsdConf?: string } = {}): Promise<Server> {
  const sb = sandbox('tsnut-drill-');
  const ups = opts.ups ?? 'ups1';
  const port = await freePort();
  const seq = join(sb.conf, `${ups}.seq`);
  writeFileSync(seq, seqText(steps));
  sb.write('ups.conf', `[${ups}]\n\tdriver = dummy-ups\n\tport = ${seq}\n\tdesc = "drill"\n`);
  sb.write('upsd.conf', `LISTEN 127.0.0.1 ${port}\nMAXAGE 15\n${opts.upsdConf ?? ''}`);
  sb.write('upsd.users', '[pri]\n\tpassword = pp\n\tupsmon primary\n[sec]\n\tpassword = sp\n\tupsmon secondary\n');
  const driver = start(REF.dummyUps, ['-a', ups, '-u', 'root', '-F'], { env: sb.env });
  await waitFor(() => existsSync(join(sb.state, `dummy-ups-${ups}`)), 10000);
  const upsd = opts.upsd === 'ours'
    ? start(ourBin('upsd'), ['-F', '-u', 'root'], { env: sb.env })
    : start(REF.upsd, ['-F', '-u', 'root'], { env: sb.env });
  await waitForPort(port);
  const srv: Server = {
    sb, port, upsd, driver, seq,
    async stop() {
      // the fields, not the locals: a test may have restarted upsd
      await srv.upsd.kill();
      await srv.driver.kill();
      sb.cleanup();
    },
  };
  return srv;
}

export interface Mon {
  dir: string;
  env: NodeJS.ProcessEnv;
  proc: Proc | undefined;
  notes(): Array<{ type: string; ups: string; msg: string }>;
  shutdowns(): string[];
  flag: string;
}

/** A shared event log so that ordering across hosts can be checked. */
export function eventLog(sb: Sandbox): string {
  const p = join(sb.dir, 'events.log');
  writeFileSync(p, '');
  chmodSync(p, 0o666);
  return p;
}

/**
 * Config + scripts for one upsmon "host". NOTIFYCMD appends
 * `name NOTIFYTYPE UPSNAME msg` to notify.log; SHUTDOWNCMD appends
 * `name SHUTDOWN` to the shared events file.
 */
export function monHost(sb: Sandbox, name: string, opts: {
  port: number; primary: boolean; events: string; ups?: string; extra?: string; pollfreq?: number;
  hostsync?: number; deadtime?: number; finaldelay?: number; notifyCmd?: string;
}): Mon {
  const dir = join(sb.dir, name);
  mkdirSync(join(dir, 'etc'), { recursive: true });
  mkdirSync(join(dir, 'state'), { recursive: true });
  const notify = join(dir, 'notify.log');
  writeFileSync(notify, '');
  chmodSync(notify, 0o666);
  const notifyCmd = join(dir, 'notify.sh');
  writeFileSync(notifyCmd, `#!/bin/sh\nprintf '%s\\t%s\\t%s\\n' "$NOTIFYTYPE" "$UPSNAME" "$1" >> ${notify}\nprintf '%s NOTIFY %s\\n' ${name} "$NOTIFYTYPE" >> ${opts.events}\n`);
  chmodSync(notifyCmd, 0o755);
  const flag = join(dir, 'killpower');
  const ups = opts.ups ?? 'ups1';
  const types = ['ONLINE', 'ONBATT', 'LOWBATT', 'FSD', 'COMMOK', 'COMMBAD', 'SHUTDOWN', 'REPLBATT', 'NOCOMM', 'NOPARENT'];
  writeFileSync(join(dir, 'etc', 'upsmon.conf'), [
    `MONITOR ${ups}@127.0.0.1:${opts.port} 1 ${opts.primary ? 'pri pp primary' : 'sec sp secondary'}`,
    'MINSUPPLIES 1',
    `SHUTDOWNCMD "echo ${name} SHUTDOWN >> ${opts.events}"`,
    `NOTIFYCMD ${opts.notifyCmd ?? notifyCmd}`,
    ...types.map((t) => `NOTIFYFLAG ${t} SYSLOG+EXEC`),
    `POLLFREQ ${opts.pollfreq ?? 1}`, `POLLFREQALERT ${opts.pollfreq ?? 1}`,
    `HOSTSYNC ${opts.hostsync ?? 5}`, `DEADTIME ${opts.deadtime ?? 4}`, `FINALDELAY ${opts.finaldelay ?? 1}`,
    `POWERDOWNFLAG ${flag}`, 'RUN_AS_USER root', opts.extra ?? '', '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, NUT_CONFPATH: join(dir, 'etc'), NUT_STATEPATH: join(dir, 'state'), NUT_ALTPIDPATH: join(dir, 'state') };
  delete env.NUT_DEBUG_LEVEL;
  return {
    dir, env, proc: undefined, flag,
    notes: () => readFileSync(notify, 'utf8').split('\n').filter(Boolean).map((l) => { const [type, ups2, msg] = l.split('\t'); return { type: type!, ups: ups2!, msg: msg! }; }),
    shutdowns: () => readFileSync(opts.events, 'utf8').split('\n').filter((l) => /^\S+ SHUTDOWN$/.test(l)),
  };
}

export function startMon(m: Mon, impl: 'ours' | 'ref', args: string[] = []): Proc {
  const bin = impl === 'ours' ? ourBin('upsmon') : REF.upsmon;
  // -P with a pid that cannot exist: the reference's "already running?" probe
  // must not see some other test's reference upsmon via /run/nut/upsmon.pid
  const probe = impl === 'ref' ? ['-P', '4194303'] : [];
  m.proc = start(bin, ['-F', '-u', 'root', ...probe, ...args], { env: m.env });
  return m.proc;
}

export function events(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

export function note(path: string, line: string): void {
  appendFileSync(path, line + '\n');
}

import net from 'node:net';

/** A TCP proxy that records client→server lines per connection and can cut the network. */
export class RecordingProxy {
  port = 0;
  conns: string[][] = [];
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  constructor(private target: number) {}

  async listen(port = 0): Promise<number> {
    this.server = net.createServer((c) => {
      const lines: string[] = [];
      this.conns.push(lines);
      const up = net.connect(this.target, '127.0.0.1');
      this.sockets.add(c); this.sockets.add(up);
      let buf = '';
      c.on('data', (d) => {
        buf += d.toString('latin1');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); }
        up.write(d);
      });
      up.on('data', (d) => c.write(d));
      const end = () => { c.destroy(); up.destroy(); this.sockets.delete(c); this.sockets.delete(up); };
      c.on('close', end); up.on('close', end); c.on('error', end); up.on('error', end);
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  /** cut the network: drop every connection and refuse new ones */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server?.listening) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
