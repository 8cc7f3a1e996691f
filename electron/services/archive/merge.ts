import type { BundleEntityType, BundleManifest } from '../../../shared/schemas/bundle';
import { BUNDLE_ENTITY_TYPES } from '../../../shared/schemas/bundle';
import type { Db } from '../../db/database';
import { caseFileHashes, contentHash, sameContent, SPECS, toRecord, type Json, type Spec } from './records';

/**
 * The merge decision for each incoming record (no writes here; apply.ts writes):
 *
 * - found by uuid (or by an earlier link): same content → skip; incoming older → skip (本地较新);
 *   same version and different content → conflict; incoming newer → update, unless the local
 *   record changed since the version last shared with another office (`sync_state`) — both
 *   sides edited → conflict — or it is locked (archived) with no shared base → conflict;
 *   documents and evidence are immutable apart from their status (a different file → conflict);
 * - not found by uuid but by its natural key (credit code, certificate number, agency name,
 *   item code): the two are the same thing entered twice — linked (`uuid_aliases`); equal →
 *   skip, different → conflict; an inspection, document or case file whose number is taken by a
 *   different local record → conflict (never renumbered);
 * - otherwise added (with a reserved id);
 * - a record whose parent was not imported (a conflict by number, a missing file) is skipped.
 * Conflicts are stored with both versions side by side for an archivist's decision.
 */

export type Action = 'add' | 'update' | 'skip' | 'conflict';

export interface Decision {
  spec: Spec;
  incoming: Json;
  /** The incoming record with its references translated to local uuids (what is compared and written). */
  norm: Json;
  localUuid: string;
  action: Action;
  reason: string;
  localId: number | null;
  local: Json | null;
  /** For case files: their entries, normalized. */
  entries: Json[];
}

