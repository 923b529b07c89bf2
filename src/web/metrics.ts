// Prometheus text exposition (version 0.0.4) of UPS snapshots, with the names
// nut_exporter users have in their dashboards and alerts (docs/upsweb.md):
//   network_ups_tools_<var with . and - as _>   every numeric (or on/off) variable
//   network_ups_tools_ups_status{flag="OL"}     1 when set, 0 for the listed flags absent
//   network_ups_tools_device_info{model,mfr,serial,type,description,contact,location,part,macaddr} 1
// /metrics adds a `ups` label to every sample (all UPSes in one scrape);
// /ups_metrics?ups=X is nut_exporter's one-UPS form without it. tsnut's own
// extras are named tsnut_web_*. Pure: snapshots in, text out.

import type { UpsSnapshot } from './hub.js';

export const NAMESPACE = 'network_ups_tools';
export const DEFAULT_STATUSES = ['OL', 'OB', 'LB', 'HB', 'RB', 'CHRG', 'DISCHRG', 'BYPASS', 'CAL', 'OFF', 'OVER', 'TRIM', 'BOOST', 'FSD', 'SD'];
/** nut_exporter's default nut.vars_enable for /ups_metrics */
export const EXPORTER_DEFAULT_VARS = ['battery.charge', 'battery.voltage', 'battery.voltage.nominal', 'input.voltage', 'input.voltage.nominal', 'ups.load', 'ups.status'];
const DEVICE_LABELS = ['model', 'mfr', 'serial', 'type', 'description', 'contact', 'location', 'part', 'macaddr'];
const ON = /^(enable|enabled|on|true|active|activated)$/i;
const OFF = /^(disable|disabled|off|false|inactive|deactivated)$/i;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export interface MetricsOptions {
  /** only these variables (empty/undefined: all) */
  variables?: string[];
  /** flags always reported for ups.status (0 when absent) */
  statuses?: string[];
  /** add ups="<name>" to each sample */
  upsLabel?: boolean;
  /** description (GET DESC) of a variable */
  describe: (u: UpsSnapshot, name: string) => string;
}

/** `battery.charge` → `network_ups_tools_battery_charge` */
export function metricName(varName: string): string {
  return `${NAMESPACE}_${varName.replace(/[.-]/g, '_')}`;
}

/** the value nut_exporter gives a variable, or undefined when it skips it */
export function metricValue(v: string): number | undefined {
  const t = v.trim();
  if (NUMBER.test(t)) return Number(t);
  if (ON.test(t)) return 1;
  if (OFF.test(t)) return 0;
  return undefined;
}

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
function escHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
function fmt(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n);
}

class Families {
  private m = new Map<string, { help: string; lines: string[] }>();
  add(name: string, help: string, labels: [string, string][], value: number): void {
    let f = this.m.get(name);
    if (!f) { f = { help, lines: [] }; this.m.set(name, f); }
    const l = labels.length ? `{${labels.map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}` : '';
    f.lines.push(`${name}${l} ${fmt(value)}`);
  }
  text(): string {
    let out = '';
    for (const [name, f] of this.m) out += `# HELP ${name} ${escHelp(f.help)}\n# TYPE ${name} gauge\n${f.lines.join('\n')}\n`;
    return out;
  }
}

export function renderMetrics(list: UpsSnapshot[], o: MetricsOptions, extra: { sseClients?: number } = {}): string {
  const fam = new Families();
  const statuses = o.statuses ?? DEFAULT_STATUSES;
  const want = o.variables && o.variables.length ? new Set(o.variables) : undefined;
  for (const u of list) {
    const base: [string, string][] = o.upsLabel ? [['ups', u.name]] : [];
    if (u.error) continue;
    const device: Record<string, string> = Object.fromEntries(DEVICE_LABELS.map((l) => [l, '']));
    for (const [name, value] of Object.entries(u.vars)) {
      const path = name.split('.');
      if (path[0] === 'device' && path[1] !== undefined && path[1] in device) device[path[1]] = value;
      if (want && !want.has(name)) continue;
      const help = `${o.describe(u, name)} (${name})`;
      if (name === 'ups.status') {
        const seen = new Set<string>();
        for (const f of value.split(' ')) {
          seen.add(f);
          fam.add(metricName(name), help, [...base, ['flag', f]], 1);
        }
        for (const f of statuses) if (!seen.has(f)) fam.add(metricName(name), help, [...base, ['flag', f]], 0);
        continue;
      }
      const n = metricValue(value);
      if (n !== undefined) fam.add(metricName(name), help, base, n);
    }
    fam.add(`${NAMESPACE}_device_info`, 'UPS Device information', [...base, ...DEVICE_LABELS.map((l) => [l, device[l]!] as [string, string])], 1);
  }
  if (o.upsLabel) {
    for (const u of list) fam.add('tsnut_web_ups_readable', 'Whether upsweb could read the UPS at its last poll (1) or not (0)', [['ups', u.name]], u.error ? 0 : 1);
    if (extra.sseClients !== undefined) fam.add('tsnut_web_stream_clients', 'Live-stream (Server-Sent Events) clients connected to upsweb', [], extra.sseClients);
  }
  return fam.text();
}
