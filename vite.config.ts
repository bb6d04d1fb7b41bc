import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app: sources in web/, built into dist/web where the server serves it from. */
export default defineConfig({
  root: 'web',
  // Keep the dev server's dependency cache out of node_modules (a shared install here).
  cacheDir: '../.cache/vite',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // One bundle (~260 kB gzipped) is fine for an internal tool; split routes when it grows.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
