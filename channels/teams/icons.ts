import { deflateSync } from 'node:zlib';
import { crc32 } from './zip.js';

type Rgba = readonly [number, number, number, number];

/** A PNG (8-bit RGBA, no interlace) of `size`×`size` pixels painted by `pixel(x, y)`. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length, 0);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body), 0);
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a speech bubble (a rounded box with a tail at the bottom left) drawn in a `size` square. */
function inBubble(x: number, y: number, size: number): boolean {
  const u = x / size;
  const v = y / size;
  const box = u >= 0.2 && u <= 0.8 && v >= 0.22 && v <= 0.66;
  const r = 0.08;
  const cx = Math.min(Math.max(u, 0.2 + r), 0.8 - r);
  const cy = Math.min(Math.max(v, 0.22 + r), 0.66 - r);
  const rounded = box && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  const tail = v > 0.66 && v <= 0.8 && u >= 0.3 && u <= 0.3 + (0.8 - v) * 1.2;
  return rounded || tail;
}

/** Teams' full-colour icon: 192×192, a white speech bubble on the accent colour. */
export function colorIcon(accent: readonly [number, number, number]): Buffer {
  return png(192, (x, y) => (inBubble(x, y, 192) ? [255, 255, 255, 255] : [...accent, 255]));
}

/** Teams' outline icon: 32×32, the bubble in white on a transparent background. */
export function outlineIcon(): Buffer {
  return png(32, (x, y) => (inBubble(x + 0.5, y + 0.5, 32) ? [255, 255, 255, 255] : [0, 0, 0, 0]));
}
