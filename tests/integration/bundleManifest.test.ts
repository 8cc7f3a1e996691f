import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../electron/bundle/errors';
import { verifyBundle } from '../../electron/bundle/read';
import type { BundleProblem } from '../../shared/schemas/bundle';
import { entry, goodBundle, NOOP_IO, type RawEntry, rawZip, rebag, removeTempDirs, U, writeTemp } from '../unit/bundle/fixtures';

/**
 * Refusals about what the bag *says*: data/manifest.json of a newer or unknown format, records
 * that break the schema, and files that manifest.json and the bag disagree about. Each bad
 * bundle is re-bagged (checksums recomputed) so the fault under test is the only one.
 */

afterAll(removeTempDirs);

let good: Awaited<ReturnType<typeof goodBundle>>;
beforeAll(async () => {
  good = await goodBundle();
});

type Json = Record<string, unknown> & { records: Record<string, Record<string, unknown>[]>; attachments: Record<string, unknown>[]; documents: Record<string, unknown>[]; audit: Record<string, unknown>[] };

/** A re-bagged bundle whose manifest.json went through `edit`. */
function withManifest(edit: (m: Json) => void): RawEntry[] {
  const es = good.copy();
  const e = entry(es, good.base, 'data/manifest.json');
  const m = JSON.parse(e.data.toString()) as Json;
  edit(m);
  e.data = Buffer.from(JSON.stringify(m));
  return rebag(es, good.base);
}

async function refusal(es: RawEntry[]): Promise<{ problem: BundleProblem | 'OK'; message: string }> {
  try {
    await verifyBundle(writeTemp(rawZip(es)), NOOP_IO);
    return { problem: 'OK', message: '' };
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    return { problem: e.problem, message: e.message };
  }
}

describe('verifyBundle checks data/manifest.json and what it references', () => {
  it('accepts an unchanged manifest re-bagged (the control)', async () => {
    expect((await refusal(withManifest(() => undefined))).problem).toBe('OK');
  });

  const cases: [string, BundleProblem, RegExp, (m: Json) => void][] = [
    ['a newer schemaVersion', 'SCHEMA_VERSION', /较新版本.*格式版本 2.*请先升级/u, (m) => void (m.schemaVersion = 2)],
    ['an unknown schemaVersion', 'SCHEMA_VERSION', /不认识的数据包格式版本 0/u, (m) => void (m.schemaVersion = 0)],
    ['no schemaVersion', 'SCHEMA_VERSION', /缺少格式版本号/u, (m) => void delete m.schemaVersion],
    ['a schemaVersion that is a string', 'SCHEMA_VERSION', /缺少格式版本号/u, (m) => void (m.schemaVersion = '1')],
    ['a record without version', 'SCHEMA_INVALID', /版本号/u, (m) => void delete m.records.inspections?.[0]?.version],
    ['a record with a malformed uuid', 'SCHEMA_INVALID', /UUID/u, (m) => void ((m.records.documents?.[0] as Record<string, unknown>).uuid = 'not-a-uuid')],
    ['an entity type this version does not know (users)', 'SCHEMA_INVALID', /不认识的记录类型/u, (m) => void (m.records.users = [{ uuid: U.agency, version: 1, passwordHash: 'x' }])],
    ['the same record twice', 'SCHEMA_INVALID', /重复出现/u, (m) => void m.records.documents?.push({ ...m.records.documents[0] })],
    ['a file of a record not in the bundle', 'SCHEMA_INVALID', /不在数据包中/u, (m) => void ((m.attachments[0] as { record: { uuid: string } }).record.uuid = '01890a5d-ac96-774b-bcce-b302090000ff')],
    ['an audit row of a record not in the bundle', 'SCHEMA_INVALID', /日志第 41 条/u, (m) => void ((m.audit[0] as { record: { uuid: string } }).record.uuid = U.photo)],
    ['a document outside data/documents/', 'SCHEMA_INVALID', /应位于 data\/documents\//u, (m) => void ((m.documents[0] as { path: string }).path = 'data/elsewhere/x.docx')],
    ['an unknown top-level field', 'SCHEMA_INVALID', /不认识的字段/u, (m) => void (m.extra = true)],
    ['an exportedAt without time zone', 'SCHEMA_INVALID', /时区/u, (m) => void (m.exportedAt = '2025-03-01 09:30')],
    ['a file it names that the bag lacks', 'MISSING_REFERENCE', /ghost\.jpg.*不在数据包中/u, (m) => void m.attachments.push({ ...m.attachments[0], path: 'data/attachments/ghost.jpg' })],
    [
      'a file hash that disagrees with manifest-sha256.txt',
      'CHECKSUM_MISMATCH',
      /校验值或大小与 manifest-sha256\.txt 不符/u,
      (m) => void ((m.attachments[0] as { sha256: string }).sha256 = 'e'.repeat(64)),
    ],
    ['a file size that disagrees with the zip', 'CHECKSUM_MISMATCH', /校验值或大小/u, (m) => void ((m.attachments[0] as { size: number }).size = 1)],
    ['a payload file no record owns', 'UNREFERENCED_FILE', /不属于任何记录/u, (m) => void (m.attachments = [])],
  ];

  it.each(cases)('%s → %s', async (_what, problem, message, edit) => {
    const r = await refusal(withManifest(edit));
    expect(r.problem).toBe(problem);
    expect(r.message).toMatch(message);
  });

  it('manifest.json that is not JSON, or not UTF-8 → SCHEMA_INVALID', async () => {
    for (const data of [Buffer.from('{"schemaVersion": 1,'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const es = good.copy();
      entry(es, good.base, 'data/manifest.json').data = data;
      expect((await refusal(rebag(es, good.base))).problem).toBe('SCHEMA_INVALID');
    }
  });

  it('a bag without data/manifest.json → MISSING_FILE', async () => {
    const es = good.copy().filter((e) => e.name !== `${good.base}data/manifest.json`);
    const r = await refusal(rebag(es, good.base));
    expect(r.problem).toBe('MISSING_FILE');
    expect(r.message).toMatch(/缺少 data\/manifest\.json/u);
  });
});
