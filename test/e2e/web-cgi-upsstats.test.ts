// upsstats.cgi: ours at /cgi-bin/nut/upsstats.cgi against Debian's 2.8.0 CGI run in a
// private mount namespace over the same hosts.conf and templates (NUT's stock
// upsstats.html / upsstats-single.html and a template exercising the whole
// language), byte for byte except the @DATE@ clock text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../helpers/ref.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';
import { haveRefCgi, runRefCgi } from '../helpers/refcgi.js';

const skip = haveRefCgi && existsSync('/etc/nut/upsstats.html') ? false : 'Debian nut-cgi (reference CGIs and templates) not installed';
let s: WebStack;
let deadPort: number;

before(async () => {
  if (skip) return;
  deadPort = await freePort();
  s = await startWebStack({
    ups: ['sim', 'sim2'],
    beforeWeb: (box, ids) => {
      copyFileSync('/etc/nut/upsstats.html', join(box.conf, 'upsstats.html'));
      copyFileSync('/etc/nut/upsstats-single.html', join(box.conf, 'upsstats-single.html'));
      // a third entry whose upsd is gone, and one the hub can read but with a stale driver later
      box.write('hosts.conf', `MONITOR ${ids[0]} "First UPS"\nMONITOR ${ids[1]} "Second UPS"\nMONITOR gone@127.0.0.1:${deadPort} "Nobody home"\n`);
    },
  });
  // the dead entry never becomes readable: wait for the two live ones only
});
after(async () => { await s?.stop(); });

const DATE = /[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d [A-Z+-][A-Za-z0-9+-]* \d{4}/g;

async function compare(query: string, what: string): Promise<string> {
  const ref = await runRefCgi('upsstats.cgi', s.box.conf, { QUERY_STRING: query, TZ: 'UTC' });
  const r = await fetch(`${s.base}/cgi-bin/nut/upsstats.cgi${query ? '?' + query : ''}`);
  assert.equal(r.status, 200);
  assert.match(ref.headers, /^Content-type: text\/html\nPragma: no-cache$/);
  assert.equal(r.headers.get('content-type'), 'text/html');
  assert.equal(r.headers.get('pragma'), 'no-cache');
  const ours = Buffer.from(await r.arrayBuffer()).toString('latin1').replace(DATE, '<date>');
  const theirs = ref.body.toString('latin1').replace(DATE, '<date>');
  assert.equal(ours, theirs, what);
  return ours;
}

test('the stock templates: list mode (with a dead upsd among the entries), refresh, single mode, tree view', { skip }, async () => {
  process.env.TZ = 'UTC';
  const list = await compare('', 'list mode');
  assert.match(list, /ONLINE<br>/);
  assert.match(list, /\[error: Connection failure: Connection refused\]/);
  await compare('refresh=30', 'refresh');
  const one = await compare(`host=${encodeURIComponent(s.ids[0]!)}`, 'single');
  assert.match(one, /<IMG SRC="upsimage\.cgi\?host=sim@127\.0\.0\.1:\d+&amp;display=battery\.charge/);
  await compare(`host=${s.ids[1]}&treemode`, 'tree view');
  await compare(`host=gone@127.0.0.1:${deadPort}&treemode`, 'tree view without upsd');
  await compare(`host=gone@127.0.0.1:${deadPort}`, 'single without upsd');
  await compare('host=evil@example', 'not in hosts.conf');
  await compare('host=%3Cscript%3E&refresh=abc', 'odd query');
});

test('the template language: conditions, images, temperatures, errors and odd syntax as the reference', { skip }, async () => {
  writeFileSync(join(s.box.conf, 'upsstats.html'), [
    '@TEMPF@head @VERSION@ @REFRESH@ @unknown command@ unclosed @VAR battery.charge',
    '@FOREACHUPS@<tr><td>@HOSTLINK@ @TREELINK@ [@HOST@] (@HOSTDESC@)',
    '@IFSUPP ups.temperature@temp @UPSTEMP@@DEGREES@ / @TEMPC@@UPSTEMP@@DEGREES@@TEMPF@@ELSE@no temp@ENDIF@',
    '@IFSUPP ambient.humidity@hum@ELSE@@IFSUPP battery.charge@charge @VAR battery.charge@%@ENDIF@',
    '@IFEQ ups.status OL CHRG@never@ENDIF@ @IFEQ device.type ups@is ups@ENDIF@ @IFEQ a@ @IFEQ a  b@',
    '@IFBETWEEN input.transfer.low input.transfer.high input.voltage@in range@ELSE@out of range@ENDIF@',
    '@IFBETWEEN input.transfer.low input.transfer.high no.such@unreadable counts as in range@ENDIF@ @IFBETWEEN x y@',
    '@STATUS@ @STATUSCOLOR@ @RUNTIME@ @VAR no.such@ @BATTTEMP@ @AMBTEMP@',
    '@IMG battery.charge width=80 bogus=1 height=0x120 tempmin@ @IMG ups.load@ @IMG no.such.gauge@ @IMG ambient.humidity@',
    '@UPSSTATSPATH /x/stats.cgi@@UPSIMAGEPATH /x/img.cgi@@HOSTLINK@@IMG input.voltage@',
    'literal &#64; and @@ and a trailing @',
    '@ENDFOR@tail',
    'after the loop (NUT 2.8.0 crashes on a second ENDFOR or a HOST here)',
    '',
  ].join('\n'));
  const out = await compare('refresh=5', 'crafted template');
  assert.match(out, /temp 88\.7&deg;F \/ 31\.5&deg;C/);
  assert.match(out, /in range/);
});

test('NUT 2.8.5 JSON mode (?json): all devices, one device, errors', { skip }, async () => {
  const all = await (await fetch(`${s.base}/cgi-bin/nut/upsstats.cgi?json`)).text();
  const doc = JSON.parse(all) as { devices: { host: string; desc: string; status_raw?: string; status_parsed?: string[]; vars?: Record<string, string>; error?: string }[] };
  assert.equal(doc.devices.length, 3);
  assert.equal(doc.devices[0]!.host, s.ids[0]);
  assert.equal(doc.devices[0]!.status_raw, 'OL CHRG');
  assert.deepEqual(doc.devices[0]!.status_parsed, ['ONLINE']);
  assert.equal(doc.devices[0]!.vars!['battery.charge'], '87');
  assert.match(doc.devices[2]!.error!, /^Connection failed: Connection failure: Connection refused$/);
  assert.ok(all.endsWith('\n]}\n'));
  const r = await fetch(`${s.base}/cgi-bin/nut/upsstats.cgi?json&host=${s.ids[1]}`);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  const one = await r.text();
  assert.ok(one.startsWith('  {\n') && one.endsWith('  }'));
  assert.equal(JSON.parse(one).desc, 'Second UPS');
  assert.equal(await (await fetch(`${s.base}/cgi-bin/nut/upsstats.cgi?json&host=nope`)).text(), '{"error": "Access to host nope is not authorized."}');
  const bad = await fetch(`${s.base}/cgi-bin/nut/upsstats.cgi?host=%zz`);
  assert.equal(bad.status, 400);
});
