import { ComingSoon } from '../../components/ComingSoon';

/** 「档案」: not built yet — says so instead of showing invented data. */
export function ArchivePage() {
  return <ComingSoon title="档案" purpose="组卷归档，检索历年检查档案。" />;
}
