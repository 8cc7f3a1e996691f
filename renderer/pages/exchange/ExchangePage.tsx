import { ComingSoon } from '../../components/ComingSoon';

/** 「数据交换」: not built yet — says so instead of showing invented data. */
export function ExchangePage() {
  return <ComingSoon title="数据交换" purpose="导出可校验的数据包上报省级平台，或导入其他工作站的数据。" />;
}
