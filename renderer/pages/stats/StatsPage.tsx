import { ComingSoon } from '../../components/ComingSoon';

/** 「统计」: not built yet — says so instead of showing invented data. */
export function StatsPage() {
  return <ComingSoon title="统计" purpose="按检查主体、事项和时间统计检查情况。" />;
}
