import { describe, expect, it } from 'vitest';
import { BAGIT_TXT, bagInfoText, manifestText, parseBagInfo, parseBagitTxt, parseManifest } from '../../../electron/bundle/bagit';
import { canonicalJson } from '../../../electron/bundle/write';
import { dosDateTime } from '../../../electron/bundle/zip';
import { BUNDLE_SCHEMA_VERSION, checkBundleManifest, pathKey } from '../../../shared/schemas/bundle';
import { U } from './fixtures';

describe('BagIt tag files', () => {
  it('bagit.txt is exactly the RFC 8493 text, and is checked strictly', () => {
    expect(BAGIT_TXT).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(parseBagitTxt(BAGIT_TXT)).toEqual({ ok: true, value: '1.0' });
    expect(parseBagitTxt(BAGIT_TXT.replace(/\n/gu, '\r\n'))).toMatchObject({ ok: true });
    expect(parseBagitTxt('BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n')).toMatchObject({ ok: true });
    expect(parseBagitTxt(`\uFEFF${BAGIT_TXT}`)).toMatchObject({ ok: false });
    expect(parseBagitTxt('BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n')).toMatchObject({ ok: false, message: expect.stringMatching(/不支持的 BagIt 版本 2\.0/u) as unknown });
    expect(parseBagitTxt('BagIt-Version: 1.0\nTag-File-Character-Encoding: GBK\n')).toMatchObject({ ok: false });
    expect(parseBagitTxt('')).toMatchObject({ ok: false });
  });

  it('bag-info.txt keeps values on one line and reads continuation lines', () => {
    expect(bagInfoText([['Source-Organization', '湘潭县\n市场监督管理局']])).toBe('Source-Organization: 湘潭县 市场监督管理局\n');
    expect(parseBagInfo('A: 1\nB: two\n  lines\n')).toEqual({ ok: true, value: [['A', '1'], ['B', 'two lines']] });
    expect(parseBagInfo('no colon here\n')).toMatchObject({ ok: false });
  });

  it('manifests are sorted "hash  path" lines that sha256sum reads, parsed back with RFC percent-decoding', () => {
    const text = manifestText([
      { path: 'data/b.jpg', sha256: 'b'.repeat(64) },
      { path: 'data/a 空格.jpg', sha256: 'a'.repeat(64) },
    ]);
    expect(text).toBe(`${'a'.repeat(64)}  data/a 空格.jpg\n${'b'.repeat(64)}  data/b.jpg\n`);
    const parsed = parseManifest('manifest-sha256.txt', text);
    expect(parsed.ok && [...parsed.value]).toEqual([
      ['data/a 空格.jpg', 'a'.repeat(64)],
      ['data/b.jpg', 'b'.repeat(64)],
    ]);
    const enc = parseManifest('m', `${'C'.repeat(64)} *data/100%25%0Aline.txt\r\n`);
    expect(enc.ok && [...enc.value]).toEqual([['data/100%\nline.txt', 'c'.repeat(64)]]);
    expect(parseManifest('m', `${'a'.repeat(64)}  data/x\n${'b'.repeat(64)}  data/x\n`)).toMatchObject({ ok: false, message: expect.stringMatching(/出现了两次/u) as unknown });
    expect(parseManifest('m', 'abc data/x\n')).toMatchObject({ ok: false, message: expect.stringMatching(/第 1 行/u) as unknown });
  });
});

describe('determinism helpers', () => {
  it('canonicalJson sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 }).indexOf('"a"')).toBeLessThan(canonicalJson({ b: 1, a: 2 }).indexOf('"b"'));
  });

  it('entry times are the export wall clock in DOS format, clamped to what DOS time can hold', () => {
    expect(dosDateTime('2025-03-01T09:30:07+08:00')).toEqual({ date: ((2025 - 1980) << 9) | (3 << 5) | 1, time: (9 << 11) | (30 << 5) | 3 });
    expect(dosDateTime('1970-01-01T00:00:00Z').date >> 9).toBe(0);
    expect(dosDateTime('garbage')).toEqual({ date: (1 << 5) | 1, time: 0 });
  });

  it('pathKey folds case and Unicode normalisation', () => {
    expect(pathKey('data/Cafe\u0301.JPG')).toBe(pathKey('data/caf\u00e9.jpg'));
  });
});

describe('data/manifest.json schema', () => {
  const base = {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: '2025-03-01T09:30:00+08:00',
    software: { name: 'InspectDesk', version: '0.1.0' },
    office: { agencyUuid: U.agency, name: '湘潭县市场监督管理局', creditCode: null },
    selection: { kind: 'records', entity: 'inspections', uuids: [U.inspection] },
    records: { inspections: [{ uuid: U.inspection, version: 2, anything: { nested: ['kept'] } }] },
    documents: [],
    attachments: [],
    audit: [],
  };

  it('accepts a minimal manifest and keeps record fields it does not know', () => {
    const r = checkBundleManifest(base);
    expect(r.ok && r.manifest.records.inspections?.[0]).toEqual({ uuid: U.inspection, version: 2, anything: { nested: ['kept'] } });
  });

  it('refuses newer, older and missing versions with a clear message before looking at anything else', () => {
    expect(checkBundleManifest({ schemaVersion: 3 })).toEqual({ ok: false, problem: 'SCHEMA_VERSION', message: expect.stringMatching(/较新版本.*格式版本 3.*升级/u) as unknown });
    expect(checkBundleManifest({ ...base, schemaVersion: -1 })).toMatchObject({ ok: false, problem: 'SCHEMA_VERSION' });
    expect(checkBundleManifest({ ...base, schemaVersion: 1.5 })).toMatchObject({ ok: false, problem: 'SCHEMA_VERSION' });
    expect(checkBundleManifest(null)).toMatchObject({ ok: false, problem: 'SCHEMA_VERSION' });
    expect(checkBundleManifest([])).toMatchObject({ ok: false, problem: 'SCHEMA_VERSION' });
  });

  it('names the failing field in Chinese', () => {
    const r = checkBundleManifest({ ...base, records: { inspections: [{ uuid: U.inspection, version: 0 }] } });
    expect(r).toMatchObject({ ok: false, problem: 'SCHEMA_INVALID', message: expect.stringMatching(/版本号应 ≥ 1.*records\.inspections\[0\]\.version/u) as unknown });
    const bad = { ...base, selection: { kind: 'dateRange', from: '2025-02-30', to: '2025-03-01' } };
    expect(checkBundleManifest(bad)).toMatchObject({ ok: false, problem: 'SCHEMA_INVALID' });
    const path = { ...base, documents: [{ path: 'data/documents/../x', name: 'x', sha256: 'a'.repeat(64), size: 1, mediaType: 'text/plain', record: { entity: 'inspections', uuid: U.inspection } }] };
    expect(checkBundleManifest(path)).toMatchObject({ ok: false, message: expect.stringMatching(/“\.\.”/u) as unknown });
  });
});
