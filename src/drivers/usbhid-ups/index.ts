// usbhid-ups: USB HID power devices (NUT 2.8.0's "Generic HID driver" 0.47).
// The engine is engine.ts; the per-vendor tables are subdrivers/*.ts.

import type { DriverContext, DriverModule } from '../../driver/types.js';
import { libusbBus, type UsbBus } from '../../transports/usb.js';
import { HidUpsEngine } from './engine.js';
import { SUBDRIVERS } from './subdriver-list.js';
import type { HidSubdriver } from './subdriver.js';

/** A usbhid-ups on the given bus and subdrivers (the real ones by default; tests pass fakes). */
export function makeUsbhidUps(bus: UsbBus = libusbBus, subdrivers: readonly HidSubdriver[] = SUBDRIVERS): DriverModule {
  // one engine per driver instance: the single-process host may run several UPSes on this module
  const engines = new WeakMap<DriverContext, HidUpsEngine>();
  const eng = (ctx: DriverContext): HidUpsEngine => {
    let e = engines.get(ctx);
    if (!e) { e = new HidUpsEngine(ctx, { bus, subdrivers }); engines.set(ctx, e); }
    return e;
  };
  return {
    name: 'usbhid-ups',
    description: 'Generic HID driver',
    version: '0.47',
    subBanners: ['USB communication driver (libusb 1.0) 0.43'],
    vartable: [
      { kind: 'VALUE', name: 'lowbatt', desc: 'Set low battery level, in % (default=30)' },
      { kind: 'VALUE', name: 'offdelay', desc: 'Set shutdown delay, in seconds (default=20)' },
      { kind: 'VALUE', name: 'ondelay', desc: 'Set startup delay, in seconds (default=30)' },
      { kind: 'VALUE', name: 'pollfreq', desc: 'Set polling frequency, in seconds, to reduce data flow (default=30)' },
      { kind: 'FLAG', name: 'pollonly', desc: "Don't use interrupt pipe, only use polling" },
      { kind: 'FLAG', name: 'onlinedischarge', desc: 'Set to treat discharging while online as being offline' },
      { kind: 'VALUE', name: 'vendor', desc: 'Regular expression to match UPS Manufacturer string' },
      { kind: 'VALUE', name: 'product', desc: 'Regular expression to match UPS Product string' },
      { kind: 'VALUE', name: 'serial', desc: 'Regular expression to match UPS Serial number' },
      { kind: 'VALUE', name: 'vendorid', desc: 'Regular expression to match UPS Manufacturer numerical ID (4 digits hexadecimal)' },
      { kind: 'VALUE', name: 'productid', desc: 'Regular expression to match UPS Product numerical ID (4 digits hexadecimal)' },
      { kind: 'VALUE', name: 'bus', desc: 'Regular expression to match USB bus name' },
      { kind: 'VALUE', name: 'device', desc: 'Regular expression to match USB device name' },
      { kind: 'VALUE', name: 'usb_set_altinterface', desc: 'Force redundant call to usb_set_altinterface() (value=bAlternateSetting; default=0)' },
      { kind: 'FLAG', name: 'explore', desc: 'Diagnostic matching of unsupported UPS' },
      { kind: 'FLAG', name: 'maxreport', desc: 'Activate tweak for buggy APC Back-UPS firmware' },
      { kind: 'FLAG', name: 'interruptonly', desc: "Don't use polling, only use interrupt pipe" },
      { kind: 'VALUE', name: 'interruptsize', desc: 'Number of bytes to read from interrupt pipe' },
    ],
    async initups(ctx) {
      ctx.setInfo('driver.version.usb', bus.version());
      await eng(ctx).initups();
    },
    initinfo(ctx) { eng(ctx).initinfo(); },
    async updateinfo(ctx) { await eng(ctx).updateinfo(); },
    instcmd: (ctx, cmd, extra) => eng(ctx).instcmd(cmd, extra),
    setvar: (ctx, name, value) => eng(ctx).setvar(name, value),
    async shutdown(ctx) { await eng(ctx).shutdown(); },
    cleanup(ctx) { eng(ctx).cleanup(); },
  };
}

export const usbhidUps: DriverModule = makeUsbhidUps();
