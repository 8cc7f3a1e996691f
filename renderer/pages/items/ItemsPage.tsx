import { ComingSoon } from '../../components/ComingSoon';

/** 「事项清单」: not built yet — says so instead of showing invented data. */
export function ItemsPage() {
  return <ComingSoon title="事项清单" purpose="本单位公布的涉企行政检查事项清单（事项名称、实施依据、检查主体等九项内容）及其版本。" />;
}
