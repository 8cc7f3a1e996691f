import { Descriptions, List, Table, Tag, Typography } from 'antd';
import type { ImportReport } from '../../../shared/api/archive';
import { formatDateTime } from '../../format';
import { ENTITY_LABELS } from './labels';

/** What a bundle holds and what its import did (or, for a check, would do). */
export function ReportView({ report }: { report: ImportReport }) {
  const rows = Object.entries(report.byEntity).map(([entity, c]) => ({ entity, ...c }));
  const verb = report.dryRun ? '将' : '';
  return (
    <section aria-label={report.dryRun ? '校验报告' : '导入结果'}>
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="来源单位">{report.office}</Descriptions.Item>
        <Descriptions.Item label="导出时间">{formatDateTime(report.exportedAt)}</Descriptions.Item>
        <Descriptions.Item label="导出范围">{report.selection}</Descriptions.Item>
        <Descriptions.Item label="数据包">{report.fileName}</Descriptions.Item>
        <Descriptions.Item label="文件">{`${verb}新存入 ${report.filesAdded} 个，已有 ${report.filesPresent} 个（均已逐一核对 SHA-256）`}</Descriptions.Item>
        <Descriptions.Item label="外单位审计日志">
          {`${verb}导入 ${report.auditAdded} 条`}
          {report.auditRejected > 0 && <Tag color="red" style={{ marginInlineStart: 8 }}>{report.auditRejected} 条哈希不符，未导入</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="entity"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '记录类型', dataIndex: 'entity', render: (v: string) => ENTITY_LABELS[v] ?? v },
          { title: `${verb}新增`, dataIndex: 'added', width: 90 },
          { title: `${verb}更新`, dataIndex: 'updated', width: 90 },
          { title: '跳过（相同或本地较新）', dataIndex: 'skipped', width: 180 },
          { title: '冲突', dataIndex: 'conflicts', width: 80, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{report.totals.added}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{report.totals.updated}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{report.totals.skipped}</Table.Summary.Cell>
            <Table.Summary.Cell index={4}>{report.totals.conflicts}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {report.conflicts.length > 0 && (
        <>
          <Typography.Title level={4} style={{ fontSize: 14, marginTop: 12 }}>
            冲突（不覆盖本地记录，{report.dryRun ? '导入后' : ''}请在“导入冲突”中逐条决定）
          </Typography.Title>
          <List size="small" bordered dataSource={report.conflicts.slice(0, 50)} renderItem={(c) => <List.Item>{`${c.label}：${c.reason}`}</List.Item>} />
        </>
      )}
      {report.skippedNotes.length > 0 && <List size="small" style={{ marginTop: 12 }} dataSource={report.skippedNotes} renderItem={(n) => <List.Item>{n}</List.Item>} />}
    </section>
  );
}
