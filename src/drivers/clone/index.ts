// clone (NUT 2.8.0, version 0.03): re-publish another local driver's data
// and add an outlet shutdown/start timer (drivers.md §8).

import { STAT_INSTCMD_HANDLED, STAT_INSTCMD_UNKNOWN, STAT_SET_HANDLED, STAT_SET_UNKNOWN, FLAG_RW, FLAG_STRING, strtod, strtol, type DriverContext, type DriverModule } from '../../driver/kit/index.js';
import { Upstream } from '../../driver/kit/upstream.js';

/** C printf %g for the small numbers used here */
export function fmtG(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const p = Number(n.toPrecision(6));
  const exp = Math.floor(Math.log10(Math.abs(p)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = p.toExponential().split('e');
    const ee = parseInt(e!, 10);
    return `${m}e${ee < 0 ? '-' : '+'}${String(Math.abs(ee)).padStart(2, '0')}`;
  }
  return String(p);
}

class CloneState {
  timerStart = -1;
  timerShutdown = -1;
  status = 'WAIT';
  chargeAct = 0;
  chargeLow = 0;
  runtimeAct = 0;
  runtimeLow = 0;
  online = true;
  outlet = true;
  offdelay = 120;
  ondelay = 30;
  lastPoll = 0;
  up: Upstream | undefined;
}
// one state per driver instance: tsnut can host several in one process
const states = new WeakMap<DriverContext, CloneState>();
function stOf(ctx: DriverContext): CloneState {
  let s = states.get(ctx);
  if (!s) { s = new CloneState(); states.set(ctx, s); }
  return s;
}

function parseArgs(ctx: DriverContext, arg: string[]): boolean {
  const st = stOf(ctx);
  const c = st.up!.common(arg);
  if (typeof c === 'boolean') return c;
  const { name, val } = c;
  const low = name.toLowerCase();
  if (low.startsWith('driver.') || low === 'battery.charge.low' || low === 'battery.runtime.low' || low.startsWith('ups.delay.') || low.startsWith('ups.timer.')) return true;
  if (low === 'ups.status') {
    st.status = val.slice(0, 255);
    st.online = st.status.includes('OL');
    if (st.timerShutdown > 0) { ctx.setInfo('ups.status', `FSD ${st.status}`); return true; }
  }
  if (low === 'battery.charge') {
    st.chargeAct = strtod(val);
    ctx.setInfo('battery.charge.low', fmtG(st.chargeLow));
    ctx.setFlags('battery.charge.low', FLAG_RW | FLAG_STRING);
    ctx.setAux('battery.charge.low', 3);
  }
  if (low === 'battery.runtime') {
    st.runtimeAct = strtod(val);
    ctx.setInfo('battery.runtime.low', fmtG(st.runtimeLow));
    ctx.setFlags('battery.runtime.low', FLAG_RW | FLAG_STRING);
    ctx.setAux('battery.runtime.low', 4);
  }
  ctx.setInfo(name, val);
  return true;
}

function instcmd(ctx: DriverContext, cmd: string, extra: string | undefined): number {
  const st = stOf(ctx);
  const lsVar = ctx.getval('load.status');
  const val = lsVar !== undefined ? ctx.getInfo(lsVar) : undefined;
  if (val !== undefined) {
    const v = val.toLowerCase();
    if (v === 'off' || v === 'no') st.outlet = false;
    if (v === 'on' || v === 'yes') st.outlet = true;
  }
  const c = cmd.toLowerCase();
  if (c === 'shutdown.return' || c === 'shutdown.stayoff') {
    if (st.outlet && st.timerShutdown < 0) {
      st.timerShutdown = st.offdelay;
      ctx.setInfo('ups.status', `FSD ${st.status}`);
    }
    st.timerStart = c === 'shutdown.return' ? st.ondelay : -1;
    return STAT_INSTCMD_HANDLED;
  }
  ctx.log.notice(`instcmd: unknown command [${cmd}] [${extra ?? '(null)'}]`);
  return STAT_INSTCMD_UNKNOWN;
}

export const clone: DriverModule = {
  name: 'clone',
  description: 'Clone UPS driver',
  version: '0.03',
  experimental: true,
  vartable: [
    { kind: 'VALUE', name: 'offdelay', desc: 'Delay before outlet shutdown (seconds)' },
    { kind: 'VALUE', name: 'ondelay', desc: 'Delay before outlet startup (seconds)' },
    { kind: 'VALUE', name: 'mincharge', desc: 'Remaining battery level when UPS switches to LB (percent)' },
    { kind: 'VALUE', name: 'minruntime', desc: 'Remaining battery runtime when UPS switches to LB (seconds)' },
    { kind: 'VALUE', name: 'load.off', desc: 'Command to switch off outlet' },
    { kind: 'VALUE', name: 'load.on', desc: 'Command to switch on outlet' },
    { kind: 'VALUE', name: 'load.status', desc: 'Variable that indicates outlet is on/off' },
  ],

  async initups(ctx) {
    const st = stOf(ctx);
    st.up = new Upstream(ctx, (a) => parseArgs(ctx, a));
    await st.up.connect();
  },

  initinfo(ctx) {
    const st = stOf(ctx);
    st.lastPoll = Math.floor(Date.now() / 1000);
    ctx.addCmd('shutdown.return');
    ctx.addCmd('shutdown.stayoff');
    if (ctx.getval('offdelay') !== undefined) st.offdelay = strtol(ctx.getval('offdelay'));
    if (ctx.getval('ondelay') !== undefined) st.ondelay = strtol(ctx.getval('ondelay'));
    if (ctx.getval('mincharge') !== undefined) st.chargeLow = strtod(ctx.getval('mincharge'));
    if (ctx.getval('minruntime') !== undefined) st.runtimeLow = strtod(ctx.getval('minruntime'));
    ctx.setInfo('ups.delay.shutdown', st.offdelay);
    ctx.setInfo('ups.delay.start', st.ondelay);
    ctx.setInfo('ups.timer.shutdown', st.timerShutdown);
    ctx.setInfo('ups.timer.start', st.timerStart);
  },

  async updateinfo(ctx) {
    const st = stOf(ctx);
    const now = Math.floor(Date.now() / 1000);
    if (!(await st.up!.poll())) return;
    if (st.timerShutdown >= 0) {
      st.timerShutdown -= now - st.lastPoll;
      if (st.timerShutdown < 0) {
        st.timerShutdown = -1;
        st.outlet = false;
        const v = ctx.getval('load.off');
        if (v !== undefined) st.up!.send(`INSTCMD ${v}\n`);
      }
    } else if (st.timerStart >= 0) {
      if (st.online) st.timerStart -= now - st.lastPoll;
      else st.timerStart = st.ondelay;
      if (st.timerStart < 0) {
        st.timerStart = -1;
        st.outlet = true;
        const v = ctx.getval('load.on');
        if (v !== undefined) st.up!.send(`INSTCMD ${v}\n`);
        ctx.setInfo('ups.status', st.status);
      }
    } else if (!st.online && st.outlet) {
      if (st.chargeAct < st.chargeLow) { ctx.log.info('Battery charge low'); instcmd(ctx, 'shutdown.return', undefined); }
      else if (st.runtimeAct < st.runtimeLow) { ctx.log.info('Battery runtime low'); instcmd(ctx, 'shutdown.return', undefined); }
    }
    ctx.setInfo('ups.timer.shutdown', st.timerShutdown);
    ctx.setInfo('ups.timer.start', st.timerStart);
    st.lastPoll = now;
  },

  instcmd: (ctx, cmd, extra) => instcmd(ctx, cmd, extra),

  setvar(ctx, name, val) {
    const st = stOf(ctx);
    const l = name.toLowerCase();
    if (l === 'battery.charge.low') { st.chargeLow = strtod(val); ctx.setInfo('battery.charge.low', fmtG(st.chargeLow)); return STAT_SET_HANDLED; }
    if (l === 'battery.runtime.low') { st.runtimeLow = strtod(val); ctx.setInfo('battery.runtime.low', fmtG(st.runtimeLow)); return STAT_SET_HANDLED; }
    ctx.log.notice(`setvar: unknown variable [${name}]`);
    return STAT_SET_UNKNOWN;
  },

  shutdown(ctx) { ctx.fatal('shutdown not supported'); },
  cleanup(ctx) { stOf(ctx).up?.disconnect(); },
};
