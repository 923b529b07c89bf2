// usbhid-ups: USB HID UPS driver (see src/drivers/usbhid-ups/).
import { runDriver } from '../driver/runtime.js';
import { usbhidUps } from '../drivers/usbhid-ups/index.js';

await runDriver(usbhidUps, process.argv.slice(2));
