import type { Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { EnterpriseRow, enterpriseSearchInput, enterpriseSearchOutput } from '../../shared/schemas/enterprise';
import { CREDIT_CODE_ALPHABET, normalizeCreditCode } from '../../shared/validation/creditCode';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import { gramsOf } from './enterpriseIndex';

/**
 * Enterprise search at a million rows (numbers: tests/bench/search.bench.ts).
 *
 * Each query term has a *source*, an index that lists the matching rows in pinyin-rank order
 * (the full-text tables are keyed by `name_rank`; initials and filters have (…, name_rank)
 * indexes), and a *predicate*, the exact test of one row. Pinyin-ordered pages stream the
 * most selective source from the cursor and test the other terms and filters on each row, so
 * a page costs about the same for 10 hits or 900,000, at any depth. Only when the other
 * predicates reject nearly everything does a request stop after `budget` candidates and
 * return a short page with a cursor to continue from.
 *
 * 'recent' (newest first) has no rank-ordered index: few hits are fetched and sorted; many hits
 * walk the primary key backwards with the predicates, under the same budget.
 */
export type SearchInput = z.output<typeof enterpriseSearchInput>;
export type SearchOutput = z.output<typeof enterpriseSearchOutput>;

export interface SearchTuning {
  /** Counting stops after this many matches (the total is then a lower bound). */
  countCap: number;
  /** Most candidate rows one request examines. */
  budget: number;
  /** 'recent' order: sort the hits when there are at most this many (default √(1.3·limit·N)). */
  threshold?: number;
  /** Sees every statement the search runs (the benchmark replays them raw). */
  trace?: (sql: string, params: unknown[]) => void;
}
export const DEFAULT_TUNING: SearchTuning = { countCap: 10_000, budget: 20_000 };

/** A list of rows as `rank` (their name_rank), in rank order; `bound` adds `rank > ?`. */
interface Source {
  sql(bound: boolean): string;
  params: unknown[];
  /** `SELECT 1 …` over the same rows, for counting (may use a cheaper index). */
  count: string;
  countParams: unknown[];
}
interface Term {
  source: Source;
  /** Exact test on alias e. */
  predicate: string;
  predicateParams: unknown[];
}

const COLS = `e.id, e.credit_code AS creditCode, e.name, e.kind, e.address, e.legal_rep AS legalRep, e.industry,
  e.park, e.grade, e.whitelist, e.key_supervision AS keySupervision, e.name_pinyin AS namePinyin`;

function likeText(s: string): string {
  return `%${s.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
function quote(s: string): string {
  return `"${s.replace(/"/gu, '""')}"`;
}
/** The smallest string greater than every string starting with `s` (ASCII prefixes only). */
function prefixEnd(s: string): string {
  return s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);
}

function fts(table: 'enterprises_trgm' | 'enterprises_grams', match: string): Source {
  return {
    sql: (bound) => `SELECT rowid AS rank FROM ${table} WHERE ${table} MATCH ?${bound ? ' AND rowid > ?' : ''} ORDER BY rowid`,
    params: [match],
    count: `SELECT 1 FROM ${table} WHERE ${table} MATCH ?`,
    countParams: [match],
  };
}
/** Rows of enterprises where `cond` holds, read off an index on (…, name_rank). */
function indexed(cond: string, params: unknown[]): Source {
  return {
    sql: (bound) => `SELECT name_rank AS rank FROM enterprises WHERE ${cond}${bound ? ' AND name_rank > ?' : ' AND name_rank IS NOT NULL'} ORDER BY name_rank`,
    params,
    count: `SELECT 1 FROM enterprises WHERE ${cond}`,
    countParams: params,
  };
}
const ALL: Source = indexed('1', []);

