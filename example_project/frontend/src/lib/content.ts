/**
 * What the pages read from the API at build time (or per request in dev mode).
 *
 * A static build asks for each answer once (memoised for the build's process); `astro dev`
 * renders every page on request (see astro.config.mjs) and asks the API each time, so
 * edits, new articles and deletions in Wagtail show on reload.
 */
import {
  ApiError,
  type GovnewsApi,
  govnewsApi,
  type NewsSummary,
  type SocialAccounts,
} from "../api/client";
import { config } from "./config";

const api: GovnewsApi = govnewsApi(config.apiUrl);
const memo = new Map<string, Promise<unknown>>();

/** An unreachable API stops the build with a message saying what to start. */
async function reach<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new Error(
      `Cannot read the API at ${config.apiUrl} (${String(error)}). Start the Wagtail site ` +
        "(make demo) or set GOVNEWS_API_URL to its address.",
      { cause: error },
    );
  }
}

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!import.meta.env.PROD) return reach(load);
  if (!memo.has(key)) memo.set(key, reach(load));
  return memo.get(key) as Promise<T>;
}

/** Every published article of the configured languages. */
export function allNews(): Promise<NewsSummary[]> {
  return cached("all", async () => {
    const lists = await Promise.all(config.locales.map((locale) => api.listAll({ locale })));
    return lists.flat();
  });
}

export const article = (id: number) => cached(`article:${id}`, () => api.article(id));

/** The article at a path: looked up live by `astro dev`, whose pages are not prebuilt. */
export const articleAt = (path: string) => cached(`path:${path}`, () => api.find(path));

export const newsPage = (locale: string, page: number, category?: string) =>
  cached(`list:${locale}:${category ?? ""}:${page}`, () =>
    api.list({
      locale,
      category: category ?? null,
      limit: config.pageSize,
      offset: (page - 1) * config.pageSize,
    }),
  );

export const social = (locale: string): Promise<SocialAccounts> =>
  cached(`social:${locale}`, () => api.social(locale));
