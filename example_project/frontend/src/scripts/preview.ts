// The preview page's script: fetch the draft of ?token=… and render it like a published article.
import { ApiError, govnewsApi } from "../api/client";
import { readConfig } from "../lib/config";
import { esc } from "../lib/html";
import { t } from "../lib/i18n";
import { toArticle } from "../lib/map";
import { withQrSvg } from "../lib/qr";
import { renderArticle } from "../lib/render";

async function showPreview(root: HTMLElement): Promise<void> {
  const config = readConfig({
    GOVNEWS_API_URL: root.dataset.apiUrl,
    PUBLIC_SITE_URL: root.dataset.siteUrl,
    FRONTEND_QR_TARGET: root.dataset.qrTarget,
    FRONTEND_LOCALES: root.dataset.locales,
  });
  const api = govnewsApi(config.apiUrl, (request) => fetch(request, { cache: "no-store" }));
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  try {
    const article = await withQrSvg(toArticle(await api.preview(token), config));
    const social = await api.social(article.locale).catch(() => null);
    document.documentElement.lang = article.locale;
    document.title = `${t(article.locale, "preview")}: ${article.title}`;
    const banner = document.querySelector(".preview-banner");
    if (banner) banner.textContent = t(article.locale, "preview");
    root.innerHTML = renderArticle(article, social);
  } catch (error) {
    // An expired or bad token is a 401 problem document whose detail tells the editor what to do.
    const message = error instanceof ApiError ? error.detail : String(error);
    root.innerHTML = `<p class="preview-error" role="alert">${esc(message)}</p>`;
  }
}

const root = document.getElementById("preview");
if (root) void showPreview(root);
