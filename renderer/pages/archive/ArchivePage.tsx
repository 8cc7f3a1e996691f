import { Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import { ArchiveSearch } from './ArchiveSearch';
import { ArchiveSettingsForm } from './ArchiveSettingsForm';
import { CaseFileDetail } from './CaseFileDetail';
import { CaseFileList } from './CaseFileList';
import { CaseFileMake } from './CaseFileMake';
import { DisposalPanel } from './DisposalPanel';
import { archiveTabHref, useArchiveRoute, type ArchiveTab } from './route';

/** 「档案」: case files (list, 组卷, one case file), search, retention and disposal, the office's scheme. */
export function ArchivePage() {
  const [route, go] = useArchiveRoute();
  const canMake = useCan('caseFiles.create');
  if (route.view === 'detail') return <CaseFileDetail key={route.id} id={route.id} go={go} />;
  const items = [
    { key: 'files', label: '案卷', children: <CaseFileList go={go} /> },
    ...(canMake ? [{ key: 'make', label: '组卷', children: <CaseFileMake go={go} /> }] : []),
    { key: 'search', label: '档案检索', children: <ArchiveSearch /> },
    { key: 'disposal', label: '到期与销毁', children: <DisposalPanel go={go} /> },
    { key: 'settings', label: '档案设置', children: <ArchiveSettingsForm /> },
  ];
  return (
    <>
      <PageHeader title="档案" description="由已办结的检查组卷归档（封面、卷内文件目录、备考表），检索历年档案，到期鉴定销毁。" />
      <Tabs activeKey={route.tab} destroyOnHidden items={items} onChange={(k) => go(archiveTabHref(k as ArchiveTab))} />
    </>
  );
}
