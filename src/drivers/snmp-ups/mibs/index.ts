// Every mib2nut table of NUT 2.8.0, in the order of snmp-ups.c's mib2nut[]:
// `mibs=auto` tries them in this order, vendor MIBs before IETF so that a
// device speaking both gets its vendor's.
import type { Mib2Nut } from '../mib.js';
import { apc_ats } from './apc-ats.js';
import { apc_pdu_msp, apc_pdu_rpdu, apc_pdu_rpdu2 } from './apc-pdu.js';
import { apc } from './apc.js';
import { baytech } from './baytech.js';
import { bestpower } from './bestpower.js';
import { compaq } from './compaq.js';
import { cyberpower } from './cyberpower.js';
import { delta_ups } from './delta_ups.js';
import { eaton_ats16_nmc } from './eaton-ats16-nmc.js';
import { eaton_ats16_nm2 } from './eaton-ats16-nm2.js';
import { eaton_ats30 } from './eaton-ats30.js';
import { eaton_marlin } from './eaton-pdu-marlin.js';
import { emerson_avocent_pdu } from './emerson-avocent-pdu.js';
import { aphel_revelation } from './eaton-pdu-revelation.js';
import { aphel_genesisII } from './eaton-pdu-genesis2.js';
import { pulizzi_switched1, pulizzi_switched2 } from './eaton-pdu-pulizzi.js';
import { hpe_pdu } from './hpe-pdu.js';
import { huawei } from './huawei.js';
import { mge } from './mge.js';
import { netvision } from './netvision.js';
import { powerware, pxgx_ups } from './powerware.js';
import { raritan } from './raritan-pdu.js';
import { raritan_px2 } from './raritan-px2.js';
import { xppc } from './xppc.js';
import { ietf, tripplite_ietf } from './ietf.js';

export const mib2nut: readonly Mib2Nut[] = [
  apc_ats,
  apc_pdu_rpdu,
  apc_pdu_rpdu2,
  apc_pdu_msp,
  apc,
  baytech,
  bestpower,
  compaq,
  cyberpower,
  delta_ups,
  eaton_ats16_nmc,
  eaton_ats16_nm2,
  eaton_ats30,
  eaton_marlin,
  emerson_avocent_pdu,
  aphel_revelation,
  aphel_genesisII,
  pulizzi_switched1,
  pulizzi_switched2,
  hpe_pdu,
  huawei,
  mge,
  netvision,
  powerware,
  pxgx_ups,
  raritan,
  raritan_px2,
  xppc,
  tripplite_ietf,
  ietf,
];
