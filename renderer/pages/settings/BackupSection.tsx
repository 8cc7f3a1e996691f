import { useCallback, useState } from 'react';
import { App as AntApp, Alert, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { JobInfo } from '../../../shared/api';
import { call } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useRunningJob } from '../../components/useRunningJob';
import { formatBytes, formatDateTime } from '../../format';
import { useCan, useErrorReporter } from '../../session';

export interface BackupFile {
  name: string;
  bytes: number;
  createdAt: string;
}

interface Props {
  backups: BackupFile[];
  /** Called after a backup finished, to reload the list. */
  onBackedUp(): void;
}

const columns: TableColumnsType<BackupFile> = [
  { title: '文件名', dataIndex: 'name' },
  { title: '大小', dataIndex: 'bytes', width: 120, render: (v: number) => formatBytes(v) },
  { title: '创建时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
];

/** The file name a backup job reports in `result.file` (a path or a bare name). */
function backupFileName(job: JobInfo): string | null {
  const file = job.result?.['file'];
  return typeof file === 'string' && file !== '' ? file : null;
}

/** 备份: start a backup in the background, follow it, and list the backups made so far. */
export function BackupSection({ backups, onBackedUp }: Props) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const allowed = useCan('system.backup');
  const [jobId, setJobId] = useRunningJob('backup');
  const [starting, setStarting] = useState(false);
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error' | 'warning'; text: string } | null>(null);

  const start = (): void => {
    setStarting(true);
    setOutcome(null);
    call('system.backup', {})
      .then((res) => setJobId(res.jobId), report)
      .finally(() => setStarting(false));
  };

  const finished = useCallback(
    (job: JobInfo) => {
      setJobId(null);
      if (job.status === 'done') {
        const file = backupFileName(job);
        const text = file ? `备份完成：${file}` : '备份完成';
        void message.success(text);
        setOutcome({ type: 'success', text });
        onBackedUp();
      } else if (job.status === 'failed') {
        setOutcome({ type: 'error', text: `备份失败：${job.error ?? '未知错误'}` });
      } else {
        setOutcome({ type: 'warning', text: '备份已取消' });
      }
    },
    [message, onBackedUp, setJobId],
  );

  const sorted = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section aria-labelledby="backup-heading">
      <Flex justify="space-between" align="center" style={{ margin: '24px 0 12px' }}>
        <Typography.Title level={3} id="backup-heading" style={{ fontSize: 16, margin: 0 }}>
          备份
        </Typography.Title>
        {allowed && !jobId && (
          <Button type="primary" icon={<CloudDownloadOutlined aria-hidden />} onClick={start} loading={starting}>
            立即备份
          </Button>
        )}
      </Flex>
      {jobId && (
        <div style={{ marginBottom: 12 }}>
          <JobProgress jobId={jobId} label="备份数据库" onFinish={finished} />
        </div>
      )}
      {outcome && (
        <Alert
          type={outcome.type}
          showIcon
          title={outcome.text}
          closable={{ onClose: () => setOutcome(null), 'aria-label': '关闭' }}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<BackupFile>
        rowKey="name"
        size="small"
        columns={columns}
        dataSource={sorted}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无备份' }}
      />
    </section>
  );
}
