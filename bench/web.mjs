#!/usr/bin/env node
// upsweb's dashboard: page weight (bytes the browser loads for the first view),
// time to first render in headless Chromium (navigation start → the first UPS
// card with its status on screen), and change-to-screen latency (driver change →
// the new status text on screen, POLLFREQ 1 and in the single-process stack's
// poke mode). Run: npm run build && node bench/web.mjs [--runs 5]

import { startWebStack } from '../dist/test/helpers/web-stack.js';
import { launch, CHROMIUM } from '../dist/test/helpers/browser.js';

const runs = parseInt(process.argv[process.argv.indexOf('--runs') + 1] ?? '', 10) || 5;
if (!CHROMIUM) { console.error('bench/web: no Debian chromium-headless-shell or chromium'); process.exit(1); }
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

const s = await startWebStack();
const browser = await launch();
try {
  // page weight: every response of the first view
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const sizes = [];
  page.on('response', async (r) => {
    try { sizes.push([new URL(r.url()).pathname, Number(await r.headerValue('content-length')) || 0, (await r.body()).length]); } catch { /* stream */ }
  });
  await page.goto(s.base + '/');
  await page.locator('figure canvas, #hist-empty').first().waitFor({ state: 'attached', timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(500);
  const total = sizes.reduce((a, [, n]) => a + n, 0);
  const unpacked = sizes.reduce((a, [, , n]) => a + n, 0);
  await ctx.close();
  // time to first render
  const ttfr = [];
  for (let i = 0; i < runs; i++) {
    const c = await browser.newContext();
    const p = await c.newPage();
    await p.goto(s.base + '/');
    await p.locator('article [data-field=status]').first().waitFor();
    ttfr.push(await p.evaluate(() => performance.now()));
    await c.close();
  }
  // change to screen
  const c = await browser.newContext();
  const p = await c.newPage();
  await p.goto(s.base + '/');
  const status = p.locator('article [data-field=status]').first();
  await status.waitFor();
  const lat = [];
  for (let i = 0; i < runs; i++) {
    const [st, words] = i % 2 ? ['OL CHRG', 'Online, Charging'] : ['OB DISCHRG', 'On battery, Discharging'];
    const t0 = Date.now();
    s.setStatus('sim', st);
    await p.locator('article [data-field=status]', { hasText: words }).waitFor({ timeout: 5000 });
    lat.push(Date.now() - t0);
    await p.waitForTimeout(300 + Math.random() * 700);
  }
  await c.close();
  console.log('| measure | value |\n|---|---|');
  console.log(`| page weight, first view (${sizes.length} responses) | ${(total / 1024).toFixed(1)} KiB transferred, ${(unpacked / 1024).toFixed(1)} KiB unpacked (${sizes.map(([u, n]) => `${u.replace(/%40.*\/history/, '/…/history')} ${(n / 1024).toFixed(1)}`).join(', ')}) |`);
  console.log(`| time to first render, median of ${runs} | ${med(ttfr).toFixed(0)} ms [${Math.min(...ttfr).toFixed(0)}–${Math.max(...ttfr).toFixed(0)}] |`);
  console.log(`| change to screen, POLLFREQ 1, median of ${runs} | ${med(lat)} ms [${Math.min(...lat)}–${Math.max(...lat)}] |`);
} finally {
  await browser.close();
  await s.stop();
}
