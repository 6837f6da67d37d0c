/** API answers for the unit tests, typed by the generated schema (a schema change breaks them). */
import type { NewsDetail, NewsSummary, Schemas } from "../src/api/client";
import type { FrontendConfig } from "../src/lib/config";

const CMS = "https://cms.example.gov.vn";

export function image(name: string, alt = `Ảnh ${name}`): Schemas["ImageOut"] {
  const url = (width: number) => `${CMS}/media/images/${name}.width-${width}.jpg`;
  return {
    id: 1,
    title: name,
    alt,
    width: 1600,
    height: 900,
    url: url(1200),
    srcset: `${url(480)} 480w, ${url(800)} 800w, ${url(1200)} 1200w`,
    renditions: [480, 800, 1200].map((width) => ({
      filter: `width-${width}`,
      url: url(width),
      width,
      height: (width * 9) / 16,
    })),
  };
}

export const config: FrontendConfig = {
  apiUrl: CMS,
  siteUrl: "https://news.example.gov.vn",
  qrTarget: "canonical",
  locales: ["vi", "en"],
  pageSize: 10,
};

export function summary(overrides: Partial<NewsSummary> = {}): NewsSummary {
  return {
    id: 7,
    title: "Hội nghị tổng kết <năm> 2022",
    slug: "hoi-nghi",
    url: `${CMS}/vi/tin-tuc/hoi-nghi/`,
    path: "/vi/tin-tuc/hoi-nghi/",
    locale: "vi",
    date: "2022-12-29T17:05:00+07:00",
    dateline: "Thứ Năm, 29/12/2022 17:05",
    lead: "Hơn 150 cán bộ dự hội nghị.",
    author: "Minh Khang",
    hero_image: image("hoi-truong"),
    categories: [{ id: 1, name: "Giáo dục", slug: "giao-duc" }],
    tags: [],
    section_id: 5,
    translations: [],
    is_archived: false,
    ...overrides,
  };
}

export function detail(overrides: Partial<NewsDetail> = {}): NewsDetail {
  const base = summary();
  return {
    ...base,
    translations: [
      { id: 44, locale: "en", title: "Review of 2022", url: `${CMS}/en/news/review-2022/` },
    ],
    seo_title: "",
    search_description: "",
    first_published_at: base.date,
    last_published_at: base.date,
    source: { name: "Ban Tuyên giáo", url: "https://example.gov.vn/nguon" },
    original_url: "https://example.gov.vn/goc",
    document_number: "",
    notice: null,
    section: { id: 5, title: "Tin tức", url: `${CMS}/vi/tin-tuc/` },
    body: [
      { type: "paragraph", id: "p1", html: "<p>Đoạn <b>một</b>.</p>" },
      { type: "heading", id: "h1", text: "Mục <1>", level: "h3" },
      {
        type: "image",
        id: "i1",
        image: image("hoi-truong", "Ảnh gốc"),
        caption: "Quang cảnh Hội nghị.",
        alt: "Hội trường phông đỏ",
        credit: "Ảnh: Minh Khang",
        alignment: "full",
      },
      {
        type: "gallery",
        id: "g1",
        title: "Hình ảnh",
        layout: "grid",
        images: [
          { image: image("le-hoi"), caption: "Đêm khai mạc.", alt: "", credit: "" },
          { image: image("cong-vien"), caption: "Công viên.", alt: "Lối đi", credit: "" },
        ],
      },
      { type: "video", id: "v1", url: "javascript:alert(1)", caption: "bad" },
      {
        type: "table",
        id: "t1",
        caption: "Số liệu",
        rows: [
          ["Năm", "Số"],
          ["2022", null],
        ],
        first_row_is_header: true,
        first_col_is_header: false,
      },
    ],
    qr: {
      value: `${CMS}/vi/tin-tuc/hoi-nghi/`,
      svg: `${CMS}/api/govnews/news/7/qr.svg`,
      png: `${CMS}/api/govnews/news/7/qr.png`,
    },
    share: [
      { network: "facebook", label: "Facebook", url: "https://www.facebook.com/sharer/sharer.php?u=x", is_copy: false },
      { network: "zalo", label: "Zalo", url: "https://button-share.zalo.me/share_external?d=eyJ9", is_copy: false },
      { network: "email", label: "Email", url: "mailto:?subject=a", is_copy: false },
      { network: "evil", label: "Evil", url: "javascript:alert(1)", is_copy: false },
      { network: "copy", label: "Sao chép liên kết", url: `${CMS}/vi/tin-tuc/hoi-nghi/`, is_copy: true },
    ],
    other_news: [
      {
        id: 8,
        title: "Tin khác một",
        slug: "tin-khac",
        url: `${CMS}/vi/tin-tuc/tin-khac/`,
        path: "/vi/tin-tuc/tin-khac/",
        locale: "vi",
        date: "2022-12-28T08:00:00+07:00",
        dateline: "Thứ Tư, 28/12/2022 08:00",
        lead: "Tóm tắt.",
        hero_image: null,
      },
    ],
    view_token: "5a1b2c3.0123456789abcdef0123456789abcdef",
    ...overrides,
  };
}
