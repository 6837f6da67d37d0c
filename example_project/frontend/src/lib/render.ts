/**
 * The article's markup, as one HTML string from its view model. The static pages and the
 * client-side preview page both use it, so a preview looks exactly like the published page.
 */
import type { SocialAccounts } from "../api/client";
import { attrs, esc } from "./html";
import { t } from "./i18n";
import type { ArticleView, BlockView, FigureView, ImageView, TeaserView } from "./map";

/** Images are at most the width of the text column. */
const SIZES = "(max-width: 50rem) 100vw, 48rem";

export function renderImage(image: ImageView, sizes = SIZES, lazy = true): string {
  return `<img${attrs({
    src: image.src,
    srcset: image.srcset || null,
    sizes: image.srcset ? sizes : null,
    width: image.width,
    height: image.height,
    alt: image.alt,
    loading: lazy ? "lazy" : null,
    decoding: "async",
  })}>`;
}

function renderFigure(figure: FigureView, className: string, sizes = SIZES): string {
  const credit = figure.credit ? ` <span class="credit">(${esc(figure.credit)})</span>` : "";
  const caption =
    figure.caption || figure.credit
      ? `<figcaption>${esc(figure.caption)}${credit}</figcaption>`
      : "";
  return `<figure class="${className}">${renderImage(figure.image, sizes)}${caption}</figure>`;
}

function renderBlock(block: BlockView, locale: string): string {
  switch (block.type) {
    case "html":
      // Rich text rendered and sanitised by the CMS (docs/how-to/headless/api.md).
      return `<div class="rich-text">${block.html}</div>`;
    case "heading":
      return `<${block.level}>${esc(block.text)}</${block.level}>`;
    case "image":
      return renderFigure(block, `block-image align-${esc(block.alignment || "full")}`);
    case "gallery": {
      const title = block.title ? `<h2>${esc(block.title)}</h2>` : "";
      const photos = block.photos
        .map((photo) => renderFigure(photo, "gallery-photo", "(max-width: 50rem) 50vw, 24rem"))
        .join("");
      return `<section class="gallery layout-${esc(block.layout)}">${title}${photos}</section>`;
    }
    case "quote": {
      const by = block.attribution ? `<footer>${esc(block.attribution)}</footer>` : "";
      return `<blockquote><p>${esc(block.quote)}</p>${by}</blockquote>`;
    }
    case "video": {
      const caption = block.caption ? ` — ${esc(block.caption)}` : "";
      return `<p class="video"><a href="${esc(block.url)}" rel="noopener">▶ ${esc(block.url)}</a>${caption}</p>`;
    }
    case "document": {
      const size = block.size ? `, ${Math.ceil(block.size / 1024)} KB` : "";
      return `<p class="document"><a href="${esc(block.url)}">${t(locale, "download")}: ${esc(block.title)}</a> (${esc(block.extension.toUpperCase())}${size})</p>`;
    }
    case "table": {
      const rows = block.rows
        .map((row, r) => {
          const cells = row
            .map((cell, c) => {
              const tag = (block.headerRow && r === 0) || (block.headerColumn && c === 0) ? "th" : "td";
              return `<${tag}>${esc(cell)}</${tag}>`;
            })
            .join("");
          return `<tr>${cells}</tr>`;
        })
        .join("");
      const caption = block.caption ? `<caption>${esc(block.caption)}</caption>` : "";
      return `<table>${caption}<tbody>${rows}</tbody></table>`;
    }
  }
}

/** A list of article teasers (news lists and "other news"), titled at heading ``level``
 * (2 right under a page's h1, 3 inside a section headed by an h2). */
export function renderTeasers(items: TeaserView[], className = "teasers", level: 2 | 3 = 3): string {
  const cards = items.map(
    (item) =>
      `<li class="teaser">${item.image ? `<a href="${esc(item.href)}" tabindex="-1" aria-hidden="true">${renderImage(item.image, "15rem")}</a>` : ""}` +
      `<div><h${level}><a href="${esc(item.href)}">${esc(item.title)}</a></h${level}>` +
      `<time class="dateline" datetime="${esc(item.date)}">${esc(item.dateline)}</time>` +
      `<p>${esc(item.lead)}</p></div></li>`,
  );
  return `<ul class="${className}">${cards.join("")}</ul>`;
}

