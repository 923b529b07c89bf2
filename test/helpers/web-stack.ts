// A web stack for tests: our upsd over scripted fake drivers (test/helpers/fake-driver.ts:
// they record every INSTCMD/SET and can push a status change at once), and upsweb as its
// own process on a free port, reading hosts.conf + upsweb.conf from the sandbox.

import { join } from 'node:path';
import { sandbox, freePort, start, ourBin, waitFor, waitForPort, type Proc, type Sandbox } from './ref.js';
import { exchange } from './upsd-pair.js';
import { fakeDriver, type FakeDriver } from './fake-driver.js';

export const WEB_DUMP = [
  'SETINFO device.mfr "Simul"', 'SETINFO device.model "Sim 1500"', 'SETINFO device.type "ups"', 'SETINFO device.serial "SN-42"',
  'SETINFO ups.mfr "Simul"', 'SETINFO ups.model "Sim 1500"', 'SETINFO ups.status "OL CHRG"', 'SETINFO battery.charge "87"',
  'SETINFO battery.charge.low "20"', 'SETINFO battery.runtime "1830"', 'SETINFO battery.voltage "13.5"', 'SETINFO battery.voltage.nominal "12"',
  'SETINFO battery.date "2024/05/01"', 'SETINFO ups.load "23"', 'SETINFO input.voltage "230.4"', 'SETINFO input.voltage.nominal "230"',
  'SETINFO input.transfer.low "180"', 'SETINFO input.transfer.high "264"', 'SETINFO input.frequency "50.0"', 'SETINFO input.frequency.nominal "50"',
  'SETINFO output.voltage "229.8"', 'SETINFO output.voltage.nominal "230"', 'SETINFO output.frequency "50.0"', 'SETINFO ups.temperature "31.5"',
  'SETINFO ups.beeper.status "enabled"', 'SETINFO ups.delay.shutdown "20"', 'SETFLAGS ups.delay.shutdown RW', 'SETAUX ups.delay.shutdown 10',
  'SETINFO input.sensitivity "normal"', 'SETFLAGS input.sensitivity RW', 'ADDENUM input.sensitivity "normal"', 'ADDENUM input.sensitivity "low"',
  'SETINFO ups.id "rack 4"', 'SETFLAGS ups.id RW STRING', 'SETAUX ups.id 16',
  'ADDCMD test.battery.start.quick', 'ADDCMD beeper.toggle', 'ADDCMD load.off', 'DATAOK', 'DUMPDONE', '',
].join('\n');

export const WEB_USERS = '[admin]\n password = secret\n actions = SET\n instcmds = ALL\n[viewer]\n password = look\n';

export interface WebStack {
  box: Sandbox;
  upsdPort: number;
  webPort: number;
  base: string;
  upsd: Proc;
  web: Proc;
  drivers: Map<string, FakeDriver>;
  /** ups identifiers as written in hosts.conf */
  ids: string[];
  /** push a new status from the driver (upsd forwards it at once) */
  setStatus(ups: string, status: string): void;
  startWeb(): Promise<void>;
  stopWeb(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebStack(o: { ups?: string[]; webConf?: string; beforeWeb?: (box: Sandbox, ids: string[]) => void | Promise<void>; noWeb?: boolean } = {}): Promise<WebStack> {
  const box = sandbox('tsnut-web-');
  const upsdPort = await freePort();
  const webPort = await freePort();
  const names = o.ups ?? ['sim'];
  box.write('ups.conf', names.map((u) => `[${u}]\n driver = fake\n port = none\n desc = "test ${u}"\n`).join(''));
  box.write('upsd.conf', `LISTEN 127.0.0.1 ${upsdPort}\n`);
  box.write('upsd.users', WEB_USERS);
  const ids = names.map((u) => `${u}@127.0.0.1:${upsdPort}`);
  box.write('hosts.conf', ids.map((id, i) => `MONITOR ${id} "UPS ${names[i]} in the test rack"\n`).join(''));
  box.write('upsweb.conf', `LISTEN 127.0.0.1 ${webPort}\nPOLLFREQ 1\n${o.webConf ?? ''}`);
  const drivers = new Map<string, FakeDriver>();
  for (const u of names) drivers.set(u, await fakeDriver(join(box.state, `fake-${u}`), WEB_DUMP));
  const upsd = start(process.execPath, [ourBin('upsd'), '-F', '-u', 'root'], { env: box.env });
  await waitForPort(upsdPort, '127.0.0.1', 30000);
  for (const u of names) await waitFor(async () => (await exchange(upsdPort, `GET VAR ${u} ups.status\n`)).startsWith(`VAR ${u} ups.status "OL`), 30000, 50);
  await o.beforeWeb?.(box, ids);
  const s: WebStack = {
    box, upsdPort, webPort, base: `http://127.0.0.1:${webPort}`, upsd, web: undefined as unknown as Proc, drivers, ids,
    setStatus(ups, status) { drivers.get(ups)!.broadcast(`SETINFO ups.status "${status}"`); },
    async startWeb() {
      s.web = start(process.execPath, [ourBin('upsweb'), '-F', '-u', 'root'], { env: box.env });
      await waitForPort(webPort, '127.0.0.1', 30000);
      await waitFor(async () => {
        const r = await fetch(`${s.base}/api/v1/devices`).then((x) => x.json() as Promise<{ id: string; readable: boolean }[]>, () => []);
        return ids.every((id) => r.some((d) => d.id === id && d.readable));
      }, 30000, 50);
    },
    async stopWeb() { await s.web?.kill(); },
    async stop() {
      await s.web?.kill();
      await upsd.kill();
      for (const d of drivers.values()) await d.close();
      box.cleanup();
    },
  };
  if (!o.noWeb) {
    try { await s.startWeb(); } catch (e) { await s.stop(); throw e; }
  }
  return s;
}
