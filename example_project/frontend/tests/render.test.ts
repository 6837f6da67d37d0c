import { describe, expect, it } from "vitest";
import { toArticle } from "../src/lib/map";
import { qrSvg, withQrSvg } from "../src/lib/qr";
import { renderArticle, renderTeasers } from "../src/lib/render";
import { config, detail } from "./fixtures";

const social = {
  portal_name: "Cổng thông tin",
  items: [{ network: "zalo", name: "Zalo OA", url: "https://zalo.me/123", qr_svg: "<svg id=\"zalo-qr\"></svg>" }],
};

describe("renderArticle", () => {
  const html = renderArticle(toArticle(detail(), config), social);

  it("escapes text from the API but keeps the CMS's rich text", () => {
    expect(html).toContain("Hội nghị tổng kết &lt;năm&gt; 2022");
    expect(html).toContain("<h3>Mục &lt;1&gt;</h3>");
    expect(html).toContain("<p>Đoạn <b>một</b>.</p>");
    expect(html).not.toContain("javascript:");
  });

  it("renders figures with srcset and captions, and the gallery", () => {
    expect(html).toMatch(/<figure class="block-image[^"]*"><img [^>]*srcset="[^"]*width-800\.jpg 800w/);
    expect(html).toContain("<figcaption>Quang cảnh Hội nghị. <span class=\"credit\">(Ảnh: Minh Khang)</span></figcaption>");
    expect(html).toContain('<section class="gallery layout-grid"><h2>Hình ảnh</h2>');
  });

  it("renders the utilities, share links incl. Zalo, social QRs and other news", () => {
    expect(html).toContain('<p class="byline">Minh Khang</p>');
    expect(html).toContain('Nguồn tin: <a href="https://example.gov.vn/nguon"');
    expect(html).toContain('<img class="qr-code" src="https://cms.example.gov.vn/api/govnews/news/7/qr.svg"');
    expect(html).toContain('class="share-zalo" href="https://button-share.zalo.me/share_external?d=eyJ9"');
    expect(html).toContain('<svg id="zalo-qr"></svg>');
    expect(html).toContain('<h2>Tin khác</h2>');
    expect(html).toContain('href="/vi/tin-tuc/tin-khac/"');
  });

  it("shows the archived banner, the dated notice under the dateline and the document number", () => {
    const notice = { kind: "correction" as const, date: "2023-01-03T09:00:00+07:00", dateline: "Thứ Ba, 03/01/2023 09:00", text: "Sửa <số> liệu" };
    const marked = renderArticle(
      toArticle(detail({ is_archived: true, document_number: "12/QĐ-UBND", notice }), config),
      null,
    );
    expect(marked).toContain('<p class="banner archived" role="note"><strong>Bài viết lưu trữ.</strong>');
    expect(marked).toMatch(/<\/time><a class="original"[^>]*>Gốc<\/a><\/div><p class="notice notice-correction" role="note"><strong>Đính chính <time datetime="2023-01-03T09:00:00\+07:00">/);
    expect(marked).toContain("Sửa &lt;số&gt; liệu");
    expect(marked).toContain('<p class="document-number">Số hiệu văn bản: <span>12/QĐ-UBND</span></p>');
    expect(html).not.toContain("banner archived");
    expect(html).not.toContain('class="notice');
    expect(html).not.toContain("document-number");
  });

  it("uses English UI strings for English articles", () => {
    const english = renderArticle(toArticle(detail({ locale: "en" }), config), null);
    expect(english).toContain("<h2>Other news</h2>");
    expect(english).toContain(">Copy link</button>");
    expect(english).not.toContain("social");
  });
});

describe("frontend QR codes", () => {
  it("draws an SVG with a white background for the frontend URL", async () => {
    const article = await withQrSvg(toArticle(detail(), { ...config, qrTarget: "frontend" }));
    expect(article.qr.svg).toMatch(/^<svg [^>]*viewBox/);
    expect(article.qr.svg).toContain('fill="#ffffff"');
    expect(renderArticle(article, null)).toContain(
      'data-qr-value="https://news.example.gov.vn/vi/tin-tuc/hoi-nghi/"',
    );
  });

  it("leaves the API's code alone for the canonical target", async () => {
    const article = toArticle(detail(), config);
    expect(await withQrSvg(article)).toBe(article);
    expect(await qrSvg("a")).not.toBe(await qrSvg("b"));
  });
});

describe("renderTeasers", () => {
  const teaser = { id: 1, href: "/vi/tin/a/", title: "Tin <một>", date: "2026-12-01", dateline: "Thứ Ba, 01/12/2026 08:00", lead: "Tóm tắt", image: null };

  it("titles teasers at the level the page needs: h2 under the h1, h3 inside a section", () => {
    expect(renderTeasers([teaser], "teasers news-list", 2)).toContain('<h2><a href="/vi/tin/a/">Tin &lt;một&gt;</a></h2>');
    expect(renderTeasers([teaser])).toContain("<h3><a");
  });
});
