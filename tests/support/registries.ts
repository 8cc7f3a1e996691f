import type { App } from '../../electron/app';
import type { Input, Role } from '../../shared/api';
import { creditCodeCheckChar } from '../../shared/validation/creditCode';
import { ok } from './app';

/** Creates a user of `role` and logs them in on a session named after the role. */
export async function loginAs(app: App, role: Role): Promise<string> {
  const username = `${role}1`;
  await ok(app, 'users.create', { username, displayName: `测试${role}`, role, password: `${role}-pass-123` });
  await ok(app, 'auth.login', { username, password: `${role}-pass-123` }, role);
  return role;
}

/** A valid credit code for an enterprise (91…) in 湘潭县 with an organisation-code body from `n`. */
export function code(n: number, category: '1' | '2' | '3' = '1'): string {
  const first17 = `9${category}430321${String(n).padStart(8, '0')}0`;
  return first17 + creditCodeCheckChar(first17);
}

export function enterprise(n: number, name: string, extra: Partial<Input<'enterprises.create'>> = {}): Input<'enterprises.create'> {
  return { creditCode: code(n), name, kind: '企业', address: `湖南省湘潭市湘潭县易俗河镇天易大道${n}号`, ...extra };
}

export const ITEM: Omit<Input<'items.create'>, 'agencyId'> = {
  name: '食品生产经营检查',
  basis: '《中华人民共和国食品安全法》第一百一十条',
  subject: '湘潭县市场监督管理局',
  level: '县',
  undertakingUnit: '食品经营安全监督管理股',
  target: '辖区内食品经营者',
  content: '进货查验、贮存条件、标签标识',
  method: '现场检查',
  frequency: '每年不超过 2 次',
};

export async function ownAgency(app: App): Promise<number> {
  const a = await ok(app, 'agencies.create', {
    name: '湘潭县市场监督管理局',
    shortName: '湘县市监',
    level: '县',
    head: '周建国',
    phone: '0731-57822315',
  });
  return a.id;
}
