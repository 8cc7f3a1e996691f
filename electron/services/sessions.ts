import type { SessionUser } from '../../shared/api';

/**
 * Who is logged in on which connection. The key is chosen by the transport: the sender's
 * webContents in Electron, a cookie in browser mode. Sessions live in memory only.
 */
export class SessionStore {
  private readonly byKey = new Map<string, SessionUser>();

  get(key: string): SessionUser | null {
    return this.byKey.get(key) ?? null;
  }

  set(key: string, user: SessionUser): void {
    this.byKey.set(key, user);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }

  /** Refreshes the stored copy of a user in every session (after a name change). */
  refreshUser(user: SessionUser): void {
    for (const [k, u] of this.byKey) if (u.id === user.id) this.byKey.set(k, user);
  }

  /** Drops every session of one user (disabled, role changed, password reset). */
  dropUser(userId: number): void {
    for (const [k, u] of this.byKey) if (u.id === userId) this.byKey.delete(k);
  }
}
