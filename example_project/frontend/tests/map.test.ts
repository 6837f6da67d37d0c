import { describe, expect, it } from "vitest";
import { readConfig } from "../src/lib/config";
import {
  categoriesOf,
  frontendPath,
  listPath,
  pageCount,
  safeUrl,
  toArticle,
  toLanguages,
  toPager,
  viewBeaconUrl,
} from "../src/lib/map";
import { config, detail, summary } from "./fixtures";

describe("toArticle", () => {
  const article = toArticle(detail(), config);

  it("keeps the site's path and builds the frontend's URL from it", () => {
    expect(article.path).toBe("/vi/tin-tuc/hoi-nghi/");
    expect(article.url).toBe("https://news.example.gov.vn/vi/tin-tuc/hoi-nghi/");
    expect(article.canonicalUrl).toBe("https://cms.example.gov.vn/vi/tin-tuc/hoi-nghi/");
  });

  it("maps the header: dateline, original link, lead, byline, source", () => {
    expect(article.dateline).toBe("Thứ Năm, 29/12/2022 17:05");
    expect(article.originalUrl).toBe("https://example.gov.vn/goc");
    expect(article.lead).toBe("Hơn 150 cán bộ dự hội nghị.");
    expect(article.author).toBe("Minh Khang");
    expect(article.source).toEqual({ name: "Ban Tuyên giáo", url: "https://example.gov.vn/nguon" });
    expect(article.categories).toEqual([{ title: "Giáo dục", href: "/vi/category/giao-duc/" }]);
  });

  it("maps captioned images with the block's alt text over the image's", () => {
    const block = article.body.find((item) => item.type === "image");
    expect(block).toMatchObject({
      caption: "Quang cảnh Hội nghị.",
      credit: "Ảnh: Minh Khang",
      image: { alt: "Hội trường phông đỏ", width: 1600, height: 900 },
    });
    expect(block?.type === "image" && block.image.srcset).toContain("width-480.jpg 480w");
  });

  it("maps galleries photo by photo, falling back to the image's alt text", () => {
    const gallery = article.body.find((item) => item.type === "gallery");
    expect(gallery?.type).toBe("gallery");
    if (gallery?.type !== "gallery") return;
    expect(gallery.photos.map((photo) => [photo.caption, photo.image.alt])).toEqual([
      ["Đêm khai mạc.", "Ảnh le-hoi"],
      ["Công viên.", "Lối đi"],
    ]);
    expect(gallery.photos[0].image.srcset.split(", ")).toHaveLength(3);
  });

  it("drops blocks and links whose address is not http(s)", () => {
    expect(article.body.some((item) => item.type === "video")).toBe(false);
    expect(article.share.map((link) => link.network)).toEqual(["facebook", "zalo", "email", "copy"]);
  });

  it("turns table cells into text", () => {
    const table = article.body.find((item) => item.type === "table");
    expect(table).toMatchObject({ rows: [["Năm", "Số"], ["2022", ""]], headerRow: true });
  });

  it("links other news and translations to their frontend paths", () => {
    expect(article.otherNews.map((item) => item.href)).toEqual(["/vi/tin-tuc/tin-khac/"]);
    expect(article.languages).toEqual([
      { locale: "vi", href: "/vi/tin-tuc/hoi-nghi/", current: true, translated: true },
      { locale: "en", href: "/en/news/review-2022/", current: false, translated: true },
    ]);
  });

  it("uses the API's QR code by default (canonical URL)", () => {
    expect(article.qr).toEqual({
      value: "https://cms.example.gov.vn/vi/tin-tuc/hoi-nghi/",
      imageUrl: "https://cms.example.gov.vn/api/govnews/news/7/qr.svg",
      svg: null,
    });
  });

  it("encodes the frontend's URL with FRONTEND_QR_TARGET=frontend", () => {
    const own = toArticle(detail(), { ...config, qrTarget: "frontend" });
    expect(own.qr).toEqual({
      value: "https://news.example.gov.vn/vi/tin-tuc/hoi-nghi/",
      imageUrl: null,
      svg: null,
    });
  });
});

describe("language switch", () => {
  it("goes to the other language's home when there is no translation", () => {
    expect(toLanguages("vi", [], ["vi", "en"], "/vi/page/2/")).toEqual([
      { locale: "vi", href: "/vi/page/2/", current: true, translated: true },
      { locale: "en", href: "/en/", current: false, translated: false },
    ]);
  });
});

describe("lists", () => {
  it("builds list paths with and without a category", () => {
    expect(listPath("vi")).toBe("/vi/");
    expect(listPath("vi", 3)).toBe("/vi/page/3/");
    expect(listPath("en", 1, "giao-duc")).toBe("/en/category/giao-duc/");
    expect(listPath("en", 2, "giao-duc")).toBe("/en/category/giao-duc/2/");
  });

  it("pages a list", () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(21, 10)).toBe(3);
    expect(toPager("vi", 1, 21, 10)).toEqual({ page: 1, pages: 3, previous: null, next: "/vi/page/2/" });
    expect(toPager("vi", 3, 21, 10, "y-te")).toEqual({
      page: 3,
      pages: 3,
      previous: "/vi/category/y-te/2/",
      next: null,
    });
  });

  it("collects a language's categories with counts, by name", () => {
    const items = [
      summary({ categories: [{ id: 2, name: "Y tế", slug: "y-te" }] }),
      summary({ categories: [{ id: 1, name: "Giáo dục", slug: "giao-duc" }, { id: 2, name: "Y tế", slug: "y-te" }] }),
      summary({ locale: "en", categories: [{ id: 9, name: "Health", slug: "health" }] }),
    ];
    expect(categoriesOf(items, "vi")).toEqual([
      { slug: "giao-duc", name: "Giáo dục", count: 1 },
      { slug: "y-te", name: "Y tế", count: 2 },
    ]);
  });
});

describe("helpers", () => {
  it("reports views to the article's beacon endpoint on the API", () => {
    expect(viewBeaconUrl(config, 7)).toBe("https://cms.example.gov.vn/api/govnews/news/7/views/");
  });

  it("accepts only http(s) URLs, and mailto: where asked", () => {
    expect(safeUrl("https://a.vn/x")).toBe("https://a.vn/x");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("mailto:?subject=a")).toBeNull();
    expect(safeUrl("mailto:?subject=a", true)).toBe("mailto:?subject=a");
    expect(safeUrl("not a url")).toBeNull();
    expect(safeUrl("")).toBeNull();
  });

  it("maps API URLs to frontend paths", () => {
    expect(frontendPath("https://cms.example.gov.vn/en/news/x/")).toBe("/en/news/x/");
    expect(frontendPath("/vi/tin-tuc/y/")).toBe("/vi/tin-tuc/y/");
  });

  it("reads and validates the configuration", () => {
    expect(readConfig({})).toEqual({
      apiUrl: "http://127.0.0.1:8000",
      siteUrl: "http://127.0.0.1:3000",
      qrTarget: "canonical",
      locales: ["vi", "en"],
      pageSize: 10,
    });
    expect(readConfig({ GOVNEWS_API_URL: "https://cms.vn/", FRONTEND_LOCALES: "en" })).toMatchObject({
      apiUrl: "https://cms.vn",
      locales: ["en"],
    });
    expect(() => readConfig({ FRONTEND_QR_TARGET: "qr" })).toThrow(/canonical/);
    expect(() => readConfig({ FRONTEND_PAGE_SIZE: "0" })).toThrow(/FRONTEND_PAGE_SIZE/);
  });
});
