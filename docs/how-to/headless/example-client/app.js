// Example headless client of the wagtail-govnews API: plain JavaScript, no build step.
//
// Query parameters of this page:
//   ?api=http://127.0.0.1:8000   where the Wagtail site is (default: that address)
//   &locale=vi                   language of the list (vi or en; default vi)
//   &token=…                     show a draft from the admin's "Headless frontend" preview
//
// Every text that comes from the API is put into the page with textContent or as an
// attribute value, never as HTML. The one exception is the `html` of paragraph blocks, which
// is rich text rendered by the CMS: see renderRichText() and docs/how-to/headless/example-client.md.
// Loaded as a module (<script type="module">): strict mode, its own scope, run after parsing.

const params = new URLSearchParams(window.location.search);
const API_ORIGIN = apiOrigin(params.get("api") || "http://127.0.0.1:8000");
const API = `${API_ORIGIN}/api/govnews`;
const LANGUAGES = { vi: "Tiếng Việt", en: "English" };
const LABELS = {
  vi: {
    news: "Tin tức",
    back: "← Danh sách tin",
    original: "Link bài gốc",
    source: "Nguồn",
    qr: "Mã QR của bài viết",
    downloadQr: "Tải mã QR",
    share: "Chia sẻ",
    copied: "Đã sao chép liên kết",
    otherNews: "Tin khác",
    loading: "Đang tải…",
    empty: "Chưa có tin.",
    notTranslated: "Bài này chưa có bản dịch",
    preview: "Bản xem trước (chưa xuất bản)",
  },
  en: {
    news: "News",
    back: "← All news",
    original: "Original article",
    source: "Source",
    qr: "QR code of the article",
    downloadQr: "Download the QR code",
    share: "Share",
    copied: "Link copied",
    otherNews: "Other news",
    loading: "Loading…",
    empty: "No news yet.",
    notTranslated: "This article is not translated",
    preview: "Preview (not published)",
  },
};

let listLocale = LABELS[params.get("locale")] ? params.get("locale") : "vi";
let shown = null; // the article on screen, or null when the list is

const main = document.getElementById("main");
const statusLine = document.getElementById("status");

// ---------------------------------------------------------------- helpers

/** The origin of the ?api= address; anything but an http(s) address is refused. */
function apiOrigin(value) {
  const url = new URL(value, window.location.href);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const message = `?api= must be an http(s) address, not ${url.protocol}`;
    document.getElementById("status").textContent = message;
    throw new Error(message);
  }
  return url.origin;
}

/** An element with attributes and children; strings become text nodes (never HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "href" || name === "src") element.setAttribute(name, safeUrl(value));
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * Links of this page (#/…) stay as they are; http(s) and mailto URLs and paths of the site
 * (made absolute on the API's origin) pass; anything else (javascript:…) becomes "#".
 */
function safeUrl(value) {
  if (String(value).startsWith("#/")) return String(value);
  try {
    const url = new URL(String(value), API_ORIGIN);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : "#";
  } catch {
    return "#";
  }
}

function label(key) {
  return LABELS[shown ? shown.locale : listLocale]?.[key] ?? LABELS.en[key];
}

/**
 * GET a URL of the API in a language (the labels of share links follow Accept-Language);
 * a problem document (RFC 9457) becomes an Error with its detail.
 */
async function getJSON(url, locale, options = {}) {
  const headers = { Accept: "application/json", "Accept-Language": locale };
  const response = await fetch(url, { headers, ...options });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = data || { status: response.status, title: response.statusText };
    const detail = problem.detail ? `: ${problem.detail}` : "";
    throw new Error(`${problem.status} ${problem.title}${detail}`);
  }
  return data;
}

/** Replace the page's content; null and false children are left out. */
function show(...children) {
  main.replaceChildren(...children.filter(Boolean));
}

function showStatus(text) {
  statusLine.textContent = text || "";
  statusLine.hidden = !text;
}

/**
 * An <img> with the API's srcset: the browser picks the 480, 800 or 1200 px rendition for
 * `sizes`. width and height (of the largest rendition, which `url` is) reserve the space.
 */
function picture(image, sizes) {
  const largest = image.renditions.at(-1) || image;
  return h("img", {
    src: image.url,
    srcset: image.srcset,
    sizes,
    alt: image.alt,
    width: largest.width,
    height: largest.height,
    loading: "lazy",
  });
}

function kilobytes(size) {
  return size ? `${Math.ceil(size / 1024)} KB` : "";
}

function dateline(item) {
  return h("time", { class: "dateline", datetime: item.date }, item.dateline);
}

// ----------------------------------------------------------- rich text

// What the package's rich text can hold (bold, italic, links, lists, superscript), and
// elements whose content must not even be shown as text.
const ALLOWED_TAGS = new Set("p br b strong i em sup sub ul ol li a h2 h3 h4".split(" "));
const DROPPED_TAGS = new Set("script style template iframe object embed svg math".split(" "));

