import type { ReactNode } from 'react';
import { Alert, Card, Flex, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { FindingRow } from '../../shared/api/inspections';
import { EFFECT_LABELS, RULE_BY_ID, type Effect } from '../../shared/rules';

export const EFFECT_COLORS: Record<Effect, string> = { block: 'red', warn: 'orange', advise: 'blue' };

/** One finding: its effect (禁止 / 警示 / 提示), the specific message and the basis it cites. */
export function FindingItem({ finding, actions }: { finding: FindingRow; actions?: ReactNode }) {
  const title = RULE_BY_ID.get(finding.ruleId)?.title ?? finding.ruleId;
  return (
    <li
      style={{ listStyle: 'none', padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
      aria-label={`${EFFECT_LABELS[finding.effect]}：${title}`}
      data-effect={finding.effect}
    >
      <Flex gap={8} align="flex-start">
        <Tag color={EFFECT_COLORS[finding.effect]} style={{ marginInlineEnd: 0, flex: 'none' }}>
          {EFFECT_LABELS[finding.effect]}
        </Tag>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {title}
          </Typography.Text>
          {finding.overridden && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              负责人已决定放行
            </Tag>
          )}
          <Typography.Paragraph style={{ margin: '2px 0 0' }}>{finding.message}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据：{finding.basis}
          </Typography.Text>
          {actions && (
            <Flex gap={8} style={{ marginTop: 6 }}>
              {actions}
            </Flex>
          )}
        </div>
      </Flex>
    </li>
  );
}

interface Props {
  findings: readonly FindingRow[] | undefined;
  title?: string;
  /** Shown beside the title (e.g. "正在检查…"). */
  loading?: boolean;
  error?: string | null;
  /** Buttons under a finding (合并, 负责人决定…). */
  renderActions?: (finding: FindingRow) => ReactNode;
  emptyText?: string;
  /** Shown before the first result. */
  idleText?: string;
}

/** The rules' findings as a list, blocks first; each names its legal basis. */
export function FindingsPanel({ findings, title = '规则检查', loading, error, renderActions, emptyText = '未发现问题', idleText = '尚无检查结果' }: Props) {
  const counts = (['block', 'warn', 'advise'] as const).map((e) => [e, findings?.filter((f) => f.effect === e).length ?? 0] as const);
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span>{title}</span>
          {loading && <Spin size="small" aria-label="正在检查" />}
        </Flex>
      }
      extra={
        findings && findings.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {counts
              .filter(([, n]) => n > 0)
              .map(([e, n]) => `${EFFECT_LABELS[e]} ${n}`)
              .join(' · ')}
          </Typography.Text>
        ) : null
      }
      role="region"
      aria-label={title}
    >
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
      {findings && findings.length === 0 && !error && (
        <Typography.Text type="success">
          <CheckCircleOutlined aria-hidden /> {emptyText}
        </Typography.Text>
      )}
      {!findings && !error && <Typography.Text type="secondary">{idleText}</Typography.Text>}
      {findings && findings.length > 0 && (
        <ul style={{ margin: 0, padding: 0 }}>
          {findings.map((f, i) => (
            <FindingItem key={`${f.ruleId}-${i}`} finding={f} actions={renderActions?.(f)} />
          ))}
        </ul>
      )}
    </Card>
  );
}
