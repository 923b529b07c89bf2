// tsnut drill [-s scenario | -a] [-l] [confdir]: a dry-run power-failure drill
// through upsmon's real decision code (docs/tsnut-drill.md).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getopt } from '../core/getopt.js';
import { confPath } from '../core/paths.js';
import { parseUpsmonConf } from '../config/upsmonconf.js';
import { parseUpsschedConf } from '../config/upsschedconf.js';
import { parseUpsConf } from '../config/upsconf.js';
import { SCENARIOS, findScenario } from '../drill/scenarios.js';
import { runDrill } from '../drill/sim.js';
import { renderDrill } from '../drill/report.js';

export async function main(argv: string[]): Promise<void> {
  const r = getopt(argv, 's:alh');
  const help = () => process.stdout.write(`usage: tsnut drill [-s scenario | -a] [-l] [confdir]\n\n  -s <name>\tscenario (default: outage)\n  -a\t\tevery scenario\n  -l\t\tlist the scenarios\n\nReads upsmon.conf (and upssched.conf, ups.conf) from confdir (default NUT_CONFPATH\nor /etc/nut) and prints, step by step in simulated time, what upsmon would do.\nNothing is shut down and no UPS is touched.\n`);
  if (r.error || r.rest.length > 1) { help(); process.exit(2); }
  let names = ['outage'];
  for (const { opt, arg } of r.opts) {
    if (opt === 'h') { help(); process.exit(0); }
    if (opt === 'l') { for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(10)} ${s.title}\n`); process.exit(0); }
    if (opt === 'a') names = SCENARIOS.map((s) => s.name);
    if (opt === 's') {
      if (!findScenario(arg!)) { process.stderr.write(`tsnut drill: unknown scenario '${arg}' (tsnut drill -l lists them)\n`); process.exit(2); }
      names = [arg!];
    }
  }
  const dir = r.rest[0] ?? confPath();
  const file = join(dir, 'upsmon.conf');
  let text: Buffer;
  try { text = readFileSync(file); } catch (e) { process.stderr.write(`tsnut drill: can't read ${file}: ${(e as Error).message}\n`); process.exit(2); }
  const conf = parseUpsmonConf(text, file);
  if (conf.fatal || conf.monitors.length === 0) {
    process.stderr.write(`tsnut drill: ${file} cannot protect this machine (${conf.fatal?.[0] ?? 'no MONITOR line'}); run tsnut check ${dir}\n`);
    process.exit(2);
  }
  const cmd = conf.notifyCmd?.join(' ');
  let sched;
  if (cmd && /(^|\/)upssched(\s|$)/.test(cmd)) {
    try { sched = parseUpsschedConf(readFileSync(join(dir, 'upssched.conf')), join(dir, 'upssched.conf')); } catch { /* none: no timers */ }
  }
  let offdelay: ((u: string) => number) | undefined;
  try {
    const u = parseUpsConf(readFileSync(join(dir, 'ups.conf')));
    offdelay = (name) => Number(u.sections.find((s) => s.name === name)?.values.get('offdelay') ?? 20);
  } catch { /* not a server */ }
  for (const [i, n] of names.entries()) {
    const res = await runDrill({ conf: parseUpsmonConf(text, file), scenario: findScenario(n)!, sched, offdelay });
    if (i) process.stdout.write('\n');
    process.stdout.write(renderDrill(res, cmd, file));
  }
  process.exit(0);
}
