import { describe, expect, it } from 'vitest';
import { bagFilePath, checkEntryName, MAX_PATH_UNITS, MAX_SEGMENT_UNITS, safeBagName, safeSegment, uniquePath } from '../../../electron/bundle/names';

describe('bundle file names (writer side)', () => {
  it('keeps Chinese names as they are, in NFC', () => {
    expect(safeSegment('现场检查笔录（第1页）.docx')).toBe('现场检查笔录（第1页）.docx');
    expect(safeSegment('cafe\u0301.jpg')).toBe('caf\u00e9.jpg');
  });

  it('replaces what Windows, BagIt manifests or sha256sum cannot take', () => {
    expect(safeSegment('a<b>c:d"e|f?g*h.jpg')).toBe('a_b_c_d_e_f_g_h.jpg');
    expect(safeSegment('覆盖率100%.docx')).toBe('覆盖率100_.docx');
    expect(safeSegment('line\nbreak\ttab.txt')).toBe('line_break_tab.txt');
    expect(safeSegment('photo\u202Egpj.exe')).toBe('photo_gpj.exe');
    expect(safeSegment('trailing dots... ')).toBe('trailing dots');
    expect(safeSegment('CON')).toBe('_CON');
    expect(safeSegment('lpt1.txt')).toBe('_lpt1.txt');
    expect(safeSegment('..')).toBe('_');
    expect(safeSegment('')).toBe('_');
  });

  it('makes a short, safe bag folder name', () => {
    expect(safeBagName('InspectDesk-20250301-093000')).toBe('InspectDesk-20250301-093000');
    expect(safeBagName('../湘潭县/数据包')).toBe('.._湘潭县_数据包');
    const long = safeBagName(`${'湘潭县市场监督管理局'.repeat(10)}.`);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('.')).toBe(false);
  });

  it('drops folder tricks from user names and keeps folders', () => {
    expect(bagFilePath('b/data/documents/', '../../湘潭县/./笔录.docx')).toBe('b/data/documents/湘潭县/笔录.docx');
    expect(bagFilePath('b/data/documents/', 'C:\\Users\\张三\\照片.jpg')).toBe('b/data/documents/C_/Users/张三/照片.jpg');
    expect(bagFilePath('b/data/documents/', '///')).toBe('b/data/documents/未命名文件');
  });

  it('shortens long names deterministically, keeping the extension and the limits', () => {
    const prefix = 'InspectDesk-20250301-093000/data/attachments/';
    const long = `${'某某食品有限公司现场检查'.repeat(20)}.jpg`;
    const a = bagFilePath(prefix, long);
    expect(a).toBe(bagFilePath(prefix, long));
    expect(a.length).toBeLessThanOrEqual(MAX_PATH_UNITS);
    const file = a.split('/').pop() ?? '';
    expect(file.length).toBeLessThanOrEqual(MAX_SEGMENT_UNITS);
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(240);
    expect(file).toMatch(/^某某食品有限公司.*~[0-9a-f]{8}\.jpg$/u);
    // Another long name with the same beginning gets another hash.
    expect(bagFilePath(prefix, `${long}x.jpg`)).not.toBe(a);
  });

  it('shortens deep folder paths until the whole path fits', () => {
    const deep = `${Array.from({ length: 12 }, (_, i) => `第${i}层目录名称比较长的文件夹`).join('/')}/笔录.docx`;
    const p = bagFilePath('InspectDesk-20250301-093000/data/documents/', deep);
    expect(p.length).toBeLessThanOrEqual(MAX_PATH_UNITS);
    expect(p.endsWith('.docx')).toBe(true);
  });

  it('never splits a surrogate pair when cutting', () => {
    const p = bagFilePath('b/', `${'😀'.repeat(200)}.png`);
    expect(p.length).toBeLessThanOrEqual(MAX_PATH_UNITS);
    expect(p).toBe(Buffer.from(p, 'utf8').toString('utf8'));
    expect(p).not.toMatch(/\uFFFD/u);
  });

  it('makes clashing names unique as Windows and macOS compare them (case, NFC)', () => {
    const taken = new Set<string>();
    const sha1 = '1'.repeat(64);
    const sha2 = '2'.repeat(64);
    expect(uniquePath('b/data/attachments/照片.jpg', sha1, taken)).toBe('b/data/attachments/照片.jpg');
    expect(uniquePath('b/data/attachments/照片.JPG', sha2, taken)).toBe('b/data/attachments/照片~22222222.JPG');
    expect(uniquePath('b/data/attachments/照片.jpg', sha2, taken)).toBe('b/data/attachments/照片~22222222-2.jpg');
    expect(uniquePath('b/data/cafe\u0301.txt', sha1, taken)).toBe('b/data/cafe\u0301.txt');
    expect(uniquePath('b/data/caf\u00e9.txt', sha1, taken)).toBe('b/data/caf\u00e9~11111111.txt');
  });
});

describe('checkEntryName (reader side)', () => {
  const ok = (name: string) => checkEntryName(Buffer.from(name, 'utf8'), 0x800);
  it('accepts ordinary and Chinese names, files and folders', () => {
    expect(ok('bag/data/documents/现场检查笔录（第1页）.docx')).toEqual({ ok: true, name: 'bag/data/documents/现场检查笔录（第1页）.docx', isDir: false });
    expect(ok('bag/data/')).toMatchObject({ ok: true, isDir: true });
    // Info-ZIP on Linux writes UTF-8 without the flag: accepted when it decodes.
    expect(checkEntryName(Buffer.from('bag/照片.jpg', 'utf8'), 0)).toMatchObject({ ok: true });
  });

  it.each([
    ['../x', 'PATH_TRAVERSAL'],
    ['a/../../x', 'PATH_TRAVERSAL'],
    ['/etc/passwd', 'PATH_TRAVERSAL'],
    ['C:/x', 'PATH_TRAVERSAL'],
    ['c:x', 'PATH_TRAVERSAL'],
    ['a\\b', 'PATH_TRAVERSAL'],
    ['', 'UNSAFE_NAME'],
    ['a//b', 'UNSAFE_NAME'],
    ['a/./b', 'UNSAFE_NAME'],
    ['a/b:stream', 'UNSAFE_NAME'],
    ['a/b\u0000c', 'UNSAFE_NAME'],
    ['a/NUL.txt', 'UNSAFE_NAME'],
    ['a/com1', 'UNSAFE_NAME'],
    ['a/b ', 'UNSAFE_NAME'],
    ['a./b', 'UNSAFE_NAME'],
  ])('%j → %s', (name, problem) => {
    const r = ok(name);
    expect(r).toMatchObject({ ok: false, problem });
    expect(r.ok ? '' : r.message).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('refuses names that are not UTF-8 (GBK from an old zipper)', () => {
    const gbk = Buffer.from([0xcf, 0xd6, 0xb3, 0xa1, 0x2e, 0x6a, 0x70, 0x67]);
    expect(checkEntryName(gbk, 0)).toMatchObject({ ok: false, problem: 'UNSAFE_NAME', message: expect.stringMatching(/重新打包/u) as unknown });
  });
});
