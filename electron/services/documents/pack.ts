import zlib from 'node:zlib';
import { Document, NextAttributeComponent, Packer, XmlComponent } from 'docx';
import QRCode from 'qrcode';
import { frameOf } from '../../documents/parts';

/**
 * Synchronous packing of a built docx Document, and the QR code's PNG.
 *
 * Why: docx's `Packer.toBuffer` is `async` only in name — it compiles every part and zips it
 * with fflate synchronously, then resolves. Calling its compiler directly and zipping with
 * Node's native zlib gives the same parts (tests compare them with Packer's) about twice as fast,
 * and, being synchronous, lets a document be numbered, built and registered inside one
 * database transaction: a number is consumed only together with the document that prints it.
 *
 * The compiler is docx's own (`Packer.compiler`, docx pinned at 9.15.2 in package.json); the
 * check below fails loudly at start-up if an upgrade moves it.
 */

type Part = string | Uint8Array;
interface Formatter {
  format(input: object, context: unknown): object;
}
interface Compiler {
  formatter: Formatter;
  compile(file: Document, prettify: undefined, overrides: readonly { path: string; data: string }[]): Map<string, Part>;
}

const compiler = (Packer as unknown as { compiler?: Compiler }).compiler;
if (!compiler || typeof compiler.compile !== 'function' || typeof compiler.formatter?.format !== 'function') {
  throw new Error('docx 版本不兼容：找不到 Packer.compiler.compile（请使用 package.json 中锁定的 docx 9.15.2）');
}

/**
 * docx 9.15.2 writes the attributes of a `NextAttributeComponent` (every part's namespace list,
 * ~30 attributes on each document, header and footer root) by spreading the object built so far
 * once per attribute — quadratic, and ~14 % of a notice's build. This writes the same object in
 * one pass: the same keys in the same order (a repeated key keeps its first place and takes the
 * last value, as with the spread), attributes without a value left out. Replaced once, for the
 * whole process (every docx part is written the same, faster); tests/integration/
 * documents-pack.test.ts checks it against docx's own on the same components.
 */
type AttributeEntries = Record<string, { key: string; value: unknown }>;
const attributesProto = (NextAttributeComponent as unknown as { prototype?: { prepForXml?: unknown } } | undefined)?.prototype;
if (!attributesProto || typeof attributesProto.prepForXml !== 'function') {
  throw new Error('docx 版本不兼容：找不到 NextAttributeComponent（请使用 package.json 中锁定的 docx 9.15.2）');
}
export const docxAttributesPrep = attributesProto.prepForXml as (this: { root: AttributeEntries }) => { _attr: Record<string, unknown> };
attributesProto.prepForXml = function prepForXml(this: { root: AttributeEntries }): { _attr: Record<string, unknown> } {
  const attrs: Record<string, unknown> = {};
  for (const { key, value } of Object.values(this.root)) if (value !== undefined) attrs[key] = value;
  return { _attr: attrs };
};

/** Stands in for docx's default styles when the package brings its own styles.xml. */
class NoStyles extends XmlComponent {
  constructor() {
    super('w:styles');
  }
}

/**
 * Compiles a Document into its package parts (path → XML text or bytes), overrides applied.
 * When styles.xml is overridden, docx's own default styles (about 15 % of the compile) are not
 * serialised only to be thrown away; nothing else reads them for these documents (docx reads the
 * styles only to build a table of contents, which none has).
 */
export function compileParts(doc: Document, overrides: readonly { path: string; data: string }[]): Map<string, Part> {
  if (overrides.some((o) => o.path === 'word/styles.xml')) (doc as unknown as { styles: XmlComponent }).styles = new NoStyles();
  const frame = frameOf(doc);
  if (frame === undefined) return compiler!.compile(doc, undefined, overrides);
  return compileFramed(doc, frame, overrides);
}

// ---- Fixed parts, written once per frame --------------------------------------------------------

/**
 * The parts docx writes from a Document's options alone (see `frameOf` in documents/parts.ts):
 * the same text for every document with the same options. Formatting them was ~40 % of a
 * notice's compile (1.3 of 3.1 ms; the theme alone 0.6 ms), so the first document of a frame is
 * compiled whole by docx and these parts are kept; later documents of the frame have everything
 * else (body, headers, footers, relationships, content types, core properties) compiled by docx
 * as before, and these taken from the first.
 *
 * Three of them can also grow while the body is formatted (a list adds a numbering instance, an
 * inline footnote adds a note); `shape` reads how far they have grown, and the kept text is used
 * only when that equals the first document's, else the part is formatted as usual. A part given
 * as an override is never kept (the override's text is what is written).
 */
