import { twoPhase, type Handlers } from './context';
import type { documentRoutes } from '../../shared/api/documents';
import { startBatch } from '../services/documents/batch';
import { prepareLedger, runLedger, type PreparedLedger } from '../services/documents/ledger';
import { candidates, getSettings, recent, setSettings } from '../services/documents/lists';
import { download, forInspection, generate, preview, saveSupplement, verifyQr } from '../services/documents/service';

type DocumentRouteName = keyof typeof documentRoutes;

/** The 文书 handlers, spread into the one handler table. */
export const documentHandlers: Pick<Handlers, DocumentRouteName> = {
  'documents.forInspection': (i, ctx) => forInspection(ctx, i.inspectionId),
  'documents.generate': (i, ctx) => generate(ctx, i),
  'documents.saveSupplement': (i, ctx) => saveSupplement(ctx, i),
  'documents.preview': (i, ctx) => preview(ctx, i.documentId),
  'documents.download': (i, ctx) => download(ctx, i.documentId),
  'documents.recent': (i, ctx) => recent(ctx, i),
  'documents.candidates': (i, ctx) => candidates(ctx, i),
  'documents.batch': (i, ctx) => startBatch(ctx, i),
  'documents.ledger': twoPhase<'documents.ledger', PreparedLedger>({
    prepare: (i, ctx) => prepareLedger(ctx, i),
    run: (i, ctx, prepared) => runLedger(ctx, i, prepared),
  }),
  'documents.verifyQr': (i, ctx) => verifyQr(ctx, i.payload),
  'documentSettings.get': (_i, ctx) => getSettings(ctx),
  'documentSettings.set': (i, ctx) => setSettings(ctx, i),
};
