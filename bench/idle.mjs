// Workload 5: hold N idle connections on a server, RSS growth per connection.

import { hold, rssKb, sleep } from './lib.mjs';

/**
 * Open n connections to the server (at most 16 connecting at a time: the
 * reference listens with a backlog of 16), one GET VAR each so the server has
 * really accepted them, wait 1.5 s, read the server's RSS, close them all.
 * The reference polls all its descriptors for every event, so opening slows
 * down as n grows: opening stops after capSecs, and the figure is per
 * connection actually held.
 */
export async function holdIdle(bin, server, n, req, log, capSecs = 25) {
  await sleep(1000);
  const before = rssKb(server.pid);
  const h = await hold(bin, ['-p', server.port, '-c', n, '-i', '16', '-r', req, '-e', '\\n', '-t', capSecs]);
  await sleep(1500);
  const after = rssKb(server.pid);
  await h.release();
  const held = h.result.done - h.result.connfail;
  log(`hold ${n} on port ${server.port}: ${held} held in ${h.result.secs.toFixed(2)} s, RSS ${before} → ${after} kB`);
  await sleep(1000);
  return { held, perConn: (after - before) / Math.max(1, held), openSecs: h.result.secs, before, after };
}
