// The drill's record as text a person reads, step by step with times. Pure.

import type { DrillResult, Step } from './sim.js';

const flagText = (f: { syslog: boolean; wall: boolean; exec: boolean; ignore: boolean }) =>
  f.ignore ? 'IGNORE: nothing is sent' : ['SYSLOG', 'WALL', 'EXEC'].filter((k) => f[k.toLowerCase() as 'syslog']).join('+') || 'no flags: nothing is sent';

function line(s: Step, notifyCmd: string | undefined): string | undefined {
  switch (s.kind) {
    case 'event': return `${s.ups}: ${s.text}`;
    case 'notify': {
      const via = flagText(s.flags) + (s.flags.exec && !s.flags.ignore ? (notifyCmd ? ` (runs ${notifyCmd})` : ' (but no NOTIFYCMD)') : '');
      return `notify ${s.type}${s.ups ? ` ${s.ups}` : ''}: "${s.message}" via ${via}`;
    }
    case 'log': return /^(Too few|Giving up|UPS \[|is_ups_critical|Host sync|FSD set|Poll UPS|UPS .*connect failed)/.test(s.text) ? `upsmon logs: ${s.text}` : undefined;
    case 'critical': return `CRITICAL ${s.ups}: ${s.why}`;
    case 'fsd': return `upsmon sets FSD on ${s.ups} (it is the primary): secondaries see FSD and shut down`;
    case 'timer':
      if (s.action === 'start') return `upssched: timer ${s.name} starts (${s.seconds} s)`;
      if (s.action === 'cancel') return `upssched: timer ${s.name} cancelled`;
      return `upssched: ${s.action === 'fire' ? `timer ${s.name} fires` : `executes ${s.name}`}: would run ${s.command ?? '(no CMDSCRIPT)'}`;
    case 'shutdown': return `SHUTDOWNCMD would run now: ${s.command ?? '(none set: nothing would shut the machine down!)'}`;
    case 'poweroff': return `POWERDOWNFLAG ${s.flag} would be written; at the end of the shutdown the system's scripts see it and run upsdrvctl shutdown: ${s.ups} is told to power off (after offdelay ${s.offdelay} s) and to restart the load when the power is back`;
  }
}

export function renderDrill(r: DrillResult, notifyCmd: string | undefined, source: string): string {
  const out = [`Drill '${r.scenario.name}': ${r.scenario.title}`, `Configuration: ${source}. Simulated time; nothing is shut down, nothing is sent to any UPS.`, ''];
  let started = false;
  for (const s of r.steps) {
    let l = line(s, notifyCmd);
    if (s.kind === 'notify' && s.type === 'SHUTDOWN') started = true;
    if (l && started && s.kind === 'event' && /\bOL\b/.test(s.text)) l += ' (too late: upsmon never cancels a shutdown it has started; the UPS power-off and restart bring the machine back)';
    if (l) out.push(`  t=${String(Math.round(s.t * 10) / 10).padStart(5)}s  ${l}`);
  }
  out.push('');
  const first = r.steps.find((s) => s.kind === 'event');
  if (r.shutdownAt !== undefined) {
    out.push(`Verdict: this machine would shut down at t=${r.shutdownAt}s${first ? ` (${r.shutdownAt - first.t} s after: ${first.text.split(':')[0]})` : ''}.`);
  } else {
    out.push(`Verdict: no shutdown within ${r.scenario.seconds} s: enough supplies stay healthy (MINSUPPLIES), or nothing critical happened.`);
  }
  return out.join('\n') + '\n';
}
