import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * In development, serve admin/index.html for every /admin/* page path, as the server does in production,
 * so that a reload on /admin/users works with BrowserRouter.
 */
function adminFallback(): Plugin {
  return {
    name: 'zhichan-admin-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const accept = req.headers.accept ?? '';
        if (/^\/admin(\/|$)/.test(url) && !/\.[a-z0-9]+(\?|$)/i.test(url) && accept.includes('text/html')) {
          req.url = '/admin/index.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), adminFallback()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two entry points: the public portal never loads the back office code.
    rolldownOptions: {
      input: {
        portal: here('./index.html'),
        admin: here('./admin/index.html'),
      },
    },
  },
});