interface DocxInternals {
  Styles: object;
  FileRelationships: object;
  CustomProperties: object;
  AppProperties: object;
  FootNotes: { View: { root?: unknown[] } };
  Endnotes: { View: { root?: unknown[] } };
  Settings: object;
  FontTable: { View: object };
  Theme: object;
  Numbering: { abstractNumberingMap?: Map<unknown, unknown>; concreteNumberingMap?: Map<unknown, unknown> };
}
interface FixedPart {
  path: string;
  of(f: DocxInternals): object;
  /** How far the component has grown; undefined when docx's internals are not where expected (never kept then). */
  shape?(f: DocxInternals): string | undefined;
}
const rootSize = (c: { root?: unknown[] }) => (Array.isArray(c.root) ? String(c.root.length) : undefined);
/**
 * Notes are kept only while there are none (the separators every document has): a note's pictures
 * and relationships are written elsewhere in the package, from the note as formatted.
 */
const EMPTY = new Document({ sections: [] }) as unknown as DocxInternals;
const noNotes = (view: { root?: unknown[] }, empty: { root?: unknown[] }) => {
  const n = rootSize(view);
  return n !== undefined && n === rootSize(empty) ? n : undefined;
};
const FIXED: readonly FixedPart[] = [
  { path: 'word/styles.xml', of: (f) => f.Styles },
  { path: '_rels/.rels', of: (f) => f.FileRelationships },
  { path: 'docProps/custom.xml', of: (f) => f.CustomProperties },
  { path: 'docProps/app.xml', of: (f) => f.AppProperties },
  { path: 'word/footnotes.xml', of: (f) => f.FootNotes.View, shape: (f) => noNotes(f.FootNotes.View, EMPTY.FootNotes.View) },
  { path: 'word/endnotes.xml', of: (f) => f.Endnotes.View, shape: (f) => noNotes(f.Endnotes.View, EMPTY.Endnotes.View) },
  { path: 'word/settings.xml', of: (f) => f.Settings },
  { path: 'word/fontTable.xml', of: (f) => f.FontTable.View },
  { path: 'word/theme/theme1.xml', of: (f) => f.Theme },
  {
    path: 'word/numbering.xml',
    of: (f) => f.Numbering,
    shape: ({ Numbering: n }) => (n.abstractNumberingMap instanceof Map && n.concreteNumberingMap instanceof Map ? `${n.abstractNumberingMap.size}/${n.concreteNumberingMap.size}` : undefined),
  },
];

interface Frame {
  /** Each kept part's text, and its shape when the first document was compiled. */
  parts: Map<string, { text: string; shape: string | undefined }>;
}
const frames = new Map<string, Frame>();
const FRAME_LIMIT = 32;

/**
 * A second docx compiler whose formatter writes a stub for the components listed in `stubs`
 * (the kept parts of the document being compiled) instead of formatting them; `compileFramed`
 * then puts the kept text in the stubs' place. Everything else goes to docx's own formatter.
 *
 * It also formats each part's view once per compile: docx formats every header and footer twice
 * (once to find its pictures, once to write it), and the two results are the same — formatting
 * only registers pictures and list instances, both idempotent — but cost ~0.3 ms a notice.
 */
const framed = new (compiler.constructor as new () => Compiler)();
const docxFormatter = framed.formatter;
let stubs: Map<object, { path: string; keep(): boolean }> | null = null;
let stubbed: string[] = [];
let views: Map<object, object> | null = null;
framed.formatter = {
  format(input, context) {
    const s = stubs?.get(input);
    if (s && s.keep()) {
      stubbed.push(s.path);
      return { 'w:kept': {} };
    }
    if (!views || (context as { viewWrapper?: { View?: unknown } }).viewWrapper?.View !== input) return docxFormatter.format(input, context);
    let out = views.get(input);
    if (!out) views.set(input, (out = docxFormatter.format(input, context)));
    return out;
  },
};

