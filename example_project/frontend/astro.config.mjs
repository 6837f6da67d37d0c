// Static build of the news portal from the wagtail-govnews API (see docs/headless/frontend.md).
import { defineConfig } from "astro/config";

export default defineConfig({
  // The frontend's public address: absolute links, canonical tags and frontend QR codes.
  site: process.env.PUBLIC_SITE_URL || "http://127.0.0.1:4321",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory" },
  server: { host: "127.0.0.1", port: 4321 },
  devToolbar: { enabled: false },
  telemetry: false,
});
