import { ComingSoon } from '../../components/ComingSoon';

/** 「计划与抽查」: not built yet — says so instead of showing invented data. */
export function PlansPage() {
  return <ComingSoon title="计划与抽查" purpose="年度检查计划，以及可复核的“双随机、一公开”抽查。" />;
}
