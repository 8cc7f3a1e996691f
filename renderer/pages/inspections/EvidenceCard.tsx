import { useState } from 'react';
import { App as AntApp, Button, Card, Flex, Image, Modal, Select, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { InspectionDetail } from '../../../shared/api/inspections';
import { call, downloadFile, uploadFile } from '../../api/client';
import { formatBytes } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { EVIDENCE_KINDS, EVIDENCE_LABELS, type EvidenceKind } from './labels';

type Attachment = InspectionDetail['attachments'][number];

const IMAGE = /\.(jpe?g|png)$/iu;

/** EXIF keeps the camera's wall time; show it as such. */
function takenAt(v: string | null): string {
  return v ? v.replace('T', ' ') : '—';
}

/** 证据: photos, recordings and scans, with each photo's capture time and place from its EXIF. */
export function EvidenceCard({ detail, onChanged }: { detail: InspectionDetail; onChanged(): void }) {
  const { message } = AntApp.useApp();
  const report = useErrorReporter();
  const canAdd = useCan('inspections.addAttachment') && detail.mergedInto === null && detail.status !== 'archived';
  const [kind, setKind] = useState<EvidenceKind>('photo');
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<{ name: string; dataUrl: string } | null>(null);
  const [opening, setOpening] = useState<number | null>(null);

  const add = async (file: File): Promise<void> => {
    setUploading(true);
    try {
      const { uploadId } = await uploadFile(file);
      const res = await call('inspections.addAttachment', { id: detail.id, uploadId, kind, note: null });
      if (res.outsideWindow) void message.warning(`已添加 ${file.name}，但拍摄时间（${takenAt(res.takenAt)}）不在检查期间`);
      else void message.success(`已添加证据 ${file.name}`);
      onChanged();
    } catch (err) {
      report(err);
    } finally {
      setUploading(false);
    }
  };

  const open = async (a: Attachment): Promise<void> => {
    setOpening(a.id);
    try {
      const p = await call('inspections.attachmentPreview', { attachmentId: a.id });
      if (p.dataUrl) setPreview({ name: a.name, dataUrl: p.dataUrl });
      else await downloadFile(p.downloadId);
    } catch (err) {
      report(err);
    } finally {
      setOpening(null);
    }
  };

  const columns: TableColumnsType<Attachment> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, a) => (
        <div>
          <div>{name}</div>
          {a.outsideWindow && (
            <Tag color="red" style={{ marginTop: 4 }}>
              拍摄时间不在检查期间
            </Tag>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 70, render: (k: string) => EVIDENCE_LABELS[k as EvidenceKind] ?? k },
    { title: '拍摄时间', dataIndex: 'takenAt', width: 160, render: takenAt },
    { title: '位置（GPS）', dataIndex: 'gps', width: 170, render: (g: Attachment['gps']) => (g ? `${g.lat.toFixed(5)}, ${g.lon.toFixed(5)}` : '—') },
    { title: '大小', dataIndex: 'bytes', width: 80, render: formatBytes },
    {
      title: '操作',
      key: 'open',
      width: 70,
      render: (_: unknown, a) => (
        <Button size="small" type="link" loading={opening === a.id} aria-label={`${IMAGE.test(a.name) ? '预览' : '下载'} ${a.name}`} onClick={() => void open(a)}>
          {IMAGE.test(a.name) ? '预览' : '下载'}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={`证据（${detail.attachments.length}）`}
      style={{ marginBottom: 16 }}
      extra={
        canAdd && (
          <Flex gap={8} align="center">
            <Select<EvidenceKind> size="small" aria-label="证据类别" value={kind} onChange={setKind} style={{ width: 96 }} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_LABELS[k] }))} />
            <Upload
              showUploadList={false}
              multiple
              beforeUpload={(file) => {
                void add(file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined aria-hidden />} loading={uploading}>
                上传证据
              </Button>
            </Upload>
          </Flex>
        )
      }
    >
      <Table<Attachment> rowKey="id" size="small" columns={columns} dataSource={detail.attachments} pagination={false} locale={{ emptyText: '尚无证据' }} />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        文件按 SHA-256 存档，不可更改；照片的拍摄时间与位置读自其 EXIF 信息。
      </Typography.Paragraph>
      {preview && (
        <Modal open title={preview.name} footer={null} onCancel={() => setPreview(null)} width={760} destroyOnHidden>
          <Image src={preview.dataUrl} alt={preview.name} preview={false} style={{ maxWidth: '100%' }} />
        </Modal>
      )}
    </Card>
  );
}
