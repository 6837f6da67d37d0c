/**
 * Data mapping: API answers → the view models the pages render. Pure functions, no I/O.
 *
 * The frontend mirrors the Wagtail site's paths (`/vi/tin-tuc/slug/` is the same article in
 * both), so an article's frontend path is its API `path`, and a URL from the API maps to its
 * path on this frontend.
 */
import type { NewsDetail, NewsSummary, Schemas } from "../api/client";
import type { FrontendConfig } from "./config";

export interface ImageView {
  src: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

export interface FigureView {
  image: ImageView;
  caption: string;
  credit: string;
}

export type BlockView =
  | { type: "html"; html: string }
  | { type: "heading"; level: "h2" | "h3" | "h4"; text: string }
  | ({ type: "image"; alignment: string } & FigureView)
  | { type: "gallery"; title: string; layout: string; photos: FigureView[] }
  | { type: "quote"; quote: string; attribution: string }
  | { type: "video"; url: string; caption: string }
  | { type: "document"; url: string; title: string; extension: string; size: number | null }
  | { type: "table"; caption: string; rows: string[][]; headerRow: boolean; headerColumn: boolean };

export interface LinkView {
  title: string;
  href: string;
}

export interface LanguageView {
  locale: string;
  href: string;
  current: boolean;
  /** False when the page has no translation in that language (the link goes to its home). */
  translated: boolean;
}

export interface TeaserView {
  id: number;
  title: string;
  href: string;
  dateline: string;
  date: string;
  lead: string;
  image: ImageView | null;
}

export interface QrView {
  /** The URL the code encodes. */
  value: string;
  /** The API's QR image (canonical target); null when the frontend draws its own. */
  imageUrl: string | null;
  /** The frontend's own SVG (frontend target), filled in by `withQrSvg`. */
  svg: string | null;
}

export interface ShareView {
  network: string;
  label: string;
  url: string;
  isCopy: boolean;
}

/** A dated correction or update shown under the dateline. */
export interface NoticeView {
  kind: "correction" | "update";
  date: string;
  dateline: string;
  text: string;
}

export interface ArticleView {
  id: number;
  locale: string;
  title: string;
  path: string;
  url: string;
  canonicalUrl: string;
  date: string;
  dateline: string;
  lead: string;
  author: string;
  originalUrl: string | null;
  archived: boolean;
  documentNumber: string;
  notice: NoticeView | null;
  source: { name: string; url: string | null } | null;
  section: LinkView | null;
  categories: LinkView[];
  hero: ImageView | null;
  body: BlockView[];
  qr: QrView;
  share: ShareView[];
  otherNews: TeaserView[];
  languages: LanguageView[];
}

/** Only http(s) (and mailto:) addresses from the API become links; anything else is dropped. */
export function safeUrl(url: string | null | undefined, allowMailto = false): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
    if (allowMailto && parsed.protocol === "mailto:") return url;
  } catch {
    return null;
  }
  return null;
}

/** Where an article page gets a view token (GET) and reports a reader's view with it
 * ("most read"; POST ?token=, with navigator.sendBeacon). */
export function viewBeaconUrl(config: FrontendConfig, id: number): string {
  return `${config.apiUrl}/api/govnews/news/${id}/views/`;
}

/** The path of an API URL on this frontend (the frontend mirrors the site's paths). */
export function frontendPath(url: string): string {
  return new URL(url, "http://placeholder.invalid").pathname;
}

/** Home of a language: the first page of its news list. */
export function homePath(locale: string): string {
  return `/${locale}/`;
}

/** A page of the news list, optionally of one category. */
export function listPath(locale: string, page = 1, category?: string): string {
  const base = category ? `/${locale}/category/${encodeURIComponent(category)}/` : `/${locale}/`;
  if (page <= 1) return base;
  return category ? `${base}${page}/` : `${base}page/${page}/`;
}

export function toImage(image: Schemas["ImageOut"], alt?: string): ImageView {
  return {
    src: image.url,
    srcset: image.srcset,
    width: image.width,
    height: image.height,
    alt: alt || image.alt,
  };
}

function toFigure(photo: Schemas["Photo"]): FigureView {
  return { image: toImage(photo.image, photo.alt), caption: photo.caption, credit: photo.credit };
}

