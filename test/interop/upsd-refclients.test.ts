// The reference NUT clients (upsc, upscmd, upsrw, upslog, upsmon) and
// python3-nut's PyNUTClient, run against the reference upsd and against
// ours, serving the same reference dummy-ups drivers: same output, same
// exit codes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { haveReference, sandbox, start, run, REF, waitFor, withRefUpsmonLock, startRefUpsmon, type Proc, type Sandbox } from '../helpers/ref.js';
import { startPair, waitForData, exchange, type UpsdPair } from '../helpers/upsd-pair.js';

const UPS_CONF = `
[dummy]
  driver = dummy-ups
  port = dummy.dev
  desc = "Dummy one"
[second]
  driver = dummy-ups
  port = second.dev
[onbatt]
  driver = dummy-ups
  port = onbatt.dev
`;

const USERS = `
[admin]
  password = secret
  actions = SET FSD
  instcmds = ALL
[mon]
  password = pw
  upsmon primary
`;

let box: Sandbox;
let pair: UpsdPair;
const drivers: Proc[] = [];
const havePy = existsSync('/usr/lib/python3/dist-packages/PyNUT.py') && existsSync('/usr/bin/python3');

before(async () => {
  if (!haveReference) return;
  box = sandbox('tsnut-refcli-');
  writeFileSync(join(box.dir, 'dummy.dev'), 'ups.status: OL CHRG\nbattery.charge: 90\nups.id: abc\ninput.voltage: 230\n');
  writeFileSync(join(box.dir, 'second.dev'), 'ups.status: OL\nbattery.charge: 100\n');
  writeFileSync(join(box.dir, 'onbatt.dev'), 'ups.status: OB LB\nbattery.charge: 5\n');
  // dummy-ups resolves relative ports against the config dir: give absolute paths
  const conf = UPS_CONF.replace(/port = (\S+)/g, (_m, f) => `port = ${join(box.dir, f)}`);
  writeFileSync(join(box.conf, 'ups.conf'), conf);
  for (const u of ['dummy', 'second', 'onbatt']) {
    drivers.push(start(REF.dummyUps, ['-a', u, '-u', 'root', '-F'], { env: box.env }));
  }
  pair = await startPair({ upsConf: conf, users: USERS }, box);
  for (const port of [pair.refPort, pair.ourPort]) for (const u of ['dummy', 'second', 'onbatt']) await waitForData(port, u);
});

after(async () => {
  if (!haveReference) return;
  await pair?.stop();
  for (const d of drivers) await d.kill();
  if (!process.env.KEEP_SANDBOX) box?.cleanup();
});

/** Run the same client command against both servers; `{PORT}` is substituted. */
async function both(cmd: string, args: string[], input?: string) {
  const sub = (p: number) => args.map((a) => a.replace('{PORT}', String(p)));
  const r = await run(cmd, sub(pair.refPort), { input, env: box.env });
  const o = await run(cmd, sub(pair.ourPort), { input, env: box.env });
  const norm = (s: string, p: number) => s.split(String(p)).join('{PORT}').replace(/[0-9A-F]{8}-[0-9A-F-]{27}/g, '<UUID>');
  return {
    ref: { code: r.code, stdout: norm(r.stdout, pair.refPort), stderr: norm(r.stderr, pair.refPort) },
    ours: { code: o.code, stdout: norm(o.stdout, pair.ourPort), stderr: norm(o.stderr, pair.ourPort) },
  };
}

const CASES: Array<[string, string[]]> = [
  [REF.upsc, ['-l', '127.0.0.1:{PORT}']],
  [REF.upsc, ['-L', '127.0.0.1:{PORT}']],
  [REF.upsc, ['dummy@127.0.0.1:{PORT}']],
  [REF.upsc, ['DUMMY@127.0.0.1:{PORT}', 'ups.status']],
  [REF.upsc, ['dummy@127.0.0.1:{PORT}', 'nope.var']],
  [REF.upsc, ['nope@127.0.0.1:{PORT}']],
  [REF.upsc, ['-c', 'dummy@127.0.0.1:{PORT}']],
  [REF.upsc, ['second@127.0.0.1:{PORT}', 'server.info']],
  [REF.upscmd, ['-l', 'dummy@127.0.0.1:{PORT}']],
  [REF.upscmd, ['-l', 'nope@127.0.0.1:{PORT}']],
  [REF.upscmd, ['-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}', 'load.off']],
  [REF.upscmd, ['-u', 'admin', '-p', 'wrong', 'dummy@127.0.0.1:{PORT}', 'load.off']],
  [REF.upscmd, ['-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}', 'nope.cmd']],
  [REF.upscmd, ['-u', 'admin', '-p', 'secret', '-w', 'dummy@127.0.0.1:{PORT}', 'load.off']],
  [REF.upsrw, ['dummy@127.0.0.1:{PORT}']],
  [REF.upsrw, ['-l', 'second@127.0.0.1:{PORT}']],
  [REF.upsrw, ['-s', 'ups.id=hello', '-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}']],
  [REF.upsrw, ['-s', 'ups.id=12345678901234567890', '-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}']],
  [REF.upsrw, ['-s', 'nope.var=1', '-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}']],
  [REF.upsrw, ['-w', '-s', 'ups.id=tracked', '-u', 'admin', '-p', 'secret', 'dummy@127.0.0.1:{PORT}']],
];

