// The golden battery: the same requests sent to the reference upsd and to
// ours, over identical configs and the same drivers; replies must be equal
// byte for byte. Deliberate differences are listed in docs/upsd.md.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { haveReference, start, REF, type Proc } from '../helpers/ref.js';
import { startPair, exchange, waitForData, type UpsdPair } from '../helpers/upsd-pair.js';
import { fakeDriver, type FakeDriver } from '../helpers/fake-driver.js';

const LONG_DESC = 'L'.repeat(505);

const ALPHA_DUMP = [
  'SETINFO alpha.var "a"',
  'SETINFO battery.charge "100"',
  'SETFLAGS battery.charge NUMBER',
  'SETINFO device.description "' + 'd'.repeat(250) + '"',
  'SETINFO input.sensitivity "M"',
  'ADDENUM input.sensitivity "H"',
  'ADDENUM input.sensitivity "M"',
  'ADDENUM input.sensitivity "L"',
  'ADDENUM input.sensitivity "a\\"q"',
  'SETFLAGS input.sensitivity RW',
  'SETINFO input.transfer.low "90"',
  'ADDRANGE input.transfer.low 80 95',
  'ADDRANGE input.transfer.low 100 110',
  'ADDRANGE input.transfer.low 80 120',
  'SETFLAGS input.transfer.low RW NUMBER',
  'SETINFO ups.badaux "x"',
  'SETFLAGS ups.badaux RW STRING',
  'SETINFO ups.delay.shutdown "20"',
  'SETFLAGS ups.delay.shutdown RW',
  'SETINFO ups.id "my \\"id\\" \\#1 \\\\x"',
  'SETAUX ups.id 16',
  'SETFLAGS ups.id RW STRING',
  'SETINFO ups.status "OB LB"',
  'SETINFO Zeta.var "z"',
  'SETINFO ups.mode "x" extra words',
  'SETINFO short',
  'BOGUS line here',
  'ADDCMD load.off',
  'ADDCMD test.battery.start',
  'ADDCMD Beeper.Toggle',
  'ADDCMD beeper.toggle',
  'DATAOK',
  'DUMPDONE',
].join('\n');

const STALE_DUMP = 'SETINFO ups.status "OL"\nADDCMD load.off\nDATASTALE\nDUMPDONE\n';
const FSD_DUMP = 'SETINFO ups.status "OL CHRG"\nSETINFO ups.id "f"\nSETFLAGS ups.id RW STRING\nSETAUX ups.id 8\nDATAOK\nDUMPDONE\n';

const UPS_CONF = `
[alpha]
  driver = fake
  port = none
  desc = "Alpha \\"quoted\\" UPS"
[stalebox]
  driver = fake
  port = none
[gone]
  driver = fake
  port = none
  desc = "never connected"
[fsdbox]
  driver = fake
  port = none
[dummy]
  driver = dummy-ups
  port = dummy.dev
  desc = "${LONG_DESC}"
[broken]
  driver = fake
`;

const USERS = `
[admin]
  password = secret
  actions = SET FSD
  instcmds = ALL
[mon]
  password = pw
  upsmon primary
[sec]
  password = pw2
  upsmon secondary
[limited]
  password = lim
  instcmds = test.battery.start
  actions = set
[nopass]
  actions = SET
`;

const UPSES = ['alpha', 'ALPHA', 'stalebox', 'gone', 'dummy', 'nope', 'broken'];
const VARS = ['ups.status', 'UPS.Status', 'ups.id', 'input.sensitivity', 'input.transfer.low', 'battery.charge', 'ups.badaux', 'nope.var', 'server.info', 'SERVER.VERSION', 'server.nope', 'Zeta.var', 'ups.mode', 'device.description'];

const AUTH: string[][] = [
  [],
  ['USERNAME admin'],
  ['USERNAME admin', 'PASSWORD secret'],
  ['PASSWORD secret', 'USERNAME admin'],
  ['USERNAME admin', 'PASSWORD wrong'],
  ['USERNAME mon', 'PASSWORD pw'],
  ['USERNAME sec', 'PASSWORD pw2'],
  ['USERNAME limited', 'PASSWORD lim'],
  ['USERNAME nopass', 'PASSWORD x'],
  ['USERNAME Admin', 'PASSWORD secret'],
];

