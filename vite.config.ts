import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app: sources in web/, built into dist/web where the server serves it from. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
