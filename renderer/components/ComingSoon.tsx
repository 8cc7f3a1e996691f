import { Card, Result } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { PageHeader } from './PageHeader';

interface Props {
  title: string;
  /** What the area will do once it exists. */
  purpose: string;
}

/** Placeholder for an area that is not built yet: says so plainly, shows no invented data. */
export function ComingSoon({ title, purpose }: Props) {
  return (
    <>
      <PageHeader title={title} description={purpose} />
      <Card>
        <Result
          icon={<ClockCircleOutlined aria-hidden />}
          title="该功能将在后续版本中提供"
          subTitle={`「${title}」尚未开放，当前版本不包含这部分数据。`}
        />
      </Card>
    </>
  );
}
