import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUpsmonConf, splitUpsName } from '../../../src/config/upsmonconf.js';
import { parseUpsschedConf, matchRules } from '../../../src/config/upsschedconf.js';
import { formatNotify, STOCK_MESSAGES, NOTIFY_TYPES } from '../../../src/monitor/notify.js';

test('upsmon.conf: every directive', () => {
  const c = parseUpsmonConf([
    'MONITOR ups1@host:3494 2 mon "p w" master',
    'MONITOR ups2 1 mon pw slave',
    'MONITOR ups3@[::1]:1234 0 mon pw secondary',
    'MINSUPPLIES 2', 'SHUTDOWNCMD "/sbin/shutdown -h +0" now', 'NOTIFYCMD /usr/sbin/upssched',
    'NOTIFYMSG onbatt "On battery: %s"', 'NOTIFYFLAG ONLINE SYSLOG+WALL+EXEC', 'NOTIFYFLAG LOWBATT IGNORE',
    'POLLFREQ 3', 'POLLFREQALERT 1', 'HOSTSYNC 7', 'DEADTIME 9', 'POWERDOWNFLAG /run/killpower', 'RBWARNTIME 100',
    'NOCOMMWARNTIME 50', 'FINALDELAY 0', 'CERTPATH /etc/certs', 'CERTIDENT name pass', 'CERTHOST host:3493 cert 1 1',
    'CERTVERIFY 1', 'FORCESSL 1', 'RUN_AS_USER nobody', 'SHUTDOWNEXIT no', 'OFFDURATION 0', 'OVERDURATION 30',
    'OBLBDURATION 5', 'ALARMCRITICAL 0', 'debug_min 2', 'POLLFAIL_LOG_THROTTLE_MAX 3',
  ].join('\n') + '\n', '/etc/nut/upsmon.conf');
  assert.deepEqual(c.diagnostics, []);
  assert.equal(c.monitors.length, 3);
  assert.deepEqual({ ...c.monitors[0], line: 0 }, { system: 'ups1@host:3494', upsname: 'ups1', host: 'host', port: 3494, powerValue: 2, username: 'mon', password: 'p w', primary: true, line: 0 });
  assert.equal(c.monitors[1]!.primary, false);
  assert.equal(c.monitors[1]!.host, 'localhost');
  assert.equal(c.monitors[2]!.host, '::1');
  assert.equal(c.minSupplies, 2);
  assert.equal(c.shutdownCmd, "/sbin/shutdown -h +0 'now'");
  assert.deepEqual(c.notifyCmd, ['/usr/sbin/upssched']);
  assert.equal(c.notifyMsg.ONBATT, 'On battery: %s');
  assert.deepEqual(c.notifyFlag.ONLINE, { syslog: true, wall: true, exec: true, ignore: false });
  assert.equal(c.notifyFlag.LOWBATT!.ignore, true);
  assert.equal(c.pollFreq, 3); assert.equal(c.pollFreqAlert, 1); assert.equal(c.hostSync, 7); assert.equal(c.deadTime, 9);
  assert.equal(c.powerDownFlag, '/run/killpower'); assert.equal(c.rbWarnTime, 100); assert.equal(c.noCommWarnTime, 50);
  assert.equal(c.finalDelay, 0); assert.equal(c.certPath, '/etc/certs'); assert.deepEqual(c.certIdent, { name: 'name', password: 'pass' });
  assert.deepEqual(c.certHosts, [{ host: 'host:3493', certName: 'cert', certVerify: 1, forceSsl: 1 }]);
  assert.equal(c.certVerify, 1); assert.equal(c.forceSsl, 1); assert.equal(c.runAsUser, 'nobody'); assert.equal(c.shutdownExit, -1);
  assert.equal(c.offDuration, 0); assert.equal(c.overDuration, 30); assert.equal(c.oblbDuration, 5); assert.equal(c.alarmCritical, false);
  assert.equal(c.debugMin, 2); assert.equal(c.pollFailLogThrottleMax, 3);
});

