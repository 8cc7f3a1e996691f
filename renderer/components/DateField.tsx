import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  placeholder?: string;
}

const FORMAT = 'YYYY-MM-DD';

/**
 * A date picker whose form value is the 'YYYY-MM-DD' string the contract takes, so the
 * contract's zod rules apply to it directly. Typing a date works as well as picking one.
 */
export function DateField({ id, value, onChange, disabled, placeholder = '年-月-日' }: Props) {
  const parsed = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      value={parsed && parsed.isValid() ? parsed : null}
      format={FORMAT}
      placeholder={placeholder}
      disabled={disabled}
      style={{ width: '100%' }}
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : null)}
    />
  );
}
