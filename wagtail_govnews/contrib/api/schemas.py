"""Response schemas of the headless API (pydantic, rendered into the OpenAPI document)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from wagtail_govnews.contrib.api.serializers import summaries


class Problem(Schema):
    """An error, as an RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict] | None = None


class Rendition(Schema):
    filter: str = Field(description='Wagtail filter spec, e.g. "width-800".')
    url: str
    width: int
    height: int


class ImageOut(Schema):
    id: int
    title: str
    alt: str
    width: int = Field(description="Width of the original image, in pixels.")
    height: int
    url: str = Field(description="Absolute URL of the largest rendition (never the original).")
    srcset: str
    renditions: list[Rendition]


class Category(Schema):
    id: int
    name: str
    slug: str


class Tag(Schema):
    name: str
    slug: str


class Source(Schema):
    name: str
    url: str


class Section(Schema):
    id: int
    title: str
    url: str


class Translation(Schema):
    id: int
    locale: str
    title: str
    url: str


class Notice(Schema):
    """A dated correction or update of an article, shown under its dateline."""

    kind: Literal["correction", "update"]
    date: str = Field(description="ISO-8601 date and time of the notice.")
    dateline: str = Field(description="Localised date and time of the notice.")
    text: str


class QRCode(Schema):
    value: str = Field(description="The absolute URL the QR code encodes.")
    svg: str = Field(description="URL of the QR code as SVG.")
    png: str = Field(description="URL of the QR code as PNG.")


class ShareLink(Schema):
    network: str
    label: str
    url: str
    is_copy: bool


class NewsTeaser(Schema):
    """An article as a link in "other news": enough for a title, a date and a thumbnail."""

    id: int
    title: str
    slug: str
    url: str = Field(description="Absolute public URL.")
    path: str = Field(description="Public path, usable with /news/find/.")
    locale: str
    date: str = Field(description="ISO-8601 date and time of the dateline.")
    dateline: str = Field(description='Localised dateline, e.g. "Thứ Năm, 29/12/2022 17:05".')
    lead: str
    hero_image: ImageOut | None


class NewsSummary(NewsTeaser):
    """What a news list shows about one article."""

    author: str
    categories: list[Category]
    tags: list[Tag]
    section_id: int
    translations: list[Translation] = Field(
        description="Published versions of the article in the other languages."
    )
    is_archived: bool = Field(
        description="Archived / outdated: show readers that the information may not be current."
    )


class MostReadItem(NewsSummary):
    """An article in the "most read" list, with its views over the period."""

    views: int = Field(description="Views counted over the period (robots excluded).")


class MostReadList(Schema):
    days: int
    items: list[MostReadItem]

    @staticmethod
    def resolve_items(obj: dict[str, Any], context: dict[str, Any]) -> list[dict[str, Any]]:
        pages = obj["items"]
        items = summaries(context["request"], pages)
        return [
            item | {"views": page.recent_views} for item, page in zip(items, pages, strict=True)
        ]


class NewsList(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    next_cursor: str | None = Field(
        description="`before` value of the following page (keyset paging); null on the last."
    )
    items: list[NewsSummary]

    @staticmethod
    def resolve_items(obj: dict[str, Any], context: dict[str, Any]) -> list[dict[str, Any]]:
        return summaries(context["request"], obj["items"])


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(description="Rendered rich text; internal links resolved to URLs.")


class HeadingBlock(Schema):
    type: Literal["heading"]
    id: str
    text: str
    level: str


class Photo(Schema):
    image: ImageOut
    caption: str
    alt: str
    credit: str


class ImageBlock(Photo):
    type: Literal["image"]
    id: str
    alignment: str


class GalleryBlock(Schema):
    type: Literal["gallery"]
    id: str
    title: str
    layout: str
    images: list[Photo]


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    quote: str
    attribution: str


class VideoBlock(Schema):
    type: Literal["video"]
    id: str
    url: str
    caption: str


class DocumentBlock(Schema):
    type: Literal["document"]
    id: str
    title: str
    url: str
    file_extension: str
    file_size: int | None


class TableBlock(Schema):
    type: Literal["table"]
    id: str
    caption: str
    first_row_is_header: bool
    first_col_is_header: bool
    rows: list[list[str | None]]


BodyBlock = Annotated[
    ParagraphBlock
    | HeadingBlock
    | ImageBlock
    | GalleryBlock
    | QuoteBlock
    | VideoBlock
    | DocumentBlock
    | TableBlock,
    Field(discriminator="type"),
]


class NewsDetail(NewsSummary):
    """Everything a frontend needs to render one article."""

    seo_title: str
    search_description: str
    first_published_at: str | None
    last_published_at: str | None
    source: Source | None
    original_url: str
    document_number: str = Field(
        description='Official document number of the decision announced, e.g. "1234/QĐ-UBND".'
    )
    notice: Notice | None
    section: Section
    body: list[BodyBlock]
    qr: QRCode
    share: list[ShareLink]
    other_news: list[NewsTeaser]
    view_token: str | None = Field(
        description="Token for the view beacon (POST views/?token=), valid "
        "VIEW_TOKEN_MAX_AGE seconds (default 3600); null in previews."
    )


class ViewToken(Schema):
    token: str = Field(description="Pass as ?token= to POST views/.")
    max_age: int = Field(description="Seconds the token stays valid.")


class SocialAccount(Schema):
    network: str
    name: str
    url: str
    qr_svg: str = Field(description="Inline SVG QR code of the account's URL.")


class SocialAccounts(Schema):
    portal_name: str
    items: list[SocialAccount]
