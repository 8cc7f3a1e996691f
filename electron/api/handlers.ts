import type { Handlers } from './context';
import { listAudit, verifyAudit } from '../services/audit';
import * as agencies from '../services/agencies';
import * as enterprises from '../services/enterprises';
import * as exchange from '../services/exchange';
import * as items from '../services/items';
import * as officers from '../services/officers';
import * as system from '../services/system';
import * as users from '../services/users';
import { userCount } from '../services/users';
import { inspectionHandlers } from './inspectionHandlers';
import { documentHandlers } from './documentHandlers';
import { archiveHandlers } from './archiveHandlers';

/** Binds every route of the contract to its service function (the compiler checks the set is complete). */
export const handlers: Handlers = {
  'auth.status': (_i, ctx) => ({ needsSetup: userCount(ctx) === 0, user: ctx.user, appVersion: ctx.appVersion }),
  'auth.setup': (i, ctx) => users.setup(ctx, i),
  'auth.login': (i, ctx) => users.login(ctx, i),
  'auth.logout': (_i, ctx) => users.logout(ctx),
  'auth.changePassword': (i, ctx) => users.changePassword(ctx, i),
  'users.list': (_i, ctx) => users.listUsers(ctx),
  'users.create': (i, ctx) => users.createUser(ctx, i),
  'users.update': (i, ctx) => users.updateUser(ctx, i),
  'users.setDisabled': (i, ctx) => users.setDisabled(ctx, i),
  'users.resetPassword': (i, ctx) => users.resetPassword(ctx, i),
  'system.info': (_i, ctx) => system.info(ctx),
  'system.backup': (_i, ctx) => system.startBackup(ctx),
  // The demo is dated by the app's clock (tests move it), and may be slowed to watch its progress bar.
  'system.loadDemo': (_i, ctx) => system.startDemo(ctx, { today: ctx.at.toISOString(), ...(ctx.demoRowDelayMs > 0 ? { rowDelayMs: ctx.demoRowDelayMs } : {}) }),
  'audit.list': (i, ctx) => listAudit(ctx.db, i.beforeId, i.limit),
  'audit.verify': (_i, ctx) => verifyAudit(ctx.db),
  'jobs.get': (i, ctx) => ctx.jobs.get(i.id),
  'jobs.list': (_i, ctx) => ctx.jobs.list(),
  'jobs.cancel': (i, ctx) => ctx.jobs.cancel(i.id),
  'agencies.list': (_i, ctx) => agencies.list(ctx),
  'agencies.create': (i, ctx) => agencies.create(ctx, i),
  'agencies.update': (i, ctx) => agencies.update(ctx, i),
  'officers.list': (i, ctx) => officers.list(ctx, i),
  'officers.create': (i, ctx) => officers.create(ctx, i),
  'officers.update': (i, ctx) => officers.update(ctx, i),
  'officers.setStatus': (i, ctx) => officers.setStatus(ctx, i),
  'enterprises.search': (i, ctx) => enterprises.search(ctx, i),
  'enterprises.get': (i, ctx) => enterprises.get(ctx, i.id),
  'enterprises.findByCode': (i, ctx) => enterprises.findByCode(ctx, i.creditCode),
  'enterprises.create': (i, ctx) => enterprises.create(ctx, i),
  'enterprises.update': (i, ctx) => enterprises.update(ctx, i),
  'items.list': (i, ctx) => items.list(ctx, i),
  'items.get': (i, ctx) => items.get(ctx, i.id),
  'items.create': (i, ctx) => items.create(ctx, i),
  'items.update': (i, ctx) => items.update(ctx, i),
  'items.publish': (i, ctx) => items.publish(ctx, i),
  'items.retire': (i, ctx) => items.retire(ctx, i),
  // ── Import and export (electron/services/exchange.ts) ──
  'imports.preview': (i, ctx) => exchange.startPreview(ctx, i),
  'imports.previewResult': (i, ctx) => exchange.previewResult(ctx, i),
  'imports.start': (i, ctx) => exchange.startImport(ctx, i),
  'exports.enterprises': (i, ctx) => exchange.startEnterpriseExport(ctx, i),
  // ── end import and export ──
  ...inspectionHandlers,
  ...documentHandlers,
  ...archiveHandlers,
};
