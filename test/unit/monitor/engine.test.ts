import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sim, conf } from './sim.js';

const PRIMARY = 'MONITOR ups1@localhost 1 mon pass primary';
const SECONDARY = 'MONITOR ups1@localhost 1 mon pass secondary';

test('primary: OL → OB → OB LB: FSD, SHUTDOWN, then SHUTDOWNCMD after FINALDELAY', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL');
  s.at(10, () => s.srv.set('ups1', 'OB DISCHRG')).at(30, () => s.srv.set('ups1', 'OB LB'));
  const r = await s.run();
  assert.equal(r.reason, 'shutdown');
  assert.deepEqual(s.types(), ['ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN']);
  assert.equal(s.notes[0]!.message, 'UPS ups1@localhost on battery');
  assert.equal(s.notes[1]!.message, 'UPS ups1@localhost battery is low');
  assert.equal(s.notes[2]!.message, 'UPS ups1@localhost: forced shutdown in progress');
  assert.equal(s.notes[3]!.message, 'Auto logout and shutdown proceeding');
  assert.equal(s.notes[3]!.ups, '');
  assert.ok(s.srv.requests.includes('FSD ups1'));
  const lb = s.notes[1]!.t;
  assert.ok(s.shutdownAt! >= lb + 5 && s.shutdownAt! < lb + 6, `shutdown at ${s.shutdownAt}, LB at ${lb}`);
  assert.deepEqual(s.walls, ['Executing automatic power-fail shutdown\n']);
  assert.ok(s.logs.includes('Executing automatic power-fail shutdown'));
  assert.deepEqual(s.srv.requests.slice(0, 5), ['USERNAME mon', 'PASSWORD pass', 'LOGIN ups1', 'PRIMARY ups1', 'GET VAR ups1 ups.status']);
});

test('primary waits for secondaries to log out (HOSTSYNC), SHUTDOWN_HOSTSYNC once', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB LB');
  s.srv.ups.get('ups1')!.numlogins = 3;
  s.at(4, () => { s.srv.ups.get('ups1')!.numlogins = 1; });
  await s.run();
  assert.deepEqual(s.types(), ['ONBATT', 'LOWBATT', 'FSD', 'SHUTDOWN_HOSTSYNC', 'SHUTDOWN']);
  assert.ok(s.shutdownAt! >= 9 && s.shutdownAt! < 10.5, String(s.shutdownAt));
  assert.ok(!s.logs.includes('Host sync timer expired, forcing shutdown'));
});

test('primary: a secondary that never logs out → HOSTSYNC expiry then shutdown', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB LB');
  s.srv.ups.get('ups1')!.numlogins = 2;
  await s.run();
  assert.ok(s.logs.includes('Host sync timer expired, forcing shutdown'));
  assert.ok(s.shutdownAt! > 15 + 5 && s.shutdownAt! < 15 + 5 + 1.5, String(s.shutdownAt));
});

test('secondary: FSD from the primary → immediate shutdown, no FSD sent', async () => {
  const s = new Sim(conf(SECONDARY));
  s.srv.set('ups1', 'OB');
  s.at(6, () => { s.srv.ups.get('ups1')!.fsd = true; s.srv.set('ups1', 'OB LB'); });
  await s.run();
  assert.deepEqual(s.types(), ['ONBATT', 'FSD', 'LOWBATT', 'SHUTDOWN']);
  assert.ok(!s.srv.requests.some((r) => r.startsWith('FSD')));
  assert.ok(!s.srv.requests.some((r) => r.startsWith('PRIMARY')));
  assert.ok(s.shutdownAt! < 6 + 2 + 5 + 0.1);
});

test('secondary: OB LB without FSD → gives up on the primary after HOSTSYNC', async () => {
  const s = new Sim(conf(SECONDARY));
  s.srv.set('ups1', 'OB LB');
  await s.run();
  assert.ok(s.logs.some((l) => l.startsWith('Giving up on the primary for UPS [ups1@localhost]')));
  assert.ok(s.shutdownAt! > 15 && s.shutdownAt! < 15 + 2 + 5 + 0.1, String(s.shutdownAt));
});

