import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUpsConf, upsConfStatePath } from '../../../src/config/upsconf.js';
import { parseUpsdConf, applyUpsdEnv } from '../../../src/config/upsdconf.js';
import { parseUpsdUsers, userHasAction, userHasInstcmd, authenticate, secretEquals } from '../../../src/config/upsdusers.js';
import { parseNutConf } from '../../../src/config/nutconf.js';

test('ups.conf: sections, values, flags, repeated sections merge, words after the value ignored', () => {
  const c = parseUpsConf(`statepath = /var/x
maxretry = 3
[a]
  driver = dummy-ups
  port = a.dev
  desc = first word only
  nolock
[b]
  driver = usbhid-ups
[a]
  desc = "quoted desc"
  two words
[my ups]
`, '/etc/nut/ups.conf');
  assert.equal(upsConfStatePath(c), '/var/x');
  assert.equal(c.global.values.get('maxretry'), '3');
  assert.deepEqual(c.sections.map((s) => s.name), ['a', 'b']);
  const a = c.sections[0]!;
  assert.equal(a.values.get('driver'), 'dummy-ups');
  assert.equal(a.values.get('desc'), 'quoted desc');
  assert.ok(a.flags.has('nolock'));
  assert.deepEqual(c.diagnostics.map((d) => d.line), [12, 13]);
});

test('ups.conf: parse errors name file and line, the line is skipped', () => {
  const c = parseUpsConf('[a]\n driver = x\n desc = "bad # here"\n port = p\n', 'ups.conf');
  assert.equal(c.diagnostics[0]!.message, 'Parse error: ups.conf:3: Unbalanced word due to unescaped # in quotes');
  assert.equal(c.sections[0]!.values.get('port'), 'p');
  assert.equal(c.sections[0]!.values.get('desc'), undefined);
});

test('upsd.conf: every directive, invalid ones reported as NUT words them', () => {
  const c = parseUpsdConf(`LISTEN 127.0.0.1 3493
LISTEN ::1
LISTEN 0.0.0.0 99999
MAXAGE 5s
TRACKINGDELAY x
MAXCONN 100
ALLOW_NO_DEVICE yes
ALLOW_NOT_ALL_LISTENERS 0
STATEPATH /run/x
CERTFILE /etc/nut/cert.pem
DISABLE_WEAK_SSL true
debug_min 2
ACCEPT all
BOGUS 1
LISTEN_UNIX /run/nut/upsd.sock 0660
`, 'upsd.conf');
  assert.deepEqual(c.listen.map((l) => [l.host, l.port]), [['127.0.0.1', 3493], ['::1', 3493]]);
  assert.equal(c.maxAge, 5);
  assert.equal(c.trackingDelay, 3600);
  assert.equal(c.maxConn, 100);
  assert.equal(c.allowNoDevice, true);
  assert.equal(c.allowNotAllListeners, false);
  assert.equal(c.statePath, '/run/x');
  assert.equal(c.certFile, '/etc/nut/cert.pem');
  assert.equal(c.disableWeakSsl, true);
  assert.equal(c.debugMin, 2);
  assert.deepEqual(c.listenUnix.map((u) => [u.path, u.mode]), [['/run/nut/upsd.sock', 0o660]]);
  const msgs = c.diagnostics.map((d) => d.message);
  assert.ok(msgs.includes('upsd.conf: invalid directive LISTEN 0.0.0.0 99999'));
  assert.ok(msgs.includes('TRACKINGDELAY has non numeric value (x)!'));
  assert.ok(msgs.includes('upsd.conf: invalid directive TRACKINGDELAY x'));
  assert.ok(msgs.includes('upsd.conf: invalid directive BOGUS 1'));
  assert.ok(msgs.includes('ACCEPT in upsd.conf is no longer supported - switch to LISTEN'));
  assert.equal(c.errorCount, 3);
  applyUpsdEnv(c, { ALLOW_NO_DEVICE: 'false', ALLOW_NOT_ALL_LISTENERS: 'TRUE' });
  assert.equal(c.allowNoDevice, false);
  assert.equal(c.allowNotAllListeners, true);
});

test('upsd.users: rights, upsmon roles, duplicates, old format, unknown keys', () => {
  const u = parseUpsdUsers(`user = ignored-before-section
[admin]
  password = "s3cret pw"
  actions = SET
  actions = fsd
  instcmds = ALL
[mon]
  password = pw
  upsmon primary
[sec]
  password = pw2
  upsmon slave
[lim]
  password = x
  instcmds = Test.Battery.Start load.off
  allowfrom = localhost
  colour = blue
[admin]
  password = other
  upsmon wizard
[nopw]
  actions = SET
`, 'upsd.users');
  assert.equal(userHasAction(u, 'admin', 's3cret pw', 'SET'), true);
  assert.equal(userHasAction(u, 'admin', 's3cret pw', 'FSD'), true);
  assert.equal(userHasAction(u, 'admin', 's3cret pw', 'LOGIN'), false);
  assert.equal(userHasAction(u, 'admin', 'other', 'SET'), false, 'first password wins');
  assert.equal(userHasInstcmd(u, 'admin', 's3cret pw', 'anything'), true);
  assert.equal(userHasAction(u, 'mon', 'pw', 'LOGIN'), true);
  assert.equal(userHasAction(u, 'mon', 'pw', 'PRIMARY', 'MASTER'), true);
  assert.equal(userHasAction(u, 'mon', 'pw', 'FSD'), true);
  assert.equal(userHasAction(u, 'sec', 'pw2', 'LOGIN'), true);
  assert.equal(userHasAction(u, 'sec', 'pw2', 'FSD'), false);
  assert.equal(userHasInstcmd(u, 'lim', 'x', 'test.battery.start'), true);
  assert.equal(userHasInstcmd(u, 'lim', 'x', 'shutdown.return'), false);
  assert.equal(userHasAction(u, 'nopw', '', 'SET'), false, 'no password: never authenticates');
  assert.equal(authenticate(u, 'Admin', 's3cret pw'), undefined, 'names are case-sensitive');
  const msgs = u.diagnostics.map((d) => d.message);
  assert.ok(msgs.includes('Ignoring duplicate user admin'));
  assert.ok(msgs.includes('Ignoring duplicate password for lim'), 'lines after a duplicate header modify the previous user');
  assert.ok(msgs.includes('Unknown upsmon type wizard'));
  assert.ok(msgs.includes('allowfrom in upsd.users is no longer used'));
  assert.ok(msgs.includes('Unrecognized user setting colour'));
});

test('secretEquals compares in constant time and exactly', () => {
  assert.equal(secretEquals('abc', 'abc'), true);
  assert.equal(secretEquals('abc', 'abd'), false);
  assert.equal(secretEquals('abc', 'abcd'), false);
  assert.equal(secretEquals('', ''), true);
});

test('nut.conf: MODE and quoting, errors with line numbers', () => {
  const c = parseNutConf('# comment\nMODE=standalone\nUPSD_OPTIONS="-D"\nbad line\n', 'nut.conf');
  assert.equal(c.mode, 'standalone');
  assert.equal(c.values.get('UPSD_OPTIONS'), '-D');
  assert.deepEqual(c.diagnostics.map((d) => [d.line, d.message]), [[4, 'not a KEY=VALUE line: bad line']]);
  assert.equal(parseNutConf('MODE=weird\n').diagnostics[0]!.message, 'unknown MODE weird');
});
