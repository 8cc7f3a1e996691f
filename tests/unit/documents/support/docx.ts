import { inflateRawSync } from 'node:zlib';

/**
 * Just enough of a .docx reader for the conformance tests: a zip reader over node:zlib (no
 * dependency on the zip library docx happens to bundle), and regex-level helpers that pull
 * texts, table cells and attributes out of WordprocessingML.
 */

/** Every file of a zip archive, by path. Supports stored and deflated entries. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

export type Docx = { files: Map<string, Buffer>; xml: (path: string) => string };

export function openDocx(buf: Buffer): Docx {
  const files = unzip(buf);
  return {
    files,
    xml: (path) => {
      const f = files.get(path);
      if (!f) throw new Error(`no ${path} in the package`);
      return f.toString('utf8');
    },
  };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
export const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/giu, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? ''),
  );

/** The text of a WordprocessingML fragment: w:t contents, w:br and w:tab as "\n" and "\t". */
export function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>|<\/w:p>/gu)) {
    if (m[1] !== undefined) out += decode(m[1]);
    else if (m[0] === '<w:br/>') out += '\n';
    else if (m[0] === '<w:tab/>') out += '\t';
    else out += '\n';
  }
  return out;
}

/** Paragraph texts, in order. */
export const paragraphs = (xml: string): string[] => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)].map((m) => textOf(m[0]).replace(/\n$/u, ''));

/** Each table as rows of cell texts (a cell's paragraphs joined with "\n"). Tables are not nested here. */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/gu)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/gu)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/gu)].map((c) => textOf(c[0]).replace(/\n$/u, ''))),
  );
}

/** The attributes of the first element named `tag` (e.g. 'w:pgSz'), or undefined. */
export function attrs(xml: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}(\\s[^>]*)?/?>`, 'u').exec(xml);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of (m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/gu)) out[a[1] ?? ''] = decode(a[2] ?? '');
  return out;
}

/** All elements named `tag` with their attributes. */
export function allAttrs(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}(\\s[^>]*)?/?>`, 'gu'))].map((m) => {
    const out: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/gu)) out[a[1] ?? ''] = decode(a[2] ?? '');
    return out;
  });
}

/**
 * Throws unless `xml` is well-formed: balanced tags, quoted attributes, no raw '<' or bare '&'
 * in text, only characters XML 1.0 allows. (A checker, not a parser: enough to prove escaping.)
 */
export function assertWellFormed(xml: string, where = 'xml'): void {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u.exec(xml);
  if (bad) throw new Error(`${where}: character U+${bad[0].charCodeAt(0).toString(16)} not allowed in XML`);
  const stack: string[] = [];
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gu;
  for (const m of xml.matchAll(re)) {
    const [, close, name, , self, text, stray] = m;
    if (stray) throw new Error(`${where}: stray '<' at ${m.index}`);
    if (text !== undefined) {
      if (/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/u.test(text)) throw new Error(`${where}: bare '&' at ${m.index}`);
      continue;
    }
    if (!name) continue;
    if (close) {
      if (stack.pop() !== name) throw new Error(`${where}: </${name}> does not close the open element at ${m.index}`);
    } else if (!self) stack.push(name);
  }
  if (stack.length) throw new Error(`${where}: unclosed <${stack[stack.length - 1]}>`);
}

/** The body XML of a document part without its namespace declarations (shorter failure output). */
export const body = (d: Docx): string => d.xml('word/document.xml').replace(/^[\s\S]*?<w:body>/u, '<w:body>');
