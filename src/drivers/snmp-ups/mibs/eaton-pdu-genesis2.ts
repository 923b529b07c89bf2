// Eaton ePDU, Aphel Genesis II
// NUT 2.8.0's drivers/eaton-pdu-genesis2-mib.c as data (mib2nut: aphel_genesisII), per the contract in ../mib.ts.
import {
  ST_FLAG_RW,
  ST_FLAG_STRING,
  SU_FLAG_ABSENT,
  SU_FLAG_NEGINVALID,
  SU_FLAG_OK,
  SU_FLAG_STATIC,
  type Mib2Nut,
  type SnmpInfo,
} from '../mib.js';

const eaton_aphel_genesisII_mib: readonly SnmpInfo[] = [
  { name: 'device.description', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.contact', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.location', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 128, oid: '.1.3.6.1.2.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK },
  { name: 'device.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'EATON | Powerware', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.17373.3.1.1.0', dfl: 'Eaton Powerware ePDU Monitored', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'device.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'device.macaddr', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.17373.3.1.4.0', dfl: 'unknown', suFlags: 0 },
  { name: 'ups.mfr', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'EATON | Powerware', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'ups.model', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.17373.3.1.1.0', dfl: 'Generic SNMP PDU', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.id', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.17373.3.1.3.0', dfl: 'unknown', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.firmware', flags: ST_FLAG_STRING, len: 128, oid: '.1.3.6.1.4.1.17373.3.1.2.0', dfl: '', suFlags: SU_FLAG_STATIC | SU_FLAG_OK },
  { name: 'ups.type', flags: ST_FLAG_STRING, len: 128, oid: null, dfl: 'pdu', suFlags: SU_FLAG_STATIC | SU_FLAG_ABSENT | SU_FLAG_OK },
  { name: 'outlet.1.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.1.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.2.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.2.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.3.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.3.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.4.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.4.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.5.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.5.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.6.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.6.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.7.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.7.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
  { name: 'outlet.8.current', flags: 0, len: 0.1, oid: '.1.3.6.1.4.1.17373.3.2.8.0', dfl: null, suFlags: SU_FLAG_NEGINVALID },
];

export const aphel_genesisII: Mib2Nut = {
  name: 'aphel_genesisII',
  version: '0.52',
  oidPwrStatus: null,
  oidAutoCheck: '.1.3.6.1.4.1.17373.3.1.1.0',
  info: eaton_aphel_genesisII_mib,
  sysOid: '.1.3.6.1.4.1.17373',
  alarms: null,
};
