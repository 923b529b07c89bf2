// upsimage.cgi (cgi.md §4) as NUT 2.8.0 draws it: bar gauges with the
// reference's geometry, colours and palette order, from the hub's snapshot.

import type http from 'node:http';
import type { WebServer } from '../server.js';
import { Raster, mediumBold } from './gd.js';

const MAX_CGI_STRLEN = 64;

/** upsimagearg.h: name, default, min, max */
const ARGS: [string, number, number, number][] = [
  ['width', 100, 50, 200], ['height', 350, 100, 500], ['scale_height', 300, 100, 500],
  ['back_col', 0x000000, 0, 0xffffff], ['scale_num_col', 0xffff00, 0, 0xffffff], ['summary_col', 0xffff00, 0, 0xffffff],
  ['ok_zone_maj_col', 0x00ff00, 0, 0xffffff], ['ok_zone_min_col', 0x007800, 0, 0xffffff], ['neutral_zone_maj_col', 0xffffff, 0, 0xffffff],
  ['neutral_zone_min_col', 0x646464, 0, 0xffffff], ['warn_zone_maj_col', 0xff0000, 0, 0xffffff], ['warn_zone_min_col', 0x960000, 0, 0xffffff],
  ['bar_col', 0x00ff00, 0, 0xffffff], ['tempmin', 0, -100, 150], ['tempmax', 40, -100, 150], ['nom_in_freq', 50, 0, 100], ['nom_out_freq', 50, 0, 100],
];

type Draw = 'utility' | 'battpct' | 'battvolt' | 'temperature' | 'humidity' | 'general' | 'load';
interface Gauge { min?: string; nom?: string; max?: string; dev: number; fmt: string; draw: Draw }
const L = (lines: string[], g: Gauge): [string, Gauge][] => lines.map((n) => [n, g]);
const PH = ['voltage', 'L1-N.voltage', 'L2-N.voltage', 'L3-N.voltage', 'L1-L2.voltage', 'L2-L3.voltage', 'L3-L1.voltage'];
const GAUGES = new Map<string, Gauge>([
  ...L(PH.map((p) => `input.${p}`), { min: 'input.transfer.low', nom: 'input.voltage.nominal', max: 'input.transfer.high', dev: 0, fmt: '%.1f VAC', draw: 'utility' }),
  ['battery.charge', { min: 'battery.charge.low', dev: 0, fmt: '%.1f %', draw: 'battpct' }],
  ['battery.voltage', { min: 'battery.voltage.low', nom: 'battery.voltage.nominal', max: 'battery.voltage.high', dev: 0, fmt: '%.1f VDC', draw: 'battvolt' }],
  ['ups.temperature', { min: 'ups.temperature.low', max: 'ups.temperature.high', dev: 0, fmt: '%.1f \xb0C', draw: 'temperature' }],
  ['ambient.temperature', { min: 'ambient.temperature.low', max: 'ambient.temperature.high', dev: 0, fmt: '%.1f \xb0C', draw: 'temperature' }],
  ['ambient.humidity', { min: 'ambient.humidity.low', max: 'ambient.humidity.high', dev: 0, fmt: '%.1f %', draw: 'humidity' }],
  ['input.frequency', { nom: 'input.frequency.nominal', dev: 2, fmt: '%.1f Hz', draw: 'general' }],
  ...L(['ups.load', ...[1, 2, 3].flatMap((n) => [`output.L${n}.power.percent`, `output.L${n}.realpower.percent`])], { dev: 0, fmt: '%.1f %', draw: 'load' }),
  ...L(PH.map((p) => `output.${p}`), { min: 'input.transfer.low', nom: 'output.voltage.nominal', max: 'input.transfer.high', dev: 0, fmt: '%.1f VAC', draw: 'utility' }),
  ['output.frequency', { nom: 'output.frequency.nominal', dev: 2, fmt: '%.1f Hz', draw: 'general' }],
]);

const idiv = (a: number, b: number) => Math.trunc(a / b);
/** C atoi */
const atoi = (s: string) => { const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s); return m ? (parseInt(m[1]!, 10) | 0) : 0; };
/** C strtod, enough for UPS values */
const strtod = (s: string) => { const m = /^[ \t\n\v\f\r]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s); return m ? Number(m[0]) : 0; };

