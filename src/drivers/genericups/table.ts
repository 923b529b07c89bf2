// The contact-closure cable types of NUT 2.8.0 drivers/genericups.h (upstype=N):
// which output lines power the cable, which input lines (and levels) mean
// on line / low battery / replace battery / bypass, and what signals shutdown.

import { TIOCM_CD, TIOCM_CTS, TIOCM_DSR, TIOCM_DTR, TIOCM_RNG, TIOCM_RTS, TIOCM_ST } from '../../transports/modem-lines.js';

const TIOCM_RI = TIOCM_RNG;

export interface UpsType {
  mfr: string; model: string; desc: string;
  lineNorm: number;
  lineOl: number; valOl: number;
  lineBl: number; valBl: number;
  lineRb: number; valRb: number;
  lineBypass: number; valBypass: number;
  /** -1: no shutdown defined */
  lineSd: number;
}

export const UPSTAB: readonly UpsType[] = [
  /* 0 */ { mfr: "UPSONIC", model: "LAN Saver 600", desc: "UPSONIC LAN Saver 600", lineNorm: TIOCM_DTR | TIOCM_RTS, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 1 */ { mfr: "APC", model: "Back-UPS", desc: "APC Back-UPS (940-0095A/C cable)", lineNorm: TIOCM_DTR, lineOl: TIOCM_RNG, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 2 */ { mfr: "APC", model: "Back-UPS", desc: "APC Back-UPS (940-0020B/C cable)", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR | TIOCM_RTS },
  /* 3 */ { mfr: "PowerTech", model: "Comp1000", desc: "PowerTech Comp1000 with DTR as cable power", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR | TIOCM_RTS },
  /* 4 */ { mfr: "Generic", model: "Generic RUPS model", desc: "Generic RUPS model", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: 0 },
  /* 5 */ { mfr: "TrippLite", model: "Internet Office Series", desc: "Tripp Lite UPS with Lan2.2 interface (black 73-0844 cable)", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR | TIOCM_RTS },
  /* 6 */ { mfr: "Best", model: "Patriot", desc: "Best Patriot (INT51 cable)", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 7 */ { mfr: "CyberPower", model: "Power99", desc: "CyberPower Power99", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR },
  /* 8 */ { mfr: "Nitram", model: "Elite UPS", desc: "Nitram Elite 500", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: -1 },
  /* 9 */ { mfr: "APC", model: "Back-UPS", desc: "APC Back-UPS (940-0023A cable)", lineNorm: 0, lineOl: TIOCM_CD, valOl: 0, lineBl: TIOCM_CTS, valBl: TIOCM_CTS, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 10 */ { mfr: "Victron", model: "Lite", desc: "Victron Lite (crack cable)", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR },
  /* 11 */ { mfr: "Powerware", model: "3115", desc: "Powerware 3115", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_ST },
  /* 12 */ { mfr: "APC", model: "Back-UPS Office", desc: "APC Back-UPS Office (940-0119A cable)", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR },
  /* 13 */ { mfr: "RPT", model: "Repoteck", desc: "Repoteck RPT-800A, RPT-162A", lineNorm: TIOCM_DTR | TIOCM_RTS, lineOl: TIOCM_CD, valOl: TIOCM_CD, lineBl: TIOCM_CTS, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_ST },
  /* 14 */ { mfr: "Online", model: "P250, P500, P750, P1250", desc: "Online P-series", lineNorm: TIOCM_DTR, lineOl: TIOCM_CD, valOl: TIOCM_CD, lineBl: TIOCM_CTS, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 15 */ { mfr: "Powerware", model: "5119", desc: "Powerware 5119", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_ST },
  /* 16 */ { mfr: "Nitram", model: "Elite UPS", desc: "Nitram Elite 2002", lineNorm: TIOCM_DTR | TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: -1 },
  /* 17 */ { mfr: "PowerKinetics", model: "9001", desc: "PowerKinetics 9001", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: -1 },
  /* 18 */ { mfr: "TrippLite", model: "Omni 450LAN", desc: "TrippLite UPS with Martin's cabling", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: -1 },
  /* 19 */ { mfr: "Fideltronik", model: "Ares Series", desc: "Fideltronik Ares Series", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS },
  /* 20 */ { mfr: "Powerware", model: "5119 RM", desc: "Powerware 5119 RM", lineNorm: TIOCM_DTR, lineOl: TIOCM_CTS, valOl: 0, lineBl: TIOCM_CD, valBl: TIOCM_CD, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_ST },
  /* 21 */ { mfr: "Generic", model: "Generic RUPS 2000", desc: "Generic RUPS 2000 (Megatec M2501 cable)", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_RTS | TIOCM_DTR },
  /* 22 */ { mfr: "Gamatronic Electronic Industries", model: "Generic Alarm UPS", desc: "Gamatronic UPSs with alarm interface", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: 0, valRb: 0, lineBypass: 0, valBypass: 0, lineSd: TIOCM_DTR },
  /* 23 */ { mfr: "Generic", model: "Generic FTTx Battery Backup", desc: "FTTx (Fiber to the x) battery backup with 4-wire telemetry interface", lineNorm: TIOCM_RTS, lineOl: TIOCM_CTS, valOl: TIOCM_CTS, lineBl: TIOCM_CD, valBl: 0, lineRb: TIOCM_RI, valRb: 0, lineBypass: TIOCM_DSR, valBypass: 0, lineSd: 0 },
];
