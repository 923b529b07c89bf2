// dummy-ups: simulate a UPS from a .dev/.seq file, or repeat a UPS served by
// another upsd (port = <ups>@<host>[:<port>]). drivers.md §7; behaviour of
// NUT 2.8.0 (driver version 0.15) unless noted in docs/drivers.md.

import { readFileSync, statSync } from 'node:fs';
import { confPath } from '../../core/paths.js';
import { FLAG_RW, FLAG_STRING, STAT_INSTCMD_UNKNOWN, STAT_SET_HANDLED, type DriverContext, type DriverModule } from '../../driver/kit/index.js';
import { parseDataFile, type ParsedDataFile } from './datafile.js';
import { Repeater } from './repeater.js';

type Mode = 'dummy-once' | 'dummy-loop' | 'repeater';

/** nut_data[] of dummy-ups.h: flags and string length of known variables */
const RWS = FLAG_RW | FLAG_STRING;
const TABLE: Array<[string, number, number]> = [
  ['ups.mfr', RWS, 32], ['ups.model', RWS, 32], ['ups.status', RWS, 32], ['ups.serial', RWS, 32],
  ['ups.load', FLAG_RW, 32], ['ups.alarm', RWS, 32], ['ups.time', RWS, 16], ['ups.date', RWS, 16],
  ['ups.mfr.date', RWS, 16], ['ups.firmware', RWS, 16], ['ups.firmware.aux', RWS, 16],
  ['ups.temperature', FLAG_RW, 1], ['ups.id', RWS, 16], ['ups.delay.start', FLAG_RW, 1],
  ['ups.delay.reboot', FLAG_RW, 1], ['ups.delay.shutdown', FLAG_RW, 1], ['ups.test.interval', FLAG_RW, 1],
  ['ups.test.result', RWS, 16], ['input.voltage', FLAG_RW, 1], ['input.voltage.maximum', FLAG_RW, 1],
  ['input.voltage.minimum', FLAG_RW, 1], ['input.voltage.nominal', FLAG_RW, 1],
  ['input.transfer.reason', RWS, 1], ['input.transfer.low', FLAG_RW, 1], ['input.transfer.high', FLAG_RW, 1],
  ['input.sensitivity', RWS, 1], ['input.quality', RWS, 6], ['input.frequency', FLAG_RW, 1],
  ['input.transfer.boost.low', FLAG_RW, 1], ['input.transfer.boost.high', FLAG_RW, 1],
  ['input.transfer.trim.low', FLAG_RW, 1], ['input.transfer.trim.high', FLAG_RW, 1],
  ['output.voltage', FLAG_RW, 1], ['output.frequency', FLAG_RW, 1], ['output.current', FLAG_RW, 1],
  ['battery.charge', FLAG_RW, 1], ['battery.charge.low', FLAG_RW, 1], ['battery.voltage', FLAG_RW, 1],
  ['battery.current', FLAG_RW, 1], ['battery.runtime', FLAG_RW, 1], ['battery.runtime.low', FLAG_RW, 1],
  ['battery.charge.restart', FLAG_RW, 1], ['battery.temperature', FLAG_RW, 1],
  ['battery.voltage.nominal', FLAG_RW, 1], ['ambient.temperature', FLAG_RW, 1],
  ['ambient.temperature.alarm', FLAG_RW, 1], ['ambient.temperature.high', FLAG_RW, 1],
  ['ambient.temperature.low', FLAG_RW, 1], ['ambient.humidity', FLAG_RW, 1],
  ['ambient.humidity.alarm', FLAG_RW, 1], ['ambient.humidity.high', FLAG_RW, 1], ['ambient.humidity.low', FLAG_RW, 1],
];
const INIT: Array<[string, string]> = [['ups.mfr', 'Dummy Manufacturer'], ['ups.model', 'Dummy UPS'], ['ups.status', 'OL']];

function findInfo(name: string): [string, number, number] | undefined {
  const low = name.toLowerCase();
  return TABLE.find((t) => t[0] === low);
}