class Gd {
  readonly a: Record<string, number> = Object.fromEntries(ARGS.map(([n, d]) => [n, d]));

  setArg(name: string, value: string): void {
    const spec = ARGS.find(([n]) => n === name);
    if (!spec) return;
    const v = value.startsWith('0x') ? (parseInt(/^[0-9a-fA-F]*/.exec(value.slice(2))![0] || '0', 16) || 0) : atoi(value);
    this.a[name] = Math.min(Math.max(v, spec[2]), spec[3]);
  }

  noimage(msg: string): Buffer {
    const { width, height } = this.a as Record<string, number>;
    const im = new Raster(width!, height!);
    const back = im.alloc(this.a.back_col!);
    const summary = im.alloc(this.a.summary_col!);
    im.fill(0, 0, width!, height!, back);
    im.transparent = back;
    const f = mediumBold();
    const fw = f?.w ?? 7;
    const fh = f?.h ?? 13;
    if (width! > height!) im.string(f, idiv(width! - msg.length * fw, 2), idiv(height! - fh, 2), msg, summary);
    else im.stringUp(f, idiv(width! - fh, 2), idiv(height! + msg.length * fw, 2), msg, summary);
    return im.png();
  }

  bar(lo: number, hi: number, step: number, step5: number, step10: number, r1lo: number, r1hi: number, r2lo: number, r2hi: number, glo: number, ghi: number, value: number, fmt: string): Buffer {
    const a = this.a;
    const width = a.width!, height = a.height!, sh = a.scale_height!;
    const im = new Raster(width, height);
    const f = mediumBold();
    const back = im.alloc(a.back_col!);
    const num = im.alloc(a.scale_num_col!);
    const okMaj = im.alloc(a.ok_zone_maj_col!), okMin = im.alloc(a.ok_zone_min_col!);
    const neuMaj = im.alloc(a.neutral_zone_maj_col!), neuMin = im.alloc(a.neutral_zone_min_col!);
    const warnMaj = im.alloc(a.warn_zone_maj_col!), warnMin = im.alloc(a.warn_zone_min_col!);
    im.fill(0, 0, width, height, back);
    im.transparent = back;
    const range = hi - lo;
    for (let level = hi; level >= lo; level -= step) {
      let c1 = neuMaj, c2 = neuMin;
      if ((r1lo <= level && level <= r1hi) || (r2lo <= level && level <= r2hi)) { c1 = warnMaj; c2 = warnMin; }
      else if (glo <= level && level <= ghi) { c1 = okMaj; c2 = okMin; }
      const y = idiv(sh * (hi - level), range);
      if (level % step10 === 0) im.hline(0, width, y, c1);
      else if (level % step5 === 0) im.hline(5, width - 5, y, c2);
      else im.hline(10, width - 10, y, c2);
    }
    for (let level = hi; level >= lo; level -= step) {
      if (level % step10 !== 0) continue;
      const txt = String(level);
      im.string(f, width - txt.length * (f?.w ?? 7), idiv(sh * (hi - level), range), txt, num);
    }
    const barC = im.alloc(a.bar_col!);
    const sumC = im.alloc(a.summary_col!);
    let barY = Math.trunc((1.0 - (value - lo) / (hi - lo)) * sh);
    if (barY < 0) barY = 0;
    if (barY > sh) barY = sh;
    im.fill(25, barY, width - 25, sh, barC);
    const text = fmt.replace('%.1f', value.toFixed(1));
    im.string(f, idiv(width - text.length * (f?.w ?? 7), 2), height - (f?.h ?? 13), text, sumC);
    return im.png();
  }

