/**
 * A minimal JPEG carrying an EXIF block (capture time and GPS), built byte by byte so tests
 * do not depend on a camera file. Only the APP1 segment matters to EXIF readers.
 */
export function jpegWithExif(opts: { taken: string; lat?: number; lon?: number }): Buffer {
  const le = (n: number, bytes: number) => {
    const b = Buffer.alloc(bytes);
    if (bytes === 2) b.writeUInt16LE(n);
    else b.writeUInt32LE(n);
    return b;
  };
  // Layout inside the TIFF block (offsets from its start).
  const ifd0 = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const exifIfd = ifd0 + ifd0Size;
  const exifSize = 2 + 12 + 4;
  const gpsIfd = exifIfd + exifSize;
  const gpsSize = 2 + 4 * 12 + 4;
  const dateOff = gpsIfd + gpsSize;
  const latOff = dateOff + 20;
  const lonOff = latOff + 24;
  const entry = (tag: number, type: number, count: number, value: Buffer) => Buffer.concat([le(tag, 2), le(type, 2), le(count, 4), value]);
  const inline = (s: string) => Buffer.concat([Buffer.from(s, 'ascii'), Buffer.alloc(4 - s.length)]);
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 100);
    return Buffer.concat([le(d, 4), le(1, 4), le(m, 4), le(1, 4), le(s, 4), le(100, 4)]);
  };
  const tiff = Buffer.concat([
    Buffer.from('II*\0', 'binary'),
    le(ifd0, 4),
    le(2, 2),
    entry(0x8769, 4, 1, le(exifIfd, 4)),
    entry(0x8825, 4, 1, le(gpsIfd, 4)),
    le(0, 4),
    le(1, 2),
    entry(0x9003, 2, 20, le(dateOff, 4)),
    le(0, 4),
    le(4, 2),
    entry(0x0001, 2, 2, inline('N')),
    entry(0x0002, 5, 3, le(latOff, 4)),
    entry(0x0003, 2, 2, inline('E')),
    entry(0x0004, 5, 3, le(lonOff, 4)),
    le(0, 4),
    Buffer.from(`${opts.taken}\0`, 'ascii'),
    dms(opts.lat ?? 27.8567),
    dms(opts.lon ?? 112.9),
  ]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), len, app1, Buffer.from([0xff, 0xd9])]);
}
