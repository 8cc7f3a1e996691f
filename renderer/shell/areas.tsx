import type { ComponentType, ReactNode } from 'react';
import {
  ApartmentOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  IdcardOutlined,
  SettingOutlined,
  ShopOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { InspectionsPage } from '../pages/inspections/InspectionsPage';
import { EnterprisesPage } from '../pages/enterprises/EnterprisesPage';
import { OfficersPage } from '../pages/officers/OfficersPage';
import { AgenciesPage } from '../pages/agencies/AgenciesPage';
import { ItemsPage } from '../pages/items/ItemsPage';
import { PlansPage } from '../pages/plans/PlansPage';
import { DocumentsPage } from '../pages/documents/DocumentsPage';
import { ArchivePage } from '../pages/archive/ArchivePage';
import { ExchangePage } from '../pages/exchange/ExchangePage';
import { StatsPage } from '../pages/stats/StatsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';

export const AREA_KEYS = [
  'dashboard',
  'inspections',
  'enterprises',
  'officers',
  'agencies',
  'items',
  'plans',
  'documents',
  'archive',
  'exchange',
  'stats',
  'settings',
] as const;
export type AreaKey = (typeof AREA_KEYS)[number];

export interface Area {
  key: AreaKey;
  label: string;
  icon: ReactNode;
  page: ComponentType;
}

/** The menu, in order; each area lives at `#/<key>`. Icons are decorative (aria-hidden). */
export const AREAS: readonly Area[] = [
  { key: 'dashboard', label: '工作台', icon: <DashboardOutlined aria-hidden />, page: DashboardPage },
  { key: 'inspections', label: '检查', icon: <FileSearchOutlined aria-hidden />, page: InspectionsPage },
  { key: 'enterprises', label: '企业', icon: <ShopOutlined aria-hidden />, page: EnterprisesPage },
  { key: 'officers', label: '执法人员', icon: <IdcardOutlined aria-hidden />, page: OfficersPage },
  { key: 'agencies', label: '检查主体', icon: <ApartmentOutlined aria-hidden />, page: AgenciesPage },
  { key: 'items', label: '事项清单', icon: <UnorderedListOutlined aria-hidden />, page: ItemsPage },
  { key: 'plans', label: '计划与抽查', icon: <CalendarOutlined aria-hidden />, page: PlansPage },
  { key: 'documents', label: '文书', icon: <FileTextOutlined aria-hidden />, page: DocumentsPage },
  { key: 'archive', label: '档案', icon: <FolderOpenOutlined aria-hidden />, page: ArchivePage },
  { key: 'exchange', label: '数据交换', icon: <SwapOutlined aria-hidden />, page: ExchangePage },
  { key: 'stats', label: '统计', icon: <BarChartOutlined aria-hidden />, page: StatsPage },
  { key: 'settings', label: '设置', icon: <SettingOutlined aria-hidden />, page: SettingsPage },
];

export const DEFAULT_AREA: AreaKey = 'dashboard';

export function isAreaKey(value: string): value is AreaKey {
  return (AREA_KEYS as readonly string[]).includes(value);
}

export function areaHref(key: AreaKey): string {
  return `#/${key}`;
}
