// upsstats.cgi's template language (cgi.md §3.3), as NUT 2.8.0 runs it, over the
// hub's snapshots instead of a GET VAR per command (same values: the hub keeps
// upsd's LIST VAR). Pure: template text + UPS data + clock → HTML (latin1 string).

import { NUT_STATUS } from '../status.js';
import { strftime } from '../../client/strftime.js';

export interface StatsUps {
  /** as written in hosts.conf */
  sys: string;
  desc: string;
  /** hosts.conf entry that upscli_splitname rejects */
  unusable?: boolean;
  /** variables, or undefined when the UPS cannot be read */
  vars?: Record<string, string>;
  /** upscli_strerror text when it cannot be read (e.g. `Driver not connected`) */
  error?: string;
  /** true when even the connection to upsd failed */
  noConnection?: boolean;
}

export interface StatsOptions { refresh: number; now: Date; version: string }

/** upsimagearg.h: the image arguments @IMG@ passes through */
export const IMG_ARGS = ['width', 'height', 'scale_height', 'back_col', 'scale_num_col', 'summary_col', 'ok_zone_maj_col', 'ok_zone_min_col',
  'neutral_zone_maj_col', 'neutral_zone_min_col', 'warn_zone_maj_col', 'warn_zone_min_col', 'bar_col', 'tempmin', 'tempmax', 'nom_in_freq', 'nom_out_freq'];

const IMG_LABELS: [RegExp, string][] = [
  [/^input\.(voltage|L[123]-N\.voltage|L1-L2\.voltage|L2-L3\.voltage|L3-L1\.voltage)$/, 'Input voltage'],
  [/^battery\.voltage$/, 'Battery voltage'], [/^battery\.charge$/, 'Battery charge'],
  [/^output\.(voltage|L[123]-N\.voltage|L1-L2\.voltage|L2-L3\.voltage|L3-L1\.voltage)$/, 'Output voltage'],
  [/^(ups\.load|output\.L[123]\.(power|realpower)\.percent)$/, 'UPS load'],
  [/^input\.frequency$/, 'Input frequency'], [/^output\.frequency$/, 'Output frequency'],
  [/^ups\.temperature$/, 'UPS temperature'], [/^ambient\.temperature$/, 'Ambient temperature'], [/^ambient\.humidity$/, 'Ambient humidity'],
];

/** C strtol on base 10: the number, or undefined when no digits */
function strtol(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : undefined;
}

/** breakargs: split on every single space (so two spaces give an empty argument) */
function breakargs(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(' ');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.slice(0, 15);
}

class UnusableUps extends Error {}

export class TemplateRenderer {
  private out = '';
  private skipClause = false;
  private skipBlock = false;
  private celsius = true;
  private statsPath = 'upsstats.cgi';
  private imgPath = 'upsimage.cgi';
  private cur: StatsUps | undefined;
  private idx = 0;
  private forLine = -1;
  private nextLine = 0;

  constructor(private readonly list: StatsUps[], private readonly o: StatsOptions) {}

  /** render `tpl` with the current UPS = list[0] (list mode) or the single UPS */
  render(tpl: string): string {
    // fgets with a 1024-byte buffer: lines longer than 1023 bytes come in pieces
    const lines: string[] = [];
    for (const l of tpl.split(/(?<=\n)/)) for (let i = 0; i < l.length; i += 1023) lines.push(l.slice(i, i + 1023));
    this.cur = this.list[0];
    try {
      for (this.nextLine = 0; this.nextLine < lines.length;) this.line(lines[this.nextLine++]!);
    } catch (e) {
      if (!(e instanceof UnusableUps)) throw e;
      this.out += e.message;
    }
    return this.out;
  }

  private line(buf: string): void {
    let cmd = '';
    let doCmd = false;
    for (let i = 0; i < buf.length;) {
      const at = buf.indexOf('@', i);
      const len = (at < 0 ? buf.length : at) - i;
      if (len === 0) {
        if (doCmd) { this.command(cmd); doCmd = false; } else { cmd = ''; doCmd = true; }
        i++;
        continue;
      }
      const seg = buf.slice(i, i + len);
      i += len;
      if (doCmd) { cmd = seg.slice(0, 511); continue; }
      if (this.skipClause || this.skipBlock) continue;
      this.out += seg;
    }
  }

  // ---- reading variables, with NUT's inline error reports -------------------

  private connected(): boolean { return this.cur !== undefined && !this.cur.noConnection; }

  private checkFd(report: boolean): boolean {
    if (this.cur?.noConnection) { if (report) this.out += `[error: ${this.cur.error}]\n`; return false; }
    if (!this.cur) { if (report) this.out += 'No UPS specified for monitoring\n'; return false; }
    return true;
  }

  private get(name: string, verbose: boolean): string | undefined {
    if (!this.checkFd(true)) return undefined;
    const u = this.cur!;
    const v = u.vars?.[name];
    if (u.vars && v !== undefined) return v.slice(0, 511);
    if (verbose) this.out += u.vars ? 'Not supported\n' : `[error: ${u.error}]\n`;
    return undefined;
  }

