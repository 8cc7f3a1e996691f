import { useEffect, useRef, useState } from 'react';
import { Select, Tag } from 'antd';
import type { EnterpriseRow } from '../../../shared/api';
import { call } from '../../api/client';

interface Option {
  id: number;
  name: string;
  creditCode: string;
  grade?: string | null;
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The enterprise already chosen (editing), so its name shows before any search. */
  initial?: Option | null;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** 检查对象: type a name, pinyin initials or credit code; the archive is searched as you type. */
export function EnterpriseSelect({ id, value, onChange, initial, autoFocus, disabled }: Props) {
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Option[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = useRef<Option | null>(initial ?? null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      call('enterprises.search', { ...(q.trim() ? { q: q.trim() } : {}), limit: 20 })
        .then((page) => {
          if (!live) return;
          const found: Option[] = page.rows.map((r: EnterpriseRow) => ({ id: r.id, name: r.name, creditCode: r.creditCode, grade: r.grade }));
          const keep = chosen.current && !found.some((r) => r.id === chosen.current?.id) ? [chosen.current] : [];
          setRows([...keep, ...found]);
          setError(null);
        })
        .catch((err: unknown) => {
          if (live) setError(err instanceof Error ? err.message : '查找失败');
        })
        .finally(() => {
          if (live) setLoading(false);
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      autoFocus={autoFocus}
      disabled={disabled}
      placeholder="输入企业名称、拼音首字母或统一社会信用代码查找"
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={loading}
      notFoundContent={error ?? (loading ? '正在查找…' : '没有找到匹配的经营主体')}
      onChange={(v) => {
        chosen.current = rows.find((r) => r.id === v) ?? null;
        onChange?.(v ?? null);
      }}
      options={rows.map((r) => ({ value: r.id, label: r.name, data: r }))}
      optionRender={(o) => {
        const r = (o.data as { data: Option }).data;
        return (
          <div>
            <div>{r.name}</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {r.creditCode}
              {r.grade && (
                <Tag style={{ marginInlineStart: 8 }} variant="filled">
                  {r.grade}
                </Tag>
              )}
            </div>
          </div>
        );
      }}
    />
  );
}
