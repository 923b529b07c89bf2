// upsset.cgi: ours at /cgi-bin/nut/upsset.cgi against Debian's 2.8.0 CGI (run in a
// private mount namespace over the same config dir), page by page, same POST forms:
// the upsset.conf safety word, login, chooser, settings, commands, saving, errors.
// The commands and settings reach the driver from both; upsd refuses a user without rights.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';
import { haveRefCgi, runRefCgi } from '../helpers/refcgi.js';

const skip = haveRefCgi ? false : 'Debian nut-cgi (reference CGIs) not installed';
let s: WebStack;

before(async () => {
  if (skip) return;
  s = await startWebStack({ beforeWeb: (box, ids) => { box.write('hosts.conf', `MONITOR ${ids[0]} "Rack UPS"\n`); } });
});
after(async () => { await s?.stop(); });

async function both(body: string, what: string): Promise<string> {
  const ref = await runRefCgi('upsset.cgi', s.box.conf, { REQUEST_METHOD: 'POST', CONTENT_LENGTH: String(body.length), CONTENT_TYPE: 'application/x-www-form-urlencoded' }, body);
  assert.equal(ref.headers, 'Content-type: text/html');
  const r = await fetch(`${s.base}/cgi-bin/nut/upsset.cgi`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html');
  const ours = Buffer.from(await r.arrayBuffer()).toString('latin1');
  assert.equal(ours, ref.body.toString('latin1'), what);
  return ours;
}

test('upsset.conf: missing, or without the safety word, refuses to work', { skip }, async () => {
  rmSync(join(s.box.conf, 'upsset.conf'), { force: true });
  assert.match(await both('', 'no upsset.conf'), /Can't open upsset.conf/);
  s.box.write('upsset.conf', '# I_HAVE_SECURED_MY_CGI_DIRECTORY\nSOMETHING else\n');
  assert.match(await both('username=admin&password=secret&function=pickups', 'no magic'), /Secure mode has not been enabled/);
});

test('the pages as the reference: login, chooser, settings, commands, errors', { skip }, async () => {
  s.box.write('upsset.conf', 'I_HAVE_SECURED_MY_CGI_DIRECTORY\n');
  const ups = encodeURIComponent(s.ids[0]!);
  const auth = 'username=admin&password=secret';
  assert.match(await both('', 'login page'), /<TITLE>upsset: Login<\/TITLE>/);
  assert.match(await both(`${auth}&function=pickups`, 'chooser'), /<OPTION VALUE="sim@127/);
  const settings = await both(`${auth}&function=showsettings&monups=${ups}`, 'settings');
  assert.match(settings, /<SELECT NAME="UPSVAR_input.sensitivity">/);
  assert.match(settings, /NAME="UPSVAR_ups.id" VALUE="rack 4" SIZE="16"/);
  const cmds = await both(`${auth}&function=showcmds&monups=${ups}`, 'commands');
  assert.match(cmds, /<OPTION VALUE="beeper.toggle">/);
  await both(`${auth}&function=showcmds&monups=other@host`, 'access denied');
  await both(`${auth}&function=docmd&monups=${ups}&upscommand=`, 'no command chosen');
  await both(`${auth}&function=bogus&monups=${ups}`, 'unknown function');
  await both(`${auth}&function=showsettings&monups=${ups}&zzz=sentinel`, 'trailing sentinel field');
});

test('commands and settings reach the driver; a user without the right sees upsd\'s refusal', { skip }, async () => {
  s.box.write('upsset.conf', 'I_HAVE_SECURED_MY_CGI_DIRECTORY\n');
  const drv = s.drivers.get('sim')!;
  const ups = encodeURIComponent(s.ids[0]!);
  const n0 = drv.received.filter((l) => l.startsWith('INSTCMD beeper.toggle')).length;
  const ok = await both(`username=admin&password=secret&function=docmd&monups=${ups}&upscommand=beeper.toggle`, 'docmd');
  assert.match(ok, /Sending command: beeper.toggle\nResponse: OK\n/);
  assert.equal(drv.received.filter((l) => l.startsWith('INSTCMD beeper.toggle')).length, n0 + 2, 'once from each CGI');
  const denied = await both(`username=viewer&password=look&function=docmd&monups=${ups}&upscommand=load.off`, 'docmd refused');
  assert.match(denied, /Response: ERR ACCESS-DENIED\n/);
  assert.ok(!drv.received.some((l) => l.startsWith('INSTCMD load.off')));
  const saved = await both(`username=admin&password=secret&function=savesettings&monups=${ups}&UPSVAR_ups.id=rack+7&UPSVAR_input.sensitivity=normal`, 'savesettings');
  assert.match(saved, /set ups.id to rack 7 \(was rack 4\)\nOK\nUpdated 1 setting\./);
  assert.equal(drv.received.filter((l) => /^SET ups\.id "?rack 7"?/.test(l)).length, 2);
});
