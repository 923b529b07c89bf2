// The subdrivers in the order NUT 2.8.0 tries them: explore first, then mge,
// then the others alphabetically. The tables live in subdrivers/<vendor>.ts.

import type { HidSubdriver } from './subdriver.js';
import { exploreSubdriver } from './explore.js';
import { subdriver_list } from './subdrivers/index.js';

export const SUBDRIVERS: readonly HidSubdriver[] = [
  exploreSubdriver,
  ...subdriver_list,
];
