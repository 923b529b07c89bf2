// snmp-ups' nut_snmp_* layer: GET/walk/SET on an SnmpSession with the
// reference's decoding and its error reporting (log lines, error limiting).

import type { Logger } from '../../core/logger.js';
import {
  ASN_COUNTER, ASN_GAUGE, ASN_INTEGER, ASN_OBJECT_ID, ASN_OCTET_STR, ASN_OPAQUE, ASN_TIMETICKS,
  SNMP_ERR_NOSUCHNAME, type SnmpReply, type SnmpSession, type SnmpSetType, type SnmpVarbind,
} from '../../transports/snmp.js';
import { newMibState, type OidLookup } from './mib.js';
import { findInfoVal, octetsToText, SU_INFOSIZE, strtol0 } from './convert.js';

const SU_ERR_LIMIT = 10;
const SU_ERR_RATE = 100;

/** snmp_errstring() of Net-SNMP for an error-status */
export const ERRSTAT_TEXT: Record<number, string> = {
  0: '(noError) No Error',
  1: '(tooBig) Response message would have been too large.',
  2: '(noSuchName) There is no such variable name in this MIB.',
  3: '(badValue) The value given has the wrong type or length.',
  4: '(readOnly) The two parties used do not have access to use the specified SNMP PDU.',
  5: '(genError) A general failure occured',
  6: 'noAccess',
  7: 'wrongType (The set datatype does not match the data type the agent expects)',
  8: 'wrongLength (The set value has an illegal length from what the agent expects)',
  9: 'wrongEncoding',
  10: 'wrongValue (The set value is illegal or unsupported in some way)',
  11: 'noCreation (That table does not support row creation or that object can not ever be created)',
  12: 'inconsistentValue (The set value is illegal or unsupported in some way)',
  13: 'resourceUnavailable (This is likely a out-of-memory failure within the agent)',
  14: 'commitFailed',
  15: 'undoFailed',
  16: 'authorizationError (access denied to that object)',
  17: 'notWritable (That object does not support modification)',
  18: 'inconsistentName (That object can not currently be created)',
};

const hex = (t: number): string => t.toString(16);

export class SnmpIo {
  /** set once a MIB is chosen: before that, errors are probing noise and ignored */
  mibname: string | null = null;
  private numerr = 0;
  /** what this device's conversions share (the temperature unit) */
  readonly mibState = newMibState();

  constructor(readonly session: SnmpSession, private readonly log: Logger, readonly upsname: string, readonly peername: string) {}

  /** nut_snmp_perror() for a reply that is not a plain varbind */
  perror(r: SnmpReply, what: string): void {
    const u = this.upsname;
    if (r.kind === 'errstat') {
      if (r.errstat === SNMP_ERR_NOSUCHNAME) this.log.debug(2, `[${u}] ${what}: ${ERRSTAT_TEXT[r.errstat]}`);
      else this.log.err(`[${u}] ${what}: Error in packet: ${ERRSTAT_TEXT[r.errstat] ?? 'Unknown Error'}`);
    } else if (r.kind === 'timeout') {
      this.log.err(`[${u}] ${what}: Timeout`);
    } else if (r.kind === 'error') {
      this.log.err(`[${u}] ${what}: ${r.message}`);
    }
  }

  /** nut_snmp_walk(): GET, then GETNEXT while the OID does not get shorter; null if nothing came back */
  async walk(oid: string, maxIteration: number): Promise<SnmpVarbind[] | null> {
    this.log.debug(3, `nut_snmp_walk(${oid})`);
    this.log.debug(4, `nut_snmp_walk: max. iteration = ${maxIteration}`);
    if (!/^\.?\d+(\.\d+)*$/.test(oid)) {
      this.log.debug(2, `[${this.upsname}] nut_snmp_walk: ${oid}: Unknown Object Identifier`);
      return null;
    }
    const nameLen = oid.replace(/^\./, '').split('.').length;
    let cur = oid;
    let curLen = nameLen;
    let getnext = false;
    const out: SnmpVarbind[] = [];
    // the reference has no bound for INT_MAX walks; an agent that never ends its view must not hang us
    const max = Math.min(maxIteration, 100000);
    while (out.length < max) {
      if (curLen < nameLen) break;
      const r = getnext ? await this.session.getNext(cur) : await this.session.get(cur);
      if (r.kind === 'timeout' || r.kind === 'error') break;
      if (r.kind === 'errstat') {
        if (this.mibname === null) return null;
        this.numerr++;
        if (this.numerr === SU_ERR_LIMIT || this.numerr % SU_ERR_RATE === 0) {
          this.log.warn(`[${this.upsname}] Warning: excessive poll failures, limiting error reporting (OID = ${oid})`);
        }
        if (this.numerr < SU_ERR_LIMIT || this.numerr % SU_ERR_RATE === 0) {
          if (getnext) this.log.debug(2, '=> No more OID, walk complete');
          else this.perror(r, `nut_snmp_walk: ${oid}`);
        }
        break;
      }
      this.numerr = 0;
      out.push(r.vb);
      cur = r.vb.oid;
      curLen = r.vb.oid.split('.').length;
      getnext = true;
    }
    return out.length ? out : null;
  }

