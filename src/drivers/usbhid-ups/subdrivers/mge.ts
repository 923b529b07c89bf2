// Eaton / MGE (NUT 2.8.0 mge-hid.c, "MGE HID 1.46"), also Dell, Powerware,
// HP, AEG PROTECT B/NAS (Phoenixtec id) and IBM units.

import type { ClaimEnv, FormatEnv, HidDeviceInfo, HidInfo, HidSubdriver, InfoLookup, UsbId } from '../subdriver.js';
import {
  HU_FLAG_ABSENT, HU_FLAG_ENUM, HU_FLAG_QUICK_POLL, HU_FLAG_SEMI_STATIC, HU_FLAG_STATIC, HU_TYPE_CMD, ST_FLAG_RW,
  ST_FLAG_STRING,
} from '../subdriver.js';
import type { UsageTable } from '../../../hid/types.js';
import {
  DEFAULT_OFFDELAY, DEFAULT_ONDELAY, battvolthi_info, battvoltlo_info, beeper_info, boost_info, bypass_auto_info,
  bypass_manual_info, chargerfail_info, commfault_info, fanfail_info, frange_info, kelvin_celsius_conversion,
  lowbatt_info, nobattery_info, off_info, on_off_info, online_info, overheat_info, overload_info, replacebatt_info,
  shutdownimm_info, stringid_conversion, test_read_info, trim_info, vrange_info, yes_no_info,
} from '../lookups.js';
import { info, isUsbDeviceSupported, possiblySupported, usbDevice } from './common.js';
import {
  EATON_5P, MGE_3S, MGE_DEFAULT, MGE_DEFAULT_OFFLINE, MGE_EVOLUTION_1150, MGE_EVOLUTION_1550, MGE_EVOLUTION_2000,
  MGE_EVOLUTION_650, MGE_EVOLUTION_850, MGE_EVOLUTION_S_1250, MGE_EVOLUTION_S_1750, MGE_EVOLUTION_S_2500,
  MGE_EVOLUTION_S_3000, MGE_PEGASUS, MGE_PULSAR_M_2200, MGE_PULSAR_M_3000, MGE_PULSAR_M_3000_XL,
  eaton_abm_chrg_dischrg_info, eaton_abm_enabled_info, eaton_abm_status_info, eaton_charging_info,
  eaton_check_country_info, eaton_compute_realpower_info, eaton_converter_online_info, eaton_discharging_info,
  mge_battery_capacity, mge_battery_voltage, mge_battery_voltage_nominal, mge_date_conversion,
  mge_powerfactor_conversion, mge_state, mge_time_conversion, nominal_output_voltage_info, pegasus_threshold_info,
  pegasus_yes_no_info,
} from './mge-lookups.js';


export const MGE_VENDORID = 0x0463;
export const DELL_VENDORID = 0x047c;
export const POWERWARE_VENDORID = 0x0592;
export const HP_VENDORID = 0x03f0;
export const AEG_VENDORID = 0x2b2d;
/** Phoenixtec: mostly liebert's, but AEG PROTECT NAS units are MGE's */
export const PHOENIXTEC = 0x06da;
export const IBM_VENDORID = 0x04b3;

export const mge_usb_device_table: readonly UsbId[] = [
  usbDevice(MGE_VENDORID, 0x0001), // various models
  usbDevice(MGE_VENDORID, 0xffff),
  usbDevice(DELL_VENDORID, 0xffff), // various models
  usbDevice(POWERWARE_VENDORID, 0x0004), // PW 9140
  usbDevice(HP_VENDORID, 0x1fe5), // R/T3000
  usbDevice(HP_VENDORID, 0x1fe6), // R/T3000
  usbDevice(HP_VENDORID, 0x1fe7), // various models
  usbDevice(HP_VENDORID, 0x1fe8),
  usbDevice(AEG_VENDORID, 0xffff), // PROTECT B / NAS
  usbDevice(PHOENIXTEC, 0xffff),
  usbDevice(IBM_VENDORID, 0x0001), // 6000 VA LCD 4U Rack UPS; 5396-1Kx
];

interface ModelName {
  iProduct: string;
  iModel: string;
  type: number;
  /** the model name to show; null: "<iProduct> <iModel>" */
  name: string | null;
}
const model = (iProduct: string, iModel: string, type: number, name: string | null): ModelName => ({ iProduct, iModel, type, name });

export const eaton_enable_disable_info: InfoLookup = [
  { hid: 0, nut: 'disabled' },
  { hid: 1, nut: 'enabled' },
];

export const mge_upstype_conversion: InfoLookup = [
  { hid: 1, nut: 'offline / line interactive' },
  { hid: 2, nut: 'online' },
  { hid: 3, nut: 'online - unitary/parallel' },
  { hid: 4, nut: 'online - parallel with hot standy' },
  { hid: 5, nut: 'online - hot standby redundancy' },
];

export const mge_sensitivity_info: InfoLookup = [
  { hid: 0, nut: 'normal' },
  { hid: 1, nut: 'high' },
  { hid: 2, nut: 'low' },
];

export const mge_emergency_stop: InfoLookup = [
  { hid: 1, nut: 'Emergency stop!' },
];

export const mge_wiring_fault: InfoLookup = [
  { hid: 1, nut: 'Wiring fault!' },
];

export const mge_config_failure: InfoLookup = [
  { hid: 1, nut: 'Fatal EEPROM fault!' },
];

export const mge_inverter_volthi: InfoLookup = [
  { hid: 1, nut: 'Inverter AC voltage too high!' },
];

export const mge_inverter_voltlo: InfoLookup = [
  { hid: 1, nut: 'Inverter AC voltage too low!' },
];

export const mge_short_circuit: InfoLookup = [
  { hid: 1, nut: 'Output short circuit!' },
];

export const mge_onbatt_info: InfoLookup = [
  { hid: 1, nut: '!online' },
  { hid: 0, nut: 'online' },
];

