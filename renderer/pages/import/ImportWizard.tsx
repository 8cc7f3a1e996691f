import { useState } from 'react';
import { Alert, Button, Flex, Modal, Radio, Space, Steps, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { UploadInfo } from '../../../shared/api';
import type { JobInfo } from '../../../shared/api/common';
import { type ColumnMapping, type ImportMode, type ImportPreview } from '../../../shared/api/exchange';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../shared/schemas/importFields';
import { call, downloadFile, uploadFile } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { errorMessage, useErrorReporter } from '../../session';
import { MappingStep, missingRequired } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ResultStep } from './ResultStep';

const STEPS = ['选择文件', '对应列', '预览', '导入', '结果'].map((title) => ({ title }));

interface Props {
  kind: ImportKind;
  onClose(): void;
  /** Called after an import wrote something, so the page can reload its list. */
  onImported(): void;
}

/**
 * The import wizard: 选择文件 → 对应列 → 预览 → 导入 → 结果. Reading and checking the file, and the
 * import itself, run as background jobs on the host; this follows them with a progress bar.
 * Mount it only while shown.
 */
export function ImportWizard({ kind, onClose, onImported }: Props) {
  const report = useErrorReporter();
  const label = IMPORT_KIND_LABELS[kind];
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<UploadInfo | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<ImportMode>('validOnly');
  /** The job being followed: reading the file (previews) or the import. */
  const [job, setJob] = useState<{ id: string; label: string; then: (j: JobInfo) => void } | null>(null);
  const [outcome, setOutcome] = useState<JobInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Starts a preview job and, when it has finished, shows what it found on `next`. */
  const runPreview = async (uploadId: string, scan: 'head' | 'full', map: ColumnMapping | undefined, next: number): Promise<void> => {
    setError(null);
    const { jobId } = await call('imports.preview', { uploadId, kind, scan, ...(map ? { mapping: map } : {}) });
    setJob({
      id: jobId,
      label: scan === 'head' ? '读取文件' : '校验',
      then: (j) => {
        setJob(null);
        if (j.status !== 'done') {
          setError(j.status === 'cancelled' ? '已取消' : (j.error ?? '读取文件失败'));
          return;
        }
        call('imports.previewResult', { previewId: String(j.result?.previewId) }).then((p) => {
          setPreview(p);
          if (scan === 'head') setMapping(p.mapping);
          setStep(next);
        }, (err: unknown) => setError(errorMessage(err)));
      },
    });
  };

  const choose = async (file: File): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const info = await uploadFile(file);
      setUpload(info);
      await runPreview(info.uploadId, 'head', undefined, 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const start = async (): Promise<void> => {
    if (!upload || !preview) return;
    setError(null);
    try {
      const { jobId } = await call('imports.start', { uploadId: upload.uploadId, kind, mapping, mode, expectedRows: preview.total });
      setJob({
        id: jobId,
        label: '导入',
        then: (j) => {
          setJob(null);
          setOutcome(j);
          setStep(4);
          if (j.status === 'done' && j.result?.written === true) onImported();
        },
      });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const download = (id: string) => void downloadFile(id).catch(report);
  const missing = preview ? missingRequired(preview, mapping) : [];

  const footer = (
    <Flex justify="space-between">
      <Button onClick={onClose}>{step === 4 ? '完成' : '关闭'}</Button>
      <Space>
        {(step === 1 || step === 2) && !job && <Button onClick={() => setStep(step - 1)}>上一步</Button>}
        {step === 1 && (
          <Button type="primary" disabled={missing.length > 0 || !!job} onClick={() => upload && void runPreview(upload.uploadId, 'full', mapping, 2).catch((e: unknown) => setError(errorMessage(e)))}>
            下一步：预览
          </Button>
        )}
        {step === 2 && (
          <Button type="primary" disabled={!preview || preview.total === 0} onClick={() => setStep(3)}>
            下一步
          </Button>
        )}
        {step === 3 && !job && (
          <Button type="primary" onClick={() => void start()}>
            开始导入
          </Button>
        )}
      </Space>
    </Flex>
  );

  return (
    <Modal open title={`导入${label}`} width={1080} onCancel={onClose} footer={footer} maskClosable={false} destroyOnHidden>
      <Steps current={step} items={STEPS} size="small" style={{ marginBottom: 20 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {step === 0 && (
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={busy || !!job}
          beforeUpload={(file) => {
            void choose(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">点击或拖入要导入的文件</p>
          <p className="ant-upload-hint">Excel 工作簿（.xlsx）或 CSV（UTF-8 或 Excel/WPS 默认的 GBK 编码均可）；表头在第一行或前几行。</p>
        </Upload.Dragger>
      )}
      {step === 1 && preview && <MappingStep preview={preview} mapping={mapping} onChange={setMapping} />}
      {step === 2 && preview && <PreviewStep preview={preview} onDownloadReport={download} />}
      {step === 3 && preview && (
        <>
          <Typography.Paragraph>
            文件共 {preview.total} 行，其中 {preview.valid} 行可以导入，{preview.invalid} 行有错误。已登记的（按{kind === 'enterprises' ? '统一社会信用代码' : kind === 'officers' ? '执法证号' : '事项编号或名称'}识别）会被更新，内容相同的保持不变。
          </Typography.Paragraph>
          <Radio.Group
            aria-label="导入方式"
            value={mode}
            onChange={(e) => setMode(e.target.value as ImportMode)}
            disabled={!!job}
            options={[
              { value: 'validOnly', label: `仅导入有效行（跳过有错误的 ${preview.invalid} 行）` },
              { value: 'allOrNothing', label: '有错误则全部不导入' },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 16 }}
          />
          <Typography.Paragraph type="secondary">导入在一个事务中完成：中途取消或出错时，档案保持导入前的样子。</Typography.Paragraph>
        </>
      )}
      {step === 4 && outcome && <ResultStep job={outcome} onDownloadReport={download} />}
      {job && (
        <div style={{ marginTop: 16 }}>
          <JobProgress key={job.id} jobId={job.id} label={job.label} onFinish={job.then} />
        </div>
      )}
    </Modal>
  );
}
