// APC Smart (UPS-Link) UPS model, written from the public protocol description:
// one character per command, replies ended by CR LF, 'Y' enters smart mode,
// 'a' lists protocol/alerts/commands, ^Z lists the settable values, '-' steps a
// setting to its next value (or, after 'c'/'x', takes 8 new characters),
// K/Z/^N must be pressed twice, '@nnn' is a delayed hibernate.
// Alerts ('!' power fail, '$' power back, '%' low battery, '+' battery ok) can
// be pushed with alert().

import type { DeviceModel } from './serial-sim.js';
import type { Fault } from './megatec.js';

type Val = string | (() => string);

export class ApcSmartModel implements DeviceModel {
  readonly terminators = '';
  fault: Fault = 'none';
  st = { ob: false, lb: false, cal: false, smart: false, off: false };
  /** settable values and their choices (the ^Z capability list) */
  enums: Record<string, string[]> = {
    u: ['253', '264', '271', '280'], l: ['208', '204', '200', '196'], e: ['00', '15', '50', '90'],
    o: ['230', '240', '220', '225'], q: ['02', '05', '07', '10'], p: ['090', '180', '300', '600'],
    r: ['000', '060', '180', '300'], s: ['H', 'M', 'L', 'L'], k: ['0', 'T', 'L', 'N'], E: ['336', '168', 'ON ', 'OFF'],
  };
  values: Record<string, Val> = {
    '\x01': 'Smart-UPS SIM 1500', n: 'AS0000000001', m: '05/24/16', x: '05/24/16', b: '601.3.I', V: 'NA', v: 'NA',
    c: 'UPS_IDEN', g: '024', f: () => (this.st.lb ? '008.0' : '100.0'), L: () => (this.st.ob ? '000.0' : '229.0'),
    O: '230.0', B: () => (this.st.lb ? '21.50' : '27.20'), P: '021.0', C: '027.0', F: '50.00',
    j: () => (this.st.lb ? '0002:' : '0053:'), M: '232.0', N: '228.0', G: () => (this.st.ob ? 'L' : 'O'),
    X: 'OK', '>': '000', '<': '000', '/': '002.10', '9': 'FF', i: '00',
    e: '00', q: '02', l: '208', u: '253', s: 'H', o: '230', p: '090', r: '000', k: '0', E: '336',
  };
  /** the command characters listed by 'a' */
  cmdset = '\x01nmxbVvcgfLOBPCFjMNGX><9i/eqlusoprkE\x1aQYaUWADKZS@\x0e';
  protocol = '3';
  private last = '';
  private pending: { kind: 'at' | 'str'; buf: string; target?: string } | undefined;
  private pressed: { ch: string; at: number } | undefined;

  constructor(init: (m: ApcSmartModel) => void = () => undefined) { init(this); }

  statusByte(): string {
    let s = 0;
    if (this.st.cal) s |= 0x01;
    if (!this.st.off) s |= this.st.ob ? 0x10 : 0x08;
    if (this.st.lb) s |= 0x40;
    return s.toString(16).toUpperCase().padStart(2, '0');
  }

  caps(): string {
    let out = '#';
    for (const [c, list] of Object.entries(this.enums)) out += `${c}4${String.fromCharCode(48 + list.length)}${String.fromCharCode(48 + list[0]!.length)}${list.join('')}`;
    return out;
  }

  private value(c: string): string | undefined {
    const v = this.values[c];
    return typeof v === 'function' ? v() : v;
  }

  /** one received byte → the bytes to send back */
  reply(ch: string): string {
    const p = this.pending;
    if (p) {
      p.buf += ch;
      if (p.kind === 'at' && p.buf.length === 3) { this.pending = undefined; this.st.off = true; return 'OK\r\n'; }
      if (p.kind === 'str' && p.buf.length === 8) {
        this.pending = undefined;
        this.values[p.target!] = p.buf.replace(/\r+$/, '');
        return 'OK\r\n';
      }
      return '';
    }
    if (ch === '\r' || ch === '\n' || ch === '\x1b') return '';
    const prev = this.last;
    this.last = ch;
    switch (ch) {
      case 'Y': this.st.smart = true; return 'SM\r\n';
      case 'R': this.st.smart = false; return 'BYE\r\n';
      case 'a': return `${this.protocol}.!$%+?=#|.${this.cmdset}\r\n`;
      case '\x1a': return `${this.caps()}\r\n`;
      case 'Q': return `${this.statusByte()}\r\n`;
      case 'A': case 'U': case 'W': return 'OK\r\n';
      case 'D': this.st.cal = !this.st.cal; return 'OK\r\n';
      case 'S': this.st.off = true; return 'OK\r\n';
      case '@': this.pending = { kind: 'at', buf: '' }; return '';
      case 'K': case 'Z': case '\x0e': {
        const now = Date.now();
        if (this.pressed && this.pressed.ch === ch && now - this.pressed.at < 3000) {
          this.pressed = undefined;
          this.st.off = ch !== '\x0e';
          return 'OK\r\n';
        }
        this.pressed = { ch, at: now };
        return '';
      }
      case '-': {
        if (prev === 'c' || prev === 'x') { this.pending = { kind: 'str', buf: '', target: prev }; return ''; }
        const list = this.enums[prev];
        if (!list) return 'NA\r\n';
        const cur = this.value(prev) ?? '';
        this.values[prev] = list[(list.indexOf(cur) + 1) % list.length]!;
        return 'OK\r\n';
      }
      default: {
        const v = this.value(ch);
        return `${v ?? 'NA'}\r\n`;
      }
    }
  }

  async handle(ch: string): Promise<string> {
    switch (this.fault) {
      case 'silent': return '';
      case 'garbage': return 'x&|Z\r\n';
      case 'slow': await new Promise((r) => setTimeout(r, 3500)); return this.reply(ch);
      default: return this.reply(ch);
    }
  }
}
