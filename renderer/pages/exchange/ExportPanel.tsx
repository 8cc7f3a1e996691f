import { useState } from 'react';
import { Alert, Button, Form, Radio, Select, Space, Typography } from 'antd';
import type { Input as RouteInput, JobInfo } from '../../../shared/api';
import { call, downloadFile } from '../../api/client';
import { DateField } from '../../components/DateField';
import { JobProgress } from '../../components/JobProgress';
import { useQuery } from '../../components/useQuery';
import { useRunningJob } from '../../components/useRunningJob';
import { useErrorReporter } from '../../session';
import { formatBytesShort } from './labels';

type Mode = 'range' | 'agency' | 'caseFiles';

/** 导出数据包: a date range, an agency or chosen case files → a job with a progress bar → the .zip is saved. */
export function ExportPanel() {
  const report = useErrorReporter();
  const [mode, setMode] = useState<Mode>('range');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<number | undefined>();
  const [caseFileIds, setCaseFileIds] = useState<number[]>([]);
  const [jobId, setJobId] = useRunningJob('bundle.export');
  // The finished bar stays (at 100 %) beside its result until the next export starts.
  const [finishedId, setFinishedId] = useState<string | null>(null);
  const running = jobId !== null && jobId !== finishedId;
  const [result, setResult] = useState<{ type: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const agencies = useQuery('agencies.list', {});
  const files = useQuery('caseFiles.list', { status: 'archived', limit: 200 });

  const input = (): RouteInput<'bundles.export'> => {
    if (mode === 'caseFiles') return { caseFileIds };
    if (mode === 'agency') return { ...(agencyId ? { agencyId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  };
  const start = (): void => {
    setResult(null);
    call('bundles.export', input()).then((r) => setJobId(r.jobId), report);
  };
  const finished = (job: JobInfo): void => {
    setFinishedId(job.id);
    if (job.status !== 'done') return setResult({ type: job.status === 'failed' ? 'error' : 'warning', text: job.status === 'failed' ? `导出失败：${job.error ?? ''}` : '导出已取消，未生成数据包' });
    const r = job.result ?? {};
    const text = `已导出 ${String(r.fileName)}：${String(r.inspections)} 件检查、${String(r.caseFiles)} 个案卷，共 ${String(r.records)} 条记录、${String(r.files)} 个文件（${formatBytesShort(Number(r.bytes))}）`;
    setResult({ type: 'success', text });
    downloadFile(String(r.downloadId)).catch(report);
  };
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }} name="bundleExport">
      <Typography.Paragraph type="secondary">
        数据包为 BagIt 格式的 zip：含检查、文书、证据、案卷及其审计日志，每个文件带 SHA-256 校验值，任何人可用 <code>sha256sum -c manifest-sha256.txt</code> 核验。
      </Typography.Paragraph>
      <Form.Item label="导出范围">
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} optionType="button">
          <Radio value="range">按日期范围</Radio>
          <Radio value="agency">按检查主体</Radio>
          <Radio value="caseFiles">选定案卷</Radio>
        </Radio.Group>
      </Form.Item>
      {mode !== 'caseFiles' && (
        <Space size="large" align="start">
          <Form.Item label="起始日期" htmlFor="export-from">
            <DateField id="export-from" value={from} onChange={setFrom} />
          </Form.Item>
          <Form.Item label="截止日期" htmlFor="export-to">
            <DateField id="export-to" value={to} onChange={setTo} />
          </Form.Item>
        </Space>
      )}
      {mode === 'agency' && (
        <Form.Item label="检查主体" htmlFor="export-agency">
          <Select id="export-agency" aria-label="检查主体" style={{ width: 320 }} value={agencyId} onChange={setAgencyId} options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
      )}
      {mode === 'caseFiles' && (
        <Form.Item label="案卷（已归档）" htmlFor="export-casefiles">
          <Select
            id="export-casefiles"
            aria-label="案卷"
            mode="multiple"
            value={caseFileIds}
            onChange={setCaseFileIds}
            optionFilterProp="label"
            options={(files.data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.archiveNo ?? ''} ${c.title}` }))}
          />
        </Form.Item>
      )}
      {!running && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={start} disabled={mode === 'caseFiles' ? !caseFileIds.length : mode === 'agency' ? !agencyId : !from && !to}>
          导出数据包
        </Button>
      )}
      {jobId && <JobProgress jobId={jobId} label="导出数据包" onFinish={finished} />}
      {result && <Alert type={result.type} showIcon title={result.text} style={{ marginTop: 12 }} />}
    </Form>
  );
}
