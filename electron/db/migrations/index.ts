import { sql as m001 } from './001_init';
import { sql as m002 } from './002_registries';
import { sql as m003 } from './003_registries_search';
import { sql as m004 } from './004_inspections';
import { sql as m005 } from './005_documents';
import { sql as m006 } from './006_archive';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered, append-only: never edit a released migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: m001 },
  { version: 2, name: 'registries', sql: m002 },
  { version: 3, name: 'registries_search', sql: m003 },
  { version: 4, name: 'inspections', sql: m004 },
  { version: 5, name: 'documents', sql: m005 },
  { version: 6, name: 'archive', sql: m006 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
