import type { z } from 'zod';
import { authRoutes, systemRoutes, userRoutes } from './system';
import { registryRoutes } from './registry';
import { exchangeRoutes } from './exchange';
import { inspectionRoutes } from './inspections';
import { documentRoutes } from './documents';
import { archiveRoutes } from './archive';

export * from './route';
export * from './common';
export * from './bridge';
export type { UserRow, AuditRow } from './system';
export type { AgencyRow, OfficerRow, EnterpriseRow } from './registry';

/** Every route the app has, declared once: the single contract both transports bind. */
export const api = {
  ...authRoutes,
  ...userRoutes,
  ...systemRoutes,
  ...registryRoutes,
  ...exchangeRoutes,
  ...inspectionRoutes,
  ...documentRoutes,
  ...archiveRoutes,
} as const;

export type Api = typeof api;
export type RouteName = keyof Api;
export type Input<R extends RouteName> = z.input<Api[R]['input']>;
export type ParsedInput<R extends RouteName> = z.output<Api[R]['input']>;
export type Output<R extends RouteName> = z.output<Api[R]['output']>;

export function isRouteName(name: string): name is RouteName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
