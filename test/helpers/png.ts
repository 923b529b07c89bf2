// A small PNG decoder for comparing images by pixels: 8-bit RGB/RGBA and palette
// images of 1-8 bits with tRNS, all five row filters. Returns RGBA per pixel.

import { inflateSync } from 'node:zlib';

export interface Pixels { width: number; height: number; rgba: Uint8Array }

export function decodePng(buf: Buffer): Pixels {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, depth = 0, ctype = 0;
  let plte: Buffer = Buffer.alloc(0);
  let trns: Buffer = Buffer.alloc(0);
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]!; ctype = data[9]!; if (data[12]) throw new Error('interlaced PNG'); }
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const channels = ctype === 3 || ctype === 0 ? 1 : ctype === 2 ? 3 : ctype === 6 ? 4 : ctype === 4 ? 2 : 0;
  const bpp = Math.max(1, (channels * depth) >> 3);
  const stride = Math.ceil((width * channels * depth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const ft = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      let p = 0;
      if (ft === 1) p = a; else if (ft === 2) p = b; else if (ft === 3) p = (a + b) >> 1;
      else if (ft === 4) { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = (v + p) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const o = (y * width + x) * 4;
    if (ctype === 3) {
      const bit = x * depth;
      const idx = (out[y * stride + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
      rgba[o] = plte[idx * 3]!; rgba[o + 1] = plte[idx * 3 + 1]!; rgba[o + 2] = plte[idx * 3 + 2]!;
      rgba[o + 3] = idx < trns.length ? trns[idx]! : 255;
    } else if (ctype === 2 || ctype === 6) {
      const i = y * stride + x * channels;
      rgba[o] = out[i]!; rgba[o + 1] = out[i + 1]!; rgba[o + 2] = out[i + 2]!; rgba[o + 3] = ctype === 6 ? out[i + 3]! : 255;
    } else throw new Error(`colour type ${ctype} not handled`);
  }
  return { width, height, rgba };
}
