// Result codes and flag bits every driver uses, in one place (NUT's
// drivers/upshandler.h and include/extstate.h).

export { FLAG_RW, FLAG_STRING, FLAG_NUMBER, FLAG_IMMUTABLE } from '../../state/store.js';

/** instcmd results (upshandler.h), sent as `TRACKING <id> <n>` */
export const STAT_INSTCMD_HANDLED = 0;
export const STAT_INSTCMD_UNKNOWN = 1;
export const STAT_INSTCMD_INVALID = 2;
export const STAT_INSTCMD_FAILED = 3;
export const STAT_INSTCMD_CONVERSION_FAILED = 4;

/** setvar results */
export const STAT_SET_HANDLED = 0;
export const STAT_SET_UNKNOWN = 1;
export const STAT_SET_INVALID = 2;
export const STAT_SET_FAILED = 3;
export const STAT_SET_CONVERSION_FAILED = 4;

/**
 * The shared values of both enums, for engines whose one handler answers
 * instcmd and setvar alike (nutdrv_qx, apcsmart).
 */
export const STAT_HANDLED = 0;
export const STAT_UNKNOWN = 1;
export const STAT_INVALID = 2;
export const STAT_FAILED = 3;

/** ST_FLAG_* of extstate.h as driver tables write them (info_flags); same bits as FLAG_RW/FLAG_STRING */
export const ST_FLAG_RW = 0x0001;
export const ST_FLAG_STRING = 0x0002;

/** how many times the serial drivers retry a command before calling the UPS lost (blazer.h, nutdrv_qx.h) */
export const MAXTRIES = 3;
