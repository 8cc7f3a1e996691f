import { ComingSoon } from '../../components/ComingSoon';

/** 「检查」: not built yet — says so instead of showing invented data. */
export function InspectionsPage() {
  return <ComingSoon title="检查" purpose="检查的立项、负责人审批、备案、通知、现场检查记录与结果反馈，每一步按规则校验。" />;
}
