import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The desk serves dist/ at /; in development, `vite` proxies the API to a desk on port 3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, assetsDir: "assets" },
  server: { proxy: { "/api": "http://127.0.0.1:3000", "/help": "http://127.0.0.1:3000" } },
});
