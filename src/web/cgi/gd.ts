// A palette raster with the few libgd primitives upsimage.cgi uses (filled
// rectangle, line, string, string up), written out as PNG. The 7×13 "MediumBold"
// glyphs are read at run time from the system's libgd (Debian libgd3, which nut-cgi
// needs) through koffi; without it gauges are drawn without their text.

import { createRequire } from 'node:module';
import { deflateSync, crc32 } from 'node:zlib';

const require = createRequire(import.meta.url);

export interface GdFont { w: number; h: number; offset: number; nchars: number; data: Uint8Array }

let font: GdFont | null | undefined;
/** gdFontMediumBold from libgd.so.3, or null when the library is absent */
export function mediumBold(): GdFont | null {
  if (font !== undefined) return font;
  try {
    const koffi = require('koffi') as typeof import('koffi');
    const lib = koffi.load('libgd.so.3');
    const T = koffi.struct('tsnut_gdFont', { nchars: 'int', offset: 'int', w: 'int', h: 'int', data: 'uint8_t *' });
    const f = koffi.decode(lib.func('gdFontGetMediumBold', koffi.pointer(T), [])(), T) as { nchars: number; offset: number; w: number; h: number; data: unknown };
    font = { ...f, data: Uint8Array.from(koffi.decode(f.data, 'uint8_t', f.nchars * f.w * f.h) as number[]) };
  } catch {
    font = null;
  }
  return font;
}

export class Raster {
  readonly px: Uint8Array;
  readonly palette: number[] = [];
  transparent = -1;
  constructor(readonly width: number, readonly height: number) { this.px = new Uint8Array(width * height); }

  /** gdImageColorAllocate: always a new slot */
  alloc(rgb: number): number { this.palette.push(rgb & 0xffffff); return this.palette.length - 1; }

  set(x: number, y: number, c: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.px[y * this.width + x] = c;
  }

  /** gdImageFilledRectangle: corners inclusive, clipped */
  fill(x1: number, y1: number, x2: number, y2: number, c: number): void {
    for (let y = Math.max(0, Math.min(y1, y2)); y <= Math.min(this.height - 1, Math.max(y1, y2)); y++) {
      for (let x = Math.max(0, Math.min(x1, x2)); x <= Math.min(this.width - 1, Math.max(x1, x2)); x++) this.px[y * this.width + x] = c;
    }
  }

  /** gdImageLine, horizontal only (all upsimage draws) */
  hline(x1: number, x2: number, y: number, c: number): void { this.fill(x1, y, x2, y, c); }

  /** gdImageString: glyph cells left to right from (x, y) = top left */
  string(f: GdFont | null, x: number, y: number, s: string, c: number): void {
    if (!f) return;
    for (const ch of s) {
      const code = ch.charCodeAt(0) & 0xff;
      if (code >= f.offset && code < f.offset + f.nchars) {
        const base = (code - f.offset) * f.w * f.h;
        for (let cy = 0; cy < f.h; cy++) for (let cx = 0; cx < f.w; cx++) if (f.data[base + cy * f.w + cx]) this.set(x + cx, y + cy, c);
      }
      x += f.w;
    }
  }

  /** gdImageStringUp: each glyph turned a quarter to the left, going up from (x, y) */
  stringUp(f: GdFont | null, x: number, y: number, s: string, c: number): void {
    if (!f) return;
    for (const ch of s) {
      const code = ch.charCodeAt(0) & 0xff;
      if (code >= f.offset && code < f.offset + f.nchars) {
        const base = (code - f.offset) * f.w * f.h;
        for (let cx = 0; cx < f.w; cx++) for (let cy = 0; cy < f.h; cy++) if (f.data[base + cy * f.w + cx]) this.set(x + cy, y - cx, c);
      }
      y -= f.w;
    }
  }

  png(): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(td) >>> 0);
      return Buffer.concat([len, td, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; ihdr[9] = 3; // 8-bit palette
    const plte = Buffer.alloc(this.palette.length * 3);
    this.palette.forEach((rgb, i) => { plte[i * 3] = rgb >> 16; plte[i * 3 + 1] = (rgb >> 8) & 0xff; plte[i * 3 + 2] = rgb & 0xff; });
    const raw = Buffer.alloc((this.width + 1) * this.height);
    for (let y = 0; y < this.height; y++) raw.set(this.px.subarray(y * this.width, (y + 1) * this.width), y * (this.width + 1) + 1);
    const parts = [Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('PLTE', plte)];
    if (this.transparent >= 0) parts.push(chunk('tRNS', Buffer.from(Array.from({ length: this.transparent + 1 }, (_, i) => (i === this.transparent ? 0 : 255)))));
    parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
    return Buffer.concat(parts);
  }
}
