// Socket messages newer than 2.8.0 that our drivers understand (NOBROADCAST,
// BROADCAST, GETPID, DUMPVALUE, DUMPSTATUS, LOGOUT, INSTCMD driver.exit) and
// `-c exit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ourBin, run, sandbox, start, waitFor } from '../helpers/ref.js';
import { SockPeer, sleep } from './driver-helpers.js';

test('driver socket extensions and -c exit', async () => {
  const sb = sandbox('tsnut-ext-');
  try {
    sb.write('t.dev', 'ups.status: OL\nbattery.charge: 50\n');
    sb.write('ups.conf', '[t]\n driver = dummy-ups\n port = t.dev\n');
    const p = start(ourBin('dummy-ups'), ['-a', 't', '-u', 'root', '-F'], { env: sb.env });
    const path = join(sb.state, 'dummy-ups-t');
    const quiet = await SockPeer.connect(path);
    const loud = await SockPeer.connect(path);
    quiet.send('NOBROADCAST\nGETPID\n');
    await quiet.until(/^PID \d+\n/m);
    assert.equal(quiet.take(), `PID ${p.child.pid}\n`);
    loud.send('SET battery.charge 40 TRACKING t1\n');
    await loud.until('TRACKING t1 0');
    assert.match(loud.take(), /SETINFO battery\.charge "40"/);
    await sleep(200);
    assert.equal(quiet.data, '', 'NOBROADCAST client got no broadcast');
    quiet.send('DUMPSTATUS\nDUMPVALUE battery.charge\nDUMPVALUE no.such\n');
    await quiet.until(/(DUMPDONE\n[^]*){3}/);
    assert.equal(quiet.take(), 'SETINFO ups.status "OL"\nSETAUX ups.status 32\nSETFLAGS ups.status RW STRING\nDATAOK\nDUMPDONE\n' +
      'SETINFO battery.charge "40"\nSETFLAGS battery.charge RW\nDATAOK\nDUMPDONE\nDATAOK\nDUMPDONE\n');
    quiet.send('BROADCAST 1\n');
    await sleep(100);
    loud.send('SET battery.charge 30\n');
    await quiet.until('SETINFO battery.charge "30"');
    loud.send('LOGOUT\n');
    await loud.until('OK Goodbye\n');
    // -c exit: INSTCMD driver.exit over the socket; the driver exits and cleans up
    const c = await run(ourBin('dummy-ups'), ['-a', 't', '-c', 'exit'], { env: sb.env });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(await p.exited, 0);
    await waitFor(() => !existsSync(path), 5000);
    quiet.close();
    loud.close();
  } finally {
    sb.cleanup();
  }
});
