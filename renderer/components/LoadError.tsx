import { Alert, Button } from 'antd';

interface Props {
  error: string | null;
  onRetry?: () => void;
}

/** A failed load, with the server's Chinese message and a 重试 button. */
export function LoadError({ error, onRetry }: Props) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={error}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
    />
  );
}
