import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: which chunks each page imports, for scripts/route-sizes.mjs.
    manifest: true,
    // The chart chunk (ECharts core with the charts we draw) is ~600 kB before compression; only chart pages load it.
    chunkSizeWarningLimit: 700,
  },
});
