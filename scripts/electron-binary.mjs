// Finds the Electron executable the `electron` npm package would run, or null when its
// binary was never downloaded (offline install: the download is skipped or fails).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
