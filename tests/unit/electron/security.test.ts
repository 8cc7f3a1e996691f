import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// security.ts must stay loadable without the Electron binary: if it ever imports 'electron' at
// runtime this factory throws and the whole file fails.
vi.mock('electron', () => {
  throw new Error('electron/security.ts must only use `import type` from electron');
});

import {
  CSP,
  WINDOW_TITLE,
  contentTypeOf,
  createAppProtocolHandler,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  resolveAppPath,
  windowOptions,
} from '../../../electron/security';

type Listener = (event: { preventDefault(): void }, url: string) => unknown;

/** A stand-in for WebContents that records what hardenWebContents registers. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  /** Fires an event the way Electron does and reports whether it was prevented. */
  function fire(event: string, url?: string): boolean {
    const preventDefault = vi.fn();
    for (const l of listeners.get(event) ?? []) l({ preventDefault }, url ?? '');
    return preventDefault.mock.calls.length > 0;
  }
  return { contents, listeners, fire, openHandler: () => openHandler };
}

describe('windowOptions', () => {
  it('turns on every renderer isolation switch', () => {
    const opts = windowOptions('/x/preload.js');
    expect(opts.webPreferences).toEqual({
      preload: '/x/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
  });

  it('is hidden until ready-to-show and carries the product title', () => {
    const opts = windowOptions('/x/preload.js');
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('InspectDesk 涉企行政检查工作台');
    expect(WINDOW_TITLE).toBe(opts.title);
    expect(opts.width).toBeGreaterThanOrEqual(opts.minWidth ?? 0);
    expect(opts.minWidth).toBeGreaterThan(0);
  });
});

describe('isAppUrl / isTrustedSender', () => {
  it('accepts the bundle even though URL.origin is "null" for custom schemes', () => {
    expect(new URL('app://bundle/x').origin).toBe('null');
    expect(isAppUrl('app://bundle/')).toBe(true);
    expect(isAppUrl('app://bundle/index.html?x=1#/cases')).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://bundle/',
    'file:///etc/passwd',
    'app://other/',
    'app://bundle.evil/',
    'app://bundle:8080/',
    'app://user@bundle/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('trusts only the main frame of our own page', () => {
    expect(isTrustedSender('app://bundle/index.html', true)).toBe(true);
    expect(isTrustedSender('app://bundle/index.html', false)).toBe(false);
    expect(isTrustedSender('file:///work/dist/renderer/index.html', true)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender('app://other/index.html', true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});

describe('CSP', () => {
  const directives = new Map(
    CSP.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/u);
      return [name, values] as const;
    }),
  );

  it('only runs our own scripts', () => {
    expect(CSP).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('closes objects, base, forms, framing and the network', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it("allows inline styles only (antd CSS-in-JS), never inline scripts", () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    const unsafeInline = [...directives].filter(([, v]) => v.includes("'unsafe-inline'")).map(([k]) => k);
    expect(unsafeInline).toEqual(['style-src']);
  });
});

describe('resolveAppPath', () => {
  const root = path.resolve('/srv/renderer');

  it('maps bundle URLs into the renderer dir', () => {
    expect(resolveAppPath(root, 'app://bundle/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bundle')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bundle/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bundle/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://bundle/assets/%E6%96%87%E4%B9%A6.png')).toBe(path.join(root, 'assets', '文书.png'));
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/assets/../../../etc/passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/%2E%2E/secret',
    'app://bundle/assets/..%2f..%2fetc/passwd',
    'app://bundle/..%5c..%5cwindows/win.ini',
    'app://bundle/..\\..\\windows\\win.ini',
    'app://bundle/assets\\index.js',
    'app://bundle//etc/passwd',
    'app://bundle/%2fetc/passwd',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/./index.html',
    'app://bundle/index.html%00.png',
    'app://bundle/%E0%A4%A',
    'app://bundle/assets/',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://evil.example/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('never returns a path outside the renderer dir', () => {
    const samples = ['a', 'a/b', '%2e', '%2e%2e', '..', '.', '%5c', '%00', 'x%2f..%2f..'];
    for (const a of samples) {
      for (const b of samples) {
        const file = resolveAppPath(root, `app://bundle/${a}/${b}`);
        if (file !== null) expect(path.relative(root, file).startsWith('..')).toBe(false);
      }
    }
  });
});

describe('createAppProtocolHandler (real files)', () => {
  let dir: string;
  let outside: string;

  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'inspectdesk-proto-'));
    dir = path.join(base, 'renderer');
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>InspectDesk</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    outside = path.join(base, 'secret.txt');
    fs.writeFileSync(outside, 'TOP SECRET');
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('serves index.html for / with the CSP header', async () => {
    const res = await createAppProtocolHandler(dir)(new Request('app://bundle/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('InspectDesk');
  });

  it('serves scripts as JavaScript', async () => {
    const res = await createAppProtocolHandler(dir)(new Request('app://bundle/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('does not leak a sibling file through traversal', async () => {
    const handler = createAppProtocolHandler(dir);
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/..%5csecret.txt']) {
      const res = await handler(new Request(url));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('TOP SECRET');
    }
  });

  it('404s a missing asset but falls back to index.html for client routes', async () => {
    const handler = createAppProtocolHandler(dir);
    expect((await handler(new Request('app://bundle/assets/missing.js'))).status).toBe(404);
    const route = await handler(new Request('app://bundle/cases/42'));
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await createAppProtocolHandler(dir)(new Request('app://bundle/', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });

  it('knows the content types Vite emits', () => {
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('hardenWebContents', () => {
  it('blocks navigation and redirects away from the bundle', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-navigate', 'app://other/')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'app://bundle/')).toBe(false);
    expect(f.fire('will-navigate', 'app://bundle/index.html#/cases')).toBe(false);
    expect(f.fire('will-redirect', 'app://bundle/index.html')).toBe(false);
  });

  it('prevents every <webview> attach', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    expect(f.listeners.get('will-attach-webview')).toHaveLength(1);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('denies window.open, even for our own URLs', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    const handler = f.openHandler();
    expect(handler).toBeDefined();
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h) => {
        request = h;
      },
      setPermissionCheckHandler: (h) => {
        check = h;
      },
    });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request?.({}, permission, cb);
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(check?.()).toBe(false);
  });
});
