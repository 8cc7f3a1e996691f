import { Button, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { FixityRun } from '../../../shared/api/archive';
import { call } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { useRunningJob } from '../../components/useRunningJob';
import { formatDateTime } from '../../format';
import { useErrorReporter } from '../../session';
import { formatBytesShort } from './labels';

const STATUS: Record<FixityRun['status'], [string, string]> = { ok: ['全部完好', 'green'], problems: ['发现问题', 'red'], cancelled: ['已取消', 'default'] };

/** 档案文件校验 (DA/T 70): re-hash every referenced file, with progress; each run and what it found. */
export function FixityPanel() {
  const report = useErrorReporter();
  const [jobId, setJobId] = useRunningJob('archive.fixity');
  const runs = useQuery('fixity.runs', { limit: 20 });
  const columns: TableColumnsType<FixityRun> = [
    { title: '开始时间', dataIndex: 'startedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '结果', dataIndex: 'status', width: 110, render: (v: FixityRun['status']) => <Tag color={STATUS[v][1]}>{STATUS[v][0]}</Tag> },
    { title: '已校验/文件数', width: 130, render: (_: unknown, r) => `${r.checked} / ${r.files}` },
    { title: '数据量', dataIndex: 'bytes', width: 110, render: (v: number) => formatBytesShort(v) },
    { title: '缺失', dataIndex: 'missing', width: 70 },
    { title: '被改动', dataIndex: 'changed', width: 80 },
    { title: '执行人', dataIndex: 'startedBy' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">重新读取数据库引用的每个档案文件（证据、文书、案卷封面/目录/备考表）并计算 SHA-256，与登记值比对；发现缺失或被改动的文件时列出其所属记录。每次校验都记入校验日志（DA/T 70-2018 真实性、完整性检测）。</Typography.Paragraph>
      {!jobId && (
        <Button type="primary" onClick={() => call('fixity.start', {}).then((r) => setJobId(r.jobId), report)}>
          开始校验
        </Button>
      )}
      {jobId && (
        <JobProgress
          jobId={jobId}
          label="档案文件校验"
          onFinish={() => {
            setJobId(null);
            runs.reload();
          }}
        />
      )}
      <LoadError error={runs.error} onRetry={runs.reload} />
      <Table<FixityRun>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={runs.data ?? []}
        pagination={false}
        locale={{ emptyText: '尚未校验' }}
        expandable={{
          rowExpandable: (r) => r.problems.length > 0,
          expandedRowRender: (r) => (
            <List
              size="small"
              dataSource={r.problems}
              renderItem={(p) => (
                <List.Item>
                  <Tag color="red">{p.state === 'missing' ? '缺失' : '被改动'}</Tag>
                  <span style={{ flex: 1 }}>{p.records.map((x) => x.label).join('；')}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.sha256.slice(0, 16)}…
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        }}
      />
    </>
  );
}
