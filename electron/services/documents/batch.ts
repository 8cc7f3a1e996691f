import type { HandlerCtx } from '../../api/context';
import { requireUser } from '../../api/context';
import type { JobRunner } from '../../jobs/runner';
import type { InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import type { BatchParams } from './batchRun';

/**
 * Starting a batch, and the guard that keeps numbers contiguous: while a batch of a kind runs,
 * interactive generation of that kind is refused (the batch registers its numbers at the end,
 * compare-and-set on the counter; see batchRun.ts).
 */

/** The last batch job of each kind, per app (its runner): running while the job says so. */
const lastJob = new WeakMap<JobRunner, Map<InspectionDocumentKind, string>>();

function jobsOf(jobs: JobRunner): Map<InspectionDocumentKind, string> {
  let m = lastJob.get(jobs);
  if (!m) {
    m = new Map();
    lastJob.set(jobs, m);
  }
  return m;
}

export function batchRunning(jobs: JobRunner, kind: InspectionDocumentKind): boolean {
  const id = jobsOf(jobs).get(kind);
  if (!id) return false;
  try {
    return jobs.get(id).status === 'running';
  } catch {
    return false;
  }
}

export function runningBatchKinds(jobs: JobRunner): InspectionDocumentKind[] {
  return [...jobsOf(jobs).keys()].filter((k) => batchRunning(jobs, k));
}

export function startBatch(ctx: HandlerCtx, input: { inspectionIds: number[]; kind: InspectionDocumentKind }): { jobId: string } {
  const me = requireUser(ctx);
  const ids = [...new Set(input.inspectionIds)];
  const title = `批量生成《${DOCUMENT_KINDS[input.kind]}》（${ids.length} 个检查任务）`;
  const params: BatchParams = { kind: input.kind, inspectionIds: ids, at: ctx.at.toISOString(), userId: me.id, username: me.username };
  const job = ctx.jobs.start('documents.batch', title, { ...params }, { userId: me.id, username: me.username });
  jobsOf(ctx.jobs).set(input.kind, job.id);
  ctx.audit({ entity: 'job', entityId: job.id, summary: `开始${title}` });
  return { jobId: job.id };
}
