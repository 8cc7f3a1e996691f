import { customPinyin, pinyin } from 'pinyin-pro';
import type { Db } from '../db/database';

/**
 * The search data of an enterprise (migration 003 explains the design): pinyin key, initials,
 * pinyin rank, and its rows in the two full-text indexes, which are keyed by the rank. The
 * enterprise service calls `syncSearch` after each write, in the same transaction; a row whose
 * rank is NULL (new, renamed by another writer, or from an older archive) is indexed by
 * `syncSearch` or `reindexMissing`.
 */

export interface NameKeys {
  /** Toneless pinyin, one lowercase syllable per character, space-separated: "xiang tan xian". */
  pinyin: string;
  /** First letter per Chinese character; other letters and digits kept, lowercased: "xtx3c". */
  initials: string;
}

// Place names that pinyin-pro's word segmentation can split wrongly inside a longer name
// (雨湖区长沙… read as 区长 "qu zhang"); a custom entry takes precedence.
customPinyin({ 长沙: 'cháng shā' });

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}\p{Co}]/u;
const SYLLABLE = /^[a-zü]+$/u;
const PINYIN = { toneType: 'none', type: 'array', v: true, nonZh: 'spaced' } as const;

// Cheap tests first (an import computes keys for every row): the CJK Unified Ideographs block is
// all Han, nothing below U+2E80 is; ASCII letters and digits are words, other ASCII is not.
function isHan(c: string): boolean {
  const u = c.charCodeAt(0);
  if (u >= 0x4e00 && u <= 0x9fff) return true;
  return u >= 0x2e80 && HAN.test(c);
}
function isWord(c: string): boolean {
  const u = c.charCodeAt(0);
  if ((u >= 0x30 && u <= 0x39) || (u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a)) return true;
  return u >= 0x80 && WORD.test(c);
}

/**
 * Pinyin sort key and initials of a name. Separating syllables with a space (which sorts
 * before every letter and digit) makes the comparison go character by character, as Excel's
 * pinyin order does: 西安 "xi an" < 先 "xian". Polyphones follow pinyin-pro's word context
 * (长沙 → chang sha, 银行 → yin hang).
 */
export function nameKeys(name: string): NameKeys {
  const text = name.normalize('NFKC').replace(/\s+/gu, '');
  if (text === '') return { pinyin: '', initials: '' };
  const chars = [...text];
  const syllables = pinyin(text, PINYIN);
  // pinyin-pro returns one entry per character with nonZh 'spaced'; guard anyway.
  const aligned = syllables.length === chars.length;
  const keys: string[] = new Array<string>(chars.length);
  let initials = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const s = aligned ? (syllables[i] ?? c) : c;
    if (isHan(c) && SYLLABLE.test(s)) {
      const k = s.includes('ü') ? s.replace(/ü/gu, 'v') : s;
      keys[i] = k;
      initials += k.charAt(0);
    } else {
      const lower = c.toLowerCase();
      keys[i] = lower;
      if (isWord(c)) initials += lower;
    }
  }
  return { pinyin: keys.join(' '), initials };
}

/**
 * Text of the bigram index for one field: every run of letters/digits contributes each of its
 * characters and each pair of neighbours, so a 1- or 2-character query is one token lookup.
 */
export function gramsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}\p{Co}]+/u)) {
    const cs = [...run];
    for (let i = 0; i < cs.length; i++) {
      out.push(cs[i] as string);
      if (i + 1 < cs.length) out.push((cs[i] as string) + (cs[i + 1] as string));
    }
  }
  return out;
}

export function gramsText(name: string, address: string): string {
  return [...gramsOf(name), ...gramsOf(address)].join(' ');
}

/** Distance between neighbouring ranks when they are (re)spaced; new names take the midpoint. */
export const RANK_GAP = 1024;

interface IndexRow {
  id: number;
  name: string;
  address: string;
  creditCode: string;
  initials: string | null;
  pinyin: string | null;
  rank: number | null;
}
interface Neighbour {
  id: number;
  rank: number;
}

const ROW = 'SELECT id, name, address, credit_code AS creditCode, name_initials AS initials, name_pinyin AS pinyin, name_rank AS rank FROM enterprises';

function statements(db: Db) {
  return {
    row: db.prepare(`${ROW} WHERE id = ?`),
    setKeys: db.prepare('UPDATE enterprises SET name_pinyin = ?, name_initials = ? WHERE id = ?'),
    setRank: db.prepare('UPDATE enterprises SET name_rank = ? WHERE id = ?'),
    before: db.prepare(
      'SELECT id, name_rank AS rank FROM enterprises WHERE (name_pinyin, id) < (?, ?) AND name_rank IS NOT NULL ORDER BY name_pinyin DESC, id DESC LIMIT ?',
    ),
    after: db.prepare('SELECT id, name_rank AS rank FROM enterprises WHERE (name_pinyin, id) > (?, ?) AND name_rank IS NOT NULL ORDER BY name_pinyin, id LIMIT ?'),
    insTrgm: db.prepare('INSERT INTO enterprises_trgm (rowid, name, address, name_initials, credit_code) VALUES (?, ?, ?, ?, ?)'),
    insGrams: db.prepare('INSERT INTO enterprises_grams (rowid, grams) VALUES (?, ?)'),
    delTrgm: db.prepare('DELETE FROM enterprises_trgm WHERE rowid = ?'),
    delGrams: db.prepare('DELETE FROM enterprises_grams WHERE rowid = ?'),
  };
}
type Stmts = ReturnType<typeof statements>;
const cache = new WeakMap<Db, Stmts>();
function stmts(db: Db): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  return s;
}

