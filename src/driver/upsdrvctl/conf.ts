// What upsdrvctl 2.8.0 takes from ups.conf (drivers/upsdrvctl.c
// do_upsconf_args): global driverpath/maxstartdelay/maxretry/retrydelay/
// nowait; per section driver, port, maxstartdelay, sdorder. Pure.

import { tokenizeConfig } from '../../core/tokenizer.js';
import { atoi } from '../../core/cstd.js';

export { atoi };

export interface CtlUps {
  upsname: string;
  driver: string | undefined;
  port: string | undefined;
  sdorder: number;
  /** -1 = use the global value */
  maxstartdelay: number;
}

export interface CtlConf {
  ups: CtlUps[];
  driverpath: string | undefined;
  maxstartdelay: number;
  maxretry: number;
  retrydelay: number;
  nowait: boolean;
  maxsdorder: number;
  parseErrors: Array<{ line: number; message: string }>;
}


export function parseCtlConf(text: string | Uint8Array): CtlConf {
  const conf: CtlConf = { ups: [], driverpath: undefined, maxstartdelay: 45, maxretry: 1, retrydelay: 5, nowait: false, maxsdorder: 0, parseErrors: [] };
  const { lines, errors } = tokenizeConfig(text);
  conf.parseErrors = errors;
  let section: string | undefined;
  for (const { args } of lines) {
    if (args.length < 1) continue;
    const a0 = args[0]!;
    if (a0.startsWith('[') && a0.endsWith(']')) { section = a0.slice(1, -1); continue; }
    let key: string;
    let val: string | undefined;
    if (args.length === 1) { key = a0; val = undefined; }
    else if (args.length >= 3 && args[1] === '=') { key = a0; val = args[2]; }
    else continue;
    if (section === undefined) {
      if (key === 'nowait') conf.nowait = true;
      if (val === undefined) continue;
      if (key === 'maxstartdelay') conf.maxstartdelay = atoi(val);
      if (key === 'driverpath') conf.driverpath = val;
      if (key === 'maxretry') conf.maxretry = atoi(val);
      if (key === 'retrydelay') conf.retrydelay = atoi(val);
      continue;
    }
    let u = conf.ups.find((x) => x.upsname === section);
    if (!u) {
      // a new entry only remembers driver/port from its first line (as 2.8.0)
      u = { upsname: section, driver: undefined, port: undefined, sdorder: 0, maxstartdelay: -1 };
      conf.ups.push(u);
      if (val !== undefined && key === 'driver') u.driver = val;
      if (val !== undefined && key === 'port') u.port = val;
      continue;
    }
    if (val === undefined) continue;
    if (key === 'driver') u.driver = val;
    if (key === 'port') u.port = val;
    if (key === 'maxstartdelay') u.maxstartdelay = atoi(val);
    if (key === 'sdorder') {
      u.sdorder = atoi(val);
      if (u.sdorder > conf.maxsdorder) conf.maxsdorder = u.sdorder;
    }
  }
  return conf;
}
