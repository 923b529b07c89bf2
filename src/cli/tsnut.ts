// tsnut: the whole NUT stack in one process (docs/single-process.md).

import { getopt } from '../core/getopt.js';
import { Logger } from '../core/logger.js';
import { NUT_VERSION, confPath, statePath } from '../core/paths.js';
import { FatalError } from '../server/upsd.js';
import { Stack } from '../stack/stack.js';
import { hostedDriverNames } from '../stack/registry.js';

function help(): never {
  process.stdout.write(`Runs the drivers of ups.conf, upsd and (if upsmon.conf exists) upsmon in
one process, from the usual NUT configuration files.

usage: tsnut [OPTIONS]

  -D		raise debugging level
  -u <user>	user for drivers that run as separate (NUT C) programs
  -h		display this help
  -V		display the version of this software

Drivers hosted in-process: ${hostedDriverNames().join(', ')}.
Other drivers named in ups.conf run as /lib/nut/<driver> (or ups.conf driverpath).
Stays in the foreground (for systemd and similar). SIGHUP reloads, SIGTERM stops.
`);
  process.exit(0);
}

async function main(): Promise<void> {
  process.stdout.write(`Network UPS Tools ${NUT_VERSION} - tsnut single-process stack\n`);
  const log = new Logger('tsnut');
  log.nutStyle = true;
  let driverUser: string | undefined;
  const r = getopt(process.argv.slice(2), '+Du:hV');
  if (r.error || r.rest.length) help();
  for (const { opt, arg } of r.opts) {
    if (opt === 'D') log.debugLevel++;
    else if (opt === 'u') driverUser = arg;
    else if (opt === 'V') process.exit(0);
    else help();
  }
  const stack = new Stack({ confPath: confPath(), statePath: statePath(), log, env: process.env, driverUser });
  try {
    await stack.start();
  } catch (e) {
    log.err(e instanceof FatalError ? e.message : (e as Error).stack ?? String(e));
    await stack.stop().catch(() => undefined);
    process.exit(1);
  }
  let stopping = false;
  const exit = (n: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`Signal ${n}: exiting`);
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => exit(15));
  process.on('SIGINT', () => exit(2));
  process.on('SIGHUP', () => stack.reload());
  process.on('SIGPIPE', () => {});
}

void main();
