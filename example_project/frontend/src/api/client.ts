/** Typed client of the wagtail-govnews API, generated from docs/reference/openapi.json. */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type NewsDetail = Schemas["NewsDetail"];
export type NewsSummary = Schemas["NewsSummary"];
export type NewsList = Schemas["NewsList"];
export type SocialAccounts = Schemas["SocialAccounts"];
export type Problem = Schemas["Problem"];
type GeneratedListQuery = NonNullable<paths["/api/govnews/news/"]["get"]["parameters"]["query"]>;
type GeneratedSocialQuery = NonNullable<paths["/api/govnews/social/"]["get"]["parameters"]["query"]>;
/**
 * The news list's query. The generated type allows only the site's languages as ``locale``
 * (the OpenAPI document's enum); the frontend's come from FRONTEND_LOCALES, so any code is
 * taken here and the API answers one the site does not have with a 400 problem.
 */
export type ListQuery = Omit<GeneratedListQuery, "locale"> & { locale?: string | null };

/** An API answer that is not a 2xx, with the problem document's detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`API answered ${status}: ${detail}`);
  }
}

/** A client of the API at ``apiUrl`` (the Wagtail site's origin). */
export function govnewsApi(apiUrl: string, fetchImpl: typeof fetch = globalThis.fetch) {
  const client = createClient<paths>({ baseUrl: apiUrl, fetch: (request) => fetchImpl(request) });

  function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
    if (result.data !== undefined) return result.data;
    const problem = result.error as Partial<Problem> | undefined;
    throw new ApiError(result.response.status, problem?.detail || result.response.statusText);
  }

  return {
    /** One page of the news list. */
    async list(query: ListQuery): Promise<NewsList> {
      const checkedByTheApi = query as GeneratedListQuery;
      const result = await client.GET("/api/govnews/news/", { params: { query: checkedByTheApi } });
      return unwrap(result);
    },
    /** Every published article matching ``query``, following the pages. */
    async listAll(query: Omit<ListQuery, "limit" | "offset"> = {}): Promise<NewsSummary[]> {
      const items: NewsSummary[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await this.list({ ...query, limit: 100, offset });
        items.push(...page.items);
        if (!page.next) return items;
      }
    },
    /** One published article. */
    async article(id: number): Promise<NewsDetail> {
      return unwrap(
        await client.GET("/api/govnews/news/{page_id}/", { params: { path: { page_id: id } } }),
      );
    },
    /** The published article at a public path such as /vi/tin-tuc/slug/. */
    async find(path: string): Promise<NewsDetail> {
      return unwrap(await client.GET("/api/govnews/news/find/", { params: { query: { path } } }));
    },
    /** The draft a preview token stands for. */
    async preview(token: string): Promise<NewsDetail> {
      return unwrap(await client.GET("/api/govnews/preview/", { params: { query: { token } } }));
    },
    /** The portal's name and social accounts in one language, each with its QR code. */
    async social(locale?: string): Promise<SocialAccounts> {
      const checkedByTheApi = { locale } as GeneratedSocialQuery; // as in list()
      return unwrap(await client.GET("/api/govnews/social/", { params: { query: checkedByTheApi } }));
    },
  };
}

export type GovnewsApi = ReturnType<typeof govnewsApi>;