export const mge_usage_lkp: UsageTable = [
  { usage: 0xffff0000, name: 'Undefined' },
  { usage: 0xffff0001, name: 'STS' },
  { usage: 0xffff0002, name: 'Environment' },
  { usage: 0xffff0003, name: 'Statistic' },
  { usage: 0xffff0004, name: 'StatisticSystem' },
  { usage: 0xffff0010, name: 'Phase' },
  { usage: 0xffff0011, name: 'PhaseID' },
  { usage: 0xffff0012, name: 'Chopper' },
  { usage: 0xffff0013, name: 'ChopperID' },
  { usage: 0xffff0014, name: 'Inverter' },
  { usage: 0xffff0015, name: 'InverterID' },
  { usage: 0xffff0016, name: 'Rectifier' },
  { usage: 0xffff0017, name: 'RectifierID' },
  { usage: 0xffff0018, name: 'LCMSystem' },
  { usage: 0xffff0019, name: 'LCMSystemID' },
  { usage: 0xffff001a, name: 'LCMAlarm' },
  { usage: 0xffff001b, name: 'LCMAlarmID' },
  { usage: 0xffff001c, name: 'HistorySystem' },
  { usage: 0xffff001d, name: 'HistorySystemID' },
  { usage: 0xffff001e, name: 'Event' },
  { usage: 0xffff001f, name: 'EventID' },
  { usage: 0xffff0020, name: 'CircuitBreaker' },
  { usage: 0xffff0021, name: 'TransferForbidden' },
  { usage: 0xffff0022, name: 'OverallAlarm' },
  { usage: 0xffff0023, name: 'Dephasing' },
  { usage: 0xffff0024, name: 'BypassBreaker' },
  { usage: 0xffff0025, name: 'PowerModule' },
  { usage: 0xffff0026, name: 'PowerRate' },
  { usage: 0xffff0027, name: 'PowerSource' },
  { usage: 0xffff0028, name: 'CurrentPowerSource' },
  { usage: 0xffff0029, name: 'RedundancyLevel' },
  { usage: 0xffff002a, name: 'RedundancyLost' },
  { usage: 0xffff002b, name: 'NotificationStatus' },
  { usage: 0xffff002c, name: 'ProtectionLost' },
  { usage: 0xffff002d, name: 'ConfigurationFailure' },
  { usage: 0xffff002e, name: 'CompatibilityFailure' },
  { usage: 0xffff0040, name: 'SwitchType' },
  { usage: 0xffff0041, name: 'ConverterType' },
  { usage: 0xffff0042, name: 'FrequencyConverterMode' },
  { usage: 0xffff0043, name: 'AutomaticRestart' },
  { usage: 0xffff0044, name: 'ForcedReboot' },
  { usage: 0xffff0045, name: 'TestPeriod' },
  { usage: 0xffff0046, name: 'EnergySaving' },
  { usage: 0xffff0047, name: 'StartOnBattery' },
  { usage: 0xffff0048, name: 'Schedule' },
  { usage: 0xffff0049, name: 'DeepDischargeProtection' },
  { usage: 0xffff004a, name: 'ShortCircuit' },
  { usage: 0xffff004b, name: 'ExtendedVoltageMode' },
  { usage: 0xffff004c, name: 'SensitivityMode' },
  { usage: 0xffff004d, name: 'RemainingCapacityLimitSetting' },
  { usage: 0xffff004e, name: 'ExtendedFrequencyMode' },
  { usage: 0xffff004f, name: 'FrequencyConverterModeSetting' },
  { usage: 0xffff0050, name: 'LowVoltageBoostTransfer' },
  { usage: 0xffff0051, name: 'HighVoltageBoostTransfer' },
  { usage: 0xffff0052, name: 'LowVoltageBuckTransfer' },
  { usage: 0xffff0053, name: 'HighVoltageBuckTransfer' },
  { usage: 0xffff0054, name: 'OverloadTransferEnable' },
  { usage: 0xffff0055, name: 'OutOfToleranceTransferEnable' },
  { usage: 0xffff0056, name: 'ForcedTransferEnable' },
  { usage: 0xffff0057, name: 'LowVoltageBypassTransfer' },
  { usage: 0xffff0058, name: 'HighVoltageBypassTransfer' },
  { usage: 0xffff0059, name: 'FrequencyRangeBypassTransfer' },
  { usage: 0xffff005a, name: 'LowVoltageEcoTransfer' },
  { usage: 0xffff005b, name: 'HighVoltageEcoTransfer' },
  { usage: 0xffff005c, name: 'FrequencyRangeEcoTransfer' },
  { usage: 0xffff005d, name: 'ShutdownTimer' },
  { usage: 0xffff005e, name: 'StartupTimer' },
  { usage: 0xffff005f, name: 'RestartLevel' },
  { usage: 0xffff0060, name: 'PhaseOutOfRange' },
  { usage: 0xffff0061, name: 'CurrentLimitation' },
  { usage: 0xffff0062, name: 'ThermalOverload' },
  { usage: 0xffff0063, name: 'SynchroSource' },
  { usage: 0xffff0064, name: 'FuseFault' },
  { usage: 0xffff0065, name: 'ExternalProtectedTransfert' },
  { usage: 0xffff0066, name: 'ExternalForcedTransfert' },
  { usage: 0xffff0067, name: 'Compensation' },
  { usage: 0xffff0068, name: 'EmergencyStop' },
  { usage: 0xffff0069, name: 'PowerFactor' },
  { usage: 0xffff006a, name: 'PeakFactor' },
  { usage: 0xffff006b, name: 'ChargerType' },
  { usage: 0xffff006c, name: 'HighPositiveDCBusVoltage' },
  { usage: 0xffff006d, name: 'LowPositiveDCBusVoltage' },
  { usage: 0xffff006e, name: 'HighNegativeDCBusVoltage' },
  { usage: 0xffff006f, name: 'LowNegativeDCBusVoltage' },
  { usage: 0xffff0070, name: 'FrequencyRangeTransfer' },
  { usage: 0xffff0071, name: 'WiringFaultDetection' },
  { usage: 0xffff0072, name: 'ControlStandby' },
  { usage: 0xffff0073, name: 'ShortCircuitTolerance' },
  { usage: 0xffff0074, name: 'VoltageTooHigh' },
  { usage: 0xffff0075, name: 'VoltageTooLow' },
  { usage: 0xffff0076, name: 'DCBusUnbalanced' },
  { usage: 0xffff0077, name: 'FanFailure' },
  { usage: 0xffff0078, name: 'WiringFault' },
  { usage: 0xffff0079, name: 'Floating' },
  { usage: 0xffff007a, name: 'OverCurrent' },
  { usage: 0xffff007b, name: 'RemainingActivePower' },
  { usage: 0xffff007c, name: 'Energy' },
  { usage: 0xffff007d, name: 'Threshold' },
  { usage: 0xffff007e, name: 'OverThreshold' },
  { usage: 0xffff0080, name: 'Sensor' },
  { usage: 0xffff0081, name: 'LowHumidity' },
  { usage: 0xffff0082, name: 'HighHumidity' },
  { usage: 0xffff0083, name: 'LowTemperature' },
  { usage: 0xffff0084, name: 'HighTemperature' },
  { usage: 0xffff0085, name: 'ECOControl' },
  { usage: 0xffff0086, name: 'Efficiency' },
  { usage: 0xffff0087, name: 'ABMEnable' },
  { usage: 0xffff0088, name: 'NegativeCurrent' },
  { usage: 0xffff0089, name: 'AutomaticStart' },
  { usage: 0xffff0090, name: 'Count' },
  { usage: 0xffff0091, name: 'Timer' },
  { usage: 0xffff0092, name: 'Interval' },
  { usage: 0xffff0093, name: 'TimerExpired' },
  { usage: 0xffff0094, name: 'Mode' },
  { usage: 0xffff0095, name: 'Country' },
  { usage: 0xffff0096, name: 'State' },
  { usage: 0xffff0097, name: 'Time' },
  { usage: 0xffff0098, name: 'Code' },
  { usage: 0xffff0099, name: 'DataValid' },
  { usage: 0xffff009a, name: 'ToggleTimer' },
  { usage: 0xffff009b, name: 'BypassTransferDelay' },
  { usage: 0xffff009c, name: 'HysteresysVoltageTransfer' },
  { usage: 0xffff009d, name: 'SlewRate' },
  { usage: 0xffff00a0, name: 'PDU' },
  { usage: 0xffff00a1, name: 'Breaker' },
  { usage: 0xffff00a2, name: 'BreakerID' },
  { usage: 0xffff00a3, name: 'OverVoltage' },
  { usage: 0xffff00a4, name: 'Tripped' },
  { usage: 0xffff00a5, name: 'OverEnergy' },
  { usage: 0xffff00a6, name: 'OverHumidity' },
  { usage: 0xffff00a7, name: 'ConfigurationReset' },
  { usage: 0xffff00a8, name: 'Level' },
  { usage: 0xffff00a9, name: 'PDUType' },
  { usage: 0xffff00aa, name: 'ReactivePower' },
  { usage: 0xffff00ab, name: 'Pole' },
  { usage: 0xffff00ac, name: 'PoleID' },
  { usage: 0xffff00ad, name: 'Reset' },
  { usage: 0xffff00ae, name: 'WatchdogReset' },
  { usage: 0xffff00e0, name: 'COPIBridge' },
  { usage: 0xffff00f0, name: 'iModel' },
  { usage: 0xffff00f1, name: 'iVersion' },
  { usage: 0xffff00f2, name: 'iTechnicalLevel' },
  { usage: 0xffff00f3, name: 'iPartNumber' },
  { usage: 0xffff00f4, name: 'iReferenceNumber' },
  { usage: 0xffff00f5, name: 'iGang' },
];

