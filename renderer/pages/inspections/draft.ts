import type { InspectionDraftInput } from '../../../shared/api/inspections';
import type { InspectionKind, TriggerSource } from '../../../shared/rules';

/** The plan form's values (antd gives undefined for untouched fields). */
export interface DraftValues {
  enterpriseId?: number | null;
  agencyId?: number | null;
  jointAgencyIds?: number[];
  kind?: InspectionKind;
  triggerSource?: TriggerSource | null;
  triggerRef?: string | null;
  specialApprovalNo?: string | null;
  onsite?: boolean;
  itemIds?: number[];
  teamOfficerIds?: number[];
  leaderOfficerId?: number | null;
  plannedDate?: string | null;
  basis?: string | null;
  content?: string | null;
  emergency?: boolean;
  emergencyReason?: string | null;
  noNoticeReason?: string | null;
  filingExemption?: 'state_secret' | 'safety_production' | null;
  outOfJurisdiction?: boolean;
}

const text = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * The contract's draft from the form, keeping only what applies to the chosen kind (a trigger
 * source only for 触发式, an approval number only for 专项, never on site for 非现场). Null until
 * the three fields every check needs are chosen.
 */
export function toDraft(v: DraftValues): InspectionDraftInput | null {
  if (!v.enterpriseId || !v.agencyId || !v.kind) return null;
  const team = v.teamOfficerIds ?? [];
  const emergency = v.emergency === true;
  return {
    enterpriseId: v.enterpriseId,
    agencyId: v.agencyId,
    jointAgencyIds: (v.jointAgencyIds ?? []).filter((a) => a !== v.agencyId),
    kind: v.kind,
    triggerSource: v.kind === 'triggered' ? (v.triggerSource ?? null) : null,
    triggerRef: v.kind === 'triggered' ? text(v.triggerRef) : null,
    specialApprovalNo: v.kind === 'special' ? text(v.specialApprovalNo) : null,
    onsite: v.kind === 'offsite' ? false : v.onsite !== false,
    itemIds: v.itemIds ?? [],
    teamOfficerIds: team,
    leaderOfficerId: v.leaderOfficerId && team.includes(v.leaderOfficerId) ? v.leaderOfficerId : null,
    plannedDate: v.plannedDate ?? null,
    basis: text(v.basis) ?? '',
    content: text(v.content) ?? '',
    emergency,
    emergencyReason: emergency ? text(v.emergencyReason) : null,
    noNoticeReason: text(v.noNoticeReason),
    filingExemption: v.filingExemption ?? null,
    outOfJurisdiction: v.outOfJurisdiction === true,
  };
}
