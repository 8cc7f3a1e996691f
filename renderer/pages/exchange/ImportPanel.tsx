import { useState } from 'react';
import { Alert, Button, Space, Steps, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { JobInfo, UploadInfo } from '../../../shared/api';
import type { ImportReport } from '../../../shared/api/archive';
import { call, uploadFile } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { errorMessage, useErrorReporter } from '../../session';
import { formatBytesShort } from './labels';
import { ReportView } from './ReportView';

type Stage =
  | { step: 'pick' }
  | { step: 'checking'; upload: UploadInfo; jobId: string }
  | { step: 'checked'; upload: UploadInfo; report: ImportReport }
  | { step: 'importing'; upload: UploadInfo; jobId: string }
  | { step: 'done'; report: ImportReport };

/** 导入数据包: upload → verification and a dry run (nothing written) → import in one transaction → the result. */
export function ImportPanel({ onConflicts }: { onConflicts(): void }) {
  const report = useErrorReporter();
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const pick = (file: File): false => {
    setError(null);
    setUploading(true);
    uploadFile(file)
      .then((upload) => call('bundles.check', { uploadId: upload.uploadId }).then((r) => setStage({ step: 'checking', upload, jobId: r.jobId })))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setUploading(false));
    return false;
  };
  const readReport = (job: JobInfo, next: (r: ImportReport) => void, what: string): void => {
    if (job.status !== 'done') {
      setStage({ step: 'pick' });
      setError(job.status === 'failed' ? `${what}未通过：${job.error ?? ''}（未写入任何数据）` : `${what}已取消，未写入任何数据`);
      return;
    }
    call('bundles.report', { reportId: String(job.result?.reportId) }).then(next, report);
  };
  const current = stage.step === 'pick' ? 0 : stage.step === 'checking' || stage.step === 'checked' ? 1 : 2;
  return (
    <div style={{ maxWidth: 960 }}>
      <Steps size="small" current={current} style={{ marginBottom: 16 }} items={[{ title: '选择数据包' }, { title: '校验与预演' }, { title: '导入' }]} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {stage.step === 'pick' && (
        <Upload accept=".zip" showUploadList={false} beforeUpload={pick}>
          <Button icon={<UploadOutlined aria-hidden />} loading={uploading}>
            选择数据包（.zip）
          </Button>
        </Upload>
      )}
      {stage.step === 'checking' && (
        <JobProgress jobId={stage.jobId} label="校验数据包" onFinish={(job) => readReport(job, (r) => setStage({ step: 'checked', upload: stage.upload, report: r }), '数据包校验')} />
      )}
      {stage.step === 'checked' && (
        <>
          <Alert type="success" showIcon title={`数据包“${stage.upload.name}”（${formatBytesShort(stage.upload.bytes)}）校验通过：结构、清单和每个文件的 SHA-256 均无误。以下为预演结果，尚未写入。`} style={{ marginBottom: 12 }} />
          <ReportView report={stage.report} />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => call('bundles.import', { uploadId: stage.upload.uploadId }).then((r) => setStage({ step: 'importing', upload: stage.upload, jobId: r.jobId }), report)}>
              确认导入
            </Button>
            <Button onClick={() => setStage({ step: 'pick' })}>取消</Button>
          </Space>
        </>
      )}
      {stage.step === 'importing' && <JobProgress jobId={stage.jobId} label="导入数据包" onFinish={(job) => readReport(job, (r) => setStage({ step: 'done', report: r }), '导入')} />}
      {stage.step === 'done' && (
        <>
          <Alert type={stage.report.totals.conflicts ? 'warning' : 'success'} showIcon title={`导入完成：新增 ${stage.report.totals.added}，更新 ${stage.report.totals.updated}，跳过 ${stage.report.totals.skipped}，冲突 ${stage.report.totals.conflicts}`} style={{ marginBottom: 12 }} />
          <ReportView report={stage.report} />
          <Space style={{ marginTop: 12 }}>
            {stage.report.totals.conflicts > 0 && (
              <Button type="primary" onClick={onConflicts}>
                处理冲突
              </Button>
            )}
            <Button onClick={() => setStage({ step: 'pick' })}>导入其他数据包</Button>
          </Space>
        </>
      )}
    </div>
  );
}