function writeIndex(s: Stmts, r: IndexRow, rank: number): void {
  s.setRank.run(rank, r.id);
  s.insTrgm.run(rank, r.name, r.address, r.initials, r.creditCode);
  s.insGrams.run(rank, gramsText(r.name, r.address));
}
function dropIndex(s: Stmts, rank: number): void {
  s.delTrgm.run(rank);
  s.delGrams.run(rank);
}

/**
 * Re-spaces the ranks of the rows around (pinyin, id) when no integer is left between its
 * neighbours: a window of w rows each side, widened until the ranks just outside it leave room.
 * Returns the rank for the row itself. Moved rows get their index entries rewritten.
 */
function respace(db: Db, s: Stmts, pinyin: string, id: number): number {
  for (let w = 8; ; w *= 4) {
    const below = s.before.all(pinyin, id, w + 1) as Neighbour[];
    const above = s.after.all(pinyin, id, w + 1) as Neighbour[];
    const lowBound = below.length > w ? (below[w] as Neighbour).rank : null;
    const highBound = above.length > w ? (above[w] as Neighbour).rank : null;
    const moving = [...below.slice(0, w).reverse(), null, ...above.slice(0, w)];
    const slots = moving.length + 1;
    const lo = lowBound ?? (highBound === null ? 0 : highBound - slots * RANK_GAP);
    const hi = highBound ?? lo + slots * RANK_GAP;
    const step = Math.floor((hi - lo) / slots);
    if (step < 2) continue;
    // Two passes, so a new rank never collides with an old one still in place.
    const rows = moving.map((m) => (m ? (s.row.get(m.id) as IndexRow) : null));
    for (const r of rows) {
      if (r && r.rank !== null) {
        dropIndex(s, r.rank);
        s.setRank.run(null, r.id);
      }
    }
    let own = lo + step;
    rows.forEach((r, i) => {
      const rank = lo + step * (i + 1);
      if (r) writeIndex(s, r, rank);
      else own = rank;
    });
    return own;
  }
}

/** A free rank between the row's neighbours in (name_pinyin, id) order. */
function placeRank(db: Db, s: Stmts, pinyin: string, id: number): number {
  const prev = s.before.get(pinyin, id, 1) as Neighbour | undefined;
  const next = s.after.get(pinyin, id, 1) as Neighbour | undefined;
  if (!prev && !next) return 0;
  if (!next) return (prev as Neighbour).rank + RANK_GAP;
  if (!prev) return next.rank - RANK_GAP;
  if (next.rank - prev.rank >= 2) return prev.rank + Math.floor((next.rank - prev.rank) / 2);
  return respace(db, s, pinyin, id);
}

/**
 * Brings one enterprise's search data up to date after a write (call it in the same
 * transaction). A change of name, address or code has cleared the rank (trigger), so the row
 * is placed again; otherwise nothing is done.
 */
export function syncSearch(db: Db, id: number): void {
  const s = stmts(db);
  const r = s.row.get(id) as IndexRow | undefined;
  if (!r || (r.rank !== null && r.pinyin !== null)) return;
  if (r.rank !== null) dropIndex(s, r.rank);
  const k = nameKeys(r.name);
  s.setKeys.run(k.pinyin, k.initials, id);
  const rank = placeRank(db, s, k.pinyin, id);
  writeIndex(s, { ...r, pinyin: k.pinyin, initials: k.initials }, rank);
}

/**
 * Indexes every enterprise still without a rank, in one transaction. A few are placed one by
 * one; more than a fortieth of the register (an old archive after migration 003, a bulk load)
 * is cheaper to renumber from scratch in order, which also writes the index in rowid order.
 * Measured at 1,000,000 enterprises: placing one costs ~2 ms (each out-of-order full-text row
 * makes FTS5 write a segment: 10,000 new rows took 20 s), renumbering everything ~50 s (~50 µs
 * a row) — even at 2.5 %. (The bound was 10 %: 80,000 new rows into a million took minutes.)
 * Idempotent; on an archive with nothing to do it is one index lookup.
 */
