import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Switch, Typography } from 'antd';
import type { JobInfo, JobKind, RouteName } from '../../../shared/api';
import { call } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useQuery } from '../../components/useQuery';
import { useRunningJob } from '../../components/useRunningJob';
import { formatDateTime } from '../../format';
import { useCan, useErrorReporter } from '../../session';
import { formatBytesShort } from './labels';

type Outcome = { type: 'success' | 'error' | 'warning'; text: string } | null;

/** One folder-taking job (backup, verify, restore): the form, its progress bar and what it said. */
function JobCard({ kind, title, route, label, fields, describe, extra }: {
  kind: JobKind;
  title: string;
  route: RouteName;
  label: string;
  fields: { name: string; label: string; placeholder: string }[];
  describe(job: JobInfo, values: Record<string, string>): Outcome;
  extra?: string;
}) {
  const report = useErrorReporter();
  const allowed = useCan(route);
  const [jobId, setJobId] = useRunningJob(kind);
  const [values, setValues] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const start = (): void => {
    setOutcome(null);
    (call as (r: RouteName, i: unknown) => Promise<{ jobId: string }>)(route, values).then((r) => setJobId(r.jobId), report);
  };
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      {extra && <Typography.Paragraph type="secondary">{extra}</Typography.Paragraph>}
      {fields.map((f) => (
        <Form.Item key={f.name} label={f.label} htmlFor={`${kind}-${f.name}`} style={{ marginBottom: 8 }}>
          <Input id={`${kind}-${f.name}`} placeholder={f.placeholder} value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
        </Form.Item>
      ))}
      {!jobId && (
        <Button type="primary" disabled={!allowed || fields.some((f) => !values[f.name]?.trim())} onClick={start}>
          {label}
        </Button>
      )}
      {jobId && (
        <JobProgress
          jobId={jobId}
          label={label}
          onFinish={(job) => {
            setJobId(null);
            setOutcome(job.status === 'failed' ? { type: 'error', text: job.error ?? '失败' } : job.status === 'cancelled' ? { type: 'warning', text: '已取消（未完成的部分已删除）' } : describe(job, values));
          }}
        />
      )}
      {outcome && <Alert type={outcome.type} showIcon title={outcome.text} style={{ marginTop: 12 }} />}
    </Card>
  );
}

function ScheduleCard() {
  const q = useQuery('archiveBackups.getSchedule', {});
  const [form] = Form.useForm<{ enabled: boolean; targetDir: string; everyHours: number; keep: number }>();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  return (
    <Card size="small" title="自动备份" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        name="backupSchedule"
        layout="vertical"
        onFinish={(v) =>
          call('archiveBackups.setSchedule', v).then(
            () => {
              setError(null);
              void message.success('自动备份设置已保存');
              q.reload();
            },
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        <Form.Item name="enabled" label="按时自动整库备份" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="targetDir" label="备份文件夹">
          <Input placeholder="如 D:\档案备份（不能在数据目录内）" />
        </Form.Item>
        <Space>
          <Form.Item name="everyHours" label="间隔（小时）">
            <InputNumber min={1} max={720} />
          </Form.Item>
          <Form.Item name="keep" label="保留最近几份">
            <InputNumber min={1} max={100} />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
        <Space>
          <Button htmlType="submit" type="primary">
            保存
          </Button>
          <Typography.Text type="secondary">上次自动备份：{q.data?.lastRunAt ? formatDateTime(q.data.lastRunAt) : '尚无'}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}

/** 整库备份: database + files to a folder, verify a backup, restore it into a new data directory, automatic backups. */
export function BackupPanel() {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <JobCard
          kind="archive.backup"
          title="整库备份（数据库和全部档案文件）"
          route="archiveBackups.start"
          label="整库备份"
          extra="在本机上填写备份文件夹的完整路径（如移动硬盘上的 E:\档案备份）。备份中有 manifest-sha256.txt，可用 sha256sum -c 独立核验。"
          fields={[{ name: 'targetDir', label: '备份文件夹', placeholder: '如 E:\\档案备份 或 /media/备份盘/档案' }]}
          describe={(job) => ({ type: job.result?.damaged ? 'warning' : 'success', text: `备份完成：${String(job.result?.path)}（${String(job.result?.files)} 个档案文件，${formatBytesShort(Number(job.result?.bytes))}）${job.result?.damaged ? `；注意：${String(job.result.damaged)} 个档案文件与其校验值不符，已照原样备份，请运行档案文件校验` : ''}` })}
        />
        <JobCard
          kind="archive.verifyBackup"
          title="校验备份"
          route="archiveBackups.verify"
          label="校验备份"
          fields={[{ name: 'path', label: '备份文件夹', placeholder: '如 E:\\档案备份\\InspectDesk-整库备份-20250926-101500' }]}
          describe={(job) =>
            job.result?.ok
              ? { type: 'success', text: `备份完好：${String(job.result.files)} 个文件逐一核对 SHA-256 无误，数据库完整性检查通过` }
              : { type: 'error', text: `备份有问题：${((job.result?.problems as string[] | undefined) ?? []).join('；')}` }
          }
        />
      </Col>
      <Col xs={24} xl={12}>
        <JobCard
          kind="archive.restore"
          title="恢复到新的数据目录"
          route="archiveBackups.restore"
          label="恢复备份"
          extra="先校验备份，再复制到一个新的空文件夹，下次启动时切换到恢复的档案；当前档案不受影响。"
          fields={[
            { name: 'path', label: '备份文件夹', placeholder: '整库备份所在的文件夹' },
            { name: 'targetDir', label: '新数据目录', placeholder: '不存在或空的文件夹，如 D:\\InspectDesk-恢复' },
          ]}
          describe={(job) => ({
            type: 'success',
            text: `已恢复到 ${String(job.result?.targetDir)}。重新启动 InspectDesk 后将自动改用恢复的档案；原数据目录保持不变，删除其中的文件 inspectdesk.moved-to 即可切回。`,
          })}
        />
        <ScheduleCard />
      </Col>
    </Row>
  );
}
