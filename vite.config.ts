import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console is built into web/dist, which the renkou server serves at `/`. In development `npm run dev:web`
// serves it with hot reload and forwards server paths to a renkou server on port 8080. The API is matched
// by its version prefix because the dev server also serves the console's own sources under /api/ (web/api/).
const serverPaths = ["^/api/v\\d+(/|$)", "/health", "/docs", "/openapi.json"];
const renkouServer = "http://127.0.0.1:8080";

// Vendor code changes less often than ours, so the part every page needs at start-up gets long-cached chunks
// of its own ("$initial": reached from the entry without a dynamic import). antd components used only by
// lazily loaded pages stay with those pages, and echarts is fetched when a chart is first shown.
const vendorChunks = [
  { name: "react", tags: ["$initial" as const], test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
  { name: "antd", tags: ["$initial" as const], test: /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|dayjs|clsx|classnames|stylis|@emotion)[\\/]/ },
  { name: "echarts", test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
];

export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd is one large library that every page uses; its chunk is expected to be big.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorChunks },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: renkouServer, changeOrigin: false }])),
  },
});
