// Runs a device model on one end of a pty pair, in the test process.
// The model turns each received command into a reply; every exchange is logged
// so tests can compare the bytes two drivers sent (probe order included).

import { openSync, constants } from 'node:fs';
import tty from 'node:tty';

export interface DeviceModel {
  /** chars that end a command (Q*: '\r'); empty string: every byte is a command (APC Smart) */
  readonly terminators: string;
  /** reply to one command ('' = no reply); may be async (slow device) */
  handle(cmd: string): string | Promise<string>;
}

export interface Exchange { cmd: string; reply: string }

/** A broken link: no reply, garbage, or a reply after the driver's 1 s timeout. */
export type Fault = 'none' | 'silent' | 'garbage' | 'slow';

/**
 * Applies a Fault to a '\r'-terminated protocol: 'slow' answers after 1.5 s and, like a
 * half-duplex unit, drops the answer when a newer command arrived meanwhile.
 */
export class FaultyLink {
  fault: Fault = 'none';
  private seq = 0;

  async answer(reply: () => string): Promise<string> {
    const my = ++this.seq;
    switch (this.fault) {
      case 'silent': return '';
      case 'garbage': return '\x15#%&garbage!\r';
      case 'slow':
        await new Promise((r) => setTimeout(r, 1500));
        return my === this.seq ? reply() : '';
      default: return reply();
    }
  }
}

export class SerialSim {
  readonly log: Exchange[] = [];
  private readonly fds: number[];
  private input: tty.ReadStream;
  private output: tty.WriteStream;
  private buf = '';
  /** when false the device is "unplugged": commands are read and dropped */
  online = true;

  constructor(path: string, public model: DeviceModel) {
    // two descriptors, so each stream owns (and closes) its own
    this.fds = [openSync(path, constants.O_RDWR | constants.O_NOCTTY), openSync(path, constants.O_RDWR | constants.O_NOCTTY)];
    this.input = new tty.ReadStream(this.fds[0]!);
    this.input.setRawMode(true);
    this.output = new tty.WriteStream(this.fds[1]!);
    this.input.on('data', (d: Buffer) => { void this.onData(d.toString('latin1')); });
    this.input.on('error', () => { /* peer went away */ });
    this.output.on('error', () => { /* peer went away */ });
  }

  private async onData(chunk: string): Promise<void> {
    this.buf += chunk;
    const terms = this.model.terminators;
    for (;;) {
      let cmd: string;
      if (!terms) {
        if (!this.buf) return;
        cmd = this.buf[0]!;
        this.buf = this.buf.slice(1);
      } else {
        let i = -1;
        for (let k = 0; k < this.buf.length; k++) if (terms.includes(this.buf[k]!)) { i = k; break; }
        if (i < 0) return;
        cmd = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        if (!cmd) continue;
      }
      if (!this.online) { this.log.push({ cmd, reply: '<offline>' }); continue; }
      const reply = await this.model.handle(cmd);
      this.log.push({ cmd, reply });
      if (reply) this.output.write(Buffer.from(reply, 'latin1'));
    }
  }

  /** the commands received so far */
  commands(): string[] { return this.log.map((e) => e.cmd); }

  clearLog(): void { this.log.length = 0; }

  close(): void {
    this.input.destroy();
    this.output.destroy();
  }
}
