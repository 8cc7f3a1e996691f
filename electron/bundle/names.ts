import { createHash } from 'node:crypto';
import { pathKey, type BundleProblem } from '../../shared/schemas/bundle';

/**
 * File names inside a bundle. The writer turns the names users gave their files into paths that
 * extract safely everywhere (Windows above all: forbidden characters, reserved device names,
 * trailing dots, MAX_PATH); the reader refuses any entry name that could escape the folder it is
 * extracted to or mean something else on another system.
 */

/**
 * Longest path inside the zip, in UTF-16 units (what Windows counts). 260 (MAX_PATH) minus ~60
 * for the folder a user extracts into (C:\Users\张三\Desktop\…\) leaves 200.
 */
export const MAX_PATH_UNITS = 200;
/** Longest single segment: NTFS allows 255 UTF-16 units, ext4 255 bytes (a Chinese character is 3). */
export const MAX_SEGMENT_UNITS = 80;
const MAX_SEGMENT_BYTES = 240;

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/iu;
// Windows-forbidden characters and '/', plus '%' (BagIt manifests would have to percent-encode it, and
// `sha256sum -c` would not understand that) and control/format characters (U+202E can disguise
// "gpj.exe" as "exe.jpg").
const FORBIDDEN = /[<>:"|?*%/\\\p{Cc}\p{Cf}]/gu;

const units = (s: string): number => s.length;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** One path segment made safe: NFC, forbidden characters → '_', no trailing dots or spaces. */
export function safeSegment(raw: string): string {
  let s = raw.normalize('NFC').replace(FORBIDDEN, '_').trim();
  s = s.replace(/[. ]+$/u, '');
  if (s === '' || /^\.+$/u.test(s)) s = '_';
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** The bag's base folder name: a safe segment of at most 40 units (it prefixes every path in the zip). */
export function safeBagName(raw: string): string {
  return safeSegment(cut(safeSegment(raw), 40)) || 'bag';
}

function hash8(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);
}

/** Cuts a string to at most `maxUnits` UTF-16 units and `maxBytes` UTF-8 bytes without splitting a character. */
function cut(s: string, maxUnits: number, maxBytes = MAX_SEGMENT_BYTES): string {
  let out = '';
  for (const ch of s) {
    if (units(out + ch) > maxUnits || bytes(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/** Splits "name.ext" keeping a short extension (≤ 16) so a shortened file still opens with the right program. */
function splitExt(seg: string): [string, string] {
  const dot = seg.lastIndexOf('.');
  if (dot <= 0 || seg.length - dot > 16) return [seg, ''];
  return [seg.slice(0, dot), seg.slice(dot)];
}

/** "stem~hash.ext" within `maxUnits`; the hash is of the full original, so shortening is deterministic and distinct. */
function shorten(seg: string, maxUnits: number, seed: string): string {
  const [stem, ext] = splitExt(seg);
  const tail = `~${hash8(seed)}${ext}`;
  return `${cut(stem, Math.max(1, maxUnits - tail.length), MAX_SEGMENT_BYTES - bytes(tail))}${tail}`;
}

/**
 * The bag path for a file the user named `name` (may contain folders): `<prefix><safe folders>/<safe name>`,
 * at most MAX_PATH_UNITS long including `prefix` (e.g. "湘潭县-20250301/data/documents/").
 */
export function bagFilePath(prefix: string, name: string): string {
  const original = name.normalize('NFC');
  let segs = original
    .split(/[\\/]/u)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(safeSegment);
  if (segs.length === 0) segs = ['未命名文件'];
  segs = segs.map((s) => (units(s) > MAX_SEGMENT_UNITS || bytes(s) > MAX_SEGMENT_BYTES ? shorten(s, MAX_SEGMENT_UNITS, original + s) : s));
  const fits = (ss: string[]) => units(prefix) + units(ss.join('/')) <= MAX_PATH_UNITS;
  if (!fits(segs)) {
    // Folders first (the file name is what people read), then the file name, then give up on folders.
    segs = segs.map((s, i) => (i < segs.length - 1 && units(s) > 24 ? shorten(s, 24, original + s) : s));
    const file = segs[segs.length - 1] as string;
    const room = MAX_PATH_UNITS - units(prefix) - units(segs.slice(0, -1).join('/')) - (segs.length > 1 ? 1 : 0);
    if (room >= 16) segs[segs.length - 1] = shorten(file, room, original);
    else segs = [shorten(file, Math.max(16, MAX_PATH_UNITS - units(prefix)), original)];
  }
  return prefix + segs.join('/');
}

/**
 * Gives each wanted path a unique one (unique by pathKey: NFC and case-insensitive, as Windows
 * and macOS see them). `taken` holds keys already used; a clash gets "~<sha256 prefix>" and then
 * a counter. Callers pass files in a fixed order so the result is deterministic.
 */
export function uniquePath(wanted: string, sha256: string, taken: Set<string>): string {
  let p = wanted;
  for (let n = 1; taken.has(pathKey(p)); n++) {
    const slash = wanted.lastIndexOf('/');
    const [stem, ext] = splitExt(wanted.slice(slash + 1));
    const tail = `~${sha256.slice(0, 8)}${n > 1 ? `-${n}` : ''}${ext}`;
    const dir = wanted.slice(0, slash + 1);
    const room = Math.min(MAX_SEGMENT_UNITS, MAX_PATH_UNITS - units(dir));
    p = `${dir}${cut(stem, Math.max(1, room - tail.length), MAX_SEGMENT_BYTES - bytes(tail))}${tail}`;
  }
  taken.add(pathKey(p));
  return p;
}

export type NameCheck = { ok: true; name: string; isDir: boolean } | { ok: false; problem: BundleProblem; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and checks one entry name from a zip the user hands us. Zip names are bytes: UTF-8
 * when flag bit 11 is set (we always set it), and we also accept unflagged names that are valid
 * UTF-8 (Info-ZIP on Linux writes those); anything else (GBK from an old Windows zipper) is refused.
 */
export function checkEntryName(raw: Buffer, flags: number): NameCheck {
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    const hint = (flags & 0x800) !== 0 ? '' : '（可能是用其他压缩软件重新打包过）';
    return { ok: false, problem: 'UNSAFE_NAME', message: `数据包中有文件名不是 UTF-8 编码${hint}，无法确认其内容` };
  }
  const shown = JSON.stringify(name);
  const bad = (problem: BundleProblem, why: string): NameCheck => ({ ok: false, problem, message: `数据包中的路径 ${shown} ${why}，已拒绝导入` });
  if (name === '') return bad('UNSAFE_NAME', '为空');
  if (name.includes('\\')) return bad('PATH_TRAVERSAL', '含有反斜杠“\\”（在 Windows 上会被当作目录分隔符）');
  if (name.startsWith('/')) return bad('PATH_TRAVERSAL', '是绝对路径');
  if (/^[A-Za-z]:/u.test(name)) return bad('PATH_TRAVERSAL', '带有盘符（如 C:）');
  const isDir = name.endsWith('/');
  const segs = (isDir ? name.slice(0, -1) : name).split('/');
  if (segs.includes('..')) return bad('PATH_TRAVERSAL', '含有“..”，会写到解压目录之外');
  for (const s of segs) {
    if (s === '' || s === '.') return bad('UNSAFE_NAME', '含有空的或“.”路径段');
    if (/[<>:"|?*\p{Cc}]/u.test(s)) return bad('UNSAFE_NAME', '含有 Windows 不允许的字符或控制字符');
    if (/[. ]$/u.test(s)) return bad('UNSAFE_NAME', '有以点或空格结尾的路径段（Windows 会去掉它们，造成重名）');
    if (RESERVED.test(s)) return bad('UNSAFE_NAME', '使用了 Windows 的保留设备名（如 CON、NUL、COM1）');
  }
  return { ok: true, name, isDir };
}
