import { Descriptions, Skeleton, Tag, Typography, type DescriptionsProps } from 'antd';
import type { Output } from '../../../shared/api';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { formatBytes } from '../../format';
import { BackupSection } from './BackupSection';

type Info = Output<'system.info'>;

const MODE_LABELS: Record<Info['mode'], string> = {
  electron: '桌面应用',
  browser: '浏览器模式（本机服务）',
};

function infoItems(info: Info): DescriptionsProps['items'] {
  const upToDate = info.schemaVersion === info.latestSchemaVersion;
  return [
    { key: 'appVersion', label: '应用版本', children: info.appVersion },
    { key: 'mode', label: '运行模式', children: MODE_LABELS[info.mode] },
    { key: 'dataDir', label: '数据目录', children: <Typography.Text copyable>{info.dataDir}</Typography.Text> },
    { key: 'databasePath', label: '数据库文件', children: <Typography.Text copyable>{info.databasePath}</Typography.Text> },
    { key: 'databaseBytes', label: '数据库大小', children: formatBytes(info.databaseBytes) },
    {
      key: 'schema',
      label: '数据库结构版本',
      children: (
        <>
          {info.schemaVersion} / {info.latestSchemaVersion}{' '}
          <Tag color={upToDate ? 'green' : 'orange'}>{upToDate ? '最新' : '待升级'}</Tag>
        </>
      ),
    },
    {
      key: 'counts',
      label: '档案概况',
      children: `检查主体 ${info.counts.agencies} 个，执法人员 ${info.counts.officers} 人，经营主体 ${info.counts.enterprises} 户，用户 ${info.counts.users} 个`,
    },
  ];
}

/** 系统信息: versions, where the data lives, and backups. */
export function SystemInfoTab() {
  const info = useQuery('system.info', {});
  return (
    <>
      <LoadError error={info.error} onRetry={info.reload} />
      {!info.data && !info.error && <Skeleton active />}
      {info.data && (
        <>
          <Descriptions bordered size="small" column={1} items={infoItems(info.data)} styles={{ label: { width: 160 } }} />
          <BackupSection backups={info.data.backups} onBackedUp={info.reload} />
        </>
      )}
    </>
  );
}
