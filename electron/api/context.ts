import type { ParsedInput, Output, RouteName, SessionUser } from '../../shared/api';
import type { Db } from '../db/database';
import type { FileStore } from '../files/store';
import type { Transfers } from '../files/transfers';
import type { JobRunner } from '../jobs/runner';
import type { AuditEntry } from '../services/audit';
import type { SessionStore } from '../services/sessions';

/** Long-lived things the services need, made once by createApp. */
export interface Services {
  db: Db;
  sessions: SessionStore;
  jobs: JobRunner;
  dataDir: string;
  dbPath: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  now: () => Date;
  /** Slows the demo load per row (ms) so a progress bar can be watched; 0 in normal use. */
  demoRowDelayMs: number;
  transfers: Transfers;
  /** Content-addressed store of evidence and generated documents. */
  files: FileStore;
}

/** What a handler gets besides its parsed input. */
export interface HandlerCtx extends Services {
  /** The logged-in user; never null for routes whose access is not `public`. */
  user: SessionUser | null;
  sessionKey: string;
  /** The time of this call, fixed for the whole action. */
  at: Date;
  /** Records what the action did; mutating routes must call it at least once. */
  audit(entry: AuditEntry): void;
}

export type SyncHandler<R extends RouteName> = (input: ParsedInput<R>, ctx: HandlerCtx) => Output<R>;

/**
 * A handler that must read or compute something slow first (hash a file, parse a photo's
 * EXIF): `prepare` runs before the transaction and must not write to the database; `run`
 * then runs inside it, synchronously, as every handler does.
 */
export interface TwoPhaseHandler<R extends RouteName, P> {
  prepare(input: ParsedInput<R>, ctx: HandlerCtx): Promise<P>;
  run(input: ParsedInput<R>, ctx: HandlerCtx, prepared: P): Output<R>;
}

export type Handler<R extends RouteName> = SyncHandler<R> | TwoPhaseHandler<R, never>;
export type Handlers = { [R in RouteName]: Handler<R> };

/** Declares a two-phase handler with its prepared value's type checked. */
export function twoPhase<R extends RouteName, P>(h: TwoPhaseHandler<R, P>): Handler<R> {
  return h as unknown as Handler<R>;
}

/** The logged-in user, for handlers behind a non-public route. */
export function requireUser(ctx: HandlerCtx): SessionUser {
  if (!ctx.user) throw new Error('handler reached without a user: access rule misconfigured');
  return ctx.user;
}