test('upsmon.conf: defaults and diagnostics with file:line', () => {
  const c = parseUpsmonConf('BOGUS 1\nMONITOR a 1 u\nNOTIFYMSG FOO "x"\nNOTIFYFLAG ONBATT SYSLOG+syslog\nMONITOR b -1 u p primary\nMONITOR a@h 1 u p primary\nMONITOR a@h 1 u p primary\nPOLLFREQ 0\n', 'f.conf');
  assert.equal(c.pollFreq, 5); assert.equal(c.deadTime, 15); assert.equal(c.hostSync, 15); assert.equal(c.finalDelay, 5);
  assert.equal(c.minSupplies, 1); assert.equal(c.powerDownFlag, undefined); assert.equal(c.offDuration, 30); assert.equal(c.overDuration, -1);
  const msgs = c.diagnostics.map((d) => `${d.line}:${d.message}`);
  assert.deepEqual(msgs, [
    '1:f.conf line 1: invalid directive BOGUS 1',
    '2:f.conf line 2: invalid directive MONITOR a 1 u',
    "3:'FOO' is not a valid notify event name",
    '4:Invalid notify flag: [syslog]',
    '5:UPS [b]: ignoring invalid power value [-1]',
    '7:Warning: ignoring duplicate UPS [a@h]',
    '8:Ignoring invalid POLLFREQ value: 0',
  ]);
  assert.equal(c.monitors.length, 1);
  const old = parseUpsmonConf('MONITOR a@h 1 pass primary\n');
  assert.ok(old.fatal);
});

test('upsmon.conf reload keeps absent globals, forgets DEBUG_MIN', () => {
  const a = parseUpsmonConf('POLLFREQ 2\nNOTIFYCMD /bin/x\nDEBUG_MIN 3\nNOTIFYMSG ONBATT "b %s"\n');
  const b = parseUpsmonConf('DEADTIME 4\n', 'upsmon.conf', a);
  assert.equal(b.pollFreq, 2); assert.deepEqual(b.notifyCmd, ['/bin/x']); assert.equal(b.deadTime, 4);
  assert.equal(b.debugMin, undefined); assert.equal(b.notifyMsg.ONBATT, 'b %s');
});

test('splitUpsName', () => {
  assert.deepEqual(splitUpsName('u@h:1'), { upsname: 'u', host: 'h', port: 1 });
  assert.deepEqual(splitUpsName('u'), { upsname: 'u', host: 'localhost', port: 3493 });
  assert.equal(typeof splitUpsName('u@h:0'), 'string');
  assert.equal(typeof splitUpsName('@h'), 'string');
});

test('notify messages: all 2.8.5 types, formatting', () => {
  assert.equal(NOTIFY_TYPES.length, 32);
  assert.equal(formatNotify(STOCK_MESSAGES.ALARM, 'u@h', 'X'), 'UPS u@h: one or more active alarms: [X]');
  assert.equal(formatNotify(STOCK_MESSAGES.SHUTDOWN, ''), 'Auto logout and shutdown proceeding');
  assert.equal(formatNotify('100%% %d %s', 'u'), '100% %d u');
  assert.equal(formatNotify('x'.repeat(600), 'u').length, 511);
});

test('upssched.conf: globals, AT rules, order checks, matching', () => {
  const c = parseUpsschedConf('CMDSCRIPT /bin/cmd -x\nPIPEFN /p\nLOCKFN /l\nAT ONBATT * START-TIMER t 30\nAT onbatt ups@h EXECUTE now\nAT ONLINE * CANCEL-TIMER t\nFOO\n');
  assert.deepEqual(c.cmdScript, ['/bin/cmd', '-x']);
  assert.equal(c.pipeFn, '/p'); assert.equal(c.lockFn, '/l');
  assert.equal(c.rules.length, 3);
  assert.deepEqual(c.diagnostics.map((d) => d.message), ['upssched.conf: invalid directive FOO']);
  assert.deepEqual(matchRules(c, 'ups@h', 'ONBATT').map((r) => r.command), ['START-TIMER', 'EXECUTE']);
  assert.deepEqual(matchRules(c, 'other', 'onbatt').map((r) => r.command), ['START-TIMER']);
  const bad = parseUpsschedConf('PIPEFN /p\nAT ONBATT * START-TIMER t 30\n');
  assert.equal(bad.fatal, 'CMDSCRIPT must be set before any ATs in the config file!');
  assert.equal(parseUpsschedConf('AT x y z w\n', 'f', { listOnly: true }).fatal, 'upssched.conf: invalid configuration for timer listing: lacks PIPEFN');
});