/** The driver's internal setvar (also used for SET from upsd). Always "handled". */
export function dummySetvar(ctx: DriverContext, name: string, value: string): number {
  ctx.log.debug(2, `entering setvar(${name}, ${value})`);
  if (name.startsWith('ups.status')) {
    ctx.statusInit();
    ctx.statusSet(value);
    ctx.statusCommit();
    return STAT_SET_HANDLED;
  }
  if (value.length === 0) {
    ctx.delInfo(name);
    return STAT_SET_HANDLED;
  }
  ctx.setInfo(name, value);
  const item = findInfo(name);
  if (item) {
    ctx.setFlags(item[0], item[1]);
    if (item[1] & FLAG_STRING) ctx.setAux(item[0], item[2]);
  } else {
    ctx.log.debug(2, `setvar: unknown variable (${name}), using default flags`);
    ctx.setFlags(name, FLAG_STRING | FLAG_RW);
    ctx.setAux(name, 32);
  }
  return STAT_SET_HANDLED;
}

/** Per-process state of the simulation. */
class Sim {
  mode: Mode = 'dummy-loop';
  file = '';
  parsed: ParsedDataFile | undefined;
  /** index of the next line to apply; undefined = no pass in progress (ctx == NULL) */
  pos: number | undefined;
  /** epoch seconds before which parsing is paused (TIMER); -1 = none */
  nextUpdate = -1;
  mtime = -1;
  reportedProblems = false;
  repeater: Repeater | undefined;

  resolveFile(port: string): string {
    return port.startsWith('/') ? port : `${confPath()}/${port}`;
  }

  /** parse_data_file(): one pass from the current position to a TIMER or EOF */
  parsePass(ctx: DriverContext): void {
    const now = Math.floor(Date.now() / 1000);
    ctx.log.debug(1, 'entering parse_data_file()');
    if (now < this.nextUpdate) { ctx.log.debug(1, 'leaving (paused)...'); return; }
    if (this.pos === undefined) {
      let text: Buffer;
      try {
        text = readFileSync(this.file);
      } catch (e) {
        ctx.fatal(`Can't open dummy-ups definition file ${this.file}: Can't open ${this.file}: ${errText(e)}`);
      }
      this.parsed = parseDataFile(text);
      this.pos = 0;
      if (!this.reportedProblems) {
        this.reportedProblems = true;
        for (const p of this.parsed.problems) ctx.log.notice(`Parse error: ${this.file}:${p.line}: ${p.message}`);
      }
    }
    this.nextUpdate = -1;
    const lines = this.parsed!.lines;
    while (this.pos < lines.length) {
      const l = lines[this.pos++]!;
      if (l.kind === 'timer') {
        this.nextUpdate = Math.floor(Date.now() / 1000) + l.seconds;
        ctx.log.debug(1, `suspending execution for ${l.seconds} seconds...`);
        break;
      }
      if (l.kind === 'skip') { ctx.log.debug(2, `parse_data_file: skipping ${l.name}`); continue; }
      if (l.kind === 'alarm') {
        if (l.text !== '') ctx.alarmSet(l.text);
        else ctx.alarmInit();
        continue;
      }
      if (l.kind === 'status') {
        ctx.statusInit();
        for (const t of l.tokens) ctx.statusSet(t);
        ctx.statusCommit();
        continue;
      }
      dummySetvar(ctx, l.name, l.value);
    }
    if (this.parsed!.usesAlarm) {
      // NUT ≥2.8.3: publish ups.alarm and re-commit the status with its ALARM prefix
      ctx.alarmCommit();
      ctx.statusCommit();
    }
    if (this.nextUpdate === -1) this.pos = undefined;
  }
}

function errText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EACCES') return 'Permission denied';
  if (code === 'EISDIR') return 'Is a directory';
  return (e as Error).message;
}

// one state per driver instance: tsnut can host several in one process
const sims = new WeakMap<DriverContext, Sim>();
function simOf(ctx: DriverContext): Sim {
  let s = sims.get(ctx);
  if (!s) { s = new Sim(); sims.set(ctx, s); }
  return s;
}