  // ---- commands -------------------------------------------------------------

  private command(cmd: string): void {
    if (cmd === 'ENDIF') { this.skipClause = false; this.skipBlock = false; return; }
    if (this.skipBlock) return;
    if (cmd === 'ELSE') { if (this.skipClause) this.skipClause = false; else this.skipBlock = true; return; }
    if (this.skipClause) return;
    const arg = (p: string) => (cmd.startsWith(p) ? cmd.slice(p.length) : undefined);
    let a: string | undefined;
    if ((a = arg('VAR ')) !== undefined) { const v = this.get(a, true); if (v !== undefined) this.out += v; return; }
    switch (cmd) {
      case 'HOST': if (this.cur) this.out += this.cur.sys; return;
      case 'HOSTDESC': if (this.cur) this.out += this.cur.desc; return;
      case 'RUNTIME': {
        const v = this.get('battery.runtime', true);
        if (v === undefined) return;
        const t = Math.trunc(strtol(v) ?? 0) | 0;
        const h = Math.trunc(t / 3600);
        const m = Math.trunc((t - h * 3600) / 60);
        const p2 = (n: number) => (n < 0 ? '-' + String(-n).padStart(1, '0') : String(n).padStart(2, '0'));
        this.out += `${p2(h)}:${p2(m)}:${p2(t % 60)}`;
        return;
      }
      case 'STATUS': {
        const v = this.get('ups.status', true);
        if (v === undefined) return;
        for (const tok of v.split(/[ \n]+/).filter((x) => x)) {
          for (const [name, text] of NUT_STATUS) if (name.toLowerCase() === tok.toLowerCase()) this.out += `${text}<br>`;
        }
        return;
      }
      case 'STATUSCOLOR': {
        if (!this.checkFd(false)) { this.out += '#FF0000'; return; }
        const v = this.get('ups.status', false);
        if (v === undefined) { this.out += '#FFFF00'; return; }
        let sev = 0;
        for (const tok of v.split(' ')) for (const [name, , s] of NUT_STATUS) if (name === tok && s > sev) sev = s;
        this.out += sev === 0 ? '#00FF00' : sev === 1 ? '#FFFF00' : '#FF0000';
        return;
      }
      case 'TEMPF': this.celsius = false; return;
      case 'TEMPC': this.celsius = true; return;
      case 'VERSION': this.out += this.o.version; return;
      case 'REFRESH': if (this.o.refresh > 0) this.out += `<META HTTP-EQUIV="Refresh" CONTENT="${this.o.refresh}">`; return;
      case 'FOREACHUPS':
        this.forLine = this.nextLine;
        this.idx = 0;
        this.cur = this.list[0];
        this.connect();
        return;
      case 'ENDFOR':
        if (this.forLine < 0 || !this.cur) return;
        this.cur = this.list[++this.idx];
        if (this.cur) { this.nextLine = this.forLine; this.connect(); }
        return;
      case 'HOSTLINK':
        if (this.cur) this.out += `<a href="${this.statsPath}?host=${this.cur.sys}${this.o.refresh > 0 ? `&amp;refresh=${this.o.refresh}` : ''}">${this.cur.desc}</a>`;
        return;
      case 'TREELINK':
        if (this.cur) this.out += `<a href="${this.statsPath}?host=${this.cur.sys}&amp;treemode">All data</a>`;
        return;
      case 'UPSTEMP': this.temp('ups.temperature'); return;
      case 'BATTTEMP': this.temp('battery.temperature'); return;
      case 'AMBTEMP': this.temp('ambient.temperature'); return;
      case 'DEGREES': this.out += `&deg;${this.celsius ? 'C' : 'F'}`; return;
    }
    if ((a = arg('DATE ')) !== undefined) { this.out += strftime(a, this.o.now); return; }
    if ((a = arg('IMG ')) !== undefined) { this.img(a); return; }
    if ((a = arg('IFSUPP ')) !== undefined) { this.ifsupp(a, undefined); return; }
    if ((a = arg('IFEQ ')) !== undefined) {
      const aa = breakargs(a);
      if (aa.length !== 2) { this.out += 'upsstats: IFEQ: Argument error!\n'; return; }
      this.ifsupp(aa[0]!, aa[1]!);
      return;
    }
    if ((a = arg('IFBETWEEN ')) !== undefined) {
      const aa = breakargs(a);
      if (aa.length !== 3) { this.out += 'upsstats: IFBETWEEN: Argument error!\n'; return; }
      if (!this.checkFd(false)) return;
      const n: number[] = [];
      for (const name of aa) {
        const v = this.get(name, false);
        const x = v === undefined ? undefined : strtol(v);
        if (x === undefined) return; // unreadable: the condition holds, nothing skipped
        n.push(x);
      }
      if (n[0]! > n[2]! || n[1]! < n[2]!) this.skipClause = true;
      return;
    }
    if ((a = arg('UPSSTATSPATH ')) !== undefined) { if (a) this.statsPath = a; return; }
    if ((a = arg('UPSIMAGEPATH ')) !== undefined) { if (a) this.imgPath = a; return; }
    // anything else: silently nothing, as NUT
  }

