import { useState } from 'react';
import { App as AntApp, Button, Modal } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Input } from '../../../shared/api';
import type { JobInfo } from '../../../shared/api/common';
import { exportResultSchema } from '../../../shared/api/exchange';
import type { ImportKind } from '../../../shared/schemas/importFields';
import { call, downloadFile } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useCan, useErrorReporter } from '../../session';
import { ImportWizard } from './ImportWizard';

/** 导入: opens the import wizard (for the roles that keep the registries). */
export function ImportButton({ kind, onImported }: { kind: ImportKind; onImported(): void }) {
  const can = useCan('imports.start');
  const [open, setOpen] = useState(false);
  if (!can) return null;
  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导入
      </Button>
      {open && <ImportWizard kind={kind} onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}

/** 导出: the enterprise list under its current filters, as .xlsx (a background job, then the file is saved). */
export function ExportButton({ filters }: { filters: Input<'exports.enterprises'> }) {
  const can = useCan('exports.enterprises');
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  if (!can) return null;

  const start = (): void => {
    setStarting(true);
    call('exports.enterprises', filters)
      .then(({ jobId: id }) => setJobId(id), report)
      .finally(() => setStarting(false));
  };
  const finished = (job: JobInfo): void => {
    if (job.status !== 'done') {
      if (job.status === 'failed') void message.error(`导出失败：${job.error ?? ''}`);
      setJobId(null);
      return;
    }
    const r = exportResultSchema.safeParse(job.result);
    setJobId(null);
    if (!r.success) return void message.error('导出完成，但无法取得文件');
    downloadFile(r.data.downloadId).then((saved) => {
      if (saved) void message.success(`已导出 ${r.data.rows} 条：${r.data.fileName}`);
    }, report);
  };

  return (
    <>
      <Button icon={<DownloadOutlined aria-hidden />} onClick={start} loading={starting}>
        导出
      </Button>
      {jobId && (
        <Modal open title="导出经营主体名录" footer={null} closable={false} maskClosable={false}>
          <JobProgress jobId={jobId} label="导出" onFinish={finished} />
        </Modal>
      )}
    </>
  );
}
