import { useState } from 'react';
import { Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import { BackupPanel } from './BackupPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { ExportPanel } from './ExportPanel';
import { FixityPanel } from './FixityPanel';
import { ImportPanel } from './ImportPanel';

/** 「数据交换」: upload bundles out and in (with conflicts), whole-archive backups, the fixity check. */
export function ExchangePage() {
  const [tab, setTab] = useState('export');
  const canExchange = useCan('bundles.export');
  if (!canExchange) {
    return <PageHeader title="数据交换" description="导出、导入数据包和整库备份由档案管理员或系统管理员办理。" />;
  }
  return (
    <>
      <PageHeader title="数据交换" description="导出可校验的数据包（上报省级平台或交其他工作站），导入其他工作站的数据包；整库备份与恢复；档案文件校验。" />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'export', label: '导出数据包', children: <ExportPanel /> },
          { key: 'import', label: '导入数据包', children: <ImportPanel onConflicts={() => setTab('conflicts')} /> },
          { key: 'conflicts', label: '导入冲突', children: <ConflictsPanel /> },
          { key: 'backup', label: '整库备份', children: <BackupPanel /> },
          { key: 'fixity', label: '档案文件校验', children: <FixityPanel /> },
        ]}
      />
    </>
  );
}
