// The conversions of the MGE subdriver (mge.ts) and what they remember of
// the one device the driver runs: its model series (set by format_model from
// the model table), country, ABM mode and first nominal output voltage.

import type { Conversion } from '../subdriver.js';
import { formatFixed, formatG, toLong } from '../lookups.js';

/** models_type_t: the high byte is the series; offline models are below MGE_DEFAULT. */
export const MGE_DEFAULT_OFFLINE = 0;
export const MGE_PEGASUS = 0x100;
export const MGE_3S = 0x110;
export const MGE_DEFAULT = 0x200;
export const MGE_EVOLUTION = 0x300;
export const MGE_EVOLUTION_650 = 0x301;
export const MGE_EVOLUTION_850 = 0x302;
export const MGE_EVOLUTION_1150 = 0x303;
export const MGE_EVOLUTION_S_1250 = 0x304;
export const MGE_EVOLUTION_1550 = 0x305;
export const MGE_EVOLUTION_S_1750 = 0x306;
export const MGE_EVOLUTION_2000 = 0x307;
export const MGE_EVOLUTION_S_2500 = 0x308;
export const MGE_EVOLUTION_S_3000 = 0x309;
export const MGE_PULSAR_M = 0x400;
export const MGE_PULSAR_M_2200 = 0x401;
export const MGE_PULSAR_M_3000 = 0x402;
export const MGE_PULSAR_M_3000_XL = 0x403;
export const EATON_5P = 0x500;

/** country_code_t (UPS.PowerSummary.Country) */
const COUNTRY_UNKNOWN = -1;
const COUNTRY_EUROPE = 0;

const ABM_UNKNOWN = -1;
const ABM_DISABLED = 0;

/**
 * What the driver learns about the one device it drives: the model series
 * (from format_model), the country and the ABM mode (from the tables), and the
 * first nominal output voltage seen. Module state, as NUT's statics.
 */
export const mge_state = { type: MGE_DEFAULT, country: COUNTRY_UNKNOWN, abm: ABM_UNKNOWN, nominal: -1 };

/** Back to the state at start (tests). */
export function mge_reset(): void {
  Object.assign(mge_state, { type: MGE_DEFAULT, country: COUNTRY_UNKNOWN, abm: ABM_UNKNOWN, nominal: -1 });
}

const series = (): number => mge_state.type & 0xff00;
/** NUT's d_equal(): equal within DBL_EPSILON */
const dEqual = (a: number, b: number): boolean => Math.abs(a - b) <= Number.EPSILON;
/** NUT formats into a 20-byte scratch buffer */
const scratch = (s: string): string => s.slice(0, 19);

/** UPS.BatterySystem.Charger.ABMEnable: remembered, never published */
export const eaton_abm_enabled_info: Conversion = {
  fun(value, env) {
    mge_state.abm = Number(toLong(value));
    env.log?.debug(2, `ABM is ${mge_state.abm === 1 ? 'enabled' : 'disabled'}`);
    return null;
  },
  values: [{ hid: 0, nut: 'dummy' }],
};

/** battery.charger.status from the ABM charger mode */
export const eaton_abm_status_info: Conversion = {
  fun(value, env) {
    if (mge_state.abm === ABM_DISABLED) {
      // the user may have switched ABM off: clear what was published
      env.delInfo?.('battery.charger.status');
      return null;
    }
    env.log?.debug(2, `ABM numeric status: ${Math.trunc(value) | 0}`);
    const text = ({ 1: 'charging', 2: 'discharging', 3: 'floating', 4: 'resting', 6: 'off' } as Record<string, string>)[String(toLong(value))];
    if (text === undefined) return null; // 5: undefined, ABM not active
    env.log?.debug(2, `ABM string status: ${text}`);
    return text;
  },
  values: [{ hid: 1, nut: 'dummy' }],
};

/** CHRG/DISCHRG in ups.status from the ABM charger mode (charging and floating both charge) */
export const eaton_abm_chrg_dischrg_info: Conversion = {
  fun(value, env) {
    if (mge_state.abm === ABM_DISABLED) return null;
    const v = toLong(value);
    const text = v === 1n || v === 3n ? 'chrg' : v === 2n ? 'dischrg' : null;
    if (text === null) return null;
    env.log?.debug(2, `ABM CHRG/DISCHRG legacy string status (ups.status): ${text}`);
    return text;
  },
  values: [{ hid: 1, nut: 'dummy' }],
};

