import { describe, expect, it } from 'vitest';
import { generateDemoArchive } from '../../../electron/demo/generate';

describe('demo archive', () => {
  it('is deterministic', () => {
    const a = generateDemoArchive(new Date('2026-05-01'));
    const b = generateDemoArchive(new Date('2026-05-01'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('has a county agency, about ten officers with every certificate status, and a few hundred enterprises', () => {
    const today = new Date('2026-05-01');
    const d = generateDemoArchive(today);
    expect(d.agencies.filter((a) => a.isOwn)).toHaveLength(1);
    expect(d.agencies[0]).toMatchObject({ level: '县', name: '湘潭县市场监督管理局' });
    const own = d.officers.filter((o) => o.agencyKey === 'amr');
    expect(own.length).toBeGreaterThanOrEqual(10);
    const day = today.toISOString().slice(0, 10);
    const in30 = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const certified = own.filter((o) => o.kind === 'officer');
    expect(certified.some((o) => (o.certValidTo ?? '') < day)).toBe(true);
    expect(certified.some((o) => (o.certValidTo ?? '') >= day && (o.certValidTo ?? '') <= in30)).toBe(true);
    expect(own.some((o) => o.kind === 'auxiliary' && o.certNo === null)).toBe(true);
    expect(d.enterprises.length).toBeGreaterThanOrEqual(300);
    expect(new Set(d.enterprises.map((e) => e.kind))).toEqual(new Set(['企业', '个体工商户', '农民专业合作社']));
    expect(new Set(d.enterprises.map((e) => e.name)).size).toBe(d.enterprises.length);
    // Codes say what the entity is: 91 enterprise, 92 individual business, 93 cooperative.
    for (const e of d.enterprises) {
      expect(e.creditCode.slice(0, 2)).toBe({ 企业: '91', 个体工商户: '92', 农民专业合作社: '93' }[e.kind]);
      expect(e.creditCode.slice(2, 8)).toBe('430321');
    }
  });
});
