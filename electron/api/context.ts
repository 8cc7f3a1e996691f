import type { ParsedInput, Output, RouteName, SessionUser } from '../../shared/api';
import type { Db } from '../db/database';
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

export type Handler<R extends RouteName> = (input: ParsedInput<R>, ctx: HandlerCtx) => Output<R>;
export type Handlers = { [R in RouteName]: Handler<R> };

/** The logged-in user, for handlers behind a non-public route. */
export function requireUser(ctx: HandlerCtx): SessionUser {
  if (!ctx.user) throw new Error('handler reached without a user: access rule misconfigured');
  return ctx.user;
}