function compileFramed(doc: Document, frameText: string, overrides: readonly { path: string; data: string }[]): Map<string, Part> {
  const f = doc as unknown as DocxInternals;
  // Overridden parts are written from the override: never kept, and a different set is another frame.
  const overridden = new Set(overrides.map((o) => o.path));
  const key = `${frameText}\n${[...overridden].sort().join('\n')}`;
  const frame = frames.get(key);
  if (!frame) {
    const parts = compiler!.compile(doc, undefined, overrides);
    const kept: Frame['parts'] = new Map();
    for (const p of FIXED) {
      const text = parts.get(p.path);
      if (!overridden.has(p.path) && typeof text === 'string') kept.set(p.path, { text, shape: p.shape?.(f) });
    }
    if (frames.size >= FRAME_LIMIT) frames.delete(frames.keys().next().value as string);
    frames.set(key, { parts: kept });
    return parts;
  }
  stubs = new Map();
  stubbed = [];
  views = new Map();
  for (const p of FIXED) {
    const k = frame.parts.get(p.path);
    if (k) stubs.set(p.of(f), { path: p.path, keep: () => !p.shape || (k.shape !== undefined && p.shape(f) === k.shape) });
  }
  try {
    const parts = framed.compile(doc, undefined, overrides);
    for (const path of stubbed) parts.set(path, frame.parts.get(path)!.text);
    return parts;
  } finally {
    stubs = null;
    stubbed = [];
    views = null;
  }
}

interface Deflated {
  crc: number;
  size: number;
  data: Buffer;
  /** 8: deflated; 0: stored (pictures, already compressed). */
  method: 0 | 8;
}

/**
 * Parts that are the same text in every document of a kind (styles, theme, fonts, settings,
 * footers, content types…) are deflated once, keyed by the text itself: at most a few dozen
 * distinct ones per process. The body and the core properties (a time stamp) change every time.
 */
const cache = new Map<string, Deflated>();
const CACHE_LIMIT = 96;
const PER_DOCUMENT = new Set(['word/document.xml', 'docProps/core.xml']);

function deflate(path: string, part: Part): Deflated {
  if (typeof part === 'string' && !PER_DOCUMENT.has(path)) {
    const hit = cache.get(part);
    if (hit) return hit;
    const d = deflateBytes(Buffer.from(part, 'utf8'));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(part, d);
    return d;
  }
  const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  if (/\.(png|jpe?g|gif)$/iu.test(path)) return { crc: zlib.crc32(bytes) >>> 0, size: bytes.length, data: bytes, method: 0 };
  return deflateBytes(bytes);
}

function deflateBytes(bytes: Buffer): Deflated {
  return { crc: zlib.crc32(bytes) >>> 0, size: bytes.length, data: zlib.deflateRawSync(bytes), method: 8 };
}

/** DOS date/time of 1980-01-01 00:00 (fixed: the same content gives the same bytes and hash). */
const DOS_TIME = 0;
const DOS_DATE = 0x21;

/** A zip archive (deflate, UTF-8 names) of the parts, in their order. */
export function zipParts(parts: Map<string, Part>): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [path, part] of parts) {
    const d = deflate(path, part);
    const name = Buffer.from(path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(d.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(d.crc, 14);
    local.writeUInt32LE(d.data.length, 18);
    local.writeUInt32LE(d.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(d.method, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(d.crc, 16);
    entry.writeUInt32LE(d.data.length, 20);
    entry.writeUInt32LE(d.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, d.data);
    central.push(entry, name);
    offset += local.length + name.length + d.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

/** Packs a Document into .docx bytes, synchronously. */
export function packDocx(doc: Document, overrides: readonly { path: string; data: string }[]): Buffer {
  return zipParts(compileParts(doc, overrides));
}

// ---- The QR code's PNG ------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The QR code as a 1-bit greyscale PNG, synchronously, with the parameters of documents/qr.ts
 * `qrPng` (error correction M, a quiet zone of 2 modules, 4 px a module): the same modules,
 * a smaller file, and no stream.
 */
export function qrPngSync(payload: string, opts: { margin?: number; scale?: number } = {}): Buffer {
  const margin = opts.margin ?? 2;
  const scale = opts.scale ?? 4;
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const width = (n + 2 * margin) * scale;
  const stride = Math.ceil(width / 8) + 1; // + filter byte (0: none)
  const raw = Buffer.alloc(stride * width, 0xff);
  for (let y = 0; y < width; y++) raw[y * stride] = 0;
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      if (!modules.get(my, mx)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((my + margin) * scale + dy) * stride + 1;
        for (let dx = 0; dx < scale; dx++) {
          const x = (mx + margin) * scale + dx;
          raw[row + (x >> 3)] = raw[row + (x >> 3)]! & ~(0x80 >> (x & 7));
        }
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}