/**
 * A paragraph block's `html`: rendered by Wagtail from the editor's rich text, which only
 * holds the features the package enables. It is parsed into a separate, inert document
 * (DOMParser: nothing loads or runs there), reduced to those tags as a second line of
 * defence, and only then moved into the page; links to pages of the site are made absolute.
 */
function renderRichText(html) {
  // Server-rendered rich text, parsed as HTML on purpose: see the comment above.
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const clean = (parent) => {
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.TEXT_NODE) continue;
      if (node.nodeType !== Node.ELEMENT_NODE || DROPPED_TAGS.has(node.localName)) {
        node.remove(); // comments, scripts, styles…
      } else if (!ALLOWED_TAGS.has(node.localName)) {
        node.replaceWith(...clean(node).childNodes); // <span>, <div>…: keep the content only
      } else {
        for (const { name } of [...node.attributes]) {
          if (!(node.localName === "a" && name === "href")) node.removeAttribute(name);
        }
        const href = node.getAttribute("href");
        if (href !== null) {
          node.setAttribute("href", safeUrl(href));
          if (href.startsWith("/")) node.dataset.path = href; // shown here if it is an article
        }
        clean(node);
      }
    }
    return parent;
  };
  return h("div", { class: "richtext" }, [...clean(parsed.body).childNodes]);
}

// -------------------------------------------------------------- blocks

function figure(photo, sizes = "(max-width: 800px) 100vw, 800px") {
  return h(
    "figure",
    {},
    picture(photo.image, sizes),
    photo.caption || photo.credit
      ? h(
          "figcaption",
          {},
          photo.caption,
          photo.credit ? h("span", { class: "credit" }, ` ${photo.credit}`) : null,
        )
      : null,
  );
}

function table(block) {
  const rows = block.rows.map((cells, rowIndex) =>
    h(
      "tr",
      {},
      cells.map((cell, colIndex) => {
        const header =
          (block.first_row_is_header && rowIndex === 0) ||
          (block.first_col_is_header && colIndex === 0);
        const scope = block.first_row_is_header && rowIndex === 0 ? "col" : "row";
        return h(header ? "th" : "td", header ? { scope } : {}, cell ?? "");
      }),
    ),
  );
  const head = block.first_row_is_header ? rows.shift() : null;
  return h(
    "table",
    {},
    block.caption ? h("caption", {}, block.caption) : null,
    head ? h("thead", {}, head) : null,
    h("tbody", {}, rows),
  );
}

const BLOCKS = {
  paragraph: (block) => renderRichText(block.html),
  heading: (block) => h(block.level === "h3" ? "h3" : "h2", {}, block.text),
  image: (block) => figure(block),
  gallery: (block) =>
    h(
      "section",
      { class: `gallery gallery--${block.layout}` },
      block.title ? h("h2", {}, block.title) : null,
      block.images.map((photo) => figure(photo, "(max-width: 800px) 50vw, 400px")),
    ),
  quote: (block) =>
    h(
      "blockquote",
      {},
      h("p", {}, block.quote),
      block.attribution ? h("footer", {}, block.attribution) : null,
    ),
  video: (block) =>
    h("p", { class: "video" }, h("a", { href: block.url }, block.caption || block.url)),
  document: (block) => {
    const details = [block.file_extension.toUpperCase(), kilobytes(block.file_size)];
    const about = ` (${details.filter(Boolean).join(", ")})`;
    return h("p", { class: "document" }, h("a", { href: block.url }, block.title), about);
  },
  table,
};

// --------------------------------------------------------------- views

function languageSwitch() {
  const current = shown ? shown.locale : listLocale;
  return h(
    "nav",
    { class: "languages", "aria-label": "Language" },
    Object.entries(LANGUAGES).map(([code, name]) => {
      if (code === current) return h("strong", { lang: code, "aria-current": "true" }, name);
      if (!shown) return h("a", { href: `#/${code}/`, lang: code, hreflang: code }, name);
      const translation = shown.translations.find((item) => item.locale === code);
      return translation
        ? h(
            "a",
            {
              href: articleHash(translation),
              lang: code,
              hreflang: code,
              title: translation.title,
            },
            name,
          )
        : h("span", { lang: code, class: "disabled", title: label("notTranslated") }, name);
    }),
  );
}