const CODE_CHARS = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{4,18}$`, 'u');
const TEXT_LIKE = "(e.name LIKE ? ESCAPE '\\' OR e.address LIKE ? ESCAPE '\\')";

/** Splits the query into terms (all must match) and says how each is found. */
export function parseQuery(q: string | undefined): Term[] {
  const terms: Term[] = [];
  for (const raw of (q ?? '').split(/\s+/u).filter(Boolean).slice(0, 5)) {
    const code = normalizeCreditCode(raw);
    if (CODE_CHARS.test(code) && /\d/u.test(code)) {
      // Counted on the UNIQUE index (a range scan); read in pinyin order off the trigram index.
      const range = [code, prefixEnd(code)];
      terms.push({
        source: { ...fts('enterprises_trgm', `credit_code : ^${quote(code)}`), count: 'SELECT 1 FROM enterprises WHERE credit_code >= ? AND credit_code < ?', countParams: range },
        predicate: '(e.credit_code >= ? AND e.credit_code < ?)',
        predicateParams: range,
      });
    } else if (/^[a-z]+$/iu.test(raw)) {
      const letters = raw.toLowerCase();
      if (letters.length <= 2) {
        // One or two letters: a prefix of the initials (as a substring they would match most names).
        const cond = `substr(name_initials, 1, ${letters.length}) = ?`;
        terms.push({ source: indexed(cond, [letters]), predicate: `substr(e.name_initials, 1, ${letters.length}) = ?`, predicateParams: [letters] });
      } else {
        terms.push({ source: fts('enterprises_trgm', `name_initials : ${quote(letters)}`), predicate: "e.name_initials LIKE ? ESCAPE '\\'", predicateParams: [likeText(letters)] });
      }
    } else if ([...raw].length >= 3) {
      terms.push({ source: fts('enterprises_trgm', `{name address} : ${quote(raw)}`), predicate: TEXT_LIKE, predicateParams: [likeText(raw), likeText(raw)] });
    } else {
      // One or two characters: a single token of the bigram index (every character and pair is one).
      const token = gramsOf(raw).reduce((a, g) => ([...g].length > [...a].length ? g : a), '');
      if (token === '') continue;
      terms.push({ source: fts('enterprises_grams', quote(token)), predicate: TEXT_LIKE, predicateParams: [likeText(raw), likeText(raw)] });
    }
  }
  return terms;
}

interface Filters {
  conds: string[];
  params: unknown[];
  /** The filter to read in rank order when there is no text (rarest first). */
  source: Source | null;
}
function filterConditions(input: SearchInput): Filters {
  const f: Filters = { conds: [], params: [], source: null };
  const add = (cond: string, value: unknown[], source: Source) => {
    f.conds.push(`e.${cond}`);
    f.params.push(...value);
    f.source ??= source;
  };
  if (input.whitelist === true) add('whitelist = 1', [], indexed('whitelist = 1', []));
  if (input.keySupervision === true) add('key_supervision = 1', [], indexed('key_supervision = 1', []));
  if (input.park) add('park = ?', [input.park], indexed('park = ?', [input.park]));
  if (input.grade) add('grade = ?', [input.grade], indexed('grade = ?', [input.grade]));
  if (input.kind) add('kind = ?', [input.kind], indexed('kind = ?', [input.kind]));
  if (input.whitelist === false) f.conds.push('e.whitelist = 0');
  if (input.keySupervision === false) f.conds.push('e.key_supervision = 0');
  return f;
}

interface Cursor {
  id: number;
  pinyin: string;
}
/** The cursor of the position just after `row`. Pinyin cursors hold (name_pinyin, id), not the rank, so re-spaced ranks cannot shift a page. */
export function encodeCursor(sort: SearchInput['sort'], row: { id: number; namePinyin: string | null }): string {
  return sort === 'recent' ? `r.${row.id}` : `p.${row.id}.${row.namePinyin ?? ''}`;
}
function decodeCursor(sort: SearchInput['sort'], s: string): Cursor {
  const m = /^([pr])\.(\d{1,15})(?:\.([\s\S]*))?$/u.exec(s);
  if (!m || (m[1] === 'r') !== (sort === 'recent')) throw new AppError('INVALID_INPUT', '翻页位置无效，请重新查询', 'after');
  return { id: Number(m[2]), pinyin: m[3] ?? '' };
}

type RawRow = Omit<EnterpriseRow, 'whitelist' | 'keySupervision'> & { whitelist: number; keySupervision: number; namePinyin: string | null };
type Run = <T>(sql: string, params: unknown[], mode: 'all' | 'get' | 'pluck') => T;

/** Runs the search; `tuning` is for tests and the benchmark. */
export function searchEnterprises(db: Db, input: SearchInput, tuning: SearchTuning = DEFAULT_TUNING): SearchOutput {
  const cache = statementCache(db);
  const run: Run = <T>(sql: string, params: unknown[], mode: 'all' | 'get' | 'pluck'): T => {
    tuning.trace?.(sql, params);
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    if (mode === 'all') return st.pluck(false).all(...params) as T;
    return st.pluck(mode === 'pluck').get(...params) as T;
  };
  const cap = tuning.countCap;
  const terms = parseQuery(input.q);
  const filters = filterConditions(input);
  const where = [...terms.map((t) => t.predicate), ...filters.conds].join(' AND ') || '1';
  const whereParams = [...terms.flatMap((t) => t.predicateParams), ...filters.params];
  const cursor = input.after ? decodeCursor(input.sort, input.after) : null;

  // The most selective term streams. Its capped hit count picks it among several terms, gives
  // the total when it is alone, and picks the plan of the 'recent' order.
  let best: Term | null = terms[0] ?? null;
  let hits = 0;
  if (terms.length > 1 || (best && (!cursor || input.sort === 'recent'))) {
    best = null;
    for (const t of terms) {
      const n = count(run, t.source, cap + 1);
      if (best === null || n < hits) {
        best = t;
        hits = n;
      }
    }
  }

  let total: number | null = null;
  let totalExact = true;
  if (!cursor) {
    if (!best && filters.conds.length === 0) {
      total = run<number>('SELECT count(*) FROM enterprises', [], 'pluck');
    } else if (best && terms.length === 1 && filters.conds.length === 0) {
      total = Math.min(hits, cap);
      totalExact = hits <= cap;
    } else {
      const from = best ? `(${best.source.sql(false)} LIMIT ${cap * 3}) m CROSS JOIN enterprises e ON e.name_rank = m.rank` : 'enterprises e';
      const n = run<number>(`SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${cap + 1})`, [...(best?.source.params ?? []), ...whereParams], 'pluck');
      total = Math.min(n, cap);
      totalExact = n <= cap && (!best || hits <= cap);
    }
  }

  const page = input.sort === 'recent' ? recentPage(run, input, best, hits, where, whereParams, cursor, tuning) : pinyinPage(run, input, best?.source ?? filters.source ?? ALL, where, whereParams, cursor, tuning);
  return {
    rows: page.rows.map(({ namePinyin: _p, ...r }) => ({ ...r, whitelist: r.whitelist === 1, keySupervision: r.keySupervision === 1 })),
    total,
    totalExact,
    nextCursor: page.next,
  };
}

function count(run: Run, s: Source, limit: number): number {
  return run<number>(`SELECT count(*) FROM (${s.count} LIMIT ${limit})`, s.countParams, 'pluck');
}

interface Page {
  rows: RawRow[];
  next: string | null;
}

/** Pinyin order: stream the source in rank order from the cursor, test each row, stop at a page or the budget. */
function pinyinPage(run: Run, input: SearchInput, source: Source, where: string, whereParams: unknown[], cursor: Cursor | null, tuning: SearchTuning): Page {
  const n = input.limit;
  // The rank at (or just before) the cursor's (name_pinyin, id).
  const from = cursor
    ? run<number | undefined>(
        'SELECT name_rank FROM enterprises WHERE (name_pinyin, id) <= (?, ?) AND name_rank IS NOT NULL ORDER BY name_pinyin DESC, id DESC LIMIT 1',
        [cursor.pinyin, cursor.id],
        'pluck',
      )
    : undefined;
  const bound = from !== undefined;
  const stream = source.sql(bound);
  const streamParams = [...source.params, ...(bound ? [from] : [])];
  const rows = run<RawRow[]>(
    `SELECT ${COLS} FROM (${stream} LIMIT ${tuning.budget}) m CROSS JOIN enterprises e ON e.name_rank = m.rank WHERE ${where} ORDER BY m.rank LIMIT ${n + 1}`,
    [...streamParams, ...whereParams],
    'all',
  );
  if (rows.length > n) {
    rows.pop();
    return { rows, next: encodeCursor('pinyin', rows[rows.length - 1] as RawRow) };
  }
  // Short page: the list ended, or the budget ran out first; then continue after the last candidate.
  const end = run<{ id: number; namePinyin: string } | undefined>(
    `SELECT e.id, e.name_pinyin AS namePinyin FROM (${stream} LIMIT 1 OFFSET ${tuning.budget - 1}) m CROSS JOIN enterprises e ON e.name_rank = m.rank`,
    streamParams,
    'get',
  );
  return { rows, next: end ? encodeCursor('pinyin', end) : null };
}

/** Newest first: sort the hits when few, else walk the primary key backwards under the budget. */
function recentPage(run: Run, input: SearchInput, best: Term | null, hits: number, where: string, whereParams: unknown[], cursor: Cursor | null, tuning: SearchTuning): Page {
  const n = input.limit;
  const size = run<number>('SELECT coalesce(max(id), 0) FROM enterprises', [], 'pluck');
  const threshold = tuning.threshold ?? Math.min(tuning.countCap, Math.max(300, Math.round(Math.sqrt(1.3 * n * size))));
  const keyset = cursor ? ' AND e.id < ?' : '';
  const keyParams = cursor ? [cursor.id] : [];
  let rows: RawRow[];
  let end: (() => number | undefined) | null = null;
  if (best && hits <= threshold) {
    rows = run<RawRow[]>(
      `SELECT ${COLS} FROM (${best.source.sql(false)}) m CROSS JOIN enterprises e ON e.name_rank = m.rank WHERE ${where}${keyset} ORDER BY e.id DESC LIMIT ${n + 1}`,
      [...best.source.params, ...whereParams, ...keyParams],
      'all',
    );
  } else {
    const inner = `SELECT * FROM enterprises e${cursor ? ' WHERE e.id < ?' : ''} ORDER BY e.id DESC`;
    rows = run<RawRow[]>(`SELECT ${COLS} FROM (${inner} LIMIT ${tuning.budget}) e WHERE ${where} ORDER BY e.id DESC LIMIT ${n + 1}`, [...keyParams, ...whereParams], 'all');
    // A bounded step inside the primary key (≤ budget entries), not paging by OFFSET.
    end = () => run<number | undefined>(`SELECT e.id FROM enterprises e${cursor ? ' WHERE e.id < ?' : ''} ORDER BY e.id DESC LIMIT 1 OFFSET ${tuning.budget - 1}`, keyParams, 'pluck');
  }
  if (rows.length > n) {
    rows.pop();
    return { rows, next: encodeCursor('recent', rows[rows.length - 1] as RawRow) };
  }
  const last = end?.();
  return { rows, next: last !== undefined ? encodeCursor('recent', { id: last, namePinyin: null }) : null };
}

const caches = new WeakMap<Db, Map<string, Statement>>();
function statementCache(db: Db): Map<string, Statement> {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
}
