// upsimage.cgi: ours against Debian's 2.8.0 CGI (private mount namespace over the
// same hosts.conf), pixel by pixel (RGBA after decoding, transparency included)
// for every kind of gauge, custom sizes and colours, and the error images.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';
import { haveRefCgi, runRefCgi } from '../helpers/refcgi.js';
import { decodePng } from '../helpers/png.js';
import { freePort } from '../helpers/ref.js';
import { mediumBold } from '../../src/web/cgi/gd.js';

const skip = haveRefCgi ? false : 'Debian nut-cgi (reference CGIs) not installed';
let s: WebStack;
let dead: number;

before(async () => {
  if (skip) return;
  dead = await freePort();
  s = await startWebStack({ beforeWeb: (box, ids) => { box.write('hosts.conf', `MONITOR ${ids[0]} "Rack UPS"\nMONITOR gone@127.0.0.1:${dead} "Nobody"\n`); } });
});
after(async () => { await s?.stop(); });

async function same(query: string): Promise<void> {
  const ref = await runRefCgi('upsimage.cgi', s.box.conf, { QUERY_STRING: query });
  assert.match(ref.headers, /^Pragma: no-cache\nContent-type: image\/png$/, query);
  const r = await fetch(`${s.base}/cgi-bin/nut/upsimage.cgi?${query}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  const ours = decodePng(Buffer.from(await r.arrayBuffer()));
  const theirs = decodePng(ref.body);
  assert.deepEqual([ours.width, ours.height], [theirs.width, theirs.height], query);
  let diff = 0;
  for (let i = 0; i < ours.rgba.length; i += 4) {
    // a transparent pixel is the same whatever its colour
    const tA = ours.rgba[i + 3] === 0 && theirs.rgba[i + 3] === 0;
    if (!tA && (ours.rgba[i] !== theirs.rgba[i] || ours.rgba[i + 1] !== theirs.rgba[i + 1] || ours.rgba[i + 2] !== theirs.rgba[i + 2] || ours.rgba[i + 3] !== theirs.rgba[i + 3])) diff++;
  }
  assert.equal(diff, 0, `${query}: ${diff} pixels differ`);
  let drawn = 0;
  for (let i = 3; i < ours.rgba.length; i += 4) if (ours.rgba[i] !== 0) drawn++;
  assert.ok(drawn > 50, `${query}: ${drawn} pixels drawn`);
}

test('gauges: same pixels as the reference for every kind, with custom sizes and colours', { skip: skip || (mediumBold() ? false : 'no libgd for the glyphs') }, async () => {
  const h = `host=${encodeURIComponent(s.ids[0]!)}`;
  for (const d of ['battery.charge', 'ups.load', 'input.voltage', 'output.voltage', 'battery.voltage', 'ups.temperature', 'input.frequency', 'output.frequency']) {
    await same(`${h}&display=${d}`);
  }
  await same(`${h}&display=battery.charge&width=150&height=200&scale_height=150&bar_col=0x3366ff&back_col=0xffffff&summary_col=0x000000`);
  await same(`${h}&display=ups.temperature&tempmin=-10&tempmax=60&width=999&height=20`);
  await same(`${h}&display=input.voltage&scale_num_col=0x123456&warn_zone_maj_col=0xabcdef&ok_zone_min_col=0x010203`);
});

test('error images: no host, access denied, unknown display, unreadable variable, dead upsd', { skip: skip || (mediumBold() ? false : 'no libgd for the glyphs') }, async () => {
  const h = `host=${encodeURIComponent(s.ids[0]!)}`;
  await same('');
  await same('host=other@x&display=ups.load');
  await same(`${h}&display=nothing.here`);
  await same(`${h}&display=ambient.humidity`);
  await same(`${h}&display=ambient.humidity&width=300&height=100`);
  await same(`host=gone@127.0.0.1:${dead}&display=ups.load`);
});