/** Request sequences that do not change server state visible to others. */
function battery(): string[][] {
  const seqs: string[][] = [];
  const one = (...l: string[]) => seqs.push(l);
  // basics and argument counts
  for (const c of ['VER', 'VER x', 'ver', 'NETVER', 'NETVER x', 'PROTVER', 'Protver', 'HELP', 'HELP x', 'STARTTLS', 'STARTTLS x y', 'LOGOUT x', 'FOO', 'REQ ups', 'LISTVARS x', 'GET', 'LIST', 'SET', 'INSTCMD', 'LOGIN', 'USERNAME', 'USERNAME a b', 'PASSWORD', 'PASSWORD a b']) one(c);
  one('USERNAME a', 'USERNAME b');
  one('PASSWORD a', 'PASSWORD b');
  one('USERNAME ""', 'PASSWORD ""', 'LOGIN alpha');
  // GET
  for (const c of ['GET TRACKING', 'GET TRACKING abc', 'GET tracking ON', 'GET NUMLOGINS', 'GET UPSDESC', 'GET VAR', 'GET VAR alpha', 'GET TYPE alpha', 'GET FOO a b', 'GET FOO a', 'get var alpha ups.status extra words']) one(c);
  for (const u of UPSES) {
    one(`GET NUMLOGINS ${u}`);
    one(`GET UPSDESC ${u}`);
    one(`LIST VAR ${u}`);
    one(`LIST RW ${u}`);
    one(`LIST CMD ${u}`);
    one(`LIST CLIENT ${u}`);
    one(`GET CMDDESC ${u} load.off`);
    one(`GET CMDDESC ${u} nope.cmd`);
    for (const v of VARS) {
      one(`GET VAR ${u} ${v}`);
      one(`GET TYPE ${u} ${v}`);
      one(`GET DESC ${u} ${v}`);
      one(`LIST ENUM ${u} ${v}`);
      one(`LIST RANGE ${u} ${v}`);
    }
  }
  // LIST dispatch
  for (const c of ['LIST UPS', 'list ups', 'LIST UPS extra', 'LIST FOO', 'LIST FOO alpha', 'LIST FOO alpha x', 'LIST ENUM alpha', 'LIST RANGE', 'LIST VAR', 'LIST CLIENT']) one(c);
  // tokenizer on the wire
  one('GET VAR "alpha" "ups.status"');
  one('GET VAR alpha ups.status#comment');
  one('GET VAR alpha "ups.status"x');
  one('GET VAR al\\pha ups.status');
  one('GET VAR alpha ups."status"');
  one('');
  one('    ');
  one('# only a comment');
  one('\tGET\tVAR\talpha\tups.status\t');
  one('GET VAR alpha ups.status\r');
  one('GET VAR al\x80pha ups.st\xffatus');
  one('GET VAR alpha \x80 ups.status');
  one('GET VAR alpha ups.status ' + Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
  one('GET VAR ' + 'x'.repeat(600) + ' ups.status');
  one('GET VAR alpha "ups.status\\\nmore"');
  one('GET VAR alpha \\\n ups.status');
  one('GET VAR alpha=ups.status');
  one('=');
  one('"GET" "VAR" "alpha" "ups.status"');
  one('GET VAR alpha ups.status', 'VER', 'LIST UPS', 'GET VAR dummy ups.status');
  // authenticated commands under every identity
  for (const a of AUTH) {
    const withAuth = (...l: string[]) => seqs.push([...a, ...l]);
    withAuth('LOGIN alpha', 'LIST CLIENT alpha', 'GET NUMLOGINS alpha', 'LOGIN alpha', 'LOGIN dummy');
    withAuth('LOGIN', 'LOGIN a b', 'LOGIN nope', 'LOGIN gone', 'LOGIN ALPHA');
    withAuth('PRIMARY alpha', 'MASTER alpha', 'PRIMARY nope', 'PRIMARY', 'MASTER a b', 'primary gone');
    withAuth('FSD', 'FSD a b', 'FSD nope');
    withAuth('SET', 'SET VAR', 'SET VAR alpha', 'SET VAR alpha ups.id', 'SET FOO a', 'SET TRACKING', 'SET TRACKING maybe', 'SET TRACKING ON', 'GET TRACKING', 'SET TRACKING off', 'GET TRACKING');
    withAuth('SET VAR nope ups.id x', 'SET VAR gone ups.id x', 'SET VAR stalebox ups.id x', 'SET VAR alpha nope.var x', 'SET VAR alpha ups.status x', 'SET VAR alpha battery.charge 5');
    withAuth('SET VAR alpha ups.id 12345678901234567', 'SET VAR alpha ups.id "sixteen chars..."', 'SET VAR alpha ups.badaux x', 'SET VAR alpha input.sensitivity X', 'SET VAR alpha input.sensitivity H', 'SET VAR alpha input.sensitivity h', 'SET VAR alpha input.sensitivity "a\\"q"', 'SET VAR alpha input.sensitivity a\\"q');
    withAuth('SET VAR alpha input.transfer.low 79', 'SET VAR alpha input.transfer.low 80', 'SET VAR alpha input.transfer.low 96', 'SET VAR alpha input.transfer.low 95.9x', 'SET VAR alpha input.transfer.low abc', 'SET VAR alpha input.transfer.low 121', 'SET VAR alpha ups.delay.shutdown "any thing"', 'SET VAR alpha ups.id "x" extra');
    withAuth('INSTCMD alpha', 'INSTCMD nope load.off', 'INSTCMD gone load.off', 'INSTCMD stalebox load.off', 'INSTCMD alpha nope.cmd', 'INSTCMD alpha load.off', 'INSTCMD alpha LOAD.OFF', 'INSTCMD alpha test.battery.start', 'INSTCMD alpha beeper.toggle 5', 'INSTCMD alpha load.off 10 20');
  }
  return seqs;
}

let pair: UpsdPair;
let drivers: FakeDriver[] = [];
let dummy: Proc;

before(async () => {
  if (!haveReference) return;
  pair = await startPairWithDrivers();
});

async function startPairWithDrivers(): Promise<UpsdPair> {
  const { sandbox } = await import('../helpers/ref.js');
  const box = sandbox('tsnut-golden-');
  drivers = [
    await fakeDriver(join(box.state, 'fake-alpha'), ALPHA_DUMP),
    await fakeDriver(join(box.state, 'fake-stalebox'), STALE_DUMP),
    await fakeDriver(join(box.state, 'fake-fsdbox'), FSD_DUMP),
  ];
  const dev = join(box.dir, 'dummy.dev');
  writeFileSync(dev, 'ups.status: OL\nbattery.charge: 77\n');
  dummy = start(REF.dummyUps, ['-s', 'dummy', '-x', `port=${dev}`, '-u', 'root', '-F'], { env: box.env });
  const p = await startPair({ upsConf: UPS_CONF, users: USERS }, box);
  for (const port of [p.refPort, p.ourPort]) {
    await waitForData(port, 'alpha');
    await waitForData(port, 'dummy');
    await waitForData(port, 'fsdbox');
  }
  // the stale one: wait until both see the dump (ERR DATA-STALE)
  const { waitFor } = await import('../helpers/ref.js');
  for (const port of [p.refPort, p.ourPort]) {
    await waitFor(async () => (await exchange(port, 'GET VAR stalebox ups.status\n')).startsWith('ERR DATA-STALE'), 20000, 200);
  }
  return p;
}

after(async () => {
  if (!haveReference) return;
  await pair?.stop();
  await dummy?.kill();
  for (const d of drivers) await d.close();
  pair?.box.cleanup();
});

const normalize = (s: string) => s.replace(/[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}/g, '<UUID>');

async function compare(seqs: string[][], tail = 'LOGOUT\n', gapMs = 0): Promise<string[]> {
  const mismatches: string[] = [];
  for (const seq of seqs) {
    const data = seq.map((l) => l + '\n').join('');
    const r = normalize(await exchange(pair.refPort, data, tail, gapMs));
    const o = normalize(await exchange(pair.ourPort, data, tail, gapMs));
    if (r !== o) mismatches.push(`request:  ${JSON.stringify(data)}\nreference: ${JSON.stringify(r)}\nours:      ${JSON.stringify(o)}`);
  }
  return mismatches;
}

test('golden battery: every command, error path and quoting case, byte for byte', { skip: !haveReference }, async () => {
  const seqs = battery();
  assert.ok(seqs.length >= 300, `battery has ${seqs.length} sequences`);
  const m = await compare(seqs);
  assert.deepEqual(m.slice(0, 5), [], `${m.length} of ${seqs.length} sequences differ`);
});

test('golden: pipelined requests in one segment, parse error discards the rest of the read', { skip: !haveReference }, async () => {
  const m = await compare([
    ['GET VAR alpha ups.status', 'LIST UPS', 'GET VAR alpha ups.id', 'HELP', 'VER', 'NETVER'],
    ['GET VAR alpha "a#b"', 'VER', 'HELP'],
    ['VER', 'GET VAR alpha "a#b"', 'HELP'],
  ], 'LOGOUT\n', 150);
  assert.deepEqual(m, []);
});

test('golden: 100 KB line and 1 MB of junk bytes', { skip: !haveReference }, async () => {
  const big = 'GET VAR alpha ' + 'y'.repeat(100 * 1024);
  const junk = Buffer.alloc(1 << 20);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
  const m = await compare([[big], ['GET VAR alpha ups.status', big, 'VER']], 'LOGOUT\n', 150);
  assert.deepEqual(m, []);
  // junk: both must stay up and keep answering other clients
  await Promise.all([exchange(pair.refPort, junk, 'LOGOUT\n', 200, 3000), exchange(pair.ourPort, junk, 'LOGOUT\n', 200, 3000)]);
  for (const port of [pair.refPort, pair.ourPort]) {
    assert.equal(await exchange(port, 'VER\n'), 'Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/\nOK Goodbye\n');
  }
});

test('golden: tracking round trip (SET and INSTCMD) and what the driver receives', { skip: !haveReference }, async () => {
  const flow = async (port: number) => {
    const first = await exchange(port, 'USERNAME admin\nPASSWORD secret\nSET TRACKING ON\nSET VAR alpha ups.id "new \\"id\\""\nINSTCMD alpha load.off 5\n', '', 0, 500);
    const ids = [...first.matchAll(/OK TRACKING (\S+)/g)].map((m) => m[1]!);
    assert.equal(ids.length, 2, first);
    // give the driver time to answer
    await new Promise((r) => setTimeout(r, 300));
    const q = `SET TRACKING ON\nGET TRACKING ${ids[0]!.toLowerCase()}\nGET TRACKING ${ids[1]}\nGET TRACKING nope\nSET TRACKING OFF\nGET TRACKING ${ids[0]}\n`;
    return normalize(first) + normalize(await exchange(port, 'USERNAME x\nPASSWORD y\n' + q));
  };
  const before = drivers[0]!.received.length;
  const r = await flow(pair.refPort);
  const o = await flow(pair.ourPort);
  assert.equal(o, r);
  const sent = drivers[0]!.received.slice(before).filter((l) => /^(SET|INSTCMD)/.test(l)).map(normalize);
  assert.deepEqual(sent, ['SET ups.id "new \\"id\\"" TRACKING <UUID>', 'INSTCMD load.off 5 TRACKING <UUID>', 'SET ups.id "new \\"id\\"" TRACKING <UUID>', 'INSTCMD load.off 5 TRACKING <UUID>']);
});

test('golden: FSD latch shows in GET VAR and LIST VAR, not LIST RW', { skip: !haveReference }, async () => {
  const m = await compare([
    ['USERNAME admin', 'PASSWORD secret', 'FSD fsdbox', 'FSD FSDBOX'],
    ['GET VAR fsdbox ups.status', 'GET VAR FSDBOX UPS.STATUS', 'LIST VAR fsdbox', 'LIST RW fsdbox'],
  ]);
  assert.deepEqual(m, []);
});

test('golden: driver goes away → DRIVER-NOT-CONNECTED on both', { skip: !haveReference }, async () => {
  await drivers[2]!.close();
  const { waitFor } = await import('../helpers/ref.js');
  for (const port of [pair.refPort, pair.ourPort]) {
    await waitFor(async () => (await exchange(port, 'GET VAR fsdbox ups.status\n')).startsWith('ERR DRIVER-NOT-CONNECTED'), 10000, 100);
  }
  const m = await compare([['GET VAR fsdbox ups.status', 'LIST VAR fsdbox', 'GET UPSDESC fsdbox', 'LIST CLIENT fsdbox', 'GET NUMLOGINS fsdbox']]);
  assert.deepEqual(m, []);
});