  private connect(): void {
    if (this.cur?.unusable) throw new UnusableUps(`Unusable UPS definition [${this.cur.sys}]\n`);
  }

  private ifsupp(name: string, val: string | undefined): void {
    if (!this.checkFd(false)) { this.skipClause = true; return; }
    const v = this.get(name, false);
    if (v === undefined || (val !== undefined && v !== val)) this.skipClause = true;
  }

  private temp(name: string): void {
    const v = this.get(name, true);
    if (v === undefined) return;
    if (this.celsius) { this.out += v; return; }
    const f = (Number.parseFloat(v) || 0) * 1.8 + 32;
    this.out += f.toFixed(1);
  }

  private img(a: string): void {
    const sp = a.indexOf(' ');
    const type = sp < 0 ? a : a.slice(0, sp);
    const rest = sp < 0 ? '' : a.slice(sp + 1);
    let args = '';
    if (sp >= 0 && rest.length >= 3) {
      for (const kv of rest.split(' ')) {
        const eq = kv.indexOf('=');
        if (eq < 0) continue;
        const k = kv.slice(0, eq);
        if (IMG_ARGS.includes(k)) args += (args ? '&amp;' : '') + `${k}=${kv.slice(eq + 1)}`;
      }
    }
    const label = IMG_LABELS.find(([re]) => re.test(type))?.[1];
    if (!label) return;
    const v = this.get(type, true);
    if (v === undefined) return;
    this.out += `<IMG SRC="${this.imgPath}?host=${this.cur!.sys}&amp;display=${type}${args ? '&amp;' + args : ''}" ALT="${label}: ${v}">`;
  }
}

/** `host=..&treemode` (2.8.0 form) */
export function renderTree(u: StatsUps): string {
  // NUT 2.8.0 lists on a connection that never opened: libupsclient reports "Driver not connected"
  if (u.noConnection) return '[error: Driver not connected]\n';
  if (!u.vars) return `[error: ${u.error}]\n`;
  let out = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"\n\t"http://www.w3.org/TR/REC-html40/loose.dtd">\n<HTML>\n'
    + `<HEAD><TITLE>upsstat: data tree of ${u.desc}</TITLE></HEAD>\n`
    + '<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#0000EE" VLINK="#551A8B">\n<TABLE BGCOLOR="#50A0A0" ALIGN="CENTER">\n<TR><TD>\n'
    + '<TABLE CELLPADDING="5" CELLSPACING="0" ALIGN="CENTER" WIDTH="100%">\n<TR><TH COLSPAN=3 BGCOLOR="#50A0A0">\n'
    + `<FONT SIZE="+2">${u.desc}</FONT>\n</TH></TR>\n<TR><TH COLSPAN=3 BGCOLOR="#60B0B0"></TH></TR>\n`;
  for (const [k, v] of Object.entries(u.vars)) out += `<TR BGCOLOR="#60B0B0" ALIGN="LEFT">\n<TD>${k}</TD>\n<TD>:</TD>\n<TD>${v}<br></TD>\n</TR>\n`;
  return out + '</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n';
}

function jsonStr(s: string): string {
  return JSON.stringify(s);
}

/** NUT 2.8.5's `?json`: one device object (indented as upstream prints it) */
export function jsonDevice(u: StatsUps): string {
  if (u.noConnection) return `  {"host": ${jsonStr(u.sys)}, "desc": ${jsonStr(u.desc)}, "error": "Connection failed: ${u.error}"}`;
  let out = `  {\n    "host": ${jsonStr(u.sys)},\n    "desc": ${jsonStr(u.desc)},\n`;
  const st = u.vars?.['ups.status'];
  if (st !== undefined) {
    const parsed: string[] = [];
    for (const tok of st.split(' ').filter((x) => x)) for (const [name, text] of NUT_STATUS) if (name.toLowerCase() === tok.toLowerCase()) parsed.push(jsonStr(text));
    out += `    "status_raw": ${jsonStr(st)},\n    "status_parsed": [${parsed.join(', ')}],\n`;
  }
  if (!u.vars) return `${out}    "vars": {\n      "error": "Failed to list variables: ${u.error}"\n    }\n  }`;
  const vars = Object.entries(u.vars).map(([k, v]) => `      ${jsonStr(k)}: ${jsonStr(v)}`);
  return `${out}    "vars": {\n${vars.join(',\n')}\n    }\n  }`;
}

export function jsonDevices(list: StatsUps[]): string {
  return `{"devices": [\n${list.map(jsonDevice).join(',\n')}\n]}\n`;
}
