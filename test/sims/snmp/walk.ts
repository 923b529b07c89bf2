// A walk: OID → typed value, as an SNMP agent serves it. Parses
// `snmpwalk -On` output and snmprec ("oid|tag|value") files, answers
// GET/GETNEXT in OID order and applies SETs. Pure (no I/O).

export type WalkType = 'integer' | 'unsigned' | 'gauge' | 'counter' | 'counter64' | 'timeticks' | 'string' | 'octet' | 'objectid' | 'ipaddress';

export interface WalkValue { type: WalkType; value: string }

const FROM_SNMPWALK: Record<string, WalkType> = {
  STRING: 'string', INTEGER: 'integer', Gauge32: 'gauge', Counter32: 'counter', Counter64: 'counter64',
  Timeticks: 'timeticks', OID: 'objectid', IpAddress: 'ipaddress', 'Hex-STRING': 'octet', Unsigned32: 'unsigned',
};
const FROM_SNMPREC: Record<string, WalkType> = {
  '2': 'integer', '4': 'string', '4x': 'octet', '6': 'objectid', '64': 'ipaddress', '65': 'counter',
  '66': 'gauge', '67': 'timeticks', '70': 'counter64',
};

export function compareOids(a: string, b: string): number {
  const x = a.split('.'), y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d) return d;
  }
  return x.length - y.length;
}

const norm = (oid: string): string => oid.replace(/^\./, '');

export class Walk {
  private readonly db = new Map<string, WalkValue>();
  private sorted: string[] | null = null;

  static parse(text: string): Walk {
    const w = new Walk();
    let last: WalkValue | null = null;
    for (const line of text.split(/\r?\n/)) {
      let m: RegExpExecArray | null;
      if ((m = /^\.?(\d+(?:\.\d+)+) = ([A-Za-z0-9-]+): ?(.*)$/.exec(line))) {
        const type = FROM_SNMPWALK[m[2]!] ?? 'string';
        let v = m[3]!.trim();
        if (type === 'string') v = v.replace(/^"([\s\S]*)"$/, '$1');
        else if (type === 'integer') v = /(-?\d+)\)?$/.exec(v)?.[1] ?? v;
        else if (type === 'timeticks') v = /^\((\d+)\)/.exec(v)?.[1] ?? v;
        last = { type, value: v };
        w.db.set(m[1]!, last);
      } else if ((m = /^\.?(\d+(?:\.\d+)+) = ""$/.exec(line))) {
        w.db.set(m[1]!, (last = { type: 'string', value: '' }));
      } else if ((m = /^(\d+(?:\.\d+)+)\|(\w+)\|(.*)$/.exec(line))) {
        const type = FROM_SNMPREC[m[2]!] ?? 'string';
        const v = m[2] === '4x' ? (m[3]!.match(/../g) ?? []).join(' ') : m[3]!;
        w.db.set(m[1]!, (last = { type, value: v }));
      } else if (last && last.type === 'string' && line && !/^\.?\d+(\.\d+)+ = /.test(line)) {
        last.value += '\n' + line.replace(/"$/, '');
      }
    }
    return w;
  }

  set(oid: string, type: WalkType, value: string): this {
    if (!this.db.has(norm(oid))) this.sorted = null;
    this.db.set(norm(oid), { type, value });
    return this;
  }

  get(oid: string): WalkValue | undefined { return this.db.get(norm(oid)); }
  has(oid: string): boolean { return this.db.has(norm(oid)); }
  get size(): number { return this.db.size; }

  /** first OID strictly after `oid` and inside `subtree` (if given) */
  next(oid: string, subtree?: string): [string, WalkValue] | undefined {
    this.sorted ??= [...this.db.keys()].sort(compareOids);
    const k = norm(oid);
    let lo = 0, hi = this.sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (compareOids(this.sorted[mid]!, k) <= 0) lo = mid + 1; else hi = mid; }
    const n = this.sorted[lo];
    if (n === undefined) return undefined;
    if (subtree && !(n === norm(subtree) || n.startsWith(norm(subtree) + '.'))) return undefined;
    return [n, this.db.get(n)!];
  }

  /** `snmpwalk -On`-style text (what parse() reads back) */
  toText(): string {
    const T: Record<WalkType, string> = {
      integer: 'INTEGER', unsigned: 'Unsigned32', gauge: 'Gauge32', counter: 'Counter32', counter64: 'Counter64',
      timeticks: 'Timeticks', string: 'STRING', octet: 'Hex-STRING', objectid: 'OID', ipaddress: 'IpAddress',
    };
    return [...this.db.keys()].sort(compareOids).map((k) => {
      const v = this.db.get(k)!;
      const val = v.type === 'string' ? `"${v.value}"` : v.type === 'timeticks' ? `(${v.value}) 0:00:00.00` : v.value;
      return `.${k} = ${T[v.type]}: ${val}`;
    }).join('\n') + '\n';
  }
}