test('connection lost while on battery: COMMBAD, then shutdown after DEADTIME', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB');
  s.at(4, () => s.srv.kill());
  await s.run();
  assert.deepEqual(s.types().slice(0, 2), ['ONBATT', 'COMMBAD']);
  assert.ok(s.logs.some((l) => l === 'Poll UPS [ups1@localhost] failed - Server disconnected'));
  assert.ok(s.logs.some((l) => l.startsWith('UPS [ups1@localhost]: connect failed: Connection failure')));
  // last good poll at 4 (or 2): dead after DEADTIME 15, then FINALDELAY 5
  assert.ok(s.shutdownAt! > 15 && s.shutdownAt! <= 4 + 15 + 2 + 5, String(s.shutdownAt));
  assert.ok(s.logs.includes('[D] Promoting dead UPS: ups1@localhost'));
});

test('connection lost while on line: never shuts down, NOCOMM after NOCOMMWARNTIME, COMMOK on return', async () => {
  const s = new Sim(conf(PRIMARY + '\nNOCOMMWARNTIME 60'), 200);
  s.srv.set('ups1', 'OL');
  s.at(10, () => s.srv.kill()).at(150, () => { s.srv.down = false; });
  s.at(170, () => { s.engine.exitFlag = true; });
  const r = await s.run();
  assert.equal(r.reason, 'signal');
  assert.equal(s.shutdownAt, undefined);
  const t = s.types();
  assert.equal(t[0], 'COMMBAD');
  assert.ok(t.filter((x) => x === 'NOCOMM').length >= 1);
  assert.equal(t[t.length - 1], 'COMMOK');
  assert.ok(!t.includes('ONLINE'));
});

test('stale data while on battery: treated as lost, shutdown after DEADTIME', async () => {
  const s = new Sim(conf(SECONDARY));
  s.srv.set('ups1', 'OB');
  s.at(5, () => { s.srv.ups.get('ups1')!.stale = true; });
  await s.run();
  assert.ok(s.logs.includes('Poll UPS [ups1@localhost] failed - Data stale'));
  assert.ok(s.types().includes('COMMBAD'));
  assert.ok(s.shutdownAt !== undefined && s.shutdownAt > 15);
});

test('power back before LB: ONLINE, no shutdown', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL');
  s.at(5, () => s.srv.set('ups1', 'OB')).at(20, () => s.srv.set('ups1', 'OL CHRG')).at(40, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.deepEqual(s.types(), ['ONBATT', 'ONLINE']);
  assert.equal(s.notes[1]!.message, 'UPS ups1@localhost on line power');
  assert.equal(s.shutdownAt, undefined);
});

test('power back in the middle of the shutdown sequence: NUT does not abort (FSD is sticky)', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB LB');
  s.srv.ups.get('ups1')!.numlogins = 2;
  s.at(3, () => s.srv.set('ups1', 'OL'));
  await s.run();
  assert.ok(s.shutdownAt !== undefined);
  assert.ok(!s.types().includes('ONLINE'));
});

test('several UPSes: power values against MINSUPPLIES', async () => {
  const two = 'MONITOR a@h 1 mon pass primary\nMONITOR b@h 1 mon pass primary\n';
  // MINSUPPLIES 1: losing one of two feeds is fine
  let s = new Sim(conf(two + 'MINSUPPLIES 1'));
  s.srv.set('a', 'OB LB'); s.srv.set('b', 'OL');
  s.at(30, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.shutdownAt, undefined);
  // MINSUPPLIES 2: one critical feed is too few
  s = new Sim(conf(two + 'MINSUPPLIES 2'));
  s.srv.set('a', 'OB LB'); s.srv.set('b', 'OL');
  await s.run();
  assert.ok(s.logs.includes('Too few UPS(es) are healthy (1<2), initiating forced shutdown'));
  assert.ok(s.srv.requests.includes('FSD a') && s.srv.requests.includes('FSD b'));
  // power value 0 = monitoring only: never counts
  s = new Sim(conf('MONITOR a@h 0 mon pass secondary\nMONITOR b@h 1 mon pass secondary\nMINSUPPLIES 1'));
  s.srv.set('a', 'OB LB'); s.srv.set('b', 'OL');
  s.at(40, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.shutdownAt, undefined);
});