/** the plain Discharging flag counts only with ABM disabled; otherwise it is cleared */
export const eaton_discharging_info: Conversion = {
  fun(value) {
    return mge_state.abm === ABM_DISABLED && dEqual(value, 1) ? 'dischrg' : '!dischrg';
  },
  values: [{ hid: 1, nut: 'dummy' }],
};

export const eaton_charging_info: Conversion = {
  fun(value) {
    return mge_state.abm === ABM_DISABLED && dEqual(value, 1) ? 'chrg' : '!chrg';
  },
  values: [{ hid: 1, nut: 'dummy' }],
};

/** C's time_t from the item's value, as a local Date (NUT uses localtime_r) */
function localDate(value: number): Date | null {
  const d = new Date(Number(toLong(value)) * 1000);
  return Number.isNaN(d.getTime()) ? null : d;
}
const p2 = (n: number): string => String(n).padStart(2, '0');

/**
 * "YYYY/MM/DD HH:MM:SS" read as local time, as strptime + mktime do;
 * NaN when it does not parse.
 */
function parseLocal(text: string): number {
  const m = /^\s*(\d{1,4})\/\s*(\d{1,2})\/\s*(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})/.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 61) return NaN;
  const date = new Date(y, mo - 1, d, h, mi, s);
  date.setFullYear(y); // years below 100 are not 19xx
  return Math.floor(date.getTime() / 1000);
}

/** UPS.PowerSummary.Time (Unix time) as ups.date */
export const mge_date_conversion: Conversion = {
  fun(value, env) {
    const d = localDate(value);
    const text = d ? `${String(d.getFullYear()).padStart(4, '0')}/${p2(d.getMonth() + 1)}/${p2(d.getDate())}` : '';
    if (text.length === 10) return text;
    env.log?.debug(3, `mge_date_conversion_fun: can't compute date ${formatG(value)}`);
    return null;
  },
  nuf(text, env) {
    // NUT joins the new date with ups.time in a 20-byte buffer
    const t = parseLocal(`${text ?? '(null)'} ${env?.getInfo('ups.time') ?? '(null)'}`.slice(0, 19));
    return Number.isNaN(t) ? 0 : t;
  },
};

/** UPS.PowerSummary.Time (Unix time) as ups.time */
export const mge_time_conversion: Conversion = {
  fun(value, env) {
    const d = localDate(value);
    const text = d ? `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}` : '';
    if (text.length === 8) return text;
    env.log?.debug(3, `mge_time_conversion_fun: can't compute time ${formatG(value)}`);
    return null;
  },
  nuf(text, env) {
    const t = parseLocal(`${env?.getInfo('ups.date') ?? '(null)'} ${text ?? '(null)'}`.slice(0, 19));
    return Number.isNaN(t) ? 0 : t;
  },
};

/** battery.voltage.nominal only for the series known to report it (Evolution 650: 12 V) */
export const mge_battery_voltage_nominal: Conversion = {
  fun(value) {
    switch (series()) {
      case MGE_EVOLUTION:
        if (mge_state.type === MGE_EVOLUTION_650) value = 12.0;
        break;
      case MGE_PULSAR_M:
      case EATON_5P:
        break;
      default:
        return null;
    }
    return scratch(formatFixed(value, 0));
  },
};

/** battery.voltage only for the series known to report it */
export const mge_battery_voltage: Conversion = {
  fun(value) {
    const s = series();
    if (s !== MGE_EVOLUTION && s !== MGE_PULSAR_M && s !== EATON_5P) return null;
    return scratch(formatFixed(value, 1));
  },
};

export const mge_powerfactor_conversion: Conversion = {
  fun(value) {
    return scratch(formatFixed(value / 100, 2));
  },
};

/** battery capacity in Ah from As */
export const mge_battery_capacity: Conversion = {
  fun(value) {
    return scratch(formatFixed(value / 3600, 2));
  },
};

