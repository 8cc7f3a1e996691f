import { z } from 'zod';
import { api, type Access } from '../../shared/api';

export interface RouteDescription {
  name: string;
  title: string;
  access: Access;
  mutates: boolean;
  method: 'POST';
  path: string;
  input: unknown;
  output: unknown;
}

/** GET /api: the contract itself, with JSON Schema generated from the zod schemas. */
export function describeContract(): { name: string; version: 1; routes: RouteDescription[] } {
  const routes = Object.entries(api).map(([name, def]) => ({
    name,
    title: def.title,
    access: def.access,
    mutates: def.mutates,
    method: 'POST' as const,
    path: `/api/${name}`,
    input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
  }));
  return { name: 'InspectDesk', version: 1, routes };
}
