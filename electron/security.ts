/**
 * Every security decision of the Electron shell, as plain functions.
 *
 * This module must stay importable from plain Node (vitest runs without the Electron binary),
 * so it only uses `import type` from 'electron'; main.ts wires these into the real objects.
 * Each item follows Electron's security checklist (docs/tutorial/security.md).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The privileged scheme and host the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX_URL = `${APP_ORIGIN_URL}index.html`;

export const WINDOW_TITLE = 'InspectDesk 涉企行政检查工作台';

/**
 * Content-Security-Policy sent as a real response header by the `app:` protocol handler.
 *
 * - `script-src 'self'` with no 'unsafe-eval'/'unsafe-inline': only our bundled scripts run.
 * - `style-src` needs 'unsafe-inline' because antd (CSS-in-JS via @ant-design/cssinjs) injects
 *   `<style>` elements at runtime; without it every component renders unstyled. Inline styles
 *   cannot execute code, so this is an accepted, reviewed trade-off.
 * - `connect-src 'self'`: the renderer talks to main over IPC only; nothing may be fetched from
 *   the network even by accident.
 * - `img-src`/`font-src` allow data:/blob: for antd icons and generated previews.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hardened BrowserWindow options; the caller still has to show the window on 'ready-to-show'. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: WINDOW_TITLE,
    // Shown on 'ready-to-show' so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // The spellchecker downloads dictionaries from Google's CDN: useless offline and a leak.
      spellcheck: false,
    },
  };
}

/**
 * True only for `app://bundle/...`.
 * Compares protocol and host: for a custom scheme WHATWG `URL.origin` is the string 'null',
 * so an `.origin === 'app://bundle'` check would reject everything (reference finding 2).
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

/** IPC may only come from our own page, and only from its main frame (never an iframe). */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/**
 * Maps an `app://bundle/...` URL to a file inside `rendererDir`, or null when the URL is not
 * ours or could leave the directory. The raw string is inspected (not `URL.pathname`) because
 * URL parsing silently folds `..` segments, which would hide an attack instead of refusing it.
 */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  let rawPath = url.slice(prefix.length);
  const cut = rawPath.search(/[?#]/u);
  if (cut >= 0) rawPath = rawPath.slice(0, cut);
  if (rawPath === '' || rawPath === '/') rawPath = '/index.html';
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) return null;

  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed percent-encoding
    }
    // Empty segments ('//', trailing '/'), dot segments, encoded separators, NUL and drive
    // letters ('C:') have no business in a bundle URL; refuse rather than normalise.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/u.test(segment)) return null;
    segments.push(segment);
  }

  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  // Final guard, as in Electron's protocol docs: whatever slipped through must stay inside root.
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

/** Content types of what Vite emits; anything else is served as opaque bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The `protocol.handle('app', …)` handler: serves files of the built renderer with the CSP
 * header. Extension-less paths that do not exist fall back to index.html so client-side
 * routes survive a reload.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method Not Allowed', { status: 405 });
    }
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return new Response('Not Found', { status: 404 });
    let servedFile = file;
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      if (path.extname(file) !== '') return new Response('Not Found', { status: 404 });
      servedFile = path.join(path.resolve(rendererDir), 'index.html');
      try {
        body = await fs.readFile(servedFile);
      } catch {
        return new Response('Not Found', { status: 404 });
      }
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(servedFile),
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        // The bundle changes with every release; never serve a stale index.html.
        'cache-control': 'no-cache',
      },
    });
  };
}

/** The `preventDefault` part of Electron's navigation events. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The subset of `WebContents` that `hardenWebContents` touches (a fake satisfies it in tests). */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Locks a webContents to our bundle: no navigation or redirect away from app://bundle/,
 * no `<webview>`, no new windows (window.open, target=_blank, middle-click).
 */
export function hardenWebContents(contents: HardenableContents): void {
  const blockForeign = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The subset of `Session` that `hardenSession` touches. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/**
 * Electron grants every permission request by default (camera, notifications, geolocation…);
 * the app needs none, so every request and every check is answered "no".
 */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