test('reference upsc, upscmd and upsrw: same stdout, stderr and exit code against both servers', { skip: !haveReference }, async () => {
  const diffs: string[] = [];
  for (const [cmd, args] of CASES) {
    const { ref, ours } = await both(cmd, args);
    try {
      assert.deepEqual(ours, ref);
    } catch {
      diffs.push(`${cmd} ${args.join(' ')}\nref:  ${JSON.stringify(ref)}\nours: ${JSON.stringify(ours)}`);
    }
  }
  assert.deepEqual(diffs, []);
});

test('reference upslog: same lines against both servers', { skip: !haveReference }, async () => {
  const outs: string[] = [];
  for (const port of [pair.refPort, pair.ourPort]) {
    const log = join(box.dir, `upslog-${port}.log`);
    const p = start(REF.upslog, ['-s', `dummy@127.0.0.1:${port}`, '-l', log, '-i', '1', '-F', '-f', '%UPSHOST% %VAR ups.status% %VAR battery.charge% %VAR nope%'], { env: box.env });
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').length >= 3, 10000, 100);
    await p.kill();
    outs.push(readFileSync(log, 'utf8').split('\n').slice(0, 2).join('\n').split(String(port)).join('{PORT}'));
  }
  assert.equal(outs[1], outs[0]);
  assert.match(outs[0]!, /^dummy@127\.0\.0\.1:\{PORT\} OL CHRG 90 INVALID\n/);
});

test('python3-nut PyNUTClient: same results against both servers', { skip: !haveReference || !havePy }, async () => {
  const script = `
import sys, PyNUT
c = PyNUT.PyNUTClient(host="127.0.0.1", port=int(sys.argv[1]), login="admin", password="secret")
calls = [
    lambda: c.ver(),
    lambda: c.help(),
    lambda: sorted(c.GetUPSList().items()),
    lambda: sorted((k, v) for k, v in c.GetUPSVars("dummy").items() if k != b"ups.id"),
    lambda: sorted(k for k in c.GetRWVars("dummy")),
    lambda: sorted(c.GetUPSCommands("dummy").items()),
    lambda: c.ListClients("dummy"),
    lambda: c.RunUPSCommand("dummy", "load.off"),
    lambda: c.SetRWVar("dummy", "nope.var", "py"),
    lambda: c.GetUPSVars("nope"),
    lambda: c.RunUPSCommand("dummy", "nope.cmd"),
]
for f in calls:
    try:
        print(repr(f()))
    except Exception as e:
        print("error", type(e).__name__, e)
`;
  const f = join(box.dir, 'pynut.py');
  writeFileSync(f, script);
  const { ref, ours } = await both('/usr/bin/python3', [f, '{PORT}']);
  assert.equal(ref.code, 0, ref.stderr);
  assert.deepEqual(ours, ref);
});

test('reference upsmon (primary) against both servers: logs in, sets FSD on OB LB, runs SHUTDOWNCMD', { skip: !haveReference }, async () => {
  await withRefUpsmonLock(async () => {
    for (const port of [pair.refPort, pair.ourPort]) {
      const dir = join(box.dir, `upsmon-${port}`);
      mkdirSync(dir, { recursive: true });
      const marker = join(dir, 'shutdown-ran');
      writeFileSync(join(dir, 'upsmon.conf'), [
        `MONITOR onbatt@127.0.0.1:${port} 1 mon pw primary`,
        `SHUTDOWNCMD "/bin/sh -c 'echo done >> ${marker}'"`,
        'POLLFREQ 1', 'POLLFREQALERT 1', 'HOSTSYNC 1', 'FINALDELAY 0', 'DEADTIME 3',
        `POWERDOWNFLAG ${join(dir, 'killpower')}`,
        '',
      ].join('\n'), { mode: 0o640 });
      const mon = await startRefUpsmon(['-D', '-u', 'root'], { env: { ...box.env, NUT_CONFPATH: dir, NUT_STATEPATH: dir, NUT_ALTPIDPATH: dir } });
      try {
        await waitFor(() => existsSync(marker), 20000, 100).catch((e) => { throw new Error(`${e.message}: exit=${mon.child.exitCode} sig=${mon.child.signalCode} out=${mon.stdout()} err=${mon.stderr()}`); });
        const st = await exchange(port, 'GET VAR onbatt ups.status\n');
        assert.equal(st, 'VAR onbatt ups.status "FSD OB LB"\nOK Goodbye\n');
        assert.ok(existsSync(join(dir, 'killpower')), 'POWERDOWNFLAG written');
      } finally {
        await mon.kill();
      }
    }
  });
});
