/** The frontend's own UI strings in each language (content comes translated from the API). */

const STRINGS = {
  vi: {
    news: "Tin tức",
    listDescription: "{heading}: tin tức mới nhất của {portal}.",
    all: "Tất cả",
    categories: "Chuyên mục",
    previous: "Trang trước",
    next: "Trang sau",
    pageOf: "Trang {page}/{pages}",
    original: "Gốc",
    utilities: "Tiện ích thông tin",
    source: "Nguồn tin",
    qrTitle: "QR CODE: {title}",
    social: "Chúng tôi trên Mạng Xã hội",
    share: "Chia sẻ",
    copy: "Sao chép liên kết",
    otherNews: "Tin khác",
    language: "Ngôn ngữ",
    noTranslation: "chưa có bản dịch",
    preview: "Bản xem trước — chưa xuất bản",
    loading: "Đang tải bản xem trước…",
    download: "Tải về",
    empty: "Chưa có tin.",
    notFound: "Không tìm thấy trang",
    archived: "Bài viết lưu trữ.",
    archivedNote: "Thông tin này có thể đã cũ: hãy xem tin mới nhất trước khi sử dụng.",
    correction: "Đính chính",
    update: "Cập nhật",
    documentNumber: "Số hiệu văn bản:",
  },
  en: {
    news: "News",
    listDescription: "{heading}: the latest news from {portal}.",
    all: "All",
    categories: "Categories",
    previous: "Previous page",
    next: "Next page",
    pageOf: "Page {page} of {pages}",
    original: "Original",
    utilities: "Information utilities",
    source: "Source",
    qrTitle: "QR CODE: {title}",
    social: "Follow us on social networks",
    share: "Share",
    copy: "Copy link",
    otherNews: "Other news",
    language: "Language",
    noTranslation: "no translation yet",
    preview: "Preview — not published",
    loading: "Loading the preview…",
    download: "Download",
    empty: "No news yet.",
    notFound: "Page not found",
    archived: "Archived article.",
    archivedNote: "This information may be out of date: check the latest news before relying on it.",
    correction: "Correction",
    update: "Update",
    documentNumber: "Document number:",
  },
} as const;

export type MessageKey = keyof (typeof STRINGS)["vi"];

export const LANGUAGE_NAMES: Record<string, string> = { vi: "Tiếng Việt", en: "English" };

/** A UI string in ``locale`` (Vietnamese when the language is unknown), with {placeholders}. */
export function t(locale: string, key: MessageKey, values: Record<string, string | number> = {}): string {
  const table = locale in STRINGS ? STRINGS[locale as keyof typeof STRINGS] : STRINGS.vi;
  return table[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
