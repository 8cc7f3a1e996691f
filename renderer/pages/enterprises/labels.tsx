import { Space, Tag } from 'antd';
import { ENTERPRISE_KINDS, GRADES, type Grade } from '../../../shared/schemas/enterprise';

/** Colours of the five-colour (五色) credit/risk grading. */
export const GRADE_COLORS: Record<Grade, string> = { 绿: 'green', 蓝: 'blue', 黄: 'gold', 橙: 'orange', 红: 'red' };

export function GradeTag({ grade }: { grade: Grade | null }) {
  if (!grade) return <>—</>;
  return <Tag color={GRADE_COLORS[grade]}>{grade}</Tag>;
}

/** 白名单 / 重点监管 marks beside a name. */
export function FlagTags({ whitelist, keySupervision }: { whitelist: boolean; keySupervision: boolean }) {
  if (!whitelist && !keySupervision) return null;
  return (
    <Space size={4}>
      {whitelist && <Tag color="green">白名单</Tag>}
      {keySupervision && <Tag color="volcano">重点监管</Tag>}
    </Space>
  );
}

export const kindOptions = ENTERPRISE_KINDS.map((k) => ({ value: k, label: k }));
export const gradeOptions = GRADES.map((g) => ({ value: g, label: <GradeTag grade={g} />, title: `${g}色` }));
