import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useQuery } from '../../components/useQuery';
import { useSession } from '../../session';
import { DemoLoadCard } from './DemoLoadCard';
import { InspectionPanels } from './InspectionPanels';

interface CountCardProps {
  title: string;
  value: number;
  icon: ReactNode;
  href: string;
}

function CountCard({ title, value, icon, href }: CountCardProps) {
  return (
    <Card>
      <Statistic title={title} value={value} prefix={icon} />
      <Typography.Link href={href} aria-label={`查看${title}`}>
        查看
      </Typography.Link>
    </Card>
  );
}

/** 工作台: what is in the archive and what is due; offers the demo archive while it is empty. */
export function DashboardPage() {
  const { user } = useSession();
  const info = useQuery('system.info', {});
  const board = useQuery('dashboard.get', {});
  const counts = info.data?.counts;
  const reload = (): void => {
    info.reload();
    board.reload();
  };

  return (
    <>
      <PageHeader title="工作台" description={`${user.displayName}，您好。`} />
      <LoadError error={info.error ?? board.error} onRetry={reload} />
      {!counts && !info.error && <Skeleton active />}
      {counts && (
        <>
          {counts.enterprises === 0 && (
            <div style={{ marginBottom: 16 }}>
              <DemoLoadCard onLoaded={reload} />
            </div>
          )}
          <section aria-label="档案概况">
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <CountCard title="检查主体" value={counts.agencies} icon={<ApartmentOutlined aria-hidden />} href="#/agencies" />
              </Col>
              <Col xs={24} md={8}>
                <CountCard title="执法人员" value={counts.officers} icon={<IdcardOutlined aria-hidden />} href="#/officers" />
              </Col>
              <Col xs={24} md={8}>
                <CountCard title="经营主体" value={counts.enterprises} icon={<ShopOutlined aria-hidden />} href="#/enterprises" />
              </Col>
            </Row>
          </section>
          {board.data && <InspectionPanels data={board.data} />}
        </>
      )}
    </>
  );
}
