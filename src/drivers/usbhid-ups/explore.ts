// The `explore` subdriver: claims any device when -x explore is given (with a
// vendorid, which the engine insists on), maps nothing, and lets the -D dump
// show every HID item — for finding out what an unknown UPS offers.

import type { HidSubdriver } from './subdriver.js';

export const exploreSubdriver: HidSubdriver = {
  name: 'EXPLORE HID 0.2',
  ids: [],
  claim: (_dev, env) => env.testvar?.('explore') ?? false,
  usageTables: [],
  hid2nut: [],
  formatModel: (d) => d.product,
  formatMfr: (d) => d.vendor,
  formatSerial: (d) => d.serial,
};
