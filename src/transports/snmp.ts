// SNMP manager transport: one session to one agent, one request at a time
// (as the Net-SNMP C library's synchronous API that NUT's snmp-ups uses).
// The interface reports what snmp-ups needs to tell apart: a varbind (its
// ASN.1 tag and value), an error status in the response, a timeout, or a
// local error. `openNetSnmpSession` implements it on npm `net-snmp`;
// `FakeSnmpAgent` is an in-memory agent for unit tests.

import { createRequire } from 'node:module';
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

const require = createRequire(import.meta.url);

/** ASN.1 tags of varbind values (net-snmp asn1.h) */
export const ASN_INTEGER = 0x02;
export const ASN_OCTET_STR = 0x04;
export const ASN_NULL = 0x05;
export const ASN_OBJECT_ID = 0x06;
export const ASN_IPADDRESS = 0x40;
export const ASN_COUNTER = 0x41;
export const ASN_GAUGE = 0x42;
export const ASN_TIMETICKS = 0x43;
export const ASN_OPAQUE = 0x44;
export const ASN_COUNTER64 = 0x46;
export const SNMP_NOSUCHOBJECT = 0x80;
export const SNMP_NOSUCHINSTANCE = 0x81;
export const SNMP_ENDOFMIBVIEW = 0x82;

/** SNMP error-status values (RFC 3416) */
export const SNMP_ERR_NOERROR = 0;
export const SNMP_ERR_NOSUCHNAME = 2;

export interface SnmpVarbind {
  /** dotted, without a leading dot */
  oid: string;
  type: number;
  /** INTEGER/Counter/Gauge/TimeTicks: number; OCTET STRING/Opaque: bytes; OBJECT IDENTIFIER/IpAddress: dotted text */
  value: number | Buffer | string | null;
}

export type SnmpReply =
  | { kind: 'varbind'; vb: SnmpVarbind }
  /** the agent answered with a non-zero error-status */
  | { kind: 'errstat'; errstat: number }
  | { kind: 'timeout' }
  /** local failure (bad OID text, encoding, socket) */
  | { kind: 'error'; message: string };

export type SnmpSetType = 'i' | 's' | 't';

export interface SnmpSession {
  get(oid: string): Promise<SnmpReply>;
  getNext(oid: string): Promise<SnmpReply>;
  /** 'i' INTEGER, 's' OCTET STRING, 't' TimeTicks (value as text, as snmp_add_var) */
  set(oid: string, type: SnmpSetType, value: string): Promise<SnmpReply>;
  close(): void;
}

export type SnmpVersion = 'v1' | 'v2c' | 'v3';
export type SecLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
export type AuthProtocol = 'MD5' | 'SHA' | 'SHA256' | 'SHA384' | 'SHA512';
export type PrivProtocol = 'DES' | 'AES' | 'AES192' | 'AES256';
export const AUTH_PROTOCOLS: readonly AuthProtocol[] = ['MD5', 'SHA', 'SHA256', 'SHA384', 'SHA512'];
export const PRIV_PROTOCOLS: readonly PrivProtocol[] = ['DES', 'AES', 'AES192', 'AES256'];

export interface SnmpSessionOptions {
  host: string;
  port: number;
  version: SnmpVersion;
  community?: string;
  /** resends after the first try */
  retries: number;
  /** per try */
  timeoutMs: number;
  v3?: {
    secLevel: SecLevel;
    secName: string;
    authProtocol: AuthProtocol;
    authPassword?: string;
    privProtocol: PrivProtocol;
    privPassword?: string;
  };
}

/** "host", "host:port", "[v6]:port" → host and port (161 by default), as Net-SNMP's peername */
export function parsePeer(peer: string): { host: string; port: number } | null {
  let host = peer;
  let port = 161;
  let m = /^udp6?:(.*)$/i.exec(host);
  if (m) host = m[1]!;
  if ((m = /^\[([^\]]+)\](?::(\d+))?$/.exec(host))) {
    host = m[1]!;
    if (m[2]) port = Number(m[2]);
  } else if ((m = /^([^:]+):(\d+)$/.exec(host))) {
    host = m[1]!;
    port = Number(m[2]);
  }
  if (!host || port < 1 || port > 65535) return null;
  return { host, port };
}

const OID_RE = /^\.?\d+(\.\d+)+$/;

// ---------------------------------------------------------------------------
// npm net-snmp implementation