const mge_model_names: readonly ModelName[] = [
  model('ELLIPSE', '300', MGE_DEFAULT_OFFLINE, 'ellipse 300'),
  model('ELLIPSE', '500', MGE_DEFAULT_OFFLINE, 'ellipse 500'),
  model('ELLIPSE', '650', MGE_DEFAULT_OFFLINE, 'ellipse 650'),
  model('ELLIPSE', '800', MGE_DEFAULT_OFFLINE, 'ellipse 800'),
  model('ELLIPSE', '1200', MGE_DEFAULT_OFFLINE, 'ellipse 1200'),
  model('ellipse', 'PR500', MGE_DEFAULT_OFFLINE, 'ellipse premium 500'),
  model('ellipse', 'PR650', MGE_DEFAULT_OFFLINE, 'ellipse premium 650'),
  model('ellipse', 'PR800', MGE_DEFAULT_OFFLINE, 'ellipse premium 800'),
  model('ellipse', 'PR1200', MGE_DEFAULT_OFFLINE, 'ellipse premium 1200'),
  model('ELLIPSE', '600', MGE_DEFAULT_OFFLINE, 'Ellipse 600'),
  model('ELLIPSE', '750', MGE_DEFAULT_OFFLINE, 'Ellipse 750'),
  model('ELLIPSE', '1000', MGE_DEFAULT_OFFLINE, 'Ellipse 1000'),
  model('ELLIPSE', '1500', MGE_DEFAULT_OFFLINE, 'Ellipse 1500'),
  model('Ellipse MAX', '600', MGE_DEFAULT_OFFLINE, null),
  model('Ellipse MAX', '850', MGE_DEFAULT_OFFLINE, null),
  model('Ellipse MAX', '1100', MGE_DEFAULT_OFFLINE, null),
  model('Ellipse MAX', '1500', MGE_DEFAULT_OFFLINE, null),
  model('PROTECTIONCENTER', '420', MGE_DEFAULT_OFFLINE, 'Protection Center 420'),
  model('PROTECTIONCENTER', '500', MGE_DEFAULT_OFFLINE, 'Protection Center 500'),
  model('PROTECTIONCENTER', '675', MGE_DEFAULT_OFFLINE, 'Protection Center 675'),
  model('Protection Station', '500', MGE_PEGASUS, null),
  model('Protection Station', '650', MGE_PEGASUS, null),
  model('Protection Station', '800', MGE_PEGASUS, null),
  model('Ellipse ECO', '650', MGE_PEGASUS, null),
  model('Ellipse ECO', '800', MGE_PEGASUS, null),
  model('Ellipse ECO', '1200', MGE_PEGASUS, null),
  model('Ellipse ECO', '1600', MGE_PEGASUS, null),
  model('3S', '450', MGE_DEFAULT_OFFLINE, null),
  model('3S', '550', MGE_DEFAULT_OFFLINE, null),
  model('3S', '700', MGE_3S, null),
  model('3S', '750', MGE_3S, null),
  model('Evolution', '500', MGE_DEFAULT, 'Pulsar Evolution 500'),
  model('Evolution', '800', MGE_DEFAULT, 'Pulsar Evolution 800'),
  model('Evolution', '1100', MGE_DEFAULT, 'Pulsar Evolution 1100'),
  model('Evolution', '1500', MGE_DEFAULT, 'Pulsar Evolution 1500'),
  model('Evolution', '2200', MGE_DEFAULT, 'Pulsar Evolution 2200'),
  model('Evolution', '3000', MGE_DEFAULT, 'Pulsar Evolution 3000'),
  model('Evolution', '3000XL', MGE_DEFAULT, 'Pulsar Evolution 3000 XL'),
  model('Evolution', '650', MGE_EVOLUTION_650, null),
  model('Evolution', '850', MGE_EVOLUTION_850, null),
  model('Evolution', '1150', MGE_EVOLUTION_1150, null),
  model('Evolution', 'S 1250', MGE_EVOLUTION_S_1250, null),
  model('Evolution', '1550', MGE_EVOLUTION_1550, null),
  model('Evolution', 'S 1750', MGE_EVOLUTION_S_1750, null),
  model('Evolution', '2000', MGE_EVOLUTION_2000, null),
  model('Evolution', 'S 2500', MGE_EVOLUTION_S_2500, null),
  model('Evolution', 'S 3000', MGE_EVOLUTION_S_3000, null),
  model('Eaton 5P', '650', EATON_5P, '5P 650'),
  model('Eaton 5P', '850', EATON_5P, '5P 850'),
  model('Eaton 5P', '1150', EATON_5P, '5P 1150'),
  model('Eaton 5P', '1550', EATON_5P, '5P 1550'),
  model('PULSAR M', '2200', MGE_PULSAR_M_2200, null),
  model('PULSAR M', '3000', MGE_PULSAR_M_3000, null),
  model('PULSAR M', '3000 XL', MGE_PULSAR_M_3000_XL, null),
  model('EX', '2200', MGE_PULSAR_M_2200, null),
  model('EX', '3000', MGE_PULSAR_M_3000, null),
  model('EX', '3000 XL', MGE_PULSAR_M_3000, null),
  model('PULSAR', 'MX4000', MGE_DEFAULT, 'Pulsar MX 4000 RT'),
  model('PULSAR', 'MX5000', MGE_DEFAULT, 'Pulsar MX 5000 RT'),
  model('NOVA AVR', '500', MGE_DEFAULT, 'Nova 500 AVR'),
  model('NOVA AVR', '600', MGE_DEFAULT, 'Nova 600 AVR'),
  model('NOVA AVR', '625', MGE_DEFAULT, 'Nova 625 AVR'),
  model('NOVA AVR', '1100', MGE_DEFAULT, 'Nova 1100 AVR'),
  model('NOVA AVR', '1250', MGE_DEFAULT, 'Nova 1250 AVR'),
  model('EXtreme', '700C', MGE_DEFAULT, 'Pulsar EXtreme 700C'),
  model('EXtreme', '1000C', MGE_DEFAULT, 'Pulsar EXtreme 1000C'),
  model('EXtreme', '1500C', MGE_DEFAULT, 'Pulsar EXtreme 1500C'),
  model('EXtreme', '1500CCLA', MGE_DEFAULT, 'Pulsar EXtreme 1500C CLA'),
  model('EXtreme', '2200C', MGE_DEFAULT, 'Pulsar EXtreme 2200C'),
  model('EXtreme', '3200C', MGE_DEFAULT, 'Pulsar EXtreme 3200C'),
  model('EX', '700RT', MGE_DEFAULT, 'Pulsar EX 700 RT'),
  model('EX', '1000RT', MGE_DEFAULT, 'Pulsar EX 1000 RT'),
  model('EX', '1500RT', MGE_DEFAULT, 'Pulsar EX 1500 RT'),
  model('EX', '2200RT', MGE_DEFAULT, 'Pulsar EX 2200 RT'),
  model('EX', '3200RT', MGE_DEFAULT, 'Pulsar EX 3200 RT'),
  model('EX', '5RT31', MGE_DEFAULT, 'EX 5 RT 3:1'),
  model('EX', '7RT31', MGE_DEFAULT, 'EX 7 RT 3:1'),
  model('EX', '11RT31', MGE_DEFAULT, 'EX 11 RT 3:1'),
  model('EX', '5RT', MGE_DEFAULT, 'EX 5 RT'),
  model('EX', '7RT', MGE_DEFAULT, 'EX 7 RT'),
  model('EX', '11RT', MGE_DEFAULT, 'EX 11 RT'),
  model('GALAXY', '3000_10', MGE_DEFAULT, 'Galaxy 3000 10 kVA'),
  model('GALAXY', '3000_15', MGE_DEFAULT, 'Galaxy 3000 15 kVA'),
  model('GALAXY', '3000_20', MGE_DEFAULT, 'Galaxy 3000 20 kVA'),
  model('GALAXY', '3000_30', MGE_DEFAULT, 'Galaxy 3000 30 kVA'),
];

