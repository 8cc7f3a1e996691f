/**
 * The inspection rules (DOMAIN.md §2): a registry and one entry point for the lifecycle
 * service. Each rule lives in its own file with its citation; this file only collects them,
 * applies the heads' recorded overrides and orders the findings.
 */
import { assertNever } from '../calendar/types';
import { approvalRule } from './approval';
import { capRule } from './cap';
import { codeRule } from './code';
import { datesRule } from './dates';
import { type InspectionFacts } from './facts';
import { feedbackRule } from './feedback';
import { filingRule } from './filing';
import { gradingRule } from './grading';
import { jointRule } from './joint';
import { listedRule } from './listed';
import { mergeRule } from './merge';
import { noticeRule } from './notice';
import { offsiteRule } from './offsite';
import { officersRule } from './officers';
import { remoteRule } from './remote';
import { specialRule } from './special';
import { subjectRule } from './subject';
import { transferRule } from './transfer';
import { triggeredRule } from './triggered';
import { twoRule } from './two';
import { type Effect, type Finding, type RuleDef, type RuleId, type RuleSettingsInput, ruleSettingsSchema } from './types';

export * from './types';
export * from './facts';
export { BASIS } from './basis';
export { DEADLINE_KINDS, deadlines, deadlineState, daysLate, type DeadlineItem, type DeadlineKind, type DeadlineState } from './deadlines';
export { KIND_LABELS, TRIGGER_LABELS } from './helpers';
export { GRADE_LABELS } from './grading';

/** Every rule, in the order DOMAIN.md lists them (the order findings of equal effect appear in). */
export const RULES: readonly RuleDef[] = [
  subjectRule,
  officersRule,
  twoRule,
  listedRule,
  capRule,
  triggeredRule,
  mergeRule,
  jointRule,
  offsiteRule,
  approvalRule,
  filingRule,
  codeRule,
  noticeRule,
  feedbackRule,
  transferRule,
  remoteRule,
  specialRule,
  gradingRule,
  datesRule,
];

export const RULE_BY_ID: ReadonlyMap<RuleId, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

function severity(effect: Effect): number {
  switch (effect) {
    case 'block':
      return 0;
    case 'warn':
      return 1;
    case 'advise':
      return 2;
    default:
      return assertNever(effect);
  }
}

/**
 * Runs every rule. Settings are parsed (defaults filled in: cap 2, burst 3 in 30 days, …).
 * A warning is marked `overridden` when a head's override for its rule is recorded — with the
 * approval number if the warning needs one. Findings come blocks first, then warnings, then advice.
 */
export function evaluateAll(facts: InspectionFacts, settingsInput: RuleSettingsInput): Finding[] {
  const settings = ruleSettingsSchema.parse(settingsInput);
  const findings = RULES.flatMap((rule) => rule.evaluate(facts, settings));
  for (const f of findings) {
    if (f.effect !== 'warn' || !f.overridable) continue;
    const override = facts.overrides.find((o) => o.ruleId === f.ruleId);
    if (!override) continue;
    const hasNumber = override.approvalNo !== null && override.approvalNo !== '';
    f.overridden = !f.needsApprovalNumber || hasNumber;
  }
  // Array.prototype.sort is stable: within an effect, rules keep the registry order.
  return findings.sort((a, b) => severity(a.effect) - severity(b.effect));
}

/** The findings that stop a transition: blocks, and warnings without a valid override. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.effect === 'block' || (f.effect === 'warn' && f.overridden !== true));
}