/** One body block of the API → its view; unknown block types are skipped. */
export function toBlock(block: NewsDetail["body"][number]): BlockView | null {
  switch (block.type) {
    case "paragraph":
      return { type: "html", html: block.html };
    case "heading":
      return {
        type: "heading",
        level: (["h2", "h3", "h4"] as const).find((level) => level === block.level) ?? "h2",
        text: block.text,
      };
    case "image":
      return {
        type: "image",
        alignment: block.alignment,
        ...toFigure({
          image: block.image,
          alt: block.alt,
          caption: block.caption,
          credit: block.credit,
        }),
      };
    case "gallery":
      return {
        type: "gallery",
        title: block.title,
        layout: block.layout,
        photos: block.images.map(toFigure),
      };
    case "quote":
      return { type: "quote", quote: block.quote, attribution: block.attribution };
    case "video": {
      const url = safeUrl(block.url);
      return url ? { type: "video", url, caption: block.caption } : null;
    }
    case "document": {
      const url = safeUrl(block.url);
      return url
        ? {
            type: "document",
            url,
            title: block.title,
            extension: block.file_extension,
            size: block.file_size ?? null,
          }
        : null;
    }
    case "table":
      return {
        type: "table",
        caption: block.caption,
        rows: block.rows.map((row) => row.map((cell) => String(cell ?? ""))),
        headerRow: block.first_row_is_header,
        headerColumn: block.first_col_is_header,
      };
    default:
      return null;
  }
}

export function toTeaser(item: Schemas["NewsTeaser"] | NewsSummary): TeaserView {
  return {
    id: item.id,
    title: item.title,
    href: frontendPath(item.path),
    dateline: item.dateline,
    date: item.date,
    lead: item.lead,
    image: item.hero_image ? toImage(item.hero_image) : null,
  };
}

/**
 * The language switch of a page: every configured language, linking to the page's
 * translation in it, or to that language's home when there is none.
 */
export function toLanguages(
  current: string,
  translations: { locale: string; url: string }[],
  locales: string[],
  currentPath: string,
): LanguageView[] {
  return locales.map((locale) => {
    if (locale === current) return { locale, href: currentPath, current: true, translated: true };
    const translation = translations.find((item) => item.locale === locale);
    return translation
      ? { locale, href: frontendPath(translation.url), current: false, translated: true }
      : { locale, href: homePath(locale), current: false, translated: false };
  });
}

/** An article of the API → the article page's view. */
export function toArticle(detail: NewsDetail, config: FrontendConfig): ArticleView {
  const path = frontendPath(detail.path);
  const url = config.siteUrl + path;
  return {
    id: detail.id,
    locale: detail.locale,
    title: detail.title,
    path,
    url,
    canonicalUrl: detail.url,
    date: detail.date,
    dateline: detail.dateline,
    lead: detail.lead,
    author: detail.author,
    originalUrl: safeUrl(detail.original_url),
    archived: detail.is_archived,
    documentNumber: detail.document_number,
    notice: detail.notice ? { ...detail.notice } : null,
    source: detail.source
      ? { name: detail.source.name, url: safeUrl(detail.source.url) }
      : null,
    section: detail.section
      ? { title: detail.section.title, href: listPath(detail.locale) }
      : null,
    categories: detail.categories.map((category) => ({
      title: category.name,
      href: listPath(detail.locale, 1, category.slug),
    })),
    hero: detail.hero_image ? toImage(detail.hero_image) : null,
    body: detail.body.map(toBlock).filter((block): block is BlockView => block !== null),
    qr:
      config.qrTarget === "frontend"
        ? { value: url, imageUrl: null, svg: null }
        : { value: detail.qr.value, imageUrl: safeUrl(detail.qr.svg), svg: null },
    share: detail.share.flatMap((link) => {
      const safe = link.is_copy ? link.url : safeUrl(link.url, true);
      return safe ? [{ network: link.network, label: link.label, url: safe, isCopy: link.is_copy }] : [];
    }),
    otherNews: detail.other_news.map(toTeaser),
    languages: toLanguages(detail.locale, detail.translations, config.locales, path),
  };
}

export interface CategoryView {
  slug: string;
  name: string;
  count: number;
}

/** The categories used by a language's articles, by name, with their article counts. */
export function categoriesOf(items: NewsSummary[], locale: string): CategoryView[] {
  const bySlug = new Map<string, CategoryView>();
  for (const item of items) {
    if (item.locale !== locale) continue;
    for (const category of item.categories) {
      const entry = bySlug.get(category.slug) ?? { slug: category.slug, name: category.name, count: 0 };
      entry.count += 1;
      bySlug.set(category.slug, entry);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
}

export interface PagerView {
  page: number;
  pages: number;
  previous: string | null;
  next: string | null;
}

/** Number of list pages for ``count`` articles (an empty list still has its first page). */
export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** Previous/next links of a list page. */
export function toPager(
  locale: string,
  page: number,
  count: number,
  pageSize: number,
  category?: string,
): PagerView {
  const pages = pageCount(count, pageSize);
  return {
    page,
    pages,
    previous: page > 1 ? listPath(locale, page - 1, category) : null,
    next: page < pages ? listPath(locale, page + 1, category) : null,
  };
}
