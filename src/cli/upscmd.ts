// upscmd: run instant commands on a UPS through upsd (clients.md §3).
// Messages, streams and exit codes follow NUT 2.8.0's upscmd; see docs/clients.md
// for the deliberate differences (quoted credentials/values, -w failure exit code).

import { NUT_VERSION } from '../core/paths.js';
import {
  out, err, fatalx, exit, onExit, parseOpts, progName, strToUint, credArg, promptUsername, getpass,
  connectUpsTarget,
} from '../client/cli-util.js';

function usage(prog: string): void {
  out(`Network UPS Tools upscmd ${NUT_VERSION}

usage: ${prog} [-h]
       ${prog} [-l <ups>]
       ${prog} [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups> <command> [<value>]

Administration program to initiate instant commands on UPS hardware.

  -h\t\tdisplay this help text
  -l <ups>\tshow available commands on UPS <ups>
  -u <username>\tset username for command authentication
  -p <password>\tset password for command authentication
  -w            wait for the completion of command by the driver
                and return its actual result from the device
  -t <timeout>\tset a timeout when using -w (in seconds, default: 10)

  <ups>\t\tUPS identifier - <upsname>[@<hostname>[:<port>]]
  <command>\tValid instant command - test.panel.start, etc.
  [<value>]\tAdditional data for command - number of seconds, etc.
`);
}

async function main(): Promise<void> {
  const prog = progName();
  const r = parseOpts(process.argv.slice(2), '+lhu:p:t:wV');
  let cmdlist = false, tracking = false, timeout = 10;
  let username: string | undefined, password: string | undefined;
  for (const o of r.opts) {
    switch (o.opt) {
      case 'l': cmdlist = true; break;
      case 'u': username = o.arg!; break;
      case 'p': password = o.arg!; break;
      case 't': {
        const t = strToUint(o.arg!);
        if (typeof t === 'string') fatalx(1, `Could not convert the provided value for timeout ('-t' option) to unsigned int: ${t}`);
        timeout = t;
        break;
      }
      case 'w': tracking = true; break;
      case 'V': fatalx(0, `Network UPS Tools upscmd ${NUT_VERSION}`);
      default: usage(prog); exit(0);
    }
  }
  if (r.error) { usage(prog); exit(0); }
  const args = r.rest;
  if (args.length < 1) { usage(prog); exit(0); }

  // 2.8.0's upscmd does not try STARTTLS
  const { ups, client: c } = await connectUpsTarget(args[0]!);
  const { upscliStrerror } = await import('../client/errors.js');
  const { NutProtocolError } = await import('../core/errors.js');
  const { formatRequest } = await import('../protocol/client-codec.js');
  onExit(() => c.disconnect());

  if (cmdlist) {
    let cmds: string[];
    try {
      const res = await c.listPartial('CMD', ups);
      for (const w of res.items) if (w.length + 2 < 3) fatalx(1, `Error: insufficient data (got ${w.length + 2} args, need at least 3)`);
      cmds = res.items.map((w) => w[0]!);
    } catch (e) {
      if (e instanceof NutProtocolError && e.code.startsWith('UNKNOWN-COMMAND')) fatalx(1, 'Error: upsd is too old to support this query');
      return fatalx(1, `Error: ${upscliStrerror(e)}`);
    }
    // all descriptions in one round trip
    const descs = await Promise.allSettled(cmds.map((cmd) => c.getCmdDesc(ups, cmd)));
    let text = `Instant commands supported on UPS [${ups}]:\n\n`;
    cmds.forEach((cmd, i) => {
      const d = descs[i]!;
      text += d.status === 'fulfilled' ? `${cmd} - ${d.value}\n` : `${cmd}\n`;
    });
    out(text);
    exit(0);
  }

  if (args.length < 2) { usage(prog); exit(0); }
  const cmd = args[1]!;
  if (!cmd.includes('.')) fatalx(1, 'Error: old command names are not supported');

  const user = username ?? await promptUsername('fatal');
  const pass = password ?? (await getpass('Password: ')) ?? '';

  // USERNAME, PASSWORD (and SET TRACKING ON) in one round trip; 2.8.0 reads
  // the first two replies without judging them (an ERR surfaces at INSTCMD).
  const pending = [c.request(`USERNAME ${credArg(user)}\n`), c.request(`PASSWORD ${credArg(pass)}\n`)];
  if (tracking) pending.push(c.request('SET TRACKING ON\n'));
  const rs = await Promise.allSettled(pending);
  const why = (i: number) => upscliStrerror((rs[i] as PromiseRejectedResult).reason);
  if (rs[0]!.status === 'rejected') fatalx(1, `Set username failed: ${why(0)}`);
  if (rs[1]!.status === 'rejected') fatalx(1, `Set password failed: ${why(1)}`);
  if (tracking) {
    const t = rs[2]!;
    if (t.status === 'rejected') fatalx(1, `Enabling command status tracking failed: ${why(2)}`);
    if (!t.value.startsWith('OK')) fatalx(1, `Enabling command status tracking failed. upsd answered: ${t.value}`);
  }

  const line = args.length > 2 ? formatRequest('INSTCMD', ups, cmd, args[2]!) : formatRequest('INSTCMD', ups, cmd);
  const { runTracked } = await import('../client/cli-tracking.js');
  const code = await runTracked(c, line, { tracking, timeout, cantSend: "Can't send instant command", failed: 'Instant command failed' });
  exit(code);
}

void main();
