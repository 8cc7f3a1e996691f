import type { ApiError, ErrorCode } from '../shared/api';

/** An error a service raises on purpose: its message is Chinese and is shown to the user as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Wraps a low-level failure (SQLite, fs) with a Chinese explanation and the technical reason. */
  static from(what: string, cause: unknown, file?: string): AppError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: string } | null)?.code;
    let hint = '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') hint = '（数据库正被其他程序使用）';
    else if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') hint = '（没有写入权限）';
    else if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') hint = '（文件已损坏或不是数据库）';
    else if (code === 'SQLITE_CANTOPEN') hint = '（无法打开文件）';
    const where = file ? `：${file}` : '';
    const err = new AppError('INTERNAL', `${what}${hint}${where}。技术信息：${reason}`);
    err.cause = cause;
    return err;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}
