/**
 * subject — only a body with enforcement power (or one authorised by law or lawfully entrusted)
 * may inspect; never a coordination body, testing institute or intermediary.
 * Basis: 湘政办发〔2025〕5号（一）; 国办发〔2024〕54号. Effect: block.
 */
import { BASIS } from './basis';
import { finding } from './helpers';
import { defineRule } from './types';

export const subjectRule = defineRule({
  id: 'subject',
  title: '检查主体资格',
  effect: 'block',
  basis: BASIS.subject,
  settings: [],
  evaluate(f) {
    const { leadAgency, jointAgencies } = f.inspection;
    const agencies = [
      { agency: leadAgency, role: '牵头单位' },
      ...jointAgencies.map((agency) => ({ agency, role: '联合单位' })),
    ];
    return agencies
      .filter(({ agency }) => !agency.hasEnforcementPower)
      .map(({ agency, role }) =>
        finding(
          'subject',
          'block',
          `${role}“${agency.name}”不具备行政检查主体资格（非具有行政执法权的机关、法律法规授权或依法受委托的组织），不得实施行政检查`,
          BASIS.subject,
          { data: { agencyId: agency.id } },
        ),
      );
  },
});
