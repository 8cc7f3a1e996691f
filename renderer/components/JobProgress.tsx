import { useState } from 'react';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import type { JobInfo } from '../../shared/api';
import { call } from '../api/client';
import { useErrorReporter } from '../session';
import { isFinished, useJob } from './useJob';
import { assertNever } from '../format';

interface Props {
  jobId: string;
  /** What the job does, e.g. "加载演示档案"; names the progress bar for screen readers and tests. */
  label: string;
  /** Called once when the job has finished (done, failed or cancelled). */
  onFinish?: (job: JobInfo) => void;
}

function percentOf(job: JobInfo | null): number {
  if (!job) return 0;
  if (job.status === 'done') return 100;
  if (job.total <= 0) return 0;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

function progressStatus(job: JobInfo | null): 'active' | 'success' | 'exception' | 'normal' {
  if (!job) return 'active';
  switch (job.status) {
    case 'running':
      return 'active';
    case 'done':
      return 'success';
    case 'failed':
      return 'exception';
    case 'cancelled':
      return 'normal';
    default:
      return assertNever(job.status);
  }
}

function statusText(job: JobInfo | null): string {
  if (!job) return '正在启动…';
  switch (job.status) {
    case 'running':
      return job.phase || '正在处理…';
    case 'done':
      return '已完成';
    case 'failed':
      return `失败：${job.error ?? '未知错误'}`;
    case 'cancelled':
      return '已取消';
    default:
      return assertNever(job.status);
  }
}

/** Progress of one background job: bar, phase, counts and a 取消 button while it runs. */
export function JobProgress({ jobId, label, onFinish }: Props) {
  const { job, pollError, lost } = useJob(jobId, onFinish);
  const report = useErrorReporter();
  const [cancelling, setCancelling] = useState(false);
  const running = !lost && (!job || !isFinished(job));

  const cancel = (): void => {
    setCancelling(true);
    call('jobs.cancel', { id: jobId })
      .catch(report)
      .finally(() => setCancelling(false));
  };

  return (
    <div>
      <Flex align="center" gap={12}>
        <Progress
          aria-label={`${label}进度`}
          percent={percentOf(job)}
          status={lost ? 'exception' : progressStatus(job)}
          style={{ flex: 1, marginBottom: 0 }}
        />
        {running && (
          <Button onClick={cancel} loading={cancelling} disabled={cancelling || !job}>
            取消
          </Button>
        )}
      </Flex>
      <Typography.Text type={job?.status === 'failed' ? 'danger' : 'secondary'} data-testid="job-phase">
        {/* Only the phase is announced; the running count would be read out twice a second. */}
        <span aria-live="polite">{statusText(job)}</span>
        {job && job.total > 0 && job.status === 'running' ? `（${job.done} / ${job.total}）` : ''}
      </Typography.Text>
      {pollError && (running || lost) && (
        <Alert
          type={lost ? 'error' : 'warning'}
          showIcon
          title={lost ? `无法获取任务进度：${pollError}` : `暂时无法获取任务进度：${pollError}`}
          style={{ marginTop: 8 }}
        />
      )}
    </div>
  );
}
