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

/**
 * Pinyin sort key and initials of a name. Separating syllables with a space (which sorts
 * before every letter and digit) makes the comparison go character by character, as Excel's
 * pinyin order does: 西安 "xi an" < 先 "xian". Polyphones follow pinyin-pro's word context
 * (长沙 → chang sha, 银行 → yin hang).
 */
export function nameKeys(name: string): NameKeys {
  const chars = [...name.normalize('NFKC')].filter((c) => !/\s/u.test(c));
  if (chars.length === 0) return { pinyin: '', initials: '' };
  const syllables = pinyin(chars.join(''), { toneType: 'none', type: 'array', v: true, nonZh: 'spaced' });
  const keys: string[] = [];
  let initials = '';
  // pinyin-pro returns one entry per character with nonZh 'spaced'; guard anyway.
  const aligned = syllables.length === chars.length;
  chars.forEach((c, i) => {
    const s = aligned ? (syllables[i] ?? c) : c;
    if (HAN.test(c) && /^[a-zü]+$/u.test(s)) {
      keys.push(s.replace(/ü/gu, 'v'));
      initials += s.charAt(0);
    } else {
      const lower = c.toLowerCase();
      keys.push(lower);
      if (WORD.test(c)) initials += lower;
    }
  });
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
 * one; a large share (an old archive after migration 003, a bulk load) is cheaper to renumber
 * from scratch in order, which also writes the index in rowid order. Idempotent; on an
 * archive with nothing to do it is one index lookup.
 */
export function reindexMissing(db: Db): number {
  const pending = db.prepare('SELECT count(*) FROM enterprises WHERE name_rank IS NULL').pluck().get() as number;
  if (pending === 0) return 0;
  const total = db.prepare('SELECT count(*) FROM enterprises').pluck().get() as number;
  db.transaction(() => {
    if (pending > 2000 && pending * 10 > total) renumberAll(db);
    else {
      const next = db.prepare('SELECT id FROM enterprises WHERE name_rank IS NULL LIMIT 1000').pluck();
      for (let ids = next.all() as number[]; ids.length > 0; ids = next.all() as number[]) for (const id of ids) syncSearch(db, id);
    }
  }).immediate();
  return pending;
}

/** Recomputes every key and rank and rewrites both full-text indexes (bulk path). */
function renumberAll(db: Db): void {
  const s = stmts(db);
  db.exec(`INSERT INTO enterprises_trgm (enterprises_trgm) VALUES ('delete-all');
           INSERT INTO enterprises_grams (enterprises_grams) VALUES ('delete-all');
           UPDATE enterprises SET name_rank = NULL WHERE name_rank IS NOT NULL;`);
  const unkeyed = db.prepare('SELECT id, name FROM enterprises WHERE name_pinyin IS NULL LIMIT 5000');
  for (let rows = unkeyed.all() as { id: number; name: string }[]; rows.length > 0; rows = unkeyed.all() as { id: number; name: string }[]) {
    for (const r of rows) {
      const k = nameKeys(r.name);
      s.setKeys.run(k.pinyin, k.initials, r.id);
    }
  }
  // Keyset chunks (better-sqlite3 cannot write while an iterator is open on the connection).
  const chunk = db.prepare(`${ROW} WHERE (name_pinyin, id) > (?, ?) ORDER BY name_pinyin, id LIMIT 5000`);
  let rank = 0;
  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = chunk.all(...after) as IndexRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      writeIndex(s, r, rank);
      rank += RANK_GAP;
    }
    const last = rows[rows.length - 1] as IndexRow;
    after = [last.pinyin ?? '', last.id];
  }
}

/** After inserting an enterprise: same as `syncSearch` (the row holds the name and address). */
export function insertSearchData(db: Db, id: number, _name?: string, _address?: string): void {
  syncSearch(db, id);
}

/** After changing an enterprise's name or address: same as `syncSearch`. */
export function updateSearchData(db: Db, id: number, _name?: string, _address?: string): void {
  syncSearch(db, id);
}
