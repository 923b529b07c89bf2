// Hand-written device states (NUT values) for the differential tests; the
// walks are built from them through the MIB tables (build-walk.ts).

export const IETF_1PH: ReadonlyMap<string, string> = new Map(Object.entries({
  'ups.mfr': 'SimCorp', 'ups.model': 'SimUPS 3000 RT', 'ups.firmware': 'UPS FW 1.2.3', 'ups.firmware.aux': 'Agent 4.5.6',
  'ups.status': 'OL', 'battery.runtime': '2460', 'battery.charge': '96', 'battery.voltage': '54.5', 'battery.current': '0',
  'battery.temperature': '24', 'input.phases': '1', 'input.frequency': '50', 'input.voltage': '229', 'input.current': '4.8',
  'input.realpower': '1150', 'output.frequency': '50', 'output.phases': '1', 'output.voltage': '230', 'output.current': '5.2',
  'output.realpower': '1100', 'ups.load': '37', 'input.bypass.phases': '1', 'input.bypass.frequency': '50',
  'ups.test.result': 'done and passed', 'ups.timer.shutdown': '-1', 'ups.timer.start': '-1', 'ups.timer.reboot': '-1',
  'ups.start.auto': 'no', 'input.voltage.nominal': '230', 'input.frequency.nominal': '50', 'output.voltage.nominal': '230',
  'output.frequency.nominal': '50', 'output.power.nominal': '3000', 'output.realpower.nominal': '2700', 'battery.runtime.low': '300',
  'ups.beeper.status': 'enabled', 'input.transfer.low': '180', 'input.transfer.high': '276',
}));

export const IETF_3PH: ReadonlyMap<string, string> = new Map(Object.entries({
  'ups.mfr': 'ThreeCorp', 'ups.model': 'Tri 20k', 'ups.status': 'OB LB', 'battery.charge': '12', 'battery.runtime': '120',
  'input.phases': '3', 'output.phases': '3', 'input.L1.frequency': '49.9', 'input.L2.frequency': '50', 'input.L3.frequency': '50.1',
  'input.L1-N.voltage': '231', 'input.L2-N.voltage': '229', 'input.L3-N.voltage': '0', 'input.L1.current': '10.5',
  'input.L2.current': '11', 'input.L3.current': '12.3', 'output.L1-N.voltage': '230', 'output.L2-N.voltage': '230',
  'output.L3-N.voltage': '230', 'output.L1.current': '3.3', 'output.L1.power.percent': '40', 'output.L2.power.percent': '41',
  'output.L3.power.percent': '-1', 'ups.load': '40', 'battery.voltage': '409.6', 'ups.test.result': 'in progress',
}));

export const APCC: ReadonlyMap<string, string> = new Map(Object.entries({
  'ups.mfr': 'APC', 'ups.model': 'Smart-UPS 1500', 'ups.id': 'rack-b', 'ups.firmware': 'UPS 09.3 (ID18)',
  'ups.mfr.date': '05/24/2016', 'ups.serial': 'AS1234567890', 'ups.status': 'OL CHRG', 'battery.charge': '100',
  'ups.temperature': '27.2', 'battery.runtime': '3180', 'battery.date': '05/24/2016', 'battery.voltage': '27.3',
  'battery.packs': '1', 'input.voltage': '230.1', 'input.voltage.maximum': '232', 'input.voltage.minimum': '228',
  'input.frequency': '50', 'input.transfer.reason': 'noTransfer', 'input.sensitivity': 'high', 'output.voltage': '230',
  'output.frequency': '50', 'ups.load': '22.5', 'output.current': '1.5', 'input.transfer.low': '208', 'input.transfer.high': '253',
  'battery.charge.restart': '15', 'ups.delay.shutdown': '90', 'ups.delay.start': '0', 'battery.runtime.low': '120',
  'ups.test.result': 'Ok', 'ups.test.date': '12/01/2026', 'output.voltage.nominal': '230',
}));