function renderQr(article: ArticleView): string {
  const title = t(article.locale, "qrTitle", { title: article.title });
  const code = article.qr.svg
    ? `<div class="qr-code" role="img" aria-label="${esc(title)}">${article.qr.svg}</div>`
    : `<img class="qr-code"${attrs({ src: article.qr.imageUrl, alt: title, width: 160, height: 160 })}>`;
  return `<figure class="qr" data-qr-value="${esc(article.qr.value)}">${code}<figcaption>${esc(title)}</figcaption></figure>`;
}

/** Share links from the API; the copy button's label in the article's language. */
function renderShare(article: ArticleView): string {
  const links = article.share.map((link) =>
    link.isCopy
      ? `<button type="button" class="share-copy" data-copy-url="${esc(link.url)}">${esc(t(article.locale, "copy"))}</button>`
      : `<a class="share-${esc(link.network)}" href="${esc(link.url)}" target="_blank" rel="noopener noreferrer">${esc(link.label)}</a>`,
  );
  return `<nav class="share" aria-label="${esc(t(article.locale, "share"))}"><span>${esc(t(article.locale, "share"))}:</span> ${links.join(" ")}</nav>`;
}

/** The portal's social accounts, each with the QR code the API draws for it. */
export function renderSocial(social: SocialAccounts | null, locale: string): string {
  if (!social || social.items.length === 0) return "";
  const accounts = social.items.map(
    (account) =>
      `<li class="social-account social-${esc(account.network)}">` +
      // The QR SVG is markup generated by the API (the account name inside is escaped there).
      `<div class="qr-code">${account.qr_svg}</div>` +
      `<a href="${esc(account.url)}" rel="noopener">${esc(account.name)}</a></li>`,
  );
  return `<section class="social"><h2>${esc(t(locale, "social"))}</h2><ul>${accounts.join("")}</ul></section>`;
}

/** The whole article: header, body blocks, utilities, share links, social accounts, other news. */
export function renderArticle(article: ArticleView, social: SocialAccounts | null): string {
  const { locale } = article;
  const original = article.originalUrl
    ? `<a class="original" href="${esc(article.originalUrl)}" rel="noopener">${esc(t(locale, "original"))}</a>`
    : "";
  const categories = article.categories
    .map((category) => `<a href="${esc(category.href)}">${esc(category.title)}</a>`)
    .join(", ");
  const source = article.source
    ? `<p class="source">${esc(t(locale, "source"))}: ${
        article.source.url
          ? `<a href="${esc(article.source.url)}" rel="noopener">${esc(article.source.name)}</a>`
          : esc(article.source.name)
      }</p>`
    : "";
  const otherNews = article.otherNews.length
    ? `<section class="other-news"><h2>${esc(t(locale, "otherNews"))}</h2>${renderTeasers(article.otherNews)}</section>`
    : "";
  const archived = article.archived
    ? `<p class="banner archived" role="note"><strong>${esc(t(locale, "archived"))}</strong> ${esc(t(locale, "archivedNote"))}</p>`
    : "";
  const notice = article.notice
    ? `<p class="notice notice-${esc(article.notice.kind)}" role="note"><strong>${esc(t(locale, article.notice.kind))} ` +
      `<time datetime="${esc(article.notice.date)}">${esc(article.notice.dateline)}</time>:</strong> ${esc(article.notice.text)}</p>`
    : "";
  const documentNumber = article.documentNumber
    ? `<p class="document-number">${esc(t(locale, "documentNumber"))} <span>${esc(article.documentNumber)}</span></p>`
    : "";
  return (
    `<article class="article" data-article-id="${article.id}">` +
    archived +
    `<div class="meta"><time class="dateline" datetime="${esc(article.date)}">${esc(article.dateline)}</time>${original}</div>` +
    notice +
    (categories ? `<p class="categories">${categories}</p>` : "") +
    `<h1>${esc(article.title)}</h1>` +
    documentNumber +
    `<p class="lead">${esc(article.lead)}</p>` +
    `<div class="body">${article.body.map((block) => renderBlock(block, locale)).join("")}</div>` +
    (article.author ? `<p class="byline">${esc(article.author)}</p>` : "") +
    `<aside class="utilities"><h2>${esc(t(locale, "utilities"))}</h2>${source}${renderQr(article)}</aside>` +
    renderShare(article) +
    renderSocial(social, locale) +
    otherNews +
    `</article>`
  );
}
