import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app://bundle/ (Electron) or http://127.0.0.1:<port>/ (browser
// mode): relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
