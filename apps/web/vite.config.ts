import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor groups change rarely, so browsers keep them cached across releases of our own code.
const vendorGroups: Array<{ name: string; test: RegExp; priority: number }> = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
    priority: 30,
  },
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|dayjs)[\\/]/,
    priority: 20,
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 15 },
  { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 15 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 15 },
];

export default defineConfig({
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
});
