import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUpsmonConf } from '../../../src/config/upsmonconf.js';
import { parseUpsschedConf } from '../../../src/config/upsschedconf.js';
import { runDrill } from '../../../src/drill/sim.js';
import { renderDrill } from '../../../src/drill/report.js';
import { findScenario, SCENARIOS } from '../../../src/drill/scenarios.js';

const MON = 'MONITOR ups@localhost 1 u p primary\nSHUTDOWNCMD "/sbin/shutdown -h +0"\nNOTIFYCMD /usr/sbin/upssched\nNOTIFYFLAG ONBATT SYSLOG+EXEC\nNOTIFYFLAG ONLINE SYSLOG+EXEC\nPOWERDOWNFLAG /etc/killpower\nPOLLFREQ 5\nPOLLFREQALERT 5\nFINALDELAY 5\n';
const SCHED = parseUpsschedConf('CMDSCRIPT /usr/bin/upssched-cmd\nPIPEFN /run/nut/p\nLOCKFN /run/nut/l\nAT ONBATT * START-TIMER onbatt 30\nAT ONBATT * START-TIMER late 600\nAT ONLINE * CANCEL-TIMER late\nAT ONLINE * EXECUTE online\n');

test('drill: a short outage on the simulated clock — timers start, one fires, one is cancelled; no shutdown', async () => {
  const sc = { name: 'short', title: 'short', seconds: 200, events: () => [{ t: 10, ups: 0, status: 'OB DISCHRG', why: 'mains fail' }, { t: 60, ups: 0, status: 'OL', why: 'mains back' }] };
  const r = await runDrill({ conf: parseUpsmonConf(MON), scenario: sc, sched: SCHED });
  const timers = r.steps.filter((s) => s.kind === 'timer').map((s) => (s.kind === 'timer' ? `${s.t} ${s.action} ${s.name} ${s.command ?? ''}`.trim() : ''));
  assert.deepEqual(timers, ['10 start onbatt', '10 start late', '40 fire onbatt /usr/bin/upssched-cmd onbatt', '60 cancel late', '60 execute online /usr/bin/upssched-cmd online']);
  assert.equal(r.shutdownAt, undefined);
  assert.deepEqual(r.steps.filter((s) => s.kind === 'notify').map((s) => (s.kind === 'notify' ? s.type : '')), ['ONBATT', 'ONLINE']);
});

test('drill: every scenario runs to a verdict on a one-UPS primary; the shutdown comes FINALDELAY after the decision', async () => {
  for (const sc of SCENARIOS) {
    const r = await runDrill({ conf: parseUpsmonConf(MON), scenario: sc, sched: SCHED, offdelay: () => 45 });
    assert.notEqual(r.shutdownAt, undefined, sc.name);
    const decided = r.steps.find((s) => s.kind === 'notify' && s.type === 'SHUTDOWN')!;
    assert.equal(r.shutdownAt! - decided.t, 5, sc.name);
    const off = r.steps.find((s) => s.kind === 'poweroff');
    assert.ok(off && off.kind === 'poweroff' && off.offdelay === 45 && off.flag === '/etc/killpower', sc.name);
    const text = renderDrill(r, '/usr/sbin/upssched', 'upsmon.conf');
    assert.match(text, /Verdict: this machine would shut down at t=\d+s/);
  }
  const pb = renderDrill(await runDrill({ conf: parseUpsmonConf(MON), scenario: findScenario('powerback')! }), undefined, 'x');
  assert.match(pb, /t= {3}22s {2}ups@localhost: the mains come back: ups.status becomes OL CHRG \(too late: upsmon never cancels/);
});

test('drill: commlost shuts down DEADTIME after the last good poll, not before', async () => {
  const r = await runDrill({ conf: parseUpsmonConf(MON + 'DEADTIME 25\n'), scenario: findScenario('commlost')! });
  const crit = r.steps.find((s) => s.kind === 'critical')!;
  // last good poll at t=15 (OB seen at 10, polls every 5 s); dead once now - lastpoll > 25
  assert.equal(crit.t, 45);
  assert.match(crit.kind === 'critical' ? crit.why : '', /last seen on battery and silent for more than DEADTIME 25 s/);
});
