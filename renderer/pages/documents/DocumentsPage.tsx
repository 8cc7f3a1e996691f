import { ComingSoon } from '../../components/ComingSoon';

/** 「文书」: not built yet — says so instead of showing invented data. */
export function DocumentsPage() {
  return <ComingSoon title="文书" purpose="按规范格式生成检查通知书、现场检查笔录等文书（Word 文件），统一编号。" />;
}
