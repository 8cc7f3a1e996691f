import { useCallback, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Typography } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import type { JobInfo } from '../../../shared/api';
import { call } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useRunningJob } from '../../components/useRunningJob';
import { useCan, useErrorReporter } from '../../session';

interface Props {
  /** Called after the demo archive has been loaded, to refresh the counts. */
  onLoaded(): void;
}

/** Offered while the archive is empty: loads the demo office in a background job with progress. */
export function DemoLoadCard({ onLoaded }: Props) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const allowed = useCan('system.loadDemo');
  const [jobId, setJobId] = useRunningJob('demo.load');
  const [starting, setStarting] = useState(false);
  const [outcome, setOutcome] = useState<{ type: 'error' | 'warning'; text: string } | null>(null);

  const start = (): void => {
    setStarting(true);
    setOutcome(null);
    call('system.loadDemo', {})
      .then((res) => setJobId(res.jobId), report)
      .finally(() => setStarting(false));
  };

  const finished = useCallback(
    (job: JobInfo) => {
      setJobId(null);
      switch (job.status) {
        case 'done':
          void message.success('演示档案已加载');
          onLoaded();
          break;
        case 'failed':
          setOutcome({ type: 'error', text: `加载演示档案失败：${job.error ?? '未知错误'}` });
          break;
        default:
          setOutcome({ type: 'warning', text: job.error ? `已取消加载演示档案：${job.error}` : '已取消加载演示档案' });
      }
    },
    [message, onLoaded, setJobId],
  );

  return (
    <Card
      title={
        <span>
          <DatabaseOutlined aria-hidden style={{ marginInlineEnd: 8 }} />
          加载演示档案
        </span>
      }
      style={{ borderColor: '#9fb6d6', background: '#f7f9fc' }}
    >
      <Typography.Paragraph>
        档案目前是空的。加载演示档案后，可以看到一个虚构县级执法单位的检查主体、执法人员和经营主体，便于熟悉本程序。
      </Typography.Paragraph>
      {outcome && <Alert type={outcome.type} showIcon title={outcome.text} style={{ marginBottom: 12 }} />}
      {jobId ? (
        <JobProgress jobId={jobId} label="加载演示档案" onFinish={finished} />
      ) : allowed ? (
        <Button type="primary" size="large" onClick={start} loading={starting}>
          加载演示档案
        </Button>
      ) : (
        <Typography.Text type="secondary">只有管理员可以加载演示档案。</Typography.Text>
      )}
    </Card>
  );
}
