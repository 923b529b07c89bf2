// The subdrivers in NUT 2.8.0's subdriver_list order: the first whose claim
// accepts a device drives it (explore first, then MGE, then the others
// alphabetically). Entries not yet transcribed are missing from the list.

import type { HidSubdriver } from '../subdriver.js';
import { apc_subdriver } from './apc.js';

export const subdriver_list: readonly HidSubdriver[] = [
  apc_subdriver,
];