async function showList(locale) {
  shown = null;
  listLocale = locale;
  document.documentElement.lang = locale;
  showStatus(label("loading"));
  const data = await getJSON(`${API}/news/?locale=${encodeURIComponent(locale)}&limit=10`, locale);
  const items = data.items.map((item) =>
    h(
      "li",
      { class: "card" },
      item.hero_image ? picture(item.hero_image, "(max-width: 600px) 100vw, 240px") : null,
      h(
        "div",
        {},
        h("h2", {}, h("a", { href: articleHash(item) }, item.title)),
        dateline(item),
        h("p", {}, item.lead),
      ),
    ),
  );
  document.title = label("news");
  show(
    languageSwitch(),
    h("h1", {}, label("news")),
    items.length ? h("ul", { class: "cards" }, items) : h("p", {}, label("empty")),
  );
  showStatus("");
}

function renderArticle(article, isPreview = false) {
  shown = article;
  document.documentElement.lang = article.locale;
  document.title = article.title;
  const copyLink = (link) =>
    h("button", { type: "button", "data-copy": link.url, class: "share-copy" }, link.label);
  show(
    languageSwitch(),
    isPreview ? h("p", { class: "preview" }, label("preview")) : null,
    h("p", {}, h("a", { href: `#/${article.locale}/` }, label("back"))),
    h(
      "article",
      { lang: article.locale },
      h(
        "header",
        {},
        h(
          "p",
          { class: "meta" },
          dateline(article),
          article.original_url
            ? h(
                "a",
                { href: article.original_url, class: "original", rel: "noopener" },
                label("original"),
              )
            : null,
        ),
        h("h1", {}, article.title),
        article.lead ? h("p", { class: "lead" }, article.lead) : null,
      ),
      h(
        "div",
        { class: "body" },
        article.body.map((block) => (BLOCKS[block.type] || (() => null))(block)),
      ),
      h(
        "footer",
        {},
        article.author ? h("p", { class: "byline" }, article.author) : null,
        article.source
          ? h(
              "p",
              { class: "source" },
              `${label("source")}: `,
              article.source.url
                ? h("a", { href: article.source.url, rel: "noopener" }, article.source.name)
                : article.source.name,
            )
          : null,
      ),
      h(
        "aside",
        { class: "utilities" },
        h(
          "figure",
          { class: "qr" },
          h("img", {
            src: article.qr.svg,
            alt: `${label("qr")}: ${article.title}`,
            width: 160,
            height: 160,
          }),
          h(
            "figcaption",
            {},
            h("a", { href: article.qr.png, download: true }, label("downloadQr")),
          ),
        ),
        h(
          "nav",
          { class: "share", "aria-label": label("share") },
          `${label("share")}: `,
          article.share.map((link) =>
            link.is_copy
              ? copyLink(link)
              : h(
                  "a",
                  { href: link.url, target: "_blank", rel: "noopener noreferrer" },
                  link.label,
                ),
          ),
        ),
      ),
    ),
    article.other_news.length
      ? h(
          "aside",
          { class: "other-news" },
          h("h2", {}, label("otherNews")),
          h(
            "ul",
            {},
            article.other_news.map((item) =>
              h("li", {}, h("a", { href: articleHash(item) }, item.title), " ", dateline(item)),
            ),
          ),
        )
      : null,
  );
  window.scrollTo(0, 0);
  showStatus("");
}

async function showArticle(locale, id) {
  showStatus(label("loading"));
  renderArticle(await getJSON(`${API}/news/${encodeURIComponent(id)}/`, locale));
}

/** A draft from the admin's "Headless frontend" preview mode (never cached). */
async function showPreview(token) {
  showStatus(label("loading"));
  const url = `${API}/preview/?token=${encodeURIComponent(token)}`;
  renderArticle(await getJSON(url, listLocale, { cache: "no-store" }), true);
}

// -------------------------------------------------------------- routing

function articleHash(item) {
  return `#/${item.locale}/news/${item.id}`;
}

/** #/vi/news/8 shows article 8; #/en/ the English list; anything else the list. */
async function route() {
  const article = window.location.hash.match(/^#\/(vi|en)\/news\/(\d+)$/);
  const list = window.location.hash.match(/^#\/(vi|en)\/$/);
  try {
    if (params.get("token") && !window.location.hash) await showPreview(params.get("token"));
    else if (article) await showArticle(article[1], article[2]);
    else await showList(list ? list[1] : listLocale);
  } catch (error) {
    showStatus(`${error.message}`);
  }
}

main.addEventListener("click", async (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    await navigator.clipboard?.writeText(copy.dataset.copy).catch(() => {});
    showStatus(label("copied"));
    return;
  }
  // A link of the rich text to a page of the site: show it here if it is an article.
  const link = event.target.closest("a[data-path]");
  if (!link) return;
  event.preventDefault();
  try {
    const url = `${API}/news/find/?path=${encodeURIComponent(link.dataset.path)}`;
    window.location.hash = articleHash(await getJSON(url, shown.locale));
  } catch {
    window.location.href = link.href; // not an article: open it on the site
  }
});

window.addEventListener("hashchange", route);
route();