export function reindexMissing(db: Db, known: KnownGrams = new Map()): number {
  const pending = db.prepare('SELECT count(*) FROM enterprises WHERE name_rank IS NULL').pluck().get() as number;
  if (pending === 0) return 0;
  const total = db.prepare('SELECT count(*) FROM enterprises').pluck().get() as number;
  db.transaction(() => {
    if (pending * 40 > total) renumberAll(db, known);
    else {
      const next = db.prepare('SELECT id FROM enterprises WHERE name_rank IS NULL LIMIT 1000').pluck();
      for (let ids = next.all() as number[]; ids.length > 0; ids = next.all() as number[]) for (const id of ids) syncSearch(db, id);
    }
  }).immediate();
  return pending;
}

/**
 * Bytes of pending terms the FTS5 tables keep in memory before writing a segment (`hashsize`, 1 MiB by
 * default, kept in each table's config). The bulk path writes tens of thousands of rows in one
 * transaction: with 1 MiB it flushes and merges many small segments; measured at 80,000 rows,
 * 32 MiB cuts the two indexes' write time by a quarter. Only a bulk write ever holds this much.
 */
const FTS_HASHSIZE = 32 * 1024 * 1024;

/**
 * Bigram-index texts a bulk writer computed already (enterprise id → `gramsText(name, address)`),
 * so the indexing at the end of its transaction need not: an import computes them while it
 * waits for the next rows to be read.
 */
export type KnownGrams = ReadonlyMap<number, string>;

/** Indexes of the enterprise table that contain `name_rank`. */
function rankIndexes(db: Db): { name: string; sql: string }[] {
  return db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enterprises' AND sql IS NOT NULL AND sql LIKE '%name_rank%'")
    .all() as { name: string; sql: string }[];
}

/**
 * Recomputes every missing key and every rank and rewrites both full-text indexes (bulk path),
 * mostly in set-based statements: ranks from one window query, the trigram index from one
 * INSERT … SELECT in rank order, the bigram index in rank order from JS. Every row's rank
 * changes, so the indexes over `name_rank` are dropped for the rewrite and built again after —
 * one sort each instead of a delete and an insert per row and index. Measured at the end of an
 * 80,000-row import: ~3.5 s → ~2.5 s (ranks 0.25, trigram index 0.65, bigram index 1.0, the
 * indexes over the rank 0.6). All inside the caller's transaction: a rollback restores
 * everything, the dropped indexes too.
 */
function renumberAll(db: Db, known: KnownGrams): void {
  const s = stmts(db);
  const indexes = rankIndexes(db);
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  const unkeyed = db.prepare('SELECT id, name FROM enterprises WHERE name_pinyin IS NULL LIMIT 5000');
  for (let rows = unkeyed.all() as { id: number; name: string }[]; rows.length > 0; rows = unkeyed.all() as { id: number; name: string }[]) {
    for (const r of rows) {
      const k = nameKeys(r.name);
      s.setKeys.run(k.pinyin, k.initials, r.id);
    }
  }
  db.exec(`
    UPDATE enterprises SET name_rank = r.n * ${RANK_GAP}
      FROM (SELECT id, row_number() OVER (ORDER BY name_pinyin, id) - 1 AS n FROM enterprises) AS r
     WHERE enterprises.id = r.id;
    INSERT INTO enterprises_trgm (enterprises_trgm) VALUES ('delete-all');
    INSERT INTO enterprises_grams (enterprises_grams) VALUES ('delete-all');
    INSERT INTO enterprises_trgm (enterprises_trgm, rank) VALUES ('hashsize', ${FTS_HASHSIZE});
    INSERT INTO enterprises_grams (enterprises_grams, rank) VALUES ('hashsize', ${FTS_HASHSIZE});
    INSERT INTO enterprises_trgm (rowid, name, address, name_initials, credit_code)
      SELECT name_rank, name, address, name_initials, credit_code FROM enterprises ORDER BY name_rank;
  `);
  // The grams need JS (a SQL function calling gramsText measured slower than this loop): in rank
  // order, which is (name_pinyin, id) order, read in keyset chunks off that index.
  const chunk = db.prepare('SELECT id, name_pinyin AS pinyin, name_rank AS rank, name, address FROM enterprises WHERE (name_pinyin, id) > (?, ?) ORDER BY name_pinyin, id LIMIT 5000');
  type Row = { id: number; pinyin: string; rank: number; name: string; address: string };
  for (let after: [string, number] = ['', 0]; ; ) {
    const rows = chunk.all(...after) as Row[];
    if (rows.length === 0) break;
    for (const r of rows) s.insGrams.run(r.rank, known.get(r.id) ?? gramsText(r.name, r.address));
    const last = rows[rows.length - 1] as Row;
    after = [last.pinyin, last.id];
  }
  for (const i of indexes) db.exec(i.sql);
}

/** After inserting an enterprise: same as `syncSearch` (the row holds the name and address). */
export function insertSearchData(db: Db, id: number, _name?: string, _address?: string): void {
  syncSearch(db, id);
}

/** After changing an enterprise's name or address: same as `syncSearch`. */
export function updateSearchData(db: Db, id: number, _name?: string, _address?: string): void {
  syncSearch(db, id);
}
