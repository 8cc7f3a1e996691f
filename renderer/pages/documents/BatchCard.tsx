import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Row, Select, Table, Tag, Typography } from 'antd';
import type { JobInfo } from '../../../shared/api';
import { INSPECTION_DOCUMENT_KINDS, batchResultSchema, type BatchResult, type CandidateRow, type InspectionDocumentKind } from '../../../shared/api/documents';
import { DOCUMENT_KINDS } from '../../../shared/schemas/documents';
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../shared/rules';
import { call, downloadFile } from '../../api/client';
import { DateField } from '../../components/DateField';
import { JobProgress } from '../../components/JobProgress';
import { useRunningJob } from '../../components/useRunningJob';
import { useErrorReporter } from '../../session';
import { STATUS_LABELS } from '../inspections/labels';

interface Filters {
  kind: InspectionDocumentKind;
  status?: InspectionStatus;
  from?: string | null;
  to?: string | null;
}

type Outcome = { kind: 'done'; result: BatchResult } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/**
 * 批量生成: pick a kind, filter inspections (status, date), select them (all at once if need
 * be) and generate in the background with a progress bar and 取消; then the zip to download
 * and the list of inspections skipped, with what they lack.
 */
export function BatchCard() {
  const report = useErrorReporter();
  const [form] = Form.useForm<Filters>();
  const [rows, setRows] = useState<CandidateRow[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [searching, setSearching] = useState(false);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useRunningJob('documents.batch');
  /** The last job, kept on screen (its bar at 100 % or where it was cancelled) after it ends. */
  const [shownJob, setShownJob] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [kind, setKind] = useState<InspectionDocumentKind>('inspectionNotice');

  const search = async (f: Filters): Promise<void> => {
    setSearching(true);
    try {
      const r = await call('documents.candidates', { kind: f.kind, status: f.status, from: f.from ?? undefined, to: f.to ?? undefined, limit: 2000 });
      setRows(r.rows);
      setTruncated(r.truncated);
      setSelected(r.rows.filter((x) => !x.hasCurrent).map((x) => x.id));
      setKind(f.kind);
    } catch (err) {
      report(err);
    } finally {
      setSearching(false);
    }
  };

  const start = async (): Promise<void> => {
    setStarting(true);
    setOutcome(null);
    try {
      const r = await call('documents.batch', { inspectionIds: selected, kind, into: 'zip' });
      setJobId(r.jobId);
      setShownJob(r.jobId);
    } catch (err) {
      report(err);
    } finally {
      setStarting(false);
    }
  };

  const finished = (job: JobInfo): void => {
    if (job.status === 'done') {
      const parsed = batchResultSchema.safeParse(job.result);
      setOutcome(parsed.success ? { kind: 'done', result: parsed.data } : { kind: 'failed', message: '任务结果无法识别' });
    } else if (job.status === 'cancelled') setOutcome({ kind: 'cancelled' });
    else setOutcome({ kind: 'failed', message: job.error ?? '未知错误' });
  };

  const download = (id: string) => void downloadFile(id).catch(report);
  const result = outcome?.kind === 'done' ? outcome.result : null;

  return (
    <Card size="small" title="批量生成文书" role="region" aria-label="批量生成文书">
      <Form<Filters> form={form} name="batchFilters" layout="vertical" initialValues={{ kind: 'inspectionNotice' }} onFinish={(f) => void search(f)}>
        <Row gutter={16} align="bottom">
          <Col span={7}>
            <Form.Item label="文书种类" name="kind">
              <Select options={INSPECTION_DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KINDS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item label="检查状态" name="status">
              <Select allowClear placeholder="全部" options={INSPECTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="检查日期自" name="from">
              <DateField />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="至" name="to">
              <DateField />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item>
              <Button htmlType="submit" loading={searching} block>
                查询检查任务
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {rows && (
        <>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text>
              共 {rows.length} 个检查任务{truncated ? '（仅列出前 2000 个，请缩小范围）' : ''}，已选 {selected.length} 个
            </Typography.Text>
            <Flex gap={8}>
              <Button size="small" onClick={() => setSelected(rows.map((r) => r.id))}>
                全选（{rows.length}）
              </Button>
              <Button size="small" onClick={() => setSelected([])}>
                清除选择
              </Button>
            </Flex>
          </Flex>
          <Table<CandidateRow>
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }}
            columns={[
              { title: '检查编号', dataIndex: 'number' },
              { title: '被检查单位', dataIndex: 'enterpriseName' },
              { title: '检查日期', dataIndex: 'date', render: (d: string | null) => d ?? '—' },
              { title: '状态', dataIndex: 'status', render: (s: InspectionStatus) => STATUS_LABELS[s] },
              { title: '', dataIndex: 'hasCurrent', render: (h: boolean) => (h ? <Tag>已有现行文书</Tag> : null) },
            ]}
          />
          <Button type="primary" disabled={selected.length === 0 || !!jobId} loading={starting} onClick={() => void start()} style={{ marginTop: 8 }}>
            批量生成《{DOCUMENT_KINDS[kind]}》（{selected.length} 份）
          </Button>
        </>
      )}
      {(jobId ?? shownJob) && (
        <div style={{ marginTop: 16 }}>
          <JobProgress
            key={jobId ?? shownJob}
            jobId={(jobId ?? shownJob)!}
            label="批量生成文书"
            onFinish={(job) => {
              finished(job);
              setShownJob(job.id);
              setJobId(null);
            }}
          />
        </div>
      )}
      {outcome?.kind === 'cancelled' && <Alert type="info" showIcon style={{ marginTop: 16 }} title="已取消：未生成、未登记任何文书，也未占用文号。" />}
      {outcome?.kind === 'failed' && <Alert type="error" showIcon style={{ marginTop: 16 }} title={`批量生成失败：${outcome.message}`} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type={result.skippedCount ? 'warning' : 'success'}
            showIcon
            title={`已生成 ${result.generated} 份《${DOCUMENT_KINDS[result.kind]}》${result.firstNumber ? `（文号 ${result.firstNumber} 至 ${result.lastNumber}）` : ''}${result.skippedCount ? `，${result.skippedCount} 个检查任务因信息不全未生成` : ''}`}
            action={
              result.downloadId && (
                <Button type="primary" size="small" onClick={() => download(result.downloadId!)}>
                  下载压缩包
                </Button>
              )
            }
          />
          {result.skippedCount > 0 && (
            <Table
              rowKey="inspectionId"
              size="small"
              style={{ marginTop: 8 }}
              dataSource={result.skipped}
              pagination={result.skipped.length > 10 ? { pageSize: 10 } : false}
              caption={result.skippedCount > result.skipped.length ? `仅列出前 ${result.skipped.length} 个，完整清单见压缩包中的“未生成清单.csv”` : undefined}
              columns={[
                { title: '未生成的检查任务', dataIndex: 'number', width: 220 },
                { title: '被检查单位', dataIndex: 'enterpriseName', width: 220 },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
