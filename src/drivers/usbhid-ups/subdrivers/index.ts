// The vendor subdrivers in NUT 2.8.0's subdriver_list order: MGE, then the
// others alphabetically; the first whose claim accepts a device drives it.
// The explore subdriver, which comes first of all, is the engine's
// (../explore.ts; ../subdriver-list.ts puts it in front).

import type { HidSubdriver } from '../subdriver.js';
import { apc_subdriver } from './apc.js';
import { arduino_subdriver } from './arduino.js';
import { belkin_subdriver } from './belkin.js';
import { cps_subdriver } from './cps.js';
import { delta_ups_subdriver } from './delta_ups.js';
import { ever_subdriver } from './ever.js';
import { idowell_subdriver } from './idowell.js';
import { legrand_subdriver } from './legrand.js';
import { liebert_subdriver } from './liebert.js';
import { mge_subdriver } from './mge.js';
import { openups_subdriver } from './openups.js';
import { powercom_subdriver } from './powercom.js';
import { powervar_subdriver } from './powervar.js';
import { salicru_subdriver } from './salicru.js';
import { tripplite_subdriver } from './tripplite.js';

export const subdriver_list: readonly HidSubdriver[] = [
  mge_subdriver,
  apc_subdriver,
  arduino_subdriver,
  belkin_subdriver,
  cps_subdriver,
  delta_ups_subdriver,
  ever_subdriver,
  idowell_subdriver,
  legrand_subdriver,
  liebert_subdriver,
  openups_subdriver,
  powercom_subdriver,
  powervar_subdriver,
  salicru_subdriver,
  tripplite_subdriver,
];
