import { Alert, Button, Flex, Statistic } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { JobInfo } from '../../../shared/api/common';
import { importResultSchema } from '../../../shared/api/exchange';

interface Props {
  job: JobInfo;
  onDownloadReport(id: string): void;
}

/** 结果: what the import did — or why the archive is exactly as it was. */
export function ResultStep({ job, onDownloadReport }: Props) {
  if (job.status === 'cancelled') return <Alert type="info" showIcon title="导入已取消，档案保持导入前的样子，没有写入任何数据。" />;
  if (job.status !== 'done') {
    return <Alert type="error" showIcon title="导入失败，档案保持导入前的样子，没有写入任何数据。" description={job.error ?? undefined} />;
  }
  const parsed = importResultSchema.safeParse(job.result);
  if (!parsed.success) return <Alert type="warning" showIcon title="导入已完成，但无法读取结果统计。" />;
  const r = parsed.data;
  const stats: [string, number][] = [
    ['新增', r.new],
    ['更新', r.updated],
    ['无变化', r.unchanged],
    ['未导入', r.rejected],
  ];
  return (
    <>
      {r.written ? (
        <Alert type={r.rejected > 0 ? 'warning' : 'success'} showIcon title={r.rejected > 0 ? `已导入有效行；${r.rejected} 行有错误未导入。` : '导入完成。'} style={{ marginBottom: 16 }} />
      ) : (
        <Alert type="warning" showIcon title={`文件中有 ${r.rejected} 行错误。按“有错误则全部不导入”，档案没有做任何改动。`} style={{ marginBottom: 16 }} />
      )}
      <Flex gap={48} role="group" aria-label="导入结果">
        {stats.map(([title, value]) => (
          <Statistic key={title} title={title} value={value} />
        ))}
      </Flex>
      {r.reportDownloadId && (
        <Button icon={<DownloadOutlined aria-hidden />} style={{ marginTop: 16 }} onClick={() => onDownloadReport(r.reportDownloadId ?? '')}>
          下载错误报告
        </Button>
      )}
    </>
  );
}
