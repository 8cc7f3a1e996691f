import type { Handlers } from './context';
import { listAudit, verifyAudit } from '../services/audit';
import * as system from '../services/system';
import * as users from '../services/users';
import { userCount } from '../services/users';

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
  'system.loadDemo': (_i, ctx) => system.startDemo(ctx, ctx.demoRowDelayMs > 0 ? { rowDelayMs: ctx.demoRowDelayMs } : {}),
  'audit.list': (i, ctx) => listAudit(ctx.db, i.beforeId, i.limit),
  'audit.verify': (_i, ctx) => verifyAudit(ctx.db),
  'jobs.get': (i, ctx) => ctx.jobs.get(i.id),
  'jobs.list': (_i, ctx) => ctx.jobs.list(),
  'jobs.cancel': (i, ctx) => ctx.jobs.cancel(i.id),
  'agencies.list': (_i, ctx) => system.listAgencies(ctx),
  'officers.list': (_i, ctx) => system.listOfficers(ctx),
  'enterprises.page': (i, ctx) => system.pageEnterprises(ctx, i),
};
