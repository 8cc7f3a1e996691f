import type { Output, ParsedInput } from '../../../shared/api';
import { shanghaiDate } from '../../../shared/calendar';
import { requireUser, type HandlerCtx } from '../../api/context';
import { AppError } from '../../errors';
import { toListRow } from './read';
import { refreshCaseFileSearch } from './search';
import { caseEvent, loadCaseFile, type CaseFileRow } from './store';

/**
 * Retention and disposal (销毁): an archived case file whose retention has run out appears on
 * the disposal list; an archivist proposes disposal with the appraisal opinion and the decision
 * number (销毁决定文号), a head approves or rejects it — two different people, both recorded. A
 * legal hold stops both steps. A disposed case file keeps its record (what, when, who, which
 * decision: the 销毁清册); its documents stay in the append-only document register.
 */

export function list(ctx: HandlerCtx): Output<'disposals.list'> {
  const today = shanghaiDate(ctx.at);
  const due = ctx.db
    .prepare(
      `SELECT * FROM case_files WHERE status = 'archived' AND retention_until IS NOT NULL AND retention_until < ?
       ORDER BY retention_until, id LIMIT 1000`,
    )
    .all(today) as CaseFileRow[];
  const records = ctx.db
    .prepare(
      `SELECT d.id, d.case_file_id AS caseFileId, c.archive_no AS archiveNo, c.title, d.status, d.reason, d.decision_no AS decisionNo,
              d.proposed_by_name AS proposedBy, d.proposed_at AS proposedAt, d.decided_by_name AS decidedBy, d.decided_at AS decidedAt, d.decision_note AS decisionNote
       FROM disposals d JOIN case_files c ON c.id = d.case_file_id ORDER BY d.status = 'proposed' DESC, d.id DESC LIMIT 500`,
    )
    .all() as Output<'disposals.list'>['records'];
  return { due: due.map((c) => toListRow(ctx.db, c)), records };
}

function dueCheck(ctx: HandlerCtx, c: CaseFileRow): void {
  if (c.status !== 'archived') throw new AppError('CONFLICT', c.status === 'disposed' ? '该案卷已销毁' : '未归档的案卷不能销毁');
  if (c.legal_hold === 1) throw new AppError('CONFLICT', `该案卷处于法律保全（${c.legal_hold_reason ?? ''}），不能销毁`);
  const today = shanghaiDate(ctx.at);
  if (!c.retention_until) throw new AppError('CONFLICT', '永久保管的案卷不能销毁');
  if (c.retention_until >= today) throw new AppError('CONFLICT', `保管期限未满（至 ${c.retention_until}），不能销毁`);
}

export function propose(ctx: HandlerCtx, input: ParsedInput<'disposals.propose'>): { id: number } {
  const me = requireUser(ctx);
  const c = loadCaseFile(ctx.db, input.caseFileId);
  dueCheck(ctx, c);
  if (ctx.db.prepare("SELECT 1 FROM disposals WHERE case_file_id = ? AND status = 'proposed'").get(c.id)) throw new AppError('CONFLICT', '该案卷已提出销毁，等待负责人审批');
  const at = ctx.at.toISOString();
  const id = Number(
    ctx.db
      .prepare("INSERT INTO disposals (case_file_id, status, reason, decision_no, proposed_by, proposed_by_name, proposed_at) VALUES (?, 'proposed', ?, ?, ?, ?, ?)")
      .run(c.id, input.reason, input.decisionNo, me.id, me.displayName, at).lastInsertRowid,
  );
  caseEvent(ctx.db, c.id, 'dispose.propose', me.username, at, `${input.decisionNo}：${input.reason}`);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `提出销毁 ${c.archive_no ?? ''}（${input.decisionNo}）：${input.reason}` });
  return { id };
}

export function decide(ctx: HandlerCtx, input: ParsedInput<'disposals.decide'>): Record<string, never> {
  const me = requireUser(ctx);
  const d = ctx.db.prepare('SELECT id, case_file_id, status, proposed_by, decision_no FROM disposals WHERE id = ?').get(input.id) as
    | { id: number; case_file_id: number; status: string; proposed_by: number; decision_no: string }
    | undefined;
  if (!d) throw new AppError('NOT_FOUND', '找不到该销毁申请');
  if (d.status !== 'proposed') throw new AppError('CONFLICT', '该销毁申请已处理');
  if (d.proposed_by === me.id) throw new AppError('FORBIDDEN', '提出销毁与批准销毁须由不同人员办理');
  const c = loadCaseFile(ctx.db, d.case_file_id);
  if (input.approve) dueCheck(ctx, c);
  const at = ctx.at.toISOString();
  ctx.db
    .prepare('UPDATE disposals SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?, decision_note = ? WHERE id = ?')
    .run(input.approve ? 'approved' : 'rejected', me.id, me.displayName, at, input.note ?? null, d.id);
  if (input.approve) {
    ctx.db.prepare("UPDATE case_files SET status = 'disposed', disposed_at = ?, version = version + 1, updated_at = ? WHERE id = ?").run(at, at, c.id);
    refreshCaseFileSearch(ctx.db, c.id);
  }
  caseEvent(ctx.db, c.id, input.approve ? 'dispose.approve' : 'dispose.reject', me.username, at, input.note ?? null);
  ctx.audit({ entity: 'case_file', entityId: c.id, summary: `${input.approve ? '批准销毁' : '驳回销毁'} ${c.archive_no ?? ''}（${d.decision_no}）${input.note ? `：${input.note}` : ''}` });
  return {};
}
