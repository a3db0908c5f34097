import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The dashboard talks only to /api on its own origin. In `npm run dev` (and `vite preview`) /api is proxied to a
// running command-api: LAAS_API_URL, default http://localhost:8080.
const apiUrl = process.env.LAAS_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The largest chunk is recharts (~410 kB, ~112 kB gzip), loaded only by an account's balance chart.
    chunkSizeWarningLimit: 450,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          query: ['@tanstack/react-query', 'zod'],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Component tests render in jsdom on a shared 2-core machine: give each test room.
    testTimeout: 20_000,
  },
});
