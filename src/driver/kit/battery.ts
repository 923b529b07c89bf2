// Battery guesses shared by the Q* drivers (blazer_ser, nutdrv_qx): packs
// from voltages, charge from voltage, runtime from the runtimecal model.
// Pure arithmetic; the drivers keep their own (different) log lines.

import { fixed, strtod } from '../../core/cstd.js';

/**
 * The number of battery packs, from the actual and nominal battery voltage;
 * undefined (after NUT's message) when no standard count fits within ±20 %.
 */
export function guessBatteryPacks(act: number, nom: number, info: (msg: string) => void): number | undefined {
  for (const p of [120, 100, 80, 60, 48, 36, 30, 24, 18, 12, 8, 6, 4, 3, 2, 1, 0.5]) {
    if (p * act > 1.2 * nom) continue;
    if (p * act < 0.8 * nom) break;
    return p;
  }
  info(`Can't autodetect number of battery packs [${fixed(nom, 0)}/${fixed(act, 2)}]`);
  return undefined;
}

/** Charge in percent (0..100) from a voltage between `low` (empty) and `high` (full); undefined when the limits are unusable. */
export function chargeFromVoltage(act: number, low: number, high: number): number | undefined {
  if (!(low > 0 && high > low)) return undefined;
  return Math.min(100, Math.max(0, 100 * (act - low) / (high - low)));
}

/** Voltage limits guessed from the nominal battery voltage (a 12 V block: 10.4 V empty, 13 V full). */
export function guessVoltageLimits(nom: number): { low: number; high: number } {
  return { low: 104 * nom / 120, high: 130 * nom / 120 };
}

/** The runtimecal model: runtime at full charge scales with load^-exp. */
export interface RuntimeModel { exp: number; nom: number }

/**
 * Parse `runtimecal = runtime_high,load_high,runtime_low,load_low`; a string
 * naming what is wrong (NUT's fatal message) when it is unusable.
 */
export function parseRuntimecal(val: string): RuntimeModel | string {
  const nums: number[] = [];
  for (const p of val.split(',').slice(0, 4)) {
    if (!/^[ \t\n\v\f\r]*[+-]?(\d+\.?\d*|\.\d+)/.test(p)) break;
    nums.push(strtod(p));
  }
  if (nums.length < 4) return 'Insufficient parameters for runtimecal';
  const [rh, lh, rl, ll] = nums as [number, number, number, number];
  if (rl < rh || rh <= 0) return 'Parameter out of range (runtime)';
  if (lh > 100 || ll > lh || ll <= 0) return 'Parameter out of range (load)';
  const exp = Math.log(rl / rh) / Math.log(lh / ll);
  return { exp, nom: rh * (lh / 100) ** exp };
}

/** The load factor the runtime estimate drains at: (load/100)^exp, at least the idle load. */
export function effectiveLoad(loadPct: number, exp: number, idle: number): number {
  return Math.max((loadPct / 100) ** exp, idle);
}

/**
 * One step of the runtime estimate (seconds at nominal load): on line it
 * refills over `chargeTime`, on battery it drains by the effective load.
 */
export function stepRuntimeEstimate(est: number, model: RuntimeModel, dt: number, online: boolean, chargeTime: number, loadEff: number): number {
  if (online) return Math.min(model.nom, est + model.nom * dt / chargeTime);
  return Math.max(0, est - loadEff * dt);
}
