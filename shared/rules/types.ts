/**
 * Findings, rule definitions and the settings an office may change (DOMAIN.md §2 "Configurable").
 */
import { z } from 'zod';
import { isoDateSchema } from '../calendar/date';
import { calendarOverrideSchema } from '../calendar/types';
import { type InspectionFacts } from './facts';

/**
 * block: cannot proceed. warn: proceeds only with a head's recorded override (reason, and the
 * approving document's number where the rule names an approval). advise: information.
 */
export const EFFECTS = ['block', 'warn', 'advise'] as const;
export type Effect = (typeof EFFECTS)[number];

export const EFFECT_LABELS: Record<Effect, string> = { block: '禁止', warn: '警示', advise: '提示' };

export const RULE_IDS = [
  'subject',
  'officers',
  'two',
  'listed',
  'cap',
  'triggered',
  'merge',
  'joint',
  'offsite',
  'approval',
  'filing',
  'code',
  'notice',
  'feedback',
  'transfer',
  'remote',
  'special',
  'grading',
  'dates',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  ruleId: RuleId;
  effect: Effect;
  /** Chinese, specific: names the officer, the item, the count, the date. */
  message: string;
  /** Chinese citation, e.g. '湘政办发〔2025〕5号（九）；《湖南省优化营商环境条例》第四十二条'. */
  basis: string;
  /** Only a warning can be overridden, and then only by a head. */
  overridable: boolean;
  /** The override must carry the approving document's number (e.g. the government's consent to a third check). */
  needsApprovalNumber?: boolean;
  /** Set by evaluateAll when a recorded override satisfies this warning. */
  overridden?: boolean;
  /** Machine-readable details for the UI (e.g. the inspection to merge with). */
  data?: Record<string, unknown>;
}

export const ruleSettingsSchema = z.object({
  /** Rules never read the clock: overdue means "after this date". */
  today: isoDateSchema.describe('今天'),
  /** Routine inspections of one enterprise by one agency per calendar year (湘（九）: 2). */
  cap: z.number().int().min(1).max(12).default(2).describe('日常检查年度上限'),
  /** Whether triggered (个案) inspections count toward the cap — sources differ [S]. */
  triggeredCountsTowardCap: z.boolean().default(false).describe('触发式检查计入上限'),
  /** Whether off-site (无扰) checks count toward the cap — 湘（九）says 日常检查, 磐安 says 现场检查 [U]. */
  offsiteCountsTowardCap: z.boolean().default(false).describe('非现场检查计入上限'),
  /** The office follows 潭优发〔2024〕2号 入企报备. */
  followsXiangtanFiling: z.boolean().default(true).describe('执行湘潭入企报备'),
  /** "Obviously exceeds a reasonable frequency" (湘（十）) made concrete: count triggered checks within days. */
  burst: z
    .object({
      count: z.number().int().min(2).max(50).default(3).describe('次数'),
      days: z.number().int().min(1).max(366).default(30).describe('天数'),
    })
    .default({ count: 3, days: 30 })
    .describe('触发式检查高频阈值'),
  /** How close in time another inspection must be to suggest merging or a joint inspection. */
  multiAgencyWindowDays: z.number().int().min(0).max(366).default(30).describe('合并/联合检查提示时间窗'),
  /** The user's calendar overrides (years the bundled calendar lacks, corrections). */
  calendar: z.array(calendarOverrideSchema).default([]).describe('节假日安排'),
});
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;
export type RuleSettingsInput = z.input<typeof ruleSettingsSchema>;

export interface RuleDef {
  id: RuleId;
  title: string;
  /** The strongest effect the rule can have (it may also advise, e.g. of a coming deadline). */
  effect: Effect;
  basis: string;
  /** Settings that change this rule's outcome. */
  settings: readonly (keyof RuleSettings)[];
  evaluate: (facts: InspectionFacts, settings: RuleSettings) => Finding[];
}

/** Declares a rule; keeps call sites short and typed. */
export function defineRule(def: RuleDef): RuleDef {
  return def;
}