/** Eco control for Protection Station, Ellipse ECO, and 3S outside Europe only */
const pegasusLike = (): boolean => series() === MGE_PEGASUS || (series() === MGE_3S && mge_state.country !== COUNTRY_EUROPE);

export const pegasus_threshold_info: Conversion = {
  fun(value) {
    return pegasusLike() ? scratch(formatFixed(value, 0)) : null;
  },
  values: [{ hid: 10, nut: '10' }, { hid: 25, nut: '25' }, { hid: 60, nut: '60' }],
};

export const pegasus_yes_no_info: Conversion = {
  fun(value) {
    if (!pegasusLike()) return null;
    return dEqual(value, 0) ? 'no' : 'yes';
  },
  nuf(text) {
    if (!pegasusLike()) return 0;
    return text?.startsWith('yes') ? 1 : 0;
  },
  values: [{ hid: 0, nut: 'no' }, { hid: 1, nut: 'yes' }],
};

/** UPS.PowerSummary.Country: remembered, not published (device.country keeps its default) */
export const eaton_check_country_info: Conversion = {
  fun(value) {
    mge_state.country = Number(toLong(value));
    return null;
  },
  values: [{ hid: 0, nut: 'dummy' }],
};

/** C's atoi */
const atoi = (s: string): number => {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) | 0 : 0;
};
/** C's round(): halves away from zero */
const roundC = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * Without UPS.PowerConverter.Output.ActivePower: realpower estimated from
 * load, nominal power and power factor. As in NUT, the power factor text is
 * read with atoi ("0.80" gives 0), and the default is the float 0.80.
 */
export const eaton_compute_realpower_info: Conversion = {
  fun(_value, env) {
    const load = env.getInfo('ups.load');
    const nominal = env.getInfo('ups.power.nominal');
    const pfText = env.getInfo('output.powerfactor');
    if (nominal === undefined || load === undefined) return null;
    const powerfactor = pfText !== undefined ? atoi(pfText) : Math.fround(0.8);
    const realpower = roundC(atoi(load) * 0.01 * atoi(nominal) * powerfactor);
    const text = scratch(formatFixed(realpower, 0));
    env.log?.debug(1, `eaton_compute_realpower_fun(${text})`);
    return text;
  },
  values: [{ hid: 0, nut: 'dummy' }],
};

const LV = [100, 110, 120, 127];
const HV208 = [200, 208];
const HV230 = [220, 230, 240];

/**
 * output.voltage.nominal offers only the values of the unit's voltage class
 * (the first value read decides the class): low-voltage models 100-127 V,
 * high-voltage 200/208 and 220-240 V (both only on line-interactive/online
 * models; 200/208 on 230 V models only for the European 208 V variant).
 */
export const nominal_output_voltage_info: Conversion = {
  fun(value, env) {
    if (mge_state.nominal < 0) mge_state.nominal = Number(toLong(value));
    const v = Number(toLong(value));
    const online = series() >= MGE_DEFAULT;
    if (LV.includes(mge_state.nominal)) {
      if (!LV.includes(v)) return null;
    } else if (HV208.includes(mge_state.nominal)) {
      if (!(HV208.includes(v) || (HV230.includes(v) && online))) return null;
    } else if (HV230.includes(mge_state.nominal)) {
      // a European model that is neither offline nor 208 V still takes 200/208 (NUT's fall-through)
      if (!(HV230.includes(v) || (HV208.includes(v) && online))) return null;
    } else {
      env.log?.debug(3, `nominal_output_voltage_fun: can't autodetect settable voltages from ${formatG(value)}`);
    }
    return scratch(formatFixed(value, 0));
  },
  values: [200, 208, 220, 230, 240, 100, 110, 120, 127].map((v) => ({ hid: v, nut: String(v) })),
};

/** the converter's online flag counts only while the unit is not off */
export const eaton_converter_online_info: Conversion = {
  fun(value, env) {
    if (env.statusGet('off')) return null;
    return dEqual(value, 0) ? '!online' : 'online';
  },
  values: [{ hid: 0, nut: 'dummy' }],
};
