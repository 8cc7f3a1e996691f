import dayjs from 'dayjs';

/** Formats a byte count for people: 1.5 MB, 320 KB, 12 B. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit] ?? 'B'}`;
}

/** An ISO time as local 'YYYY-MM-DD HH:mm:ss'; '—' when missing or unreadable. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** A date (or ISO time) as 'YYYY-MM-DD'; '—' when missing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** Shows '—' for empty optional text so table cells never look broken. */
export function orDash(value: string | null | undefined): string {
  return value && value.trim() !== '' ? value : '—';
}

export type CertStatus = 'valid' | 'expiring' | 'expired' | 'notYetValid' | 'unknown';

/** Days before expiry from which a certificate is flagged. */
export const CERT_WARN_DAYS = 30;

/**
 * Where an enforcement certificate stands on `today`: the end date itself is still valid,
 * and a certificate ending within 30 days is flagged so it can be renewed in time.
 */
export function certStatus(validFrom: string | null, validTo: string | null, today: dayjs.Dayjs = dayjs()): CertStatus {
  if (!validTo) return 'unknown';
  const day = today.startOf('day');
  const to = dayjs(validTo).startOf('day');
  if (!to.isValid()) return 'unknown';
  if (validFrom) {
    const from = dayjs(validFrom).startOf('day');
    if (from.isValid() && from.isAfter(day)) return 'notYetValid';
  }
  if (to.isBefore(day)) return 'expired';
  if (to.diff(day, 'day') <= CERT_WARN_DAYS) return 'expiring';
  return 'valid';
}

export const CERT_STATUS_LABELS: Record<CertStatus, string> = {
  valid: '有效',
  expiring: '30天内到期',
  expired: '已过期',
  notYetValid: '未生效',
  unknown: '未登记',
};

export const CERT_STATUS_COLORS: Record<CertStatus, string> = {
  valid: 'green',
  expiring: 'orange',
  expired: 'red',
  notYetValid: 'blue',
  unknown: 'default',
};

/** Compile-time guard for exhaustive switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`未处理的取值：${String(value)}`);
}