  /** nut_snmp_get(): one varbind (possibly a v2c exception), or null */
  async get(oid: string | null): Promise<SnmpVarbind | null> {
    if (oid === null) return null;
    this.log.debug(3, `nut_snmp_get(${oid})`);
    const r = await this.walk(oid, 1);
    return r ? r[0]! : null;
  }

  /** decode_str(): the text of a varbind; null when it cannot be shown */
  async decodeStr(vb: SnmpVarbind, lookup: OidLookup | null | undefined, bufLen = SU_INFOSIZE): Promise<string | null> {
    switch (vb.type) {
      case ASN_OCTET_STR:
      case ASN_OPAQUE:
        return octetsToText(Buffer.isBuffer(vb.value) ? vb.value : Buffer.from(String(vb.value ?? ''), 'latin1'), bufLen);
      case ASN_INTEGER:
      case ASN_COUNTER:
      case ASN_GAUGE: {
        const n = Number(vb.value);
        if (lookup) {
          const s = findInfoVal(lookup, n, this.mibState);
          return s === null ? null : s.slice(0, bufLen - 1);
        }
        return String(n);
      }
      case ASN_TIMETICKS:
        return String(Math.trunc(Number(vb.value) / 100));
      case ASN_OBJECT_ID: {
        const target = '.' + String(vb.value);
        this.log.debug(2, `Received an OID value: ${target}`);
        const s = await this.getStr(target, lookup, bufLen);
        if (s === null) {
          this.log.debug(3, 'Failed to retrieve OID value, using fallback');
          const leaf = target.slice(target.lastIndexOf('.') + 1);
          this.log.debug(3, `Fallback value: ${leaf}`);
          return leaf;
        }
        return s;
      }
      default:
        return null;
    }
  }

  /** nut_snmp_get_str() */
  async getStr(oid: string, lookup: OidLookup | null | undefined, bufLen = SU_INFOSIZE): Promise<string | null> {
    this.log.debug(3, 'Entering nut_snmp_get_str()');
    const vb = await this.get(oid);
    if (!vb) return null;
    const s = await this.decodeStr(vb, lookup, bufLen);
    if (s === null) this.log.debug(2, `[${this.upsname}] unhandled ASN 0x${hex(vb.type)} received from ${oid}`);
    return s;
  }

  /** nut_snmp_get_oid(): the OID value itself, dotted with a leading dot */
  async getOid(oid: string): Promise<string | null> {
    this.log.debug(3, 'Entering nut_snmp_get_oid()');
    const vb = await this.get(oid);
    if (!vb) return null;
    if (vb.type !== ASN_OBJECT_ID) {
      this.log.debug(2, `[${this.upsname}] unhandled ASN 0x${hex(vb.type)} received from ${oid}`);
      return null;
    }
    const s = '.' + String(vb.value);
    this.log.debug(2, `OID value: ${s}`);
    return s;
  }

  /** nut_snmp_get_int() */
  async getInt(oid: string): Promise<number | null> {
    this.log.debug(3, 'Entering nut_snmp_get_int()');
    const vb = await this.get(oid);
    if (!vb) return null;
    switch (vb.type) {
      case ASN_OCTET_STR:
      case ASN_OPAQUE: {
        const b = Buffer.isBuffer(vb.value) ? vb.value : Buffer.from(String(vb.value ?? ''), 'latin1');
        const nul = b.indexOf(0);
        return strtol0((nul >= 0 ? b.subarray(0, nul) : b).toString('latin1'));
      }
      case ASN_INTEGER:
      case ASN_COUNTER:
      case ASN_GAUGE:
        return Number(vb.value);
      case ASN_TIMETICKS:
        return Math.trunc(Number(vb.value) / 100);
      case ASN_OBJECT_ID: {
        const target = '.' + String(vb.value);
        this.log.debug(2, `Received an OID value: ${target}`);
        const v = await this.getInt(target);
        if (v === null) {
          this.log.debug(3, 'Failed to retrieve OID value, using fallback');
          const leaf = strtol0(target.slice(target.lastIndexOf('.') + 1));
          this.log.debug(3, `Fallback value: ${leaf}`);
          return leaf;
        }
        return v;
      }
      default:
        this.log.err(`[${this.upsname}] unhandled ASN 0x${hex(vb.type)} received from ${oid}`);
        return null;
    }
  }

  /** nut_snmp_set() */
  async set(oid: string, type: SnmpSetType, value: string): Promise<boolean> {
    this.log.debug(1, `entering nut_snmp_set(${oid}, ${type}, ${value})`);
    const r = await this.session.set(oid, type, value);
    if (r.kind === 'varbind') return true;
    if (r.kind === 'timeout') this.log.err(`[${this.upsname}] nut_snmp_set: can't set ${oid}: Timeout: no response from ${this.peername}`);
    else this.perror(r, `nut_snmp_set: can't set ${oid}`);
    return false;
  }

  setStr(oid: string, value: string): Promise<boolean> { return this.set(oid, 's', value); }
  setInt(oid: string, value: number): Promise<boolean> { return this.set(oid, 'i', String(value)); }
  setTime(oid: string, value: number): Promise<boolean> { return this.set(oid, 't', String(value * 100)); }
}
