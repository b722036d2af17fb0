import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { frontdesk } from '../../test/helpers/cli.js';

/** Reads a zip back from its central directory; checks each local header and CRC against the data. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.readUInt32LE(local + 14)).toBe(crc);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    expect(method).toBe(0);
    expect(zlibCrc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

/** A PNG's size and colour type, and its pixels (RGBA rows after the filter byte), checking chunk CRCs. */
function readPng(png: Buffer): {
  width: number;
  height: number;
  colorType: number;
  pixel(x: number, y: number): number[];
} {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  const idat: Buffer[] = [];
  let header: Buffer = Buffer.alloc(0);
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    expect(zlibCrc32(png.subarray(at + 4, at + 8 + length)) >>> 0).toBe(png.readUInt32BE(at + 8 + length));
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const width = header.readUInt32BE(0);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(header.readUInt32BE(4) * (width * 4 + 1));
  return {
    width,
    height: header.readUInt32BE(4),
    colorType: header[9] ?? -1,
    pixel: (x, y) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)],
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-teams-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frontdesk teams manifest', () => {
  it('writes a Teams app package: the manifest with the bot id and scopes, and two icons of the right sizes', async () => {
    const appId = '7b3b1a7e-7f4e-4a53-9a64-2c2b8d4ad111';
    const out = path.join(dir, 'frontdesk-teams.zip');
    const run = await frontdesk([
      'teams',
      'manifest',
      '--app-id',
      appId,
      '--name',
      'Lumen Help',
      '--website',
      'https://help.example.org',
      '--out',
      out,
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(out);
    const files = readZip(readFileSync(out));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '') as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      manifestVersion: '1.17',
      id: appId,
      name: { short: 'Lumen Help' },
      developer: { websiteUrl: 'https://help.example.org', privacyUrl: 'https://help.example.org/privacy' },
      icons: { color: 'color.png', outline: 'outline.png' },
      bots: [{ botId: appId, scopes: ['personal', 'team'] }],
    });
    const color = readPng(files.get('color.png') ?? Buffer.alloc(0));
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    expect(color.pixel(0, 0)).toEqual([0x3f, 0x6e, 0x5a, 255]);
    expect(color.pixel(96, 80)).toEqual([255, 255, 255, 255]);
    const outline = readPng(files.get('outline.png') ?? Buffer.alloc(0));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    // Teams' outline icon: white on transparent, nothing else.
    const seen = new Set<string>();
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) seen.add(outline.pixel(x, y).join(','));
    expect([...seen].sort()).toEqual(['0,0,0,0', '255,255,255,255']);
  });

  it('refuses a missing or malformed app id, a long name and a non-https website', async () => {
    const out = path.join(dir, 'bad.zip');
    expect((await frontdesk(['teams', 'manifest', '--out', out])).code).toBe(2);
    expect((await frontdesk(['teams', 'manifest', '--app-id', 'nope', '--out', out])).stderr).toMatch(
      /--app-id/,
    );
    const id = '7b3b1a7e-7f4e-4a53-9a64-2c2b8d4ad111';
    expect(
      (await frontdesk(['teams', 'manifest', '--app-id', id, '--name', 'x'.repeat(31), '--out', out])).code,
    ).toBe(2);
    expect(
      (await frontdesk(['teams', 'manifest', '--app-id', id, '--website', 'http://a.test', '--out', out]))
        .code,
    ).toBe(2);
  });
});
