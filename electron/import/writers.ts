import type { ImportKind } from '../../shared/schemas/importFields';
import type { Db } from '../db/database';
import type { NameKeys } from '../services/enterpriseIndex';
import type { ImportRows } from './validate';
import { enterpriseWriter } from './writeEnterprises';
import { itemWriter, officerWriter } from './writeRegistries';

/** What importing a row did (or, in a preview, would do) to the archive. */
export type Outcome = 'new' | 'updated' | 'unchanged';
/** A row the archive refuses although the file itself is fine (unknown agency, retired item…). */
export interface Rejection {
  field: string;
  reason: string;
}

export interface WriterOptions {
  db: Db;
  /** ISO time stamped on created/updated records. */
  at: string;
  /** The user who started the import (created_by of item versions). */
  userId: number | null;
  /** Field keys the file maps: only these are written over an existing record. */
  mapped: ReadonlySet<string>;
}

/**
 * Writes one kind of record. `write(row, false)` changes the archive (call inside the import's
 * transaction); `write(row, true)` only says what would happen (the preview). `flush()` writes
 * whatever a writer batches (search data) and must run before the transaction commits.
 */
export interface RegistryWriter<K extends ImportKind> {
  /** `keys`: the name's pinyin keys when the reading side computed them (enterprises). */
  write(row: ImportRows[K], dryRun: boolean, keys?: NameKeys): Outcome | Rejection;
  flush(): void;
}

export function createWriter<K extends ImportKind>(kind: K, opts: WriterOptions): RegistryWriter<K> {
  switch (kind) {
    case 'enterprises':
      return enterpriseWriter(opts) as RegistryWriter<K>;
    case 'officers':
      return officerWriter(opts) as RegistryWriter<K>;
    case 'items':
      return itemWriter(opts) as RegistryWriter<K>;
    default:
      throw new Error(`unknown import kind ${String(kind)}`);
  }
}

/** Equal as stored values: null and undefined alike, booleans as 0/1. */
export function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  return norm(a) === norm(b);
}

/** Agencies by name and by short name, for rows that name their agency in words. */
export interface AgencyRef {
  id: number;
  name: string;
  level: '省' | '市' | '县' | '乡镇';
}
export function agencyLookup(db: Db): (text: string) => AgencyRef | undefined {
  const rows = db.prepare('SELECT id, name, short_name AS shortName, level FROM agencies').all() as (AgencyRef & { shortName: string })[];
  const byName = new Map<string, AgencyRef>();
  for (const r of rows) byName.set(r.name, r);
  // A full name wins over someone else's short name.
  for (const r of rows) if (!byName.has(r.shortName)) byName.set(r.shortName, r);
  return (text) => byName.get(text.trim());
}
