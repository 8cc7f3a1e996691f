import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder and ship no TypeScript types we can
// rely on, so they are loaded through require with the few signatures we use.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const builderConfig = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

type Target = { target: string; arch: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  nsis: Record<string, unknown>;
  linux: { target: Target[]; category: string; maintainer: string; desktop: { entry: Record<string, string> } };
}

const file = path.resolve(__dirname, '../../../electron-builder.yml');
let config: BuilderConfig;

beforeAll(() => {
  config = yaml.load(fs.readFileSync(file, 'utf8')) as BuilderConfig;
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('flips every security fuse the reference requires', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar but keeps better-sqlite3 unpacked and rebuilt', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**']);
    expect(config.npmRebuild).toBe(true);
    expect(config.files).toEqual(['dist/**', 'package.json', '!**/*.map']);
  });

  it('names the app with stable ASCII identifiers', () => {
    expect(config.appId).toBe('cn.inspectdesk.app');
    expect(config.productName).toBe('InspectDesk');
    expect(config.executableName).toBe('inspectdesk');
    expect(config.directories.output).toBe('release/${version}');
  });

  it('builds a per-machine Chinese NSIS installer for Windows x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      unicode: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      shortcutName: '涉企行政检查工作台',
    });
  });

  it('builds deb and AppImage for x64 and arm64 (UOS/Kylin)', () => {
    const byTarget = Object.fromEntries(config.linux.target.map((t) => [t.target, [...t.arch].sort()]));
    expect(byTarget).toEqual({ deb: ['arm64', 'x64'], AppImage: ['arm64', 'x64'] });
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/u);
    expect(config.linux.desktop.entry['Name[zh_CN]']).toBe('涉企行政检查工作台');
  });
});
