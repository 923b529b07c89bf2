// clone-outlet (NUT 2.8.0, version 0.02): re-publish another local driver's
// data as a read-only UPS for one outlet group (drivers.md §9).

import { strtol, type DriverContext, type DriverModule } from '../../driver/kit/index.js';
import { Upstream } from '../../driver/kit/upstream.js';

interface OutletState {
  delayShutdown: number;
  timerShutdown: number;
  outletOn: boolean;
  status: string;
  names: { delay: string; timer: string; status: string };
  up: Upstream | undefined;
}
// one state per driver instance: tsnut can host several in one process
const states = new WeakMap<DriverContext, OutletState>();
function stOf(ctx: DriverContext): OutletState {
  let s = states.get(ctx);
  if (!s) {
    s = { delayShutdown: -1, timerShutdown: -1, outletOn: true, status: 'WAIT', names: { delay: '', timer: '', status: '' }, up: undefined };
    states.set(ctx, s);
  }
  return s;
}

export const cloneOutlet: DriverModule = {
  name: 'clone-outlet',
  description: 'clone outlet UPS Driver',
  version: '0.02',
  experimental: true,
  vartable: [{ kind: 'VALUE', name: 'prefix', desc: 'Outlet prefix (mandatory)' }],

  async initups(ctx) {
    const st = stOf(ctx);
    const p = ctx.getval('prefix');
    if (p === undefined) ctx.fatal('Outlet prefix is mandatory for this driver!');
    st.names = { delay: `${p}.delay.shutdown`.toLowerCase(), timer: `${p}.timer.shutdown`.toLowerCase(), status: `${p}.status`.toLowerCase() };
    st.up = new Upstream(ctx, (arg) => {
      const c = st.up!.common(arg);
      if (typeof c === 'boolean') return c;
      const { name, val } = c;
      const low = name.toLowerCase();
      if (low.startsWith('driver.')) return true;
      if (low === st.names.delay) st.delayShutdown = strtol(val);
      if (low === st.names.timer) st.timerShutdown = strtol(val);
      if (low === st.names.status) st.outletOn = val.toLowerCase() !== 'off';
      if (low === 'ups.status') { st.status = val; return true; }
      ctx.setInfo(name, val);
      return true;
    });
    await st.up.connect();
  },

  initinfo() { /* nothing: everything comes from upstream */ },

  async updateinfo(ctx) {
    const st = stOf(ctx);
    if (!(await st.up!.poll())) return;
    if (!st.outletOn) {
      ctx.log.debug(2, `OFF flag set (${st.names.status}: switched off)`);
      ctx.setInfo('ups.status', `${st.status} OFF`);
      return;
    }
    if (st.timerShutdown > -1 && st.timerShutdown <= st.delayShutdown) {
      ctx.log.debug(2, `FSD flag set (${st.names.timer}: -1 < [${st.timerShutdown}] <= ${st.delayShutdown})`);
      ctx.setInfo('ups.status', `FSD ${st.status}`);
      return;
    }
    ctx.log.debug(3, `${ctx.getval('prefix')}: power state not critical`);
    ctx.setInfo('ups.status', st.status);
  },

  // 2.8.0's upsdrv_shutdown() is empty: -k reports success
  shutdown() { /* nothing */ },
  cleanup(ctx) { stOf(ctx).up?.disconnect(); },
};
