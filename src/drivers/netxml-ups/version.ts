/** netxml-ups' DRIVER_VERSION in NUT 2.8.0 */
export const DRIVER_VERSION = '0.44';