/* eslint-disable @typescript-eslint/no-explicit-any */
let lib: any;
function netSnmp(): any {
  if (!lib) {
    lib = require('net-snmp');
    // net-snmp lacks AES-192 (Blumenthal key extension, as Net-SNMP's
    // usmAES192PrivProtocol): same CFB code with a 24-byte key.
    const P = lib.PrivProtocols;
    if (P.aes192b === undefined) {
      P[10] = 'aes192b';
      P.aes192b = 10;
      const E = lib.Encryption;
      E.algorithms[10] = {
        CRYPTO_ALGORITHM: 'aes-192-cfb', KEY_LENGTH: 24, BLOCK_LENGTH: 16,
        encryptPdu: E.encryptPduAes, decryptPdu: E.decryptPduAes,
        localizationAlgorithm: E.generateLocalizedKeyBlumenthal,
      };
      // OpenSSL 3 keeps single DES in its legacy provider only: run USM's DES-CBC
      // (RFC 3414 8.1.1) as 3DES-EDE with the key three times, which is the same cipher
      const des = E.algorithms[P.des];
      const desKeys = (authProtocol: unknown, privPassword: string, engineID: Buffer): { key: Buffer; preIv: Buffer } => {
        const k: Buffer = lib.Authentication.passwordToKey(authProtocol, privPassword, engineID);
        const key8 = k.subarray(0, 8);
        return { key: Buffer.concat([key8, key8, key8]), preIv: k.subarray(8, 16) };
      };
      des.encryptPdu = (scopedPdu: Buffer, _p: unknown, privPassword: string, authProtocol: unknown, engine: { engineID: Buffer }) => {
        const { key, preIv } = desKeys(authProtocol, privPassword, engine.engineID);
        const salt = Buffer.alloc(8);
        salt.writeUInt32BE(1, 0);
        randomFillSync(salt, 4, 4);
        const iv = Buffer.from(preIv.map((b, i) => b ^ salt[i]!));
        const padded = Buffer.alloc(Math.ceil(scopedPdu.length / 8) * 8 || 8);
        scopedPdu.copy(padded);
        const c = createCipheriv('des-ede3-cbc', key, iv);
        c.setAutoPadding(false);
        return { encryptedPdu: Buffer.concat([c.update(padded), c.final()]), msgPrivacyParameters: salt };
      };
      des.decryptPdu = (encrypted: Buffer, _p: unknown, salt: Buffer, privPassword: string, authProtocol: unknown, engine: { engineID: Buffer }) => {
        const { key, preIv } = desKeys(authProtocol, privPassword, engine.engineID);
        const iv = Buffer.from(preIv.map((b, i) => b ^ (salt[i] ?? 0)));
        const d = createDecipheriv('des-ede3-cbc', key, iv);
        d.setAutoPadding(false);
        return Buffer.concat([d.update(encrypted.subarray(0, encrypted.length - (encrypted.length % 8))), d.final()]);
      };
    }
  }
  return lib;
}

function toVarbind(vb: any): SnmpVarbind {
  const type = Number(vb.type);
  let value: SnmpVarbind['value'] = vb.value ?? null;
  if (type === ASN_COUNTER64 && Buffer.isBuffer(value)) {
    let n = 0;
    for (const b of value) n = n * 256 + b;
    value = n;
  }
  return { oid: String(vb.oid).replace(/^\./, ''), type, value };
}

class NetSnmpSession implements SnmpSession {
  private readonly s: any;
  private closed = false;

  constructor(private readonly o: SnmpSessionOptions) {
    const snmp = netSnmp();
    const common = {
      port: o.port,
      retries: o.retries,
      timeout: o.timeoutMs,
      transport: o.host.includes(':') ? 'udp6' : 'udp4',
      // Net-SNMP sends GETNEXT/GET one varbind per PDU too
      backwardsGetNexts: true,
      idBitsSize: 32,
    };
    if (o.version === 'v3') {
      const v3 = o.v3!;
      const user: any = { name: v3.secName, level: snmp.SecurityLevel[v3.secLevel] };
      if (v3.secLevel !== 'noAuthNoPriv') {
        user.authProtocol = snmp.AuthProtocols[v3.authProtocol.toLowerCase()];
        user.authKey = v3.authPassword;
      }
      if (v3.secLevel === 'authPriv') {
        user.privProtocol = snmp.PrivProtocols[{ DES: 'des', AES: 'aes', AES192: 'aes192b', AES256: 'aes256b' }[v3.privProtocol]];
        user.privKey = v3.privPassword;
      }
      this.s = snmp.createV3Session(o.host, user, { ...common, version: snmp.Version3 });
    } else {
      this.s = snmp.createSession(o.host, o.community ?? 'public', {
        ...common, version: o.version === 'v1' ? snmp.Version1 : snmp.Version2c,
      });
    }
    // a garbled datagram must not take the process down: the request it
    // could not match simply times out
    this.s.on('error', () => undefined);
  }

