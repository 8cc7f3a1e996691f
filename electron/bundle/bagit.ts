/**
 * The BagIt tag files (RFC 8493) the writer produces and the reader checks. Kept byte-stable:
 * fixed field order, LF line ends, entries sorted, so the same export gives the same bytes.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const PAYLOAD_MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const BAG_INFO = 'bag-info.txt';
export const BAGIT = 'bagit.txt';
export const MANIFEST_JSON = 'data/manifest.json';

/** bag-info.txt: "Label: value" lines in the given order; a value never spans lines. */
export function bagInfoText(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/gu, ' ').trim()}\n`).join('');
}

/**
 * A manifest: "<sha256>  <path>" per line, sorted by path. Two spaces, because that is what
 * `sha256sum -c` reads as well; RFC 8493 allows any run of whitespace. The writer's names never
 * contain CR, LF or '%', so no percent-encoding is needed (the reader still decodes it).
 */
export function manifestText(entries: Iterable<{ path: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function lines(text: string): string[] {
  const ls = text.split(/\r\n|\r|\n/u);
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

/** bagit.txt must declare version 1.0 (or the widespread 0.97) and UTF-8, with no BOM. */
export function parseBagitTxt(text: string): Parsed<string> {
  if (text.startsWith('\uFEFF')) return { ok: false, message: 'bagit.txt 不应以 BOM 开头' };
  const ls = lines(text);
  const version = /^BagIt-Version: (\d+\.\d+)$/u.exec(ls[0] ?? '')?.[1];
  if (!version || ls.length !== 2 || !/^Tag-File-Character-Encoding: UTF-8$/iu.test(ls[1] ?? '')) {
    return { ok: false, message: 'bagit.txt 内容不正确（应为“BagIt-Version: 1.0”和“Tag-File-Character-Encoding: UTF-8”两行）' };
  }
  if (version !== '1.0' && version !== '0.97') return { ok: false, message: `不支持的 BagIt 版本 ${version}（支持 1.0）` };
  return { ok: true, value: version };
}

/** bag-info.txt labels and values (continuation lines, which start with whitespace, are joined). */
export function parseBagInfo(text: string): Parsed<[string, string][]> {
  const out: [string, string][] = [];
  for (const l of lines(text)) {
    const last = out[out.length - 1];
    if (/^[ \t]/u.test(l) && last) {
      last[1] = `${last[1]} ${l.trim()}`;
      continue;
    }
    const m = /^([^:\s][^:]*):\s*(.*)$/u.exec(l);
    if (!m) return { ok: false, message: `bag-info.txt 有无法识别的行：${JSON.stringify(l.slice(0, 80))}` };
    out.push([(m[1] as string).trim(), (m[2] as string).trim()]);
  }
  return { ok: true, value: out };
}

/**
 * A manifest file's lines → path → checksum. Paths are percent-decoded (%0A, %0D, %25 only, per
 * RFC 8493 §2.1.3); a malformed line or a path listed twice makes the manifest invalid.
 */
export function parseManifest(name: string, text: string): Parsed<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [i, l] of lines(text).entries()) {
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/u.exec(l);
    if (!m) return { ok: false, message: `${name} 第 ${i + 1} 行格式不正确（应为“SHA-256 校验值 空格 路径”）` };
    const p = (m[2] as string).replace(/%0A|%0D|%25/giu, (x) => ({ '%0A': '\n', '%0D': '\r', '%25': '%' })[x.toUpperCase()] ?? x);
    if (out.has(p)) return { ok: false, message: `${name} 中的路径 ${p} 出现了两次` };
    out.set(p, (m[1] as string).toLowerCase());
  }
  return { ok: true, value: out };
}

/** Payload-Oxum: "<total payload bytes>.<payload file count>". */
export function payloadOxum(bytes: number, count: number): string {
  return `${bytes}.${count}`;
}
