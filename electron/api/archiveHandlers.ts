import type { Handlers } from './context';
import type { archiveRoutes } from '../../shared/api/archive';
import * as caseFiles from '../services/archive/caseFiles';
import * as conflicts from '../services/archive/conflicts';
import * as disposal from '../services/archive/disposal';
import { listRuns } from '../services/archive/fixity';
import * as jobs from '../services/archive/jobs';
import * as read from '../services/archive/read';
import { search } from '../services/archive/search';
import { readArchiveSettings, writeArchiveSettings } from '../services/archive/settings';

type ArchiveRouteName = keyof typeof archiveRoutes;

/** The archive's handlers (case files, disposal, search, fixity, backups, bundles), spread into the one handler table. */
export const archiveHandlers: Pick<Handlers, ArchiveRouteName> = {
  'archiveSettings.get': (_i, ctx) => readArchiveSettings(ctx.db),
  'archiveSettings.set': (i, ctx) => {
    writeArchiveSettings(ctx.db, i);
    ctx.audit({ entity: 'settings', entityId: 'archive', summary: `档案设置：全宗号 ${i.fondsNo || '（空）'}，目录号 ${i.catalogNo || '（空）'}，全宗名称 ${i.fondsName}` });
    return {};
  },
  'caseFiles.candidates': (i, ctx) => read.candidates(ctx, i),
  'caseFiles.create': (i, ctx) => caseFiles.create(ctx, i),
  'caseFiles.list': (i, ctx) => read.list(ctx, i),
  'caseFiles.get': (i, ctx) => read.get(ctx, i.id),
  'caseFiles.update': (i, ctx) => caseFiles.update(ctx, i),
  'caseFiles.refresh': (i, ctx) => caseFiles.refresh(ctx, i),
  'caseFiles.archive': (i, ctx) => caseFiles.archive(ctx, i),
  'caseFiles.dissolve': (i, ctx) => caseFiles.dissolve(ctx, i),
  'caseFiles.download': (i, ctx) => read.download(ctx, i),
  'caseFiles.hold': (i, ctx) => caseFiles.hold(ctx, i),
  'archive.search': (i, ctx) => search(ctx.db, i),
  'disposals.list': (_i, ctx) => disposal.list(ctx),
  'disposals.propose': (i, ctx) => disposal.propose(ctx, i),
  'disposals.decide': (i, ctx) => disposal.decide(ctx, i),
  'fixity.start': (_i, ctx) => jobs.startFixity(ctx),
  'fixity.runs': (i, ctx) => listRuns(ctx, i.limit),
  'archiveBackups.start': (i, ctx) => jobs.startBackup(ctx, i),
  'archiveBackups.verify': (i, ctx) => jobs.startVerify(ctx, i),
  'archiveBackups.restore': (i, ctx) => jobs.startRestore(ctx, i),
  'archiveBackups.getSchedule': (_i, ctx) => jobs.getSchedule(ctx),
  'archiveBackups.setSchedule': (i, ctx) => jobs.setSchedule(ctx, i),
  'bundles.export': (i, ctx) => jobs.startExport(ctx, i),
  'bundles.check': (i, ctx) => jobs.startCheck(ctx, i),
  'bundles.import': (i, ctx) => jobs.startImport(ctx, i),
  'bundles.report': (i, ctx) => jobs.report(ctx, i),
  'bundles.history': (_i, ctx) => jobs.history(ctx),
  'bundles.conflicts': (i, ctx) => conflicts.list(ctx, i),
  'bundles.resolve': (i, ctx) => conflicts.resolve(ctx, i),
  'bundles.verifyImportedAudit': (_i, ctx) => conflicts.verifyImportedAudit(ctx),
};
