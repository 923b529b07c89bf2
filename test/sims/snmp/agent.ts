// The SNMP agent simulator: Debian's snmpd (the real Net-SNMP agent, so v1,
// v2c and v3 USM behave as on a device's card) on a free loopback UDP port,
// serving a walk through pass_persist (pass-persist.ts), and a UDP proxy
// that can turn silent or garble replies for fault tests.

import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Walk } from './walk.js';
import { openNetSnmpSession } from '../../../src/transports/snmp.js';

export const SNMPD = '/usr/sbin/snmpd';
export const haveSnmpd = existsSync(SNMPD);
const PASS_PERSIST = new URL('./pass-persist.js', import.meta.url).pathname;

export interface V3User {
  name: string;
  /** MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512 (snmpd's createUser names) */
  auth?: string;
  authPass?: string;
  /** DES AES AES-192 AES-256 */
  priv?: string;
  privPass?: string;
  level: 'noauth' | 'auth' | 'priv';
}

export interface AgentOptions {
  walk: Walk;
  sysObjectID?: string;
  sysDescr?: string;
  sysContact?: string;
  sysLocation?: string;
  /** read-only community (default public) and read-write community (default private) */
  roCommunity?: string;
  rwCommunity?: string;
  v3Users?: V3User[];
}

/** The pass_persist subtrees a walk needs: UPS-MIB style .1.3.6.1.2.1.N (not system) and each enterprise. */
export function subtreesOf(walk: Walk): string[] {
  const out = new Set<string>();
  let cur: [string, unknown] | undefined = walk.next('0');
  while (cur) {
    const p = cur[0].split('.');
    if (p.slice(0, 6).join('.') === '1.3.6.1.4.1' && p.length > 6) out.add(p.slice(0, 7).join('.'));
    else if (p.slice(0, 5).join('.') === '1.3.6.1.2' && p.length > 6 && !(p[5] === '1' && p[6] === '1')) out.add(p.slice(0, 7).join('.'));
    cur = walk.next(cur[0]);
  }
  return [...out];
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// agents still running when the test process exits go with it
const running = new Set<ChildProcess>();
process.once('exit', () => { for (const p of running) p.kill('SIGKILL'); });

export class SnmpAgent {
  private constructor(readonly port: number, private readonly proc: ChildProcess, readonly dir: string, private readonly setLog: string,
    private readonly out: () => string) {}

  static async start(o: AgentOptions): Promise<SnmpAgent> {
    const dir = mkdtempSync(join(tmpdir(), 'tsnut-snmpd-'));
    const walkFile = join(dir, 'device.walk');
    const setLog = join(dir, 'sets.log');
    writeFileSync(walkFile, o.walk.toText());
    writeFileSync(setLog, '');
    mkdirSync(join(dir, 'persist'));
    const conf = [
      `rocommunity ${o.roCommunity ?? 'public'} 127.0.0.1`,
      `rwcommunity ${o.rwCommunity ?? 'private'} 127.0.0.1`,
      `sysDescr ${o.sysDescr ?? 'tsnut simulated SNMP agent'}`,
      `sysContact ${o.sysContact ?? 'ops@example.org'}`,
      `sysLocation ${o.sysLocation ?? 'Rack 7'}`,
      ...(o.sysObjectID ? [`sysObjectID ${o.sysObjectID}`] : []),
      ...(o.v3Users ?? []).flatMap((u) => [
        `createUser ${u.name}${u.auth ? ` ${u.auth} "${u.authPass}"` : ''}${u.priv ? ` ${u.priv} "${u.privPass}"` : ''}`,
        `rwuser ${u.name} ${u.level}`,
      ]),
      ...subtreesOf(o.walk).map((t) => `pass_persist .${t} ${process.execPath} ${PASS_PERSIST} .${t} ${walkFile} ${setLog}`),
    ].join('\n') + '\n';
    writeFileSync(join(dir, 'snmpd.conf'), conf);
    for (let attempt = 0; ; attempt++) {
      const port = await freeUdpPort();
      const proc = spawn(SNMPD, ['-f', '-Lo', '-C', '-I', '-smux', '-c', join(dir, 'snmpd.conf'), '-m', '', '-p', join(dir, 'snmpd.pid'), `udp:127.0.0.1:${port}`], {
        env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: join(dir, 'persist') }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      proc.stdout!.on('data', (d) => { out += d; });
      proc.stderr!.on('data', (d) => { out += d; });
      const ok = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 10000);
        const check = (): void => {
          if (/NET-SNMP version/.test(out)) { clearTimeout(t); resolve(true); }
          else if (/bind failed|Error opening specified endpoint|couldn't open|Address already in use/i.test(out)) { clearTimeout(t); resolve(false); }
        };
        proc.stdout!.on('data', check);
        proc.stderr!.on('data', check);
        proc.once('exit', () => { clearTimeout(t); resolve(false); });
      });
      if (ok) {
        running.add(proc);
        proc.once('exit', () => running.delete(proc));
        // snmpd starts a pass_persist helper on its first request to a subtree (a node start-up):
        // do that now, so drivers with short timeouts do not see it
        const s = openNetSnmpSession({ host: '127.0.0.1', port, version: 'v2c', community: o.roCommunity ?? 'public', retries: 2, timeoutMs: 5000 });
        try { for (const t of subtreesOf(o.walk)) await s.getNext(t); } finally { s.close(); }
        return new SnmpAgent(port, proc, dir, setLog, () => out);
      }
      proc.kill('SIGKILL');
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`snmpd did not start: ${out}`);
      }
    }
  }

  /** SETs the agent received, "SET .oid type value", in order */
  sets(): string[] {
    return readFileSync(this.setLog, 'latin1').split('\n').filter(Boolean);
  }

  clearSets(): void { writeFileSync(this.setLog, ''); }

  log(): string { return this.out(); }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null) {
      const done = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(t);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type ProxyMode = 'pass' | 'silent' | 'truncate' | 'garbage';

/** A UDP relay in front of an agent: passes, drops, truncates or replaces its replies. */
export class FaultProxy {
  mode: ProxyMode = 'pass';
  private readonly up = new Map<string, dgram.Socket>();
  private constructor(private readonly sock: dgram.Socket, readonly port: number, private readonly target: number) {}

  static async start(targetPort: number): Promise<FaultProxy> {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const p = new FaultProxy(sock, sock.address().port, targetPort);
    sock.on('message', (msg, rinfo) => p.forward(msg, rinfo));
    return p;
  }

  private forward(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (this.mode === 'silent') return;
    const key = `${rinfo.address}:${rinfo.port}`;
    let u = this.up.get(key);
    if (!u) {
      u = dgram.createSocket('udp4');
      u.on('message', (reply) => {
        let out = reply;
        if (this.mode === 'silent') return;
        if (this.mode === 'truncate') out = reply.subarray(0, Math.max(1, reply.length >> 1));
        else if (this.mode === 'garbage') out = Buffer.from('this is no SNMP message\x00\xff\x30\x82', 'latin1');
        this.sock.send(out, rinfo.port, rinfo.address);
      });
      this.up.set(key, u);
    }
    u.send(msg, this.target, '127.0.0.1');
  }

  close(): void {
    for (const u of this.up.values()) u.close();
    this.sock.close();
  }
}