export class Planner {
  private readonly aliases = new Map<string, string>();
  readonly newAliases: [BundleEntityType, string, string][] = [];
  private readonly reserved = new Map<string, number>();
  private readonly nextIds = new Map<string, number>();
  private readonly dropped = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly manifest: BundleManifest,
    /** Hashes present in the store or carried by the bundle. */
    private readonly hasFile: (sha: string) => boolean,
  ) {}

  localUuid(type: BundleEntityType, uuid: string): string {
    const key = `${type}:${uuid}`;
    let v = this.aliases.get(key);
    if (v === undefined) {
      v = (this.db.prepare('SELECT local_uuid FROM uuid_aliases WHERE entity = ? AND foreign_uuid = ?').pluck().get(type, uuid) as string | undefined) ?? uuid;
      this.aliases.set(key, v);
    }
    return v;
  }

  /** Local id of a record (existing, or reserved for an add of this import); null if it will not exist. */
  resolve = (type: BundleEntityType, uuid: string): number | null => {
    const local = this.localUuid(type, uuid);
    if (this.dropped.has(`${type}:${local}`)) return null;
    const r = this.reserved.get(`${type}:${local}`);
    if (r !== undefined) return r;
    const table = SPECS[type]?.table ?? type;
    return (this.db.prepare(`SELECT id FROM ${table} WHERE uuid = ?`).pluck().get(local) as number | undefined) ?? null;
  };

  private reserve(spec: Spec, uuid: string): number {
    let next = this.nextIds.get(spec.table);
    if (next === undefined) next = ((this.db.prepare(`SELECT MAX(id) FROM ${spec.table}`).pluck().get() as number | null) ?? 0) + 1;
    this.nextIds.set(spec.table, next + 1);
    this.reserved.set(`${spec.type}:${uuid}`, next);
    return next;
  }

  /** Translates references (and the uuids inside children) to local uuids; lists stay in export order. */
  normalize(spec: Spec, rec: Json): Json {
    const out: Json = { ...rec };
    for (const [col, target] of Object.entries(spec.refs)) {
      const key = col.endsWith('_id') ? `${col.slice(0, -3)}_uuid` : `${col}_uuid`;
      if (typeof out[key] === 'string') out[key] = this.localUuid(target, out[key]);
    }
    const sortBy = <T extends Json>(list: T[], k: string) => [...list].sort((a, b) => String(a[k]).localeCompare(String(b[k])));
    if (spec.type === 'inspections') {
      if (Array.isArray(out.joint_agencies)) out.joint_agencies = (out.joint_agencies as string[]).map((u) => this.localUuid('agencies', u)).sort();
      if (Array.isArray(out.items)) out.items = sortBy((out.items as Json[]).map((r) => ({ ...r, item_uuid: this.localUuid('items', String(r.item_uuid)) })), 'item_uuid');
      if (Array.isArray(out.team)) out.team = sortBy((out.team as Json[]).map((r) => ({ ...r, officer_uuid: this.localUuid('officers', String(r.officer_uuid)) })), 'officer_uuid');
    }
    if (spec.type === 'case_files' && Array.isArray(out.inspections)) {
      out.inspections = (out.inspections as Json[]).map((r) => ({ ...r, inspection_uuid: this.localUuid('inspections', String(r.inspection_uuid)) }));
    }
    return out;
  }

  /** Every reference of the record resolves (parents present or coming in this import). */
  private missingParent(spec: Spec, norm: Json, entries: Json[]): string | null {
    for (const [col, target] of Object.entries(spec.refs)) {
      const v = norm[col.endsWith('_id') ? `${col.slice(0, -3)}_uuid` : `${col}_uuid`];
      if (typeof v === 'string' && this.resolve(target, v) === null) return `所引用的${SPECS[target]?.label({}).trim() || target}未导入`;
    }
    const refs: [BundleEntityType, unknown][] = [];
    if (spec.type === 'inspections') {
      for (const u of (norm.joint_agencies as unknown[] | undefined) ?? []) refs.push(['agencies', u]);
      for (const r of (norm.items as Json[] | undefined) ?? []) refs.push(['items', r.item_uuid]);
      for (const r of (norm.team as Json[] | undefined) ?? []) refs.push(['officers', r.officer_uuid]);
    }
    if (spec.type === 'case_files') {
      for (const r of (norm.inspections as Json[] | undefined) ?? []) refs.push(['inspections', r.inspection_uuid]);
      for (const e of entries) {
        refs.push(['inspections', e.inspection_uuid]);
        if (e.document_uuid) refs.push(['documents', e.document_uuid]);
        if (e.attachment_uuid) refs.push(['attachments', e.attachment_uuid]);
      }
      for (const sha of caseFileHashes(norm)) if (!this.hasFile(sha)) return '案卷封面等文件不在数据包中';
    }
    for (const [t, u] of refs) if (typeof u !== 'string' || this.resolve(t, u) === null) return '所含的检查、文书或证据未导入';
    if ((spec.type === 'documents' || spec.type === 'attachments') && !this.hasFile(String(norm.sha256))) return '文件不在数据包中';
    return null;
  }

  /** Decides every record of one type; adds get reserved ids. */
  plan(type: BundleEntityType): Decision[] {
    const spec = SPECS[type];
    if (!spec || type === 'case_file_entries') return [];
    const incoming = (this.manifest.records[type] ?? []) as Json[];
    const entriesByCase = new Map<string, Json[]>();
    if (type === 'case_files') {
      for (const e of (this.manifest.records.case_file_entries ?? []) as Json[]) {
        const k = this.localUuid('case_files', String(e.case_file_uuid));
        entriesByCase.set(k, [...(entriesByCase.get(k) ?? []), e]);
      }
    }
    const out = incoming.map((inc) => this.decide(spec, inc, entriesByCase));
    // A record pointing (within its own table) at one that will not exist is dropped too.
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of out) {
        if (d.action !== 'add' && d.action !== 'update') continue;
        const why = this.missingParent(spec, d.norm, d.entries);
        if (why) {
          Object.assign(d, { action: 'skip', reason: why });
          this.drop(spec, d.localUuid);
          changed = true;
        }
      }
    }
    if (type === 'documents') this.checkCurrentDocuments(out);
    if (type === 'case_files') this.checkCaseMembership(out);
    return out;
  }

  private drop(spec: Spec, uuid: string): void {
    this.reserved.delete(`${spec.type}:${uuid}`);
    this.dropped.add(`${spec.type}:${uuid}`);
  }

  private decide(spec: Spec, inc: Json, entriesByCase: Map<string, Json[]>): Decision {
    const norm = this.normalize(spec, inc);
    const localUuid = this.localUuid(spec.type, String(inc.uuid));
    const entries = (entriesByCase.get(localUuid) ?? []).map((e) => this.normalize(SPECS.case_file_entries as Spec, e)).sort((a, b) => Number(a.seq) - Number(b.seq));
    const d: Decision = { spec, incoming: inc, norm, localUuid, action: 'add', reason: '新记录', localId: null, local: null, entries };
    const why = this.missingParent(spec, norm, entries);
    const row = this.db.prepare(`SELECT * FROM ${spec.table} WHERE uuid = ?`).get(localUuid) as Json | undefined;
    if (!row) {
      if (why) return this.skip(d, why);
      const nat = spec.natural ? (this.db.prepare(spec.natural.sql).get(...spec.natural.params(this.localRow(spec, norm))) as { id: number } | undefined) : undefined;
      if (nat && spec.natural) {
        const found = this.db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`).get(nat.id) as Json;
        d.localId = nat.id;
        d.local = toRecord(this.db, spec, found);
        if (spec.natural.kind === 'clash') {
          this.drop(spec, localUuid);
          return { ...d, action: 'conflict', reason: `编号与本地另一条记录相同（${spec.label(norm)}），未导入` };
        }
        d.localUuid = String(found.uuid);
        this.aliases.set(`${spec.type}:${String(inc.uuid)}`, d.localUuid);
        this.newAliases.push([spec.type, String(inc.uuid), d.localUuid]);
        d.norm = { ...norm, uuid: d.localUuid };
        if (sameContent(d.local, d.norm, ['uuid', 'version', 'created_at', 'updated_at'])) return { ...d, action: 'skip', reason: '本地已有同一记录（按编码匹配）' };
        return { ...d, action: 'conflict', reason: '本地已有同一记录（按统一社会信用代码、证号或名称匹配），内容不同' };
      }
      this.reserve(spec, localUuid);
      return d;
    }
    d.localId = Number(row.id);
    d.local = toRecord(this.db, spec, row);
    d.norm = { ...norm, uuid: localUuid };
    if (sameContent(d.local, d.norm) && this.sameEntries(spec, d)) return { ...d, action: 'skip', reason: '内容相同' };
    if (why) return this.skip(d, why);
    const lv = Number(d.local.version);
    const iv = Number(inc.version);
    const base = this.db.prepare('SELECT version FROM sync_state WHERE entity = ? AND uuid = ?').pluck().get(spec.type, localUuid) as number | undefined;
    const locked = (spec.type === 'inspections' && row.status === 'archived') || (spec.type === 'case_files' && row.status !== 'draft');
    if (iv < lv) return { ...d, action: 'skip', reason: `本地版本较新（本地第 ${lv} 版，导入第 ${iv} 版）` };
    if (iv === lv) return { ...d, action: 'conflict', reason: `双方都修改了第 ${lv} 版，内容不同` };
    if (base !== undefined && lv > base) return { ...d, action: 'conflict', reason: `上次交换（第 ${base} 版）后本地也作了修改` };
    if (base === undefined && locked) return { ...d, action: 'conflict', reason: '本地记录已归档锁定，且从未与对方交换过' };
    if (spec.mutable) {
      const fixed = Object.keys({ ...d.local, ...d.norm }).filter((k) => k !== 'version' && !spec.mutable?.includes(k) && !(k.endsWith('_uuid') && spec.mutable?.includes(k.replace(/_uuid$/u, ''))));
      if (fixed.some((k) => JSON.stringify(d.local?.[k] ?? null) !== JSON.stringify(d.norm[k] ?? null))) return { ...d, action: 'conflict', reason: '文书或证据内容不可更改，导入的与本地不同' };
    }
    return { ...d, action: 'update', reason: `导入第 ${iv} 版（本地第 ${lv} 版）` };
  }

  private skip(d: Decision, reason: string): Decision {
    this.drop(d.spec, d.localUuid);
    return { ...d, action: 'skip', reason };
  }

  private sameEntries(spec: Spec, d: Decision): boolean {
    if (spec.type !== 'case_files' || d.localId === null) return true;
    const local = (this.db.prepare('SELECT * FROM case_file_entries WHERE case_file_id = ? ORDER BY seq').all(d.localId) as Json[]).map((r) => toRecord(this.db, SPECS.case_file_entries as Spec, r));
    return local.length === d.entries.length && local.every((e, i) => sameContent(e, d.entries[i] ?? {}));
  }

  /** The natural-key columns of a normalized record, with references as local ids. */
  private localRow(spec: Spec, norm: Json): Json {
    const row: Json = { ...norm };
    for (const [col, target] of Object.entries(spec.refs)) {
      const v = norm[col.endsWith('_id') ? `${col.slice(0, -3)}_uuid` : `${col}_uuid`];
      row[col] = typeof v === 'string' ? this.resolve(target, v) : null;
    }
    return row;
  }

  /** Only one current document of a kind per inspection: an added current one needs the local one superseded. */
  private checkCurrentDocuments(list: Decision[]): void {
    const superseding = new Set(list.filter((d) => d.action === 'update' && d.norm.status === 'superseded').map((d) => d.localId));
    for (const d of list) {
      if (d.action !== 'add' || d.norm.status !== 'current') continue;
      const insp = this.resolve('inspections', String(d.norm.inspection_uuid));
      const other = this.db.prepare("SELECT id FROM documents WHERE inspection_id = ? AND kind = ? AND status = 'current'").pluck().get(insp, d.norm.kind) as number | undefined;
      if (other !== undefined && !superseding.has(other)) {
        this.drop(d.spec, d.localUuid);
        Object.assign(d, { action: 'conflict', reason: '本地已有另一份现行的同种文书', local: toRecord(this.db, d.spec, this.db.prepare('SELECT * FROM documents WHERE id = ?').get(other) as Json) });
      }
    }
  }

  /** An inspection belongs to one case file: one already filed here in another volume is a conflict. */
  private checkCaseMembership(list: Decision[]): void {
    for (const d of list) {
      if (d.action !== 'add' && d.action !== 'update') continue;
      for (const r of (d.norm.inspections as Json[] | undefined) ?? []) {
        const id = this.resolve('inspections', String(r.inspection_uuid));
        const other = this.db.prepare('SELECT case_file_id FROM case_file_inspections WHERE inspection_id = ?').pluck().get(id) as number | undefined;
        if (other !== undefined && other !== d.localId) {
          this.drop(d.spec, d.localUuid);
          Object.assign(d, { action: 'conflict', reason: '所含检查已在本地另一案卷中' });
          break;
        }
      }
    }
  }
}

export { contentHash, BUNDLE_ENTITY_TYPES };