export const mge_hid2nut: readonly HidInfo[] = [
  info('device.country', ST_FLAG_STRING, 20, 'UPS.PowerSummary.Country', 'Europe', HU_FLAG_STATIC, eaton_check_country_info),
  info('battery.charge', 0, 0, 'UPS.PowerSummary.RemainingCapacity', '%.0f', 0),
  info('battery.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerSummary.RemainingCapacityLimitSetting', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charge.low', 0, 0, 'UPS.PowerSummary.RemainingCapacityLimit', '%.0f', HU_FLAG_STATIC),
  info('battery.charge.restart', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.PowerSummary.RestartLevel', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.capacity', 0, 0, 'UPS.BatterySystem.Battery.DesignCapacity', '%s', HU_FLAG_STATIC, mge_battery_capacity),
  info('battery.runtime', 0, 0, 'UPS.PowerSummary.RunTimeToEmpty', '%.0f', 0),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', 0),
  info('battery.runtime.elapsed', 0, 0, 'UPS.StatisticSystem.Input.[1].Statistic.[1].Time', '%.0f', HU_FLAG_QUICK_POLL),
  info('battery.runtime.low', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.RemainingTimeLimit', '%.0f', 0),
  info('battery.temperature', 0, 0, 'UPS.BatterySystem.Battery.Temperature', '%s', 0, kelvin_celsius_conversion),
  info('battery.type', 0, 0, 'UPS.PowerSummary.iDeviceChemistry', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('battery.voltage', 0, 0, 'UPS.BatterySystem.Voltage', '%.1f', 0),
  info('battery.voltage', 0, 0, 'UPS.PowerSummary.Voltage', '%s', 0, mge_battery_voltage),
  info('battery.voltage.nominal', 0, 0, 'UPS.BatterySystem.ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('battery.voltage.nominal', 0, 0, 'UPS.PowerSummary.ConfigVoltage', '%s', HU_FLAG_STATIC, mge_battery_voltage_nominal),
  info('battery.protection', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.BatterySystem.Battery.DeepDischargeProtection', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('battery.energysave', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].EnergySaving', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('battery.energysave.load', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].ConfigPercentLoad', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.energysave.delay', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].EnergySaving.ShutdownTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.energysave.delay', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].ShutdownTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.energysave.realpower', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].ConfigActivePower', '%.0f', HU_FLAG_SEMI_STATIC),
  info('battery.charger.status', 0, 0, 'UPS.BatterySystem.Charger.ABMEnable', '%.0f', HU_FLAG_QUICK_POLL, eaton_abm_enabled_info),
  info('battery.charger.status', 0, 0, 'UPS.BatterySystem.Charger.Mode', '%.0f', HU_FLAG_QUICK_POLL, eaton_abm_status_info),
  info('ups.efficiency', 0, 0, 'UPS.PowerConverter.Output.Efficiency', '%.0f', 0),
  info('ups.firmware', 0, 0, 'UPS.PowerSummary.iVersion', '%s', HU_FLAG_STATIC, stringid_conversion),
  info('ups.load', 0, 0, 'UPS.PowerSummary.PercentLoad', '%.0f', 0),
  info('ups.load.high', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.Flow.[4].ConfigPercentLoad', '%.0f', HU_FLAG_SEMI_STATIC),
  info('ups.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_FLAG_ABSENT),
  info('ups.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_FLAG_ABSENT),
  info('ups.timer.start', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.shutdown', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.timer.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '%.0f', HU_FLAG_QUICK_POLL),
  info('ups.test.result', 0, 0, 'UPS.BatterySystem.Battery.Test', '%s', 0, test_read_info),
  info('ups.test.interval', ST_FLAG_RW | ST_FLAG_STRING, 8, 'UPS.BatterySystem.Battery.TestPeriod', '%.0f', HU_FLAG_SEMI_STATIC),
  info('ups.beeper.status', 0, 0, 'UPS.BatterySystem.Battery.AudibleAlarmControl', '%s', HU_FLAG_SEMI_STATIC, beeper_info),
  info('ups.beeper.status', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '%s', HU_FLAG_SEMI_STATIC, beeper_info),
  info('ups.temperature', 0, 0, 'UPS.PowerSummary.Temperature', '%s', 0, kelvin_celsius_conversion),
  info('ups.power', 0, 0, 'UPS.PowerConverter.Output.ApparentPower', '%.0f', 0),
  info('ups.L1.power', 0, 0, 'UPS.PowerConverter.Output.Phase.[1].ApparentPower', '%.0f', 0),
  info('ups.L2.power', 0, 0, 'UPS.PowerConverter.Output.Phase.[2].ApparentPower', '%.0f', 0),
  info('ups.L3.power', 0, 0, 'UPS.PowerConverter.Output.Phase.[3].ApparentPower', '%.0f', 0),
  info('ups.power.nominal', 0, 0, 'UPS.Flow.[4].ConfigApparentPower', '%.0f', HU_FLAG_STATIC),
  info('ups.realpower', 0, 0, 'UPS.PowerConverter.Output.ActivePower', '%.0f', 0),
  info('ups.realpower', 0, 0, 'UPS.Flow.[4].ConfigApparentPower', '-1', 0, eaton_compute_realpower_info),
  info('ups.L1.realpower', 0, 0, 'UPS.PowerConverter.Output.Phase.[1].ActivePower', '%.0f', 0),
  info('ups.L2.realpower', 0, 0, 'UPS.PowerConverter.Output.Phase.[2].ActivePower', '%.0f', 0),
  info('ups.L3.realpower', 0, 0, 'UPS.PowerConverter.Output.Phase.[3].ActivePower', '%.0f', 0),
  info('ups.realpower.nominal', 0, 0, 'UPS.Flow.[4].ConfigActivePower', '%.0f', HU_FLAG_STATIC),
  info('ups.start.auto', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[1].AutomaticRestart', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('ups.start.battery', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Input.[3].StartOnBattery', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('ups.start.reboot', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.ForcedReboot', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('ups.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.PresentStatus.Switchable', '%s', HU_FLAG_SEMI_STATIC | HU_FLAG_ENUM, eaton_enable_disable_info),
  info('ups.date', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.Time', '%s', 0, mge_date_conversion),
  info('ups.time', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerSummary.Time', '%s', 0, mge_time_conversion),
  info('ups.type', 0, 0, 'UPS.PowerConverter.ConverterType', '%s', HU_FLAG_STATIC, mge_upstype_conversion),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', null, HU_FLAG_QUICK_POLL, online_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[3].PresentStatus.Used', null, 0, mge_onbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Discharging', null, HU_FLAG_QUICK_POLL, eaton_discharging_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Charging', null, HU_FLAG_QUICK_POLL, eaton_charging_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Charger.Mode', '%.0f', HU_FLAG_QUICK_POLL, eaton_abm_chrg_dischrg_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', null, HU_FLAG_QUICK_POLL, lowbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Output.Overload.[1].PresentStatus.OverThreshold', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Output.Overload.[2].PresentStatus.OverThreshold', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Overload', null, 0, overload_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.NeedReplacement', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.LCMSystem.LCMAlarm.[2].PresentStatus.TimerExpired', null, 0, replacebatt_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.Buck', null, 0, trim_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.Boost', null, 0, boost_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.VoltageOutOfRange', null, 0, vrange_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.FrequencyOutOfRange', null, 0, frange_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.Good', null, 0, off_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.Used', null, 0, eaton_converter_online_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[2].PresentStatus.Used', null, 0, bypass_auto_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[4].PresentStatus.Used', null, 0, bypass_manual_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.FanFailure', null, 0, fanfail_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Battery.PresentStatus.Present', null, 0, nobattery_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Charger.PresentStatus.InternalFailure', null, 0, chargerfail_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Charger.PresentStatus.VoltageTooHigh', null, 0, battvolthi_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.VoltageTooHigh', null, 0, battvolthi_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Battery.PresentStatus.VoltageTooHigh', null, 0, battvolthi_info),
  info('BOOL', 0, 0, 'UPS.BatterySystem.Charger.PresentStatus.VoltageTooLow', null, 0, battvoltlo_info),
  info('BOOL', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.VoltageTooLow', null, 0, mge_onbatt_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.InternalFailure', null, 0, commfault_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.OverTemperature', null, 0, overheat_info),
  info('BOOL', 0, 0, 'UPS.PowerSummary.PresentStatus.ShutdownImminent', null, 0, shutdownimm_info),
  info('ups.alarm', 0, 0, 'UPS.PowerSummary.PresentStatus.EmergencyStop', null, 0, mge_emergency_stop),
  info('ups.alarm', 0, 0, 'UPS.PowerConverter.Input.[1].PresentStatus.WiringFault', null, 0, mge_wiring_fault),
  info('ups.alarm', 0, 0, 'UPS.PowerSummary.PresentStatus.ConfigurationFailure', null, 0, mge_config_failure),
  info('ups.alarm', 0, 0, 'UPS.PowerConverter.Inverter.PresentStatus.VoltageTooHigh', null, 0, mge_inverter_volthi),
  info('ups.alarm', 0, 0, 'UPS.PowerConverter.Inverter.PresentStatus.VoltageTooLow', null, 0, mge_inverter_voltlo),
  info('ups.alarm', 0, 0, 'UPS.PowerConverter.Output.PresentStatus.ShortCircuit', null, 0, mge_short_circuit),
  info('input.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Voltage', '%.1f', 0),
  info('input.L1-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[1].Voltage', '%.1f', 0),
  info('input.L2-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[2].Voltage', '%.1f', 0),
  info('input.L3-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[3].Voltage', '%.1f', 0),
  info('input.L1-L2.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[12].Voltage', '%.1f', 0),
  info('input.L2-L3.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[23].Voltage', '%.1f', 0),
  info('input.L3-L1.voltage', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[31].Voltage', '%.1f', 0),
  info('input.voltage.nominal', 0, 0, 'UPS.Flow.[1].ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('input.current', 0, 0, 'UPS.PowerConverter.Input.[1].Current', '%.2f', 0),
  info('input.L1.current', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[1].Current', '%.1f', 0),
  info('input.L2.current', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[2].Current', '%.1f', 0),
  info('input.L3.current', 0, 0, 'UPS.PowerConverter.Input.[1].Phase.[3].Current', '%.1f', 0),
  info('input.current.nominal', 0, 0, 'UPS.Flow.[1].ConfigCurrent', '%.2f', HU_FLAG_STATIC),
  info('input.frequency', 0, 0, 'UPS.PowerConverter.Input.[1].Frequency', '%.1f', 0),
  info('input.frequency.nominal', 0, 0, 'UPS.Flow.[1].ConfigFrequency', '%.0f', HU_FLAG_STATIC),
  info('input.transfer.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.LowVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.boost.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.LowVoltageBoostTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.boost.high', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.HighVoltageBoostTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.trim.low', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.LowVoltageBuckTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.high', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.HighVoltageTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.transfer.trim.high', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.HighVoltageBuckTransfer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('input.sensitivity', ST_FLAG_RW | ST_FLAG_STRING, 10, 'UPS.PowerConverter.Output.SensitivityMode', '%s', HU_FLAG_SEMI_STATIC, mge_sensitivity_info),
  info('input.voltage.extended', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.ExtendedVoltageMode', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('input.frequency.extended', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.PowerConverter.Output.ExtendedFrequencyMode', '%s', HU_FLAG_SEMI_STATIC, yes_no_info),
  info('input.bypass.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Voltage', '%.1f', 0),
  info('input.bypass.L1-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[1].Voltage', '%.1f', 0),
  info('input.bypass.L2-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[2].Voltage', '%.1f', 0),
  info('input.bypass.L3-N.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[3].Voltage', '%.1f', 0),
  info('input.bypass.L1-L2.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[12].Voltage', '%.1f', 0),
  info('input.bypass.L2-L3.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[23].Voltage', '%.1f', 0),
  info('input.bypass.L3-L1.voltage', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[31].Voltage', '%.1f', 0),
  info('input.bypass.voltage.nominal', 0, 0, 'UPS.Flow.[2].ConfigVoltage', '%.0f', HU_FLAG_STATIC),
  info('input.bypass.current', 0, 0, 'UPS.PowerConverter.Input.[2].Current', '%.2f', 0),
  info('input.bypass.L1.current', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[1].Current', '%.1f', 0),
  info('input.bypass.L2.current', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[2].Current', '%.1f', 0),
  info('input.bypass.L3.current', 0, 0, 'UPS.PowerConverter.Input.[2].Phase.[3].Current', '%.1f', 0),
  info('input.bypass.current.nominal', 0, 0, 'UPS.Flow.[2].ConfigCurrent', '%.2f', HU_FLAG_STATIC),
  info('input.bypass.frequency', 0, 0, 'UPS.PowerConverter.Input.[2].Frequency', '%.1f', 0),
  info('input.bypass.frequency.nominal', 0, 0, 'UPS.Flow.[2].ConfigFrequency', '%.0f', HU_FLAG_STATIC),
  info('output.voltage', 0, 0, 'UPS.PowerConverter.Output.Voltage', '%.1f', 0),
  info('output.L1-N.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[1].Voltage', '%.1f', 0),
  info('output.L2-N.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[2].Voltage', '%.1f', 0),
  info('output.L3-N.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[3].Voltage', '%.1f', 0),
  info('output.L1-L2.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[12].Voltage', '%.1f', 0),
  info('output.L2-L3.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[23].Voltage', '%.1f', 0),
  info('output.L3-L1.voltage', 0, 0, 'UPS.PowerConverter.Output.Phase.[31].Voltage', '%.1f', 0),
  info('output.voltage.nominal', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.Flow.[4].ConfigVoltage', '%.0f', HU_FLAG_SEMI_STATIC | HU_FLAG_ENUM, nominal_output_voltage_info),
  info('output.current', 0, 0, 'UPS.PowerConverter.Output.Current', '%.2f', 0),
  info('output.L1.current', 0, 0, 'UPS.PowerConverter.Output.Phase.[1].Current', '%.1f', 0),
  info('output.L2.current', 0, 0, 'UPS.PowerConverter.Output.Phase.[2].Current', '%.1f', 0),
  info('output.L3.current', 0, 0, 'UPS.PowerConverter.Output.Phase.[3].Current', '%.1f', 0),
  info('output.current.nominal', 0, 0, 'UPS.Flow.[4].ConfigCurrent', '%.2f', 0),
  info('output.frequency', 0, 0, 'UPS.PowerConverter.Output.Frequency', '%.1f', 0),
  info('output.frequency.nominal', 0, 0, 'UPS.Flow.[4].ConfigFrequency', '%.0f', HU_FLAG_STATIC),
  info('output.powerfactor', 0, 0, 'UPS.PowerConverter.Output.PowerFactor', '%s', 0, mge_powerfactor_conversion),
  info('outlet.id', 0, 0, 'UPS.OutletSystem.Outlet.[1].OutletID', '%.0f', HU_FLAG_STATIC),
  info('outlet.desc', ST_FLAG_RW | ST_FLAG_STRING, 20, 'UPS.OutletSystem.Outlet.[1].OutletID', 'Main Outlet', HU_FLAG_ABSENT),
  info('outlet.switchable', 0, 0, 'UPS.OutletSystem.Outlet.[1].PresentStatus.Switchable', '%s', HU_FLAG_STATIC, yes_no_info),
  info('outlet.power', ST_FLAG_RW | ST_FLAG_STRING, 6, 'UPS.OutletSystem.Outlet.[1].ConfigApparentPower', '%s', HU_FLAG_SEMI_STATIC | HU_FLAG_ENUM, pegasus_threshold_info),
  info('outlet.power', 0, 0, 'UPS.OutletSystem.Outlet.[1].ApparentPower', '%.0f', 0),
  info('outlet.realpower', 0, 0, 'UPS.OutletSystem.Outlet.[1].ActivePower', '%.0f', 0),
  info('outlet.current', 0, 0, 'UPS.OutletSystem.Outlet.[1].Current', '%.2f', 0),
  info('outlet.powerfactor', 0, 0, 'UPS.OutletSystem.Outlet.[1].PowerFactor', '%.2f', 0),
  info('outlet.1.id', 0, 0, 'UPS.OutletSystem.Outlet.[2].OutletID', '%.0f', HU_FLAG_STATIC),
  info('outlet.1.desc', ST_FLAG_RW | ST_FLAG_STRING, 20, 'UPS.OutletSystem.Outlet.[2].OutletID', 'PowerShare Outlet 1', HU_FLAG_ABSENT),
  info('outlet.1.switchable', 0, 0, 'UPS.OutletSystem.Outlet.[2].PresentStatus.Switchable', '%s', HU_FLAG_STATIC, yes_no_info),
  info('outlet.1.status', 0, 0, 'UPS.OutletSystem.Outlet.[2].PresentStatus.SwitchOn/Off', '%s', 0, on_off_info),
  info('outlet.1.status', 0, 0, 'UPS.PowerSummary.PresentStatus.ACPresent', '%s', 0, on_off_info),
  info('outlet.1.autoswitch.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.OutletSystem.Outlet.[2].RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.1.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.OutletSystem.Outlet.[2].ShutdownTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.1.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.OutletSystem.Outlet.[2].StartupTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.1.power', 0, 0, 'UPS.OutletSystem.Outlet.[2].ApparentPower', '%.0f', 0),
  info('outlet.1.realpower', 0, 0, 'UPS.OutletSystem.Outlet.[2].ActivePower', '%.0f', 0),
  info('outlet.1.current', 0, 0, 'UPS.OutletSystem.Outlet.[2].Current', '%.2f', 0),
  info('outlet.1.powerfactor', 0, 0, 'UPS.OutletSystem.Outlet.[2].PowerFactor', '%.2f', 0),
  info('outlet.2.id', 0, 0, 'UPS.OutletSystem.Outlet.[3].OutletID', '%.0f', HU_FLAG_STATIC),
  info('outlet.2.desc', ST_FLAG_RW | ST_FLAG_STRING, 20, 'UPS.OutletSystem.Outlet.[3].OutletID', 'PowerShare Outlet 2', HU_FLAG_ABSENT),
  info('outlet.2.switchable', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.OutletSystem.Outlet.[3].PresentStatus.Switchable', '%s', HU_FLAG_SEMI_STATIC, pegasus_yes_no_info),
  info('outlet.2.switchable', 0, 0, 'UPS.OutletSystem.Outlet.[3].PresentStatus.Switchable', '%s', 0, yes_no_info),
  info('outlet.2.status', 0, 0, 'UPS.OutletSystem.Outlet.[3].PresentStatus.SwitchOn/Off', '%s', 0, on_off_info),
  info('outlet.2.autoswitch.charge.low', ST_FLAG_RW | ST_FLAG_STRING, 3, 'UPS.OutletSystem.Outlet.[3].RemainingCapacityLimit', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.2.delay.shutdown', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.OutletSystem.Outlet.[3].ShutdownTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.2.delay.start', ST_FLAG_RW | ST_FLAG_STRING, 5, 'UPS.OutletSystem.Outlet.[3].StartupTimer', '%.0f', HU_FLAG_SEMI_STATIC),
  info('outlet.2.power', 0, 0, 'UPS.OutletSystem.Outlet.[3].ApparentPower', '%.0f', 0),
  info('outlet.2.realpower', 0, 0, 'UPS.OutletSystem.Outlet.[3].ActivePower', '%.0f', 0),
  info('outlet.2.current', 0, 0, 'UPS.OutletSystem.Outlet.[3].Current', '%.2f', 0),
  info('outlet.2.powerfactor', 0, 0, 'UPS.OutletSystem.Outlet.[3].PowerFactor', '%.2f', 0),
  info('test.battery.start.quick', 0, 0, 'UPS.BatterySystem.Battery.Test', '1', HU_TYPE_CMD),
  info('test.battery.start.deep', 0, 0, 'UPS.BatterySystem.Battery.Test', '2', HU_TYPE_CMD),
  info('test.battery.stop', 0, 0, 'UPS.BatterySystem.Battery.Test', '3', HU_TYPE_CMD),
  info('load.off.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', DEFAULT_OFFDELAY, HU_TYPE_CMD),
  info('load.on.delay', 0, 0, 'UPS.PowerSummary.DelayBeforeStartup', DEFAULT_ONDELAY, HU_TYPE_CMD),
  info('shutdown.stop', 0, 0, 'UPS.PowerSummary.DelayBeforeShutdown', '-1', HU_TYPE_CMD),
  info('shutdown.reboot', 0, 0, 'UPS.PowerSummary.DelayBeforeReboot', '10', HU_TYPE_CMD),
  info('beeper.off', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.on', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.BatterySystem.Battery.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.mute', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '3', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.BatterySystem.Battery.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.disable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '1', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.BatterySystem.Battery.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('beeper.enable', 0, 0, 'UPS.PowerSummary.AudibleAlarmControl', '2', HU_TYPE_CMD),
  info('outlet.1.load.off', 0, 0, 'UPS.OutletSystem.Outlet.[2].DelayBeforeShutdown', '0', HU_TYPE_CMD),
  info('outlet.1.load.on', 0, 0, 'UPS.OutletSystem.Outlet.[2].DelayBeforeStartup', '0', HU_TYPE_CMD),
  info('outlet.2.load.off', 0, 0, 'UPS.OutletSystem.Outlet.[3].DelayBeforeShutdown', '0', HU_TYPE_CMD),
  info('outlet.2.load.on', 0, 0, 'UPS.OutletSystem.Outlet.[3].DelayBeforeStartup', '0', HU_TYPE_CMD),
];

/** SMALLBUF */
const SMALLBUF = 512;

/** get_model_name(): the series from the model table, and the name to show. */
function get_model_name(iProduct: string, iModel: string, log?: { debug(level: number, msg: string): void }): string {
  log?.debug(2, `get_model_name(${iProduct}, ${iModel})\n`);
  let found: ModelName | undefined;
  for (const m of mge_model_names) {
    log?.debug(2, m.name !== null ? `comparing with: ${m.name}` : `comparing with: ${m.iProduct} ${m.iModel}`);
    if (m.iProduct === iProduct && m.iModel === iModel) {
      mge_state.type = m.type;
      found = m;
      break;
    }
  }
  if (found && found.name !== null) return found.name;
  const joined = `${iProduct} ${iModel}`;
  if (joined.length + 1 > SMALLBUF) log?.debug(1, 'get_model_name: extracted iProduct+iModel value was truncated');
  return joined.slice(0, SMALLBUF - 1);
}

/**
 * ups.model from iProduct and the iModel string (or the nominal power);
 * Dell's iProduct is already a full name. NUT also replaces the device's
 * product string with the result.
 */
async function mge_format_model(dev: HidDeviceInfo, env?: FormatEnv): Promise<string | null> {
  if (dev.vendorId === DELL_VENDORID) return dev.product;
  const product = (dev.product ?? 'unknown').slice(0, SMALLBUF - 1);
  let model = env ? ((await env.getItemString('UPS.PowerSummary.iModel')) ?? '') : '';
  if (model.length < 1 && env) {
    const power = await env.getItemValue('UPS.Flow.[4].ConfigApparentPower');
    if (power !== null) model = String(Math.trunc(power) | 0);
  }
  if (model.length > 0) dev.product = get_model_name(product, model);
  return dev.product;
}

/** mge_claim: HP and Dell make many non-UPS devices (no hint for them); Phoenixtec ids are liebert's unless "AEG" shows. */
function mge_claim(dev: HidDeviceInfo, env: ClaimEnv): boolean {
  const aeg = (): boolean => (dev.vendor?.includes('AEG') ?? false) || (dev.product?.includes('AEG') ?? false);
  switch (isUsbDeviceSupported(mge_usb_device_table, dev, env)) {
    case 'possibly':
      switch (dev.vendorId) {
        case HP_VENDORID:
        case DELL_VENDORID:
          return env.getval('productid') !== undefined;
        case PHOENIXTEC:
          return aeg();
        default:
          if (env.getval('productid') !== undefined) return true;
          possiblySupported('Eaton / MGE', dev, env);
          return false;
      }
    case 'supported':
      return dev.vendorId === PHOENIXTEC ? aeg() : true;
    default:
      return false;
  }
}

export const mge_subdriver: HidSubdriver = {
  name: 'MGE HID 1.46',
  ids: mge_usb_device_table,
  claim: mge_claim,
  usageTables: [mge_usage_lkp],
  hid2nut: mge_hid2nut,
  formatModel: mge_format_model,
  formatMfr: (dev) => dev.vendor ?? 'Eaton',
  formatSerial: (dev) => dev.serial,
};
