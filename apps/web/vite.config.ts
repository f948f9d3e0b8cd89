import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Rolldown } from 'vite';

// Vendor groups change rarely, so browsers keep them cached across releases of our own code. antd and its
// icons are split by the set of routes that use each module (`entriesAware`): as one group they put every
// component and icon some page uses into every page's download (a big screen fetched the table, form and
// date-picker code of the back office). Pieces under 20 KB join their nearest neighbour, not one file each.
const vendorGroups: Rolldown.CodeSplittingGroup[] = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
    priority: 30,
  },
  {
    name: 'antd-icons',
    test: /node_modules[\\/]@ant-design[\\/]icons/,
    priority: 25,
    entriesAware: true,
    entriesAwareMergeThreshold: 20_000,
  },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|dayjs)[\\/]/,
    priority: 20,
    entriesAware: true,
    entriesAwareMergeThreshold: 20_000,
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 15 },
  { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 15 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 15 },
];

export default defineConfig(({ command, mode }) => {
  // Vite takes NODE_ENV over the mode, and a build started from a test runner inherits NODE_ENV=test: React's
  // and antd's development code (dev warnings, `css-dev-only-do-not-override` class names) would ship. A
  // production-mode build is a production build; `vite build --mode development` still gives a dev one.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    plugins: [react()],
    server: {
      port: 5173,
      // ws: the live endpoint (/api/v1/live) upgrades to a WebSocket
      proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true } },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 1200,
      rolldownOptions: {
        output: { codeSplitting: { groups: vendorGroups } },
      },
    },
  };
});