export const dummyUps: DriverModule = {
  name: 'dummy-ups',
  description: 'Device simulation and repeater driver',
  version: '0.15',
  vartable: [
    { kind: 'VALUE', name: 'mode', desc: 'Specify mode instead of guessing it from port value (dummy = dummy-loop, dummy-once, repeater)' },
    // tsnut extensions (repeater mode: forward SET/INSTCMD to the remote upsd)
    { kind: 'VALUE', name: 'username', desc: 'Repeater mode: upsd user for forwarding SET and INSTCMD (tsnut)' },
    { kind: 'VALUE', name: 'password', desc: 'Repeater mode: password of that user (tsnut)', sensitive: true },
  ],

  initups(ctx) {
    const sim = simOf(ctx);
    const val = ctx.getInfo('driver.parameter.mode');
    const port = ctx.port;
    if ((val === undefined && port.includes('@')) || val === 'repeater') {
      ctx.log.debug(1, 'Repeater mode');
      sim.mode = 'repeater';
      ctx.setInfo('driver.parameter.mode', 'repeater');
      return;
    }
    let mode: Mode | undefined;
    if (val === 'dummy-loop' || val === 'dummy') mode = 'dummy-loop';
    else if (val === 'dummy-once') mode = 'dummy-once';
    if (!mode) {
      if (port.endsWith('.seq')) mode = 'dummy-loop';
      else if (port.endsWith('.dev')) mode = 'dummy-once';
    }
    if (mode === 'dummy-once') ctx.setInfo('driver.parameter.mode', 'dummy-once');
    else if (mode === 'dummy-loop') ctx.setInfo('driver.parameter.mode', 'dummy-loop');
    else { mode = 'dummy-loop'; ctx.setInfo('driver.parameter.mode', 'dummy'); }
    sim.mode = mode;
    sim.file = sim.resolveFile(port);
    try { sim.mtime = statSync(sim.file).mtimeMs; } catch { ctx.log.debug(2, `Can't open ${port} currently`); }
  },

  async initinfo(ctx) {
    const sim = simOf(ctx);
    if (sim.mode === 'repeater') {
      sim.repeater = new Repeater(ctx, ctx.port);
      await sim.repeater.start((n, v) => dummySetvar(ctx, n, v));
    } else {
      for (const [name, value] of INIT) {
        const item = findInfo(name)!;
        ctx.setInfo(name, value);
        ctx.setFlags(name, item[1]);
        ctx.setAux(name, item[2]);
      }
      sim.parsePass(ctx);
      ctx.dataOk();
    }
    ctx.addCmd('load.off');
  },

  async updateinfo(ctx) {
    const sim = simOf(ctx);
    ctx.log.debug(1, 'upsdrv_updateinfo...');
    await ctx.sleep(1000);
    switch (sim.mode) {
      case 'dummy-loop':
        sim.parsePass(ctx);
        ctx.dataOk();
        break;
      case 'dummy-once':
        if (sim.pos === undefined && sim.nextUpdate === -1) {
          let mtime = -1;
          try { mtime = statSync(sim.file).mtimeMs; } catch { ctx.log.debug(2, `Can't open ${sim.file} currently`); }
          if (mtime === -1) { sim.mtime = -1; sim.nextUpdate = 1; }
          else if (Math.floor(mtime / 1000) !== Math.floor(sim.mtime / 1000)) {
            ctx.log.debug(2, 'upsdrv_updateinfo: input file was already read once to the end, but changed later - re-reading');
            sim.nextUpdate = 1;
            sim.mtime = mtime;
          }
        }
        if (sim.pos === undefined && sim.nextUpdate === -1) {
          ctx.log.debug(2, 'upsdrv_updateinfo: NO-OP: input file was already read once to the end');
          ctx.dataOk();
        } else {
          sim.parsePass(ctx);
          ctx.dataOk();
        }
        break;
      case 'repeater':
        await sim.repeater!.update();
        break;
    }
  },

  instcmd(ctx, cmd, param) {
    const sim = simOf(ctx);
    if (sim.mode === 'repeater' && sim.repeater?.canForward) return sim.repeater.instcmd(cmd, param);
    ctx.log.notice(`instcmd: unknown command [${cmd}] [${param ?? '(null)'}]`);
    return STAT_INSTCMD_UNKNOWN;
  },

  async setvar(ctx, name, value) {
    const sim = simOf(ctx);
    if (sim.mode === 'repeater') {
      if (sim.repeater?.canForward) return sim.repeater.setvar(name, value);
      // 2.8.0 installs no setvar handler in repeater mode
      ctx.log.notice('Got SET, but driver lacks a handler');
      return undefined;
    }
    return dummySetvar(ctx, name, value);
  },

  shutdown(ctx) {
    ctx.fatal('shutdown not supported');
  },

  cleanup(ctx) {
    simOf(ctx).repeater?.close();
  },
};
