// `tsnut status`: what the running stack knows, as data (the snapshot the
// control socket sends) and as one screen of text. Pure: no I/O.

export interface UpsLine {
  name: string;
  driver: string;
  /** hosted in this process, or a NUT C program we started */
  mode: 'in-process' | 'external';
  /** the driver task/process is alive */
  running: boolean;
  /** upsd has a live link to the driver socket */
  connected: boolean;
  stale: boolean;
  status: string;
  charge?: string;
  runtime?: string;
  logins: number;
}

export interface ClientLine { addr: string; user?: string; ups?: string }

export interface MonitorLine {
  system: string;
  primary: boolean;
  powerValue: number;
  /** the flags upsmon holds: OL OB LB FSD ... */
  flags: string;
  comm: 'ok' | 'lost' | 'never';
  critical: boolean;
}

export interface StatusSnapshot {
  pid: number;
  /** seconds since the epoch */
  started: number;
  now: number;
  confPath: string;
  statePath: string;
  listen: string[];
  ups: UpsLine[];
  clients: ClientLine[];
  upsmon?: { ups: MonitorLine[]; minSupplies: number; healthy: number; shuttingDown: boolean };
  components: Array<{ name: string; status: string }>;
}

function dur(s: number): string {
  s = Math.max(0, Math.floor(s));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

function table(rows: string[][]): string[] {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ').trimEnd());
}

/** One screen: the stack, each UPS and its driver, the clients, upsmon's view. */
export function renderStatus(s: StatusSnapshot): string {
  const out: string[] = [];
  out.push(`tsnut running (pid ${s.pid}, up ${dur(s.now - s.started)}); config ${s.confPath}, state ${s.statePath}`);
  out.push(`upsd listening on ${s.listen.length ? s.listen.join(', ') : '(nothing)'}`);
  out.push('');
  out.push(`UPS (${s.ups.length})`);
  if (s.ups.length) {
    out.push(...table([
      ['NAME', 'DRIVER', 'DRIVER STATE', 'STATUS', 'CHARGE', 'RUNTIME', 'LOGINS'],
      ...s.ups.map((u) => [
        u.name, `${u.driver}${u.mode === 'external' ? ' (C)' : ''}`,
        !u.running ? 'not running' : !u.connected ? 'not connected' : u.stale ? 'data stale' : 'ok',
        u.status || '-', u.charge !== undefined ? `${u.charge}%` : '-', u.runtime !== undefined ? dur(Number(u.runtime)) : '-', String(u.logins),
      ]),
    ]));
  }
  out.push('');
  out.push(`Clients (${s.clients.length})`);
  if (s.clients.length) {
    out.push(...table([['ADDRESS', 'USER', 'LOGGED INTO'], ...s.clients.map((c) => [c.addr, c.user ?? '-', c.ups ?? '-'])]));
  }
  out.push('');
  if (!s.upsmon) {
    out.push('upsmon: not running (no upsmon.conf)');
  } else {
    const m = s.upsmon;
    const verdict = m.shuttingDown ? 'SHUTDOWN IN PROGRESS' : m.healthy >= m.minSupplies ? 'protected' : 'too few healthy supplies';
    out.push(`upsmon: ${verdict} (healthy power ${m.healthy}, MINSUPPLIES ${m.minSupplies})`);
    if (m.ups.length) {
      out.push(...table([
        ['MONITOR', 'ROLE', 'POWER', 'SEES', 'COMM', 'CRITICAL'],
        ...m.ups.map((u) => [u.system, u.powerValue === 0 ? 'monitor only' : u.primary ? 'primary' : 'secondary', String(u.powerValue), u.flags || '-', u.comm, u.critical ? 'YES' : 'no']),
      ]));
    }
  }
  for (const c of s.components) out.push(`${c.name}: ${c.status}`);
  return out.join('\n') + '\n';
}
