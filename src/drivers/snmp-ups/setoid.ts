// su_setOID(): RW variables and instant commands as SNMP SETs, including
// outlet / outlet group templates and daisychained "device.N." names.

import { STAT_SET_FAILED, STAT_SET_HANDLED, STAT_SET_INVALID, STAT_SET_UNKNOWN, STAT_INSTCMD_UNKNOWN } from '../../driver/types.js';
import { SU_CMD_OFFSET, SU_FLAG_OK, SU_OUTLET, SU_OUTLET_GROUP, SU_TYPE_DAISY_1, SU_TYPE_TIME, ST_FLAG_STRING } from './mib.js';
import { atoi, fillTemplate, findValInfo, strToLong } from './convert.js';
import { templateType, suType, type Entry, type SnmpUpsEngine } from './engine.js';

export async function setOID(eng: SnmpUpsEngine, instcmd: boolean, varname: string, val: string | undefined): Promise<number> {
  const log = eng.ctx.log;
  const what = instcmd ? 'command' : 'setting';
  log.debug(2, `entering su_setOID(${instcmd ? 'instcmd' : 'setvar'}, ${varname}, ${val ?? '(null)'})`);
  let devNumber = 0;
  let tmpName = varname;
  let countPrefix = '';
  let e: Entry | null = null;
  if (varname.startsWith('device')) {
    if (varname[7] !== undefined && varname[7] >= '0' && varname[7] <= '9') {
      devNumber = atoi(varname.slice(7));
      tmpName = varname.slice(9);
      countPrefix = varname.slice(0, 9);
      log.debug(2, `su_setOID: got a daisychain ${what} (${tmpName}) for device ${devNumber}`);
    } else if (eng.daisychainEnabled) {
      const f = eng.findInfo(varname);
      devNumber = f && (f.oid === null || f.oid.includes('.%i')) ? 0 : 1;
    }
  }
  if (eng.daisychainEnabled && eng.devicesCount > 1 && devNumber === 0) {
    log.debug(2, `daisychain ${what} for device.0 are not yet supported!`);
    return STAT_SET_INVALID;
  }
  let outletTemplate = false;
  if (!tmpName.startsWith('outlet')) {
    e = eng.findInfo(tmpName);
    if (!e && tmpName !== varname) {
      e = eng.findInfo(varname);
      if (!e && eng.daisychainEnabled && eng.devicesCount > 1 && devNumber === 1 && varname.startsWith('device.1.')) {
        const alt = `device.${varname.slice(9)}`;
        e = eng.findInfo(alt);
        if (e) tmpName = alt;
      }
    }
  } else {
    outletTemplate = true;
    const vartype = templateType(tmpName);
    const group = vartype === SU_OUTLET_GROUP;
    const total = atoi(eng.ctx.getInfo(`${countPrefix}${group ? 'outlet.group.count' : 'outlet.count'}`));
    const numAt = group ? 12 : 6;
    const item = atoi(tmpName.slice(numAt + 1));
    log.debug(3, `su_setOID: item ${item} / ${total}`);
    if (item > total) {
      log.debug(2, `su_setOID: item is out of bound (${item} / ${total})`);
      return STAT_SET_INVALID;
    }
    const rest = tmpName.slice(numAt + 1);
    const dot = rest.indexOf('.');
    const tplName = `${group ? 'outlet.group' : 'outlet'}.%i${dot >= 0 ? rest.slice(dot) : '(null)'}`;
    log.debug(3, `su_setOID: searching for template"${tplName}"`);
    const tpl = eng.findInfo(tplName);
    if (!tpl) return STAT_SET_UNKNOWN;
    e = { ...tpl };
    if (tpl.dfl !== null && tpl.dfl.includes('%i')) e.dfl = fillTemplate(tpl.dfl, item);
    if (tpl.oid !== null) {
      // 2.8.0 notes SU_CMD_OFFSET for commands but never applies it to the OID
      if (instcmd && tpl.su & SU_CMD_OFFSET) log.debug(3, 'Adding command offset');
      if (eng.daisychainEnabled) {
        const dOff = eng.devicesCount > 1 ? 1 : 0;
        e.oid = tpl.su & SU_TYPE_DAISY_1
          ? fillTemplate(tpl.oid, devNumber - dOff, item)
          : fillTemplate(tpl.oid, item, devNumber - dOff);
      } else e.oid = fillTemplate(tpl.oid, item);
    } else if (instcmd) return STAT_INSTCMD_UNKNOWN;
    else e.name = tmpName;
  }
  if (!e || !(e.su & SU_FLAG_OK)) {
    log.debug(2, `su_setOID: info element unavailable ${varname}`);
    return STAT_SET_UNKNOWN;
  }
  if (instcmd && val === undefined && e.dfl === null) {
    log.debug(1, `su_setOID: cannot execute command '${varname}': a provided or default value is needed!`);
    return STAT_SET_INVALID;
  }
  if (e.oid === null) {
    log.debug(1, `su_setOID: ${varname} has no OID to set`);
    return STAT_SET_FAILED;
  }
  let ok: boolean;
  if (e.flags & ST_FLAG_STRING) {
    ok = await eng.io.setStr(e.oid!, (val ?? e.dfl)!);
  } else {
    let value: number;
    if (instcmd) {
      const n = strToLong(val ?? e.dfl);
      if (n === null) {
        log.debug(1, `su_setOID: cannot execute command '${varname}': value is not a number!`);
        return STAT_SET_INVALID;
      }
      value = n;
    } else if (e.lookup) {
      value = findValInfo(e.lookup, (val ?? e.dfl)!);
    } else {
      const n = strToLong(val);
      if (n === null) {
        log.debug(1, `su_setOID: cannot set '${varname}': value is not a number!`);
        return STAT_SET_INVALID;
      }
      value = Math.trunc(n / e.len);
    }
    ok = suType(e) === SU_TYPE_TIME ? await eng.io.setTime(e.oid!, value) : await eng.io.setInt(e.oid!, value);
  }
  if (!ok) {
    if (instcmd) log.debug(1, `su_setOID: cannot execute command '${varname}'`);
    else log.debug(1, `su_setOID: cannot set value ${val} on OID ${e.oid}`);
    return STAT_SET_FAILED;
  }
  if (instcmd) log.debug(1, `su_setOID: successfully sent command ${varname}`);
  else {
    log.debug(1, `su_setOID: successfully set ${varname} to "${val}"`);
    eng.ctx.setInfo(varname, val ?? '');
  }
  void outletTemplate;
  return STAT_SET_HANDLED;
}