test('OFF: critical after OFFDURATION; NOTOFF when it clears', async () => {
  let s = new Sim(conf(PRIMARY + '\nOFFDURATION 10'));
  s.srv.set('ups1', 'OFF');
  await s.run();
  assert.equal(s.types()[0], 'OFF');
  assert.ok(s.logs.some((l) => l.includes('is in state OFF for')));
  assert.ok(s.logs.includes('UPS [ups1@localhost] is reported as (administratively) OFF'));
  assert.ok(s.shutdownAt! > 10);
  s = new Sim(conf(PRIMARY + '\nOFFDURATION -1'));
  s.srv.set('ups1', 'OFF');
  s.at(5, () => s.srv.set('ups1', 'OL')).at(60, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.deepEqual(s.types(), ['OFF', 'NOTOFF']);
  assert.equal(s.shutdownAt, undefined);
});

test('OVER + comm loss: critical only once OVERDURATION elapsed; never when negative', async () => {
  let s = new Sim(conf(PRIMARY + '\nOVERDURATION 20'));
  s.srv.set('ups1', 'OL OVER');
  s.at(4, () => s.srv.kill());
  await s.run();
  assert.equal(s.types()[0], 'OVER');
  assert.ok(s.logs.some((l) => l.includes('overloaded for longer than the set threshold of 20 sec')));
  assert.ok(s.shutdownAt! >= 20);
  s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL OVER');
  s.at(4, () => s.srv.kill()).at(100, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.shutdownAt, undefined);
});

test('ALARM + comm loss: critical with ALARMCRITICAL 1 (default), not with 0', async () => {
  let s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL ALARM');
  s.srv.ups.get('ups1')!.alarm = 'Replace battery!';
  s.at(4, () => s.srv.kill());
  await s.run();
  assert.equal(s.notes[0]!.message, 'UPS ups1@localhost: one or more active alarms: [Replace battery!]');
  assert.ok(s.logs.some((l) => l.includes('was last known to be in an ALARM state')));
  assert.ok(s.shutdownAt! < 4 + 2 + 5 + 0.1);
  s = new Sim(conf(PRIMARY + '\nALARMCRITICAL 0'));
  s.srv.set('ups1', 'OL ALARM');
  s.at(4, () => s.srv.kill()).at(60, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.shutdownAt, undefined);
});

test('OB LB while calibrating is not critical', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB LB CAL');
  s.at(20, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.shutdownAt, undefined);
  assert.ok(s.types().includes('CAL'));
});

test('OBLBDURATION delays the critical verdict', async () => {
  const s = new Sim(conf(PRIMARY + '\nOBLBDURATION 12'));
  s.srv.set('ups1', 'OB LB');
  await s.run();
  assert.ok(s.shutdownAt! >= 12 + 5 && s.shutdownAt! < 12 + 5 + 2.5, String(s.shutdownAt));
});

test('other status tokens: TRIM/BOOST/BYPASS/ECO/RB/OTHER and their NOT… events', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL TRIM RB');
  s.at(5, () => s.srv.set('ups1', 'OL BOOST WEIRD'))
    .at(10, () => s.srv.set('ups1', 'OL BYPASS ECO'))
    .at(15, () => s.srv.set('ups1', 'OL'))
    .at(25, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.deepEqual(s.types(), ['TRIM', 'REPLBATT', 'NOTTRIM', 'BOOST', 'OTHER', 'NOTBOOST', 'BYPASS', 'ECO', 'NOTOTHER', 'NOTBYPASS', 'NOTECO']);
  assert.equal(s.notes.find((n) => n.type === 'OTHER')!.message, 'UPS ups1@localhost: has at least one unclassified status token: [WEIRD]');
});

test('user FSD (-c fsd) on a primary: FSD set, shutdown', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL');
  s.at(7, () => { s.engine.userFsd = true; });
  await s.run();
  assert.ok(s.logs.includes('Got an FSD signal, initiating forced shutdown'));
  assert.ok(s.srv.requests.includes('FSD ups1'));
  assert.ok(s.shutdownAt! >= 12);
});

test('NOTIFYMSG override and IGNORE flag', async () => {
  const s = new Sim(conf(PRIMARY) + 'NOTIFYMSG ONBATT "Someone pulled %s plug"\nNOTIFYFLAG LOWBATT IGNORE\n');
  s.srv.set('ups1', 'OB LB');
  await s.run();
  assert.equal(s.notes[0]!.message, 'Someone pulled ups1@localhost plug');
  assert.ok(!s.types().includes('LOWBATT'));
  assert.ok(!s.logs.includes('UPS ups1@localhost battery is low'));
});