  private call(fn: (cb: (err: any, vbs: any[]) => void) => void): Promise<SnmpReply> {
    if (this.closed) return Promise.resolve({ kind: 'error', message: 'session closed' });
    const snmp = netSnmp();
    return new Promise((resolve) => {
      try {
        fn((err, vbs) => {
          if (err) {
            if (err instanceof snmp.RequestTimedOutError) resolve({ kind: 'timeout' });
            else if (err instanceof snmp.RequestFailedError) resolve({ kind: 'errstat', errstat: Number(err.status) });
            else resolve({ kind: 'error', message: String(err.message ?? err) });
            return;
          }
          const vb = vbs?.[0];
          if (!vb) resolve({ kind: 'error', message: 'empty response' });
          else resolve({ kind: 'varbind', vb: toVarbind(vb) });
        });
      } catch (e) {
        resolve({ kind: 'error', message: (e as Error).message });
      }
    });
  }

  get(oid: string): Promise<SnmpReply> {
    if (!OID_RE.test(oid)) return Promise.resolve({ kind: 'error', message: 'Unknown Object Identifier' });
    return this.call((cb) => this.s.get([oid.replace(/^\./, '')], cb));
  }

  getNext(oid: string): Promise<SnmpReply> {
    if (!OID_RE.test(oid)) return Promise.resolve({ kind: 'error', message: 'Unknown Object Identifier' });
    return this.call((cb) => this.s.getNext([oid.replace(/^\./, '')], cb));
  }

  set(oid: string, type: SnmpSetType, value: string): Promise<SnmpReply> {
    if (!OID_RE.test(oid)) return Promise.resolve({ kind: 'error', message: 'Unknown Object Identifier' });
    const snmp = netSnmp();
    let vb: any;
    if (type === 's') vb = { oid: oid.replace(/^\./, ''), type: snmp.ObjectType.OctetString, value: Buffer.from(value, 'latin1') };
    else {
      const n = Number(value);
      if (!Number.isInteger(n)) return Promise.resolve({ kind: 'error', message: 'Bad value' });
      vb = { oid: oid.replace(/^\./, ''), type: type === 't' ? snmp.ObjectType.TimeTicks : snmp.ObjectType.Integer, value: n };
    }
    return this.call((cb) => this.s.set([vb], cb));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try { this.s.close(); } catch { /* already closed */ }
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function openNetSnmpSession(o: SnmpSessionOptions): SnmpSession {
  return new NetSnmpSession(o);
}

// ---------------------------------------------------------------------------
// Fake agent for unit tests

export interface FakeValue { type: number; value: number | Buffer | string }

export function compareOids(a: string, b: string): number {
  const x = a.split('.'), y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d) return d;
  }
  return x.length - y.length;
}

/** An in-memory agent speaking v2c semantics (v1: errstat noSuchName), recording SETs. */
export class FakeSnmpAgent implements SnmpSession {
  readonly values = new Map<string, FakeValue>();
  readonly sets: string[] = [];
  silent = false;
  requests = 0;
  constructor(readonly version: 'v1' | 'v2c' = 'v2c') {}

  put(oid: string, type: number, value: number | Buffer | string): this {
    this.values.set(oid.replace(/^\./, ''), { type, value });
    return this;
  }

  async get(oid: string): Promise<SnmpReply> {
    this.requests++;
    if (this.silent) return { kind: 'timeout' };
    const k = oid.replace(/^\./, '');
    const v = this.values.get(k);
    if (v) return { kind: 'varbind', vb: { oid: k, ...v } };
    if (this.version === 'v1') return { kind: 'errstat', errstat: SNMP_ERR_NOSUCHNAME };
    return { kind: 'varbind', vb: { oid: k, type: SNMP_NOSUCHINSTANCE, value: null } };
  }

  async getNext(oid: string): Promise<SnmpReply> {
    this.requests++;
    if (this.silent) return { kind: 'timeout' };
    const k = oid.replace(/^\./, '');
    const next = [...this.values.keys()].filter((o) => compareOids(o, k) > 0).sort(compareOids)[0];
    if (next) return { kind: 'varbind', vb: { oid: next, ...this.values.get(next)! } };
    if (this.version === 'v1') return { kind: 'errstat', errstat: SNMP_ERR_NOSUCHNAME };
    return { kind: 'varbind', vb: { oid: k, type: SNMP_ENDOFMIBVIEW, value: null } };
  }

  async set(oid: string, type: SnmpSetType, value: string): Promise<SnmpReply> {
    this.requests++;
    if (this.silent) return { kind: 'timeout' };
    const k = oid.replace(/^\./, '');
    this.sets.push(`${k} ${type} ${value}`);
    const t = type === 's' ? ASN_OCTET_STR : type === 't' ? ASN_TIMETICKS : ASN_INTEGER;
    this.values.set(k, { type: t, value: type === 's' ? Buffer.from(value, 'latin1') : Number(value) });
    return { kind: 'varbind', vb: { oid: k, type: t, value: type === 's' ? Buffer.from(value, 'latin1') : Number(value) } };
  }

  close(): void { /* nothing */ }
}
