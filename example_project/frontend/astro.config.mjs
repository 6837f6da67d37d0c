// Static build of the news portal from the wagtail-govnews API (see docs/how-to/headless/frontend.md).
import { defineConfig } from "astro/config";

/**
 * `astro dev` renders every page on request instead of from getStaticPaths() (whose answers
 * Astro keeps until restart), so the dev server shows new and changed articles on reload.
 */
function liveDevPages() {
  let dev = false;
  return {
    name: "govnews-live-dev-pages",
    hooks: {
      "astro:config:setup": ({ command }) => {
        dev = command === "dev";
      },
      "astro:route:setup": ({ route }) => {
        if (dev) route.prerender = false;
      },
    },
  };
}

export default defineConfig({
  integrations: [liveDevPages()],
  // The frontend's public address: absolute links, canonical tags and frontend QR codes.
  site: process.env.PUBLIC_SITE_URL || "http://127.0.0.1:3000",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory" },
  server: { host: "127.0.0.1", port: 3000 },
  devToolbar: { enabled: false },
});
