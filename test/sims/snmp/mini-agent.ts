// Many SNMPv2c agents in one process, for the many-devices test and bench:
// one UDP socket per device, GET/GETNEXT answered from its Walk, and the
// time of every request per OID recorded. Minimal by design (v1/v2c GET,
// GETNEXT; no SET, no v3): the single-device tests use snmpd instead.

import dgram from 'node:dgram';
import { createRequire } from 'node:module';
import { Walk } from './walk.js';

const require = createRequire(import.meta.url);
// asn1-ber: the BER codec net-snmp itself uses (installed with it)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ber: any = require('asn1-ber').Ber;

const TAGS: Record<string, number> = {
  integer: 0x02, string: 0x04, octet: 0x04, objectid: 0x06, ipaddress: 0x40, counter: 0x41, gauge: 0x42, unsigned: 0x42,
  timeticks: 0x43, counter64: 0x46,
};

export class MiniAgent {
  /** OID → request times (ms since epoch) */
  readonly hits = new Map<string, number[]>();
  private constructor(readonly sock: dgram.Socket, readonly port: number, readonly walk: Walk, readonly community: string) {}

  static async start(walk: Walk, community = 'public'): Promise<MiniAgent> {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const a = new MiniAgent(sock, sock.address().port, walk, community);
    sock.on('message', (m, rinfo) => {
      try {
        const out = a.answer(m);
        if (out) sock.send(out, rinfo.port, rinfo.address);
      } catch { /* not SNMP: ignore, as an agent does */ }
    });
    return a;
  }

  private answer(msg: Buffer): Buffer | null {
    const r = new ber.Reader(msg);
    r.readSequence();
    const version = r.readInt();
    const community = r.readString();
    if (community !== this.community) return null;
    const type = r.peek();
    if (type !== 0xa0 && type !== 0xa1) return null;
    r.readSequence(type);
    const id = r.readInt();
    r.readInt(); r.readInt();
    r.readSequence();
    const oids: string[] = [];
    while (r.remain > 0) { r.readSequence(); oids.push(r.readOID()); r.readByte(); r.readByte(); }
    const now = Date.now();
    const w = new ber.Writer();
    w.startSequence();
    w.writeInt(version);
    w.writeString(community);
    w.startSequence(0xa2);
    w.writeInt(id);
    let err = 0, idx = 0;
    const binds: [string, { type: string; value: string } | null, number][] = [];
    oids.forEach((oid, i) => {
      (this.hits.get(oid) ?? this.hits.set(oid, []).get(oid)!).push(now);
      if (type === 0xa0) {
        const v = this.walk.get(oid);
        binds.push([oid, v ?? null, v ? 0 : 0x81]);
        if (!v && version === 0 && !err) { err = 2; idx = i + 1; }
      } else {
        const n = this.walk.next(oid);
        binds.push(n ? [n[0], n[1], 0] : [oid, null, 0x82]);
        if (!n && version === 0 && !err) { err = 2; idx = i + 1; }
      }
    });
    w.writeInt(err);
    w.writeInt(idx);
    w.startSequence();
    for (const [oid, v, exc] of binds) {
      w.startSequence();
      w.writeOID(oid);
      if (err) w.writeNull();
      else if (!v) { w.writeByte(exc); w.writeByte(0); }
      else if (v.type === 'objectid') w.writeOID(v.value);
      else if (v.type === 'string') w.writeString(v.value);
      else w.writeInt(Number(v.value), TAGS[v.type] ?? 0x02);
      w.endSequence();
    }
    w.endSequence();
    w.endSequence();
    w.endSequence();
    return w.buffer;
  }

  close(): void { this.sock.close(); }
}