test('reload: new UPS added, removed UPS dropped, power sum checked', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL'); s.srv.set('ups2', 'OL');
  s.nextConf = conf('MONITOR ups2@localhost 1 mon pass secondary');
  s.at(6, () => { s.engine.reloadFlag = true; }).at(20, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.ok(s.logs.includes('Reloading configuration'));
  assert.ok(s.logs.includes('No longer monitoring UPS [ups1@localhost]'));
  assert.ok(s.logs.includes('UPS: ups2@localhost (secondary) (power value 1)'));
  assert.ok(s.srv.requests.includes('LOGIN ups2'));
  const s2 = new Sim(conf(PRIMARY));
  s2.srv.set('ups1', 'OL');
  s2.nextConf = conf('MONITOR ups1@localhost 0 mon pass primary');
  s2.at(6, () => { s2.engine.reloadFlag = true; });
  const r = await s2.run();
  assert.equal(r.code, 1);
  assert.ok(s2.logs.includes('Fatal error: total power value (0) less than MINSUPPLIES (1)'));
});

test('NOPARENT when the privileged parent is gone', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OL');
  s.at(3, () => { s.parentAlive = false; }).at(20, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.deepEqual(s.types(), ['NOPARENT']);
  assert.ok(s.logs.includes('Parent died - shutdown impossible'));
});

test('never reached at startup: COMMBAD on the first failure; healthy by assumption', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.down = true;
  s.at(30, () => { s.engine.exitFlag = true; });
  await s.run();
  assert.equal(s.types()[0], 'COMMBAD');
  assert.equal(s.shutdownAt, undefined);
});

test('unexpected time jump (suspend): readings forgotten, no shutdown from stale OB', async () => {
  const s = new Sim(conf(PRIMARY), 300);
  s.nextConf = conf(PRIMARY);
  s.srv.set('ups1', 'OB');
  s.at(10, () => { s.t += 100; s.srv.kill(); }).at(250, () => { s.engine.exitFlag = true; });
  await s.run();
  const t = s.types();
  assert.deepEqual(t.slice(0, 4), ['ONBATT', 'SUSPEND_TIMEJUMP_UNEXPECTED', 'SUSPEND_FINISHED', 'COMMBAD']);
  assert.match(s.notes[1]!.message, /^Unexpected clock change by 10[0-9]\.\d{6} seconds, treating as wake up from sleep$/);
  assert.equal(s.notes[1]!.ups, '');
  assert.ok(s.logs.includes('Reloading configuration'));
  assert.equal(s.shutdownAt, undefined);
});

test('POLLFAIL_LOG_THROTTLE_MAX 0: a failure state is reported once, then its recovery', async () => {
  const s = new Sim(conf(PRIMARY + '\nPOLLFAIL_LOG_THROTTLE_MAX 0'));
  s.srv.set('ups1', 'OL');
  s.at(5, () => { s.srv.ups.get('ups1')!.stale = true; })
    .at(30, () => { s.srv.ups.get('ups1')!.stale = false; })
    .at(40, () => { s.engine.exitFlag = true; });
  await s.run();
  const fails = s.logs.filter((l) => l.startsWith('Poll UPS [ups1@localhost]'));
  assert.deepEqual(fails, [
    'Poll UPS [ups1@localhost] failure state code changed from -1 to 10; report below will not be repeated to syslog:',
    'Poll UPS [ups1@localhost] failed - Data stale',
    'Poll UPS [ups1@localhost] recovered from failure state code 10 - now -1',
  ]);
});

test('an exception while polling counts as a comm failure (DEADTIME still applies)', async () => {
  const s = new Sim(conf(PRIMARY));
  s.srv.set('ups1', 'OB');
  const orig = s.srv.reply.bind(s.srv);
  let broken = false;
  s.srv.reply = (line: string) => { if (broken && line.startsWith('GET VAR')) throw new Error('boom'); return orig(line); };
  s.at(4, () => { broken = true; });
  await s.run();
  assert.ok(s.logs.includes('Poll UPS [ups1@localhost] failed - boom'));
  assert.deepEqual(s.types().slice(0, 2), ['ONBATT', 'COMMBAD']);
  assert.ok(s.shutdownAt! > 15);
});