  general(v: number, min: number, nom: number, max: number, dev: number, fmt: string): Buffer {
    let grey = false;
    if (dev < 0) { dev = -dev; grey = true; }
    if (nom === -1 && (min === -1 || max === -1)) return this.noimage("Can't determine range");
    if (nom !== -1) { if (min === -1) min = nom - 3 * dev; if (max === -1) max = nom + 3 * dev; } else nom = idiv(min + max, 2);
    const [s1, s5, s10] = max - min <= 50 ? [1, 5, 10] : max - min <= 100 ? [2, 10, 20] : [5, 20, 40];
    const lo = idiv(min - dev, s10) * s10;
    const hi = idiv(max + dev + idiv(s10, 2), s10) * s10;
    return grey ? this.bar(lo, hi, s1, s5, s10, 0, min, max, hi, nom, max, v, fmt) : this.bar(lo, hi, s1, s5, s10, max, hi, lo, min, nom - dev, nom + dev, v, fmt);
  }

  draw(g: Gauge, v: number, min: number, nom: number, max: number): Buffer {
    switch (g.draw) {
      case 'utility': {
        if (min === -1) min = v < 200 ? 90 : v < 300 ? 200 : 340;
        if (nom === -1) nom = v < 200 ? 110 : v < 300 ? 225 : 400;
        if (max === -1) max = nom + (nom - min);
        return this.general(v, min, nom, max, Math.trunc(nom * 0.1), g.fmt);
      }
      case 'battpct': return this.bar(0, 100, 2, 10, 20, 0, min < 0 ? 50 : min, -1, -1, 80, 100, v, g.fmt);
      case 'battvolt': {
        if (nom === -1) nom = v < 9 ? 6 : v < 18 ? 12 : v < 30 ? 24 : v < 60 ? 48 : v < 120 ? 96 : v < 230 ? 192 : 384;
        if (min === -1) min = Math.trunc(idiv(nom, 2) * 1.6 + 1);
        if (max === -1) max = Math.trunc(idiv(nom, 2) * 2.3 + 1);
        if (nom < min || nom > max) nom = -1;
        let dev = Math.trunc(-nom * 0.05);
        if (dev === 0) dev = -1;
        return this.general(v, min, nom, max, dev, g.fmt);
      }
      case 'load': return this.bar(0, 125, 5, 5, 25, 100, 125, -1, -1, 0, 50, v, g.fmt);
      case 'temperature': { const hi = this.a.tempmax!, lo = this.a.tempmin!; return this.bar(lo, hi, 1, 5, 10, lo, min, max, hi, -1, -1, v, g.fmt); }
      case 'humidity': return this.bar(0, 100, 2, 10, 20, 0, min, max, 100, -1, -1, v, g.fmt);
      case 'general': return this.general(v, min, nom, max, g.dev, g.fmt);
    }
  }
}

export async function handleUpsimage(w: WebServer, res: http.ServerResponse, args: [string, string][]): Promise<void> {
  const gd = new Gd();
  let host: string | undefined;
  let display: string | undefined;
  for (const [k, v] of args) {
    if (k.length > MAX_CGI_STRLEN || v.length > MAX_CGI_STRLEN) continue;
    if (k === 'host') host = v;
    else if (k === 'display') display = v;
    else gd.setArg(k, v);
  }
  const png = (b: Buffer) => {
    res.writeHead(200, { Pragma: 'no-cache', 'Content-Type': 'image/png', 'Cache-Control': 'no-store', 'Content-Length': b.length });
    res.end(b);
  };
  if (host === undefined || display === undefined) return png(gd.noimage('No host or display'));
  if (!w.o.hosts.monitors.some((m) => m.ups === host)) return png(gd.noimage('Access denied'));
  const u = w.hub.ups.find((x) => x.id === host);
  if (!u) return png(gd.noimage('Invalid UPS definition (upsname[@hostname[:port]])\n'));
  if (u.unreachable) return png(gd.noimage(`Can't connect to server:\n${u.error}\n`));
  const g = GAUGES.get(display);
  if (!g) return png(gd.noimage('Unknown display'));
  const get = (n: string | undefined) => (n === undefined || u.error ? undefined : u.vars[n]);
  const raw = get(display);
  if (raw === undefined) return png(gd.noimage(`${display} N/A`));
  // a limit the UPS does not give is looked up among the image arguments of the same name (never there: -1)
  const lim = (n: string | undefined) => { if (n === undefined) return -1; const s = get(n); return s !== undefined ? atoi(s) : (gd.a[n] ?? -1); };
  png(gd.draw(g, strtod(raw), lim(g.min), lim(g.nom), lim(g.max)));
}
