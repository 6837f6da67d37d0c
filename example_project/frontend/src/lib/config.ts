/** Build and dev settings of the frontend, from environment variables (docs/how-to/headless/frontend.md). */

export type QrTarget = "canonical" | "frontend";

export interface FrontendConfig {
  /** Origin of the Wagtail site whose API is read, e.g. http://127.0.0.1:8000. */
  apiUrl: string;
  /** Public address of this frontend, e.g. https://news.example.gov.vn. */
  siteUrl: string;
  /** What the article QR encodes: the Wagtail page's URL, or this frontend's article URL. */
  qrTarget: QrTarget;
  /** Languages to render, the first one is the default. */
  locales: string[];
  /** Articles per list page. */
  pageSize: number;
}

type Env = Record<string, string | undefined>;

/** Read and validate the settings; a bad value stops the build with a clear message. */
export function readConfig(env: Env): FrontendConfig {
  const qrTarget = env.FRONTEND_QR_TARGET || "canonical";
  if (qrTarget !== "canonical" && qrTarget !== "frontend") {
    throw new Error(`FRONTEND_QR_TARGET must be "canonical" or "frontend", not "${qrTarget}"`);
  }
  const pageSize = Number(env.FRONTEND_PAGE_SIZE || "10");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new Error("FRONTEND_PAGE_SIZE must be a whole number from 1 to 100");
  }
  return {
    apiUrl: trimSlash(env.GOVNEWS_API_URL || "http://127.0.0.1:8000"),
    siteUrl: trimSlash(env.PUBLIC_SITE_URL || "http://127.0.0.1:3000"),
    qrTarget,
    locales: (env.FRONTEND_LOCALES || "vi,en").split(",").map((code) => code.trim()).filter(Boolean),
    pageSize,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Whether a list page exists: a configured language and a page number from 1 (dev mode). */
export function isListPage(locale: string | undefined, page: string | number | undefined): boolean {
  const number = Number(page);
  return config.locales.includes(locale ?? "") && Number.isInteger(number) && number >= 1;
}

/** The settings of this build (server side: Node's environment). */
export const config: FrontendConfig = readConfig(
  typeof process === "undefined" ? {} : (process.env as Env),
);
