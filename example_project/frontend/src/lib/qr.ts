/** QR codes the frontend draws itself (FRONTEND_QR_TARGET=frontend), as SVG. */
import QRCode from "qrcode";
import type { ArticleView } from "./map";

/** An SVG QR code of ``value`` with a white background and quiet zone, so scanners read it. */
export async function qrSvg(value: string): Promise<string> {
  return QRCode.toString(value, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 4,
    width: 160,
    color: { dark: "#000000", light: "#ffffff" },
  });
}

/** The article with its QR SVG filled in when the frontend draws the code. */
export async function withQrSvg(article: ArticleView): Promise<ArticleView> {
  if (article.qr.imageUrl !== null) return article;
  return { ...article, qr: { ...article.qr, svg: await qrSvg(article.qr.value) } };
}
