// Device models for test/sims/usbhid-sim.py: a simulated USB HID UPS is its
// IDs, strings, report descriptor and the bytes of each report. Models come
// from (1) a usbhid-ups debug log with the raw descriptor and reports (the
// complete captures in the DDL), or (2) a small declarative description that
// is encoded here into a real report descriptor (synthetic devices).

export interface HidModel {
  vendorId: number;
  productId: number;
  bcdDevice?: number;
  iManufacturer?: number;
  iProduct?: number;
  iSerialNumber?: number;
  /** the HID interface (NUT's hid_rep_index, which it also uses as the configuration index); 0 by default */
  hidInterface?: number;
  strings: Record<string, string>;
  /** hex */
  reportDescriptor: string;
  /** report ID (decimal) → hex bytes, ID first */
  reports: Record<string, string>;
  source?: string;
}

const HEX = /((?:[0-9a-f]{2} ?)+)/;

/** Rebuild a device from a usbhid-ups -DDD log (DDL "Detailed data dump" or a raw log). */
export function modelFromNutLog(text: string, extraStrings: Record<string, string> = {}): HidModel {
  const lines = text.split('\n').map((l) => l.replace(/^#\s?/, '').replace(/^\s*\d+\.\d+\s+/, '').replace(/^\[D\d\]\s?/, '').replace(/\r$/, ''));
  let vendorId = 0;
  let productId = 0;
  let bcdDevice = 0x100;
  const named: Record<string, string> = {};
  const idxAt: Record<string, [number, number]> = {};
  let rdesc = '';
  const reports: Record<string, string> = {};
  const takeHex = (i: number, n: number, first: string): [string, number] => {
    let hex = first.replace(/ /g, '');
    while (hex.length < 2 * n && i + 1 < lines.length && /^\s+((?:[0-9a-f]{2} ?)+)$/.test(lines[i + 1]!)) hex += lines[++i]!.replace(/\s/g, '');
    return [hex.slice(0, 2 * n), i];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let m;
    if ((m = /^- VendorID: ([0-9a-fA-F]{4})/.exec(l))) vendorId = parseInt(m[1]!, 16);
    else if ((m = /^- ProductID: ([0-9a-fA-F]{4})/.exec(l))) productId = parseInt(m[1]!, 16);
    else if ((m = /^- Device release number: ([0-9a-fA-F]{4})/.exec(l))) bcdDevice = parseInt(m[1]!, 16);
    else if ((m = /^- (Manufacturer|Product|Serial Number): (.*)$/.exec(l))) named[m[1]!] = m[2]!;
    else if ((m = /^Path: \S*\.(iProduct|iSerialNumber|iManufacturer|iDeviceChemistry|iOEMInformation), Type: Feature, ReportID: 0x([0-9a-f]+), Offset: (\d+), Size: 8/.exec(l))) {
      idxAt[m[1]!] ??= [parseInt(m[2]!, 16), parseInt(m[3]!, 10)];
    } else if ((m = /^battery\.type: (.+)$/.exec(l))) named.Chemistry = m[1]!;
    else if ((m = new RegExp(`^Report Descriptor: \\((\\d+) bytes\\) => ${HEX.source}`).exec(l))) [rdesc, i] = takeHex(i, parseInt(m[1]!, 10), m[2]!);
    else if ((m = new RegExp(`^Report\\[(?:get|err)\\]: \\((\\d+) bytes\\) => ${HEX.source}`).exec(l))) {
      let b: string;
      [b, i] = takeHex(i, parseInt(m[1]!, 10), m[2]!);
      reports[String(parseInt(b.slice(0, 2), 16))] ??= b;
    }
  }
  if (!rdesc) throw new Error('no "Report Descriptor:" line in the log');
  const idx: Record<string, number> = {};
  for (const [name, [rid, off]] of Object.entries(idxAt)) {
    const raw = reports[String(rid)];
    if (raw && raw.length >= 2 * (2 + (off >> 3))) idx[name] = parseInt(raw.slice(2 + 2 * (off >> 3), 4 + 2 * (off >> 3)), 16);
  }
  let im = idx.iManufacturer || 1;
  let ip = idx.iProduct || 2;
  let is = idx.iSerialNumber || 3;
  if (new Set([im, ip, is]).size < 3) [im, ip, is] = [1, 2, 3];
  const strings: Record<string, string> = { [im]: named.Manufacturer ?? '', [ip]: named.Product ?? '', [is]: named['Serial Number'] ?? '' };
  if (idx.iDeviceChemistry && named.Chemistry && !(String(idx.iDeviceChemistry) in strings)) strings[idx.iDeviceChemistry] = named.Chemistry;
  Object.assign(strings, extraStrings);
  return { vendorId, productId, bcdDevice, iManufacturer: im, iProduct: ip, iSerialNumber: is, strings, reportDescriptor: rdesc, reports };
}

// ------------------------------------------------------------ synthetic devices

export type Kind = 'input' | 'feature' | 'output';
export interface Field {
  /** "84:30" (page:usage, hex) */
  usage: string;
  rid: number;
  kinds: Kind[];
  bits: number;
  logMin?: number;
  logMax?: number;
  unit?: number;
  unitExp?: number;
  /** raw logical value */
  value: number;
  /** Constant attribute (read-only field) */
  constant?: boolean;
}
export interface Collection { usage: string; kind?: 'application' | 'physical' | 'logical'; children: (Collection | Field)[] }

function item(prefix: number, v: number | null, signed = false): number[] {
  if (v === null) return [prefix];
  for (const [n, code] of [[1, 1], [2, 2], [4, 3]] as const) {
    const lo = signed ? -(2 ** (8 * n - 1)) : 0;
    const hi = signed ? 2 ** (8 * n - 1) - 1 : 2 ** (8 * n) - 1;
    if (v >= lo && v <= hi) {
      const u = v < 0 ? v + 2 ** (8 * n) : v;
      return [prefix | code, ...Array.from({ length: n }, (_x, i) => Math.floor(u / 2 ** (8 * i)) & 0xff)];
    }
  }
  throw new Error(`value out of range: ${v}`);
}

const isField = (n: Collection | Field): n is Field => 'rid' in n;
const hexOf = (b: Iterable<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Encode collections into a descriptor and each report's bytes (fields of a report packed in order). */
export function synthetic(ident: Omit<HidModel, 'reportDescriptor' | 'reports'>, root: Collection[]): HidModel {
  const out: number[] = [];
  const st: Record<string, number | undefined> = {};
  const glob = (k: string, prefix: number, v: number, signed = false): void => {
    if (st[k] !== v) { out.push(...item(prefix, v, signed)); st[k] = v; }
  };
  const usage = (u: string): void => {
    const [p, id] = u.split(':').map((x) => parseInt(x, 16)) as [number, number];
    glob('page', 0x04, p);
    out.push(...item(0x08, id));
  };
  const reps = new Map<string, Field[]>();
  const walk = (nodes: (Collection | Field)[]): void => {
    for (const n of nodes) {
      if (!isField(n)) {
        usage(n.usage);
        out.push(...item(0xa0, { physical: 0, application: 1, logical: 2 }[n.kind ?? 'physical']));
        walk(n.children);
        out.push(0xc0);
        continue;
      }
      glob('rid', 0x84, n.rid);
      glob('size', 0x74, n.bits);
      glob('count', 0x94, 1);
      glob('min', 0x14, n.logMin ?? 0, true);
      glob('max', 0x24, n.logMax ?? 2 ** n.bits - 1, true);
      glob('unit', 0x64, n.unit ?? 0);
      glob('uexp', 0x54, n.unitExp ?? 0);
      for (const k of n.kinds) {
        usage(n.usage);
        out.push(...item({ input: 0x80, feature: 0xb0, output: 0x90 }[k], n.constant ? 0x03 : 0x02));
        const key: string = `${k === 'input' ? 'feature' : k}:${n.rid}`;
        const l: Field[] = reps.get(key) ?? [];
        if (!l.includes(n)) l.push(n);
        reps.set(key, l);
      }
    }
  };
  walk(root);
  const reports: Record<string, string> = {};
  for (const [key, fields] of reps) {
    const rid = Number(key.split(':')[1]);
    let acc = 0n;
    let pos = 0n;
    for (const f of fields) {
      acc |= (BigInt.asUintN(f.bits, BigInt(f.value))) << pos;
      pos += BigInt(f.bits);
    }
    const n = Number((pos + 7n) / 8n);
    const bytes = [rid];
    for (let i = 0; i < n; i++) bytes.push(Number((acc >> BigInt(8 * i)) & 0xffn));
    reports[String(rid)] ??= hexOf(bytes);
  }
  return { ...ident, reportDescriptor: hexOf(out), reports };
}

const f = (usage: string, rid: number, bits: number, value: number, o: Partial<Field> = {}): Field =>
  ({ usage, rid, bits, value, kinds: ['feature'], ...o });

const VOLT = 0x00f0d121;
const SEC = 0x1001;

/** An APC Back-UPS-like device (invented values, standard Power Device layout). */
export function syntheticApc(o: { online?: boolean; charge?: number; lowBatt?: boolean; load?: number; noDelays?: boolean } = {}): HidModel {
  const online = o.online ?? true;
  const status: Field[] = [
    f('85:44', 6, 1, online ? 1 : 0, { kinds: ['input', 'feature'] }), // Charging
    f('85:45', 6, 1, online ? 0 : 1, { kinds: ['input', 'feature'] }), // Discharging
    f('85:d0', 6, 1, online ? 1 : 0, { kinds: ['input', 'feature'] }), // ACPresent
    f('85:d1', 6, 1, 1, { kinds: ['input', 'feature'] }), // BatteryPresent
    f('85:42', 6, 1, o.lowBatt ? 1 : 0, { kinds: ['input', 'feature'] }), // BelowRemainingCapacityLimit
    f('84:69', 6, 1, 0, { kinds: ['input', 'feature'] }), // ShutdownImminent
    f('85:4b', 6, 1, 0, { kinds: ['input', 'feature'] }), // NeedReplacement
    f('84:65', 6, 1, 0, { kinds: ['input', 'feature'] }), // Overload
  ];
  return synthetic({
    vendorId: 0x051d, productId: 0x0002, bcdDevice: 0x0106, iManufacturer: 1, iProduct: 2, iSerialNumber: 3,
    strings: { 1: 'American Power Conversion', 2: 'Back-UPS SIM 700 FW:871.O2 .I USB FW:O2', 3: 'SIM0001234', 4: 'PbAc' },
  }, [{
    usage: '84:04', kind: 'application', children: [{
      usage: '84:24', children: [
        f('84:fe', 1, 8, 2), f('84:ff', 2, 8, 3), f('85:89', 3, 8, 4), f('85:8b', 5, 8, 1),
        f('85:66', 12, 8, o.charge ?? 97, { kinds: ['input', 'feature'], logMax: 100 }),
        f('85:68', 13, 16, 2280, { kinds: ['input', 'feature'], logMax: 65534, unit: SEC }),
        f('85:29', 14, 8, 10, { logMax: 100 }),
        f('85:2a', 15, 16, 120, { logMax: 65534, unit: SEC }),
        f('84:30', 16, 16, 1360, { logMax: 65534, unit: VOLT, unitExp: 5 }),
        f('84:40', 17, 16, 12, { logMax: 65534, unit: VOLT, unitExp: 7 }),
        f('84:5a', 24, 8, 2, { logMin: 1, logMax: 3 }),
        ...(o.noDelays ? [] : [
          f('84:57', 21, 16, -1, { logMin: -1, logMax: 32767, unit: SEC }),
          f('84:56', 22, 16, -1, { logMin: -1, logMax: 32767, unit: SEC }),
        ]),
        { usage: '84:02', kind: 'logical', children: status },
      ],
    }, {
      usage: '84:1a', children: [
        f('84:30', 49, 16, 231, { logMax: 65534, unit: VOLT, unitExp: 7 }),
        f('84:40', 48, 16, 230, { logMax: 65534, unit: VOLT, unitExp: 7 }),
        f('84:53', 50, 16, 180, { logMax: 65534, unit: VOLT, unitExp: 7 }),
        f('84:54', 51, 16, 266, { logMax: 65534, unit: VOLT, unitExp: 7 }),
      ],
    }, {
      usage: '84:16', children: [f('84:35', 80, 8, o.load ?? 23, { logMax: 100 })],
    }, {
      usage: '84:12', children: [
        f('84:58', 82, 8, 0, { logMax: 3 }), // Battery.Test
        f('85:85', 83, 16, 0x2a21, { logMax: 65535 }), // ManufacturerDate
      ],
    }],
  }]);
}
