# ruff: noqa: RUF001 (the Vietnamese texts use en dashes on purpose)
"""The fixed demo content: home page, sections, categories, portal settings and featured article.

All texts are original and every place, unit and person in them is invented for the demo.
The featured article follows the structure of a typical district news item (dateline,
"Gốc" link, lead, paragraphs with two captioned photos, byline and source).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from .specs import (
    ArticleSpec,
    PortalSpec,
    SectionSpec,
    SocialAccountSpec,
    captioned_image,
    paragraph,
)

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_LANGUAGE = "vi"
OTHER_LANGUAGES = ("en",)

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"

HOME_TITLE = "Cổng thông tin điện tử Thành phố"
HOME_SLUG = "trang-chu"
HOME_INTRO = (
    "<p>Bản trình diễn cổng thông tin điện tử xây dựng với Wagtail và wagtail-govnews. "
    "Mọi tin bài, hình ảnh, địa danh và nhân vật ở đây đều là nội dung minh họa.</p>"
)
SITE_NAME = "Cổng thông tin điện tử Thành phố (demo)"
PORTAL_NAME = "Cổng thông tin điện tử Thành phố (bản demo)"
PORTAL = PortalSpec(
    portal_name=PORTAL_NAME,
    agency_in_charge="Ủy ban nhân dân Thành phố",
    address="Số 1 đường Trung Tâm, phường Bến Thành, Thành phố (địa chỉ minh họa)",
    person_responsible="Ông Nguyễn Văn An, Chánh Văn phòng Ủy ban nhân dân Thành phố",
    licence="Giấy phép số 00/GP-TTĐT ngày 01/01/2023 (minh họa)",
    phone="028 0000 0000",
    email="congthongtin@example.gov.vn",
)
EMBLEM_TITLE = "Biểu trưng Cổng thông tin (demo)"

NEWS = "tin-tuc"
SCIENCE_EDUCATION = "khoa-giao"
NOTICES = "thong-bao"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        NEWS,
        "Tin tức",
        "<p>Hoạt động của chính quyền thành phố và các quận, huyện: cải cách hành chính, "
        "đô thị, an sinh xã hội và đời sống người dân.</p>",
    ),
    SectionSpec(
        SCIENCE_EDUCATION,
        "Khoa giáo",
        "<p>Tin về giáo dục, y tế, khoa học – công nghệ, văn hóa và thể thao "
        "trên địa bàn thành phố.</p>",
    ),
    SectionSpec(
        NOTICES,
        "Thông báo",
        "<p>Thông báo chính thức của các cơ quan, đơn vị: tuyển dụng, khám chữa bệnh, "
        "điều chỉnh giao thông và dịch vụ công.</p>",
    ),
)

EDUCATION = "Giáo dục"
HEALTH = "Y tế"
SCIENCE = "Khoa học - Công nghệ"
CULTURE = "Văn hóa - Thể thao"
GOVERNMENT = "Chính quyền"
URBAN = "Đô thị - Môi trường"
CATEGORIES: tuple[str, ...] = (EDUCATION, HEALTH, SCIENCE, CULTURE, GOVERNMENT, URBAN)

SOCIAL_ACCOUNTS: tuple[SocialAccountSpec, ...] = (
    SocialAccountSpec(
        "facebook",
        "Fanpage Cổng thông tin điện tử Thành phố",
        "https://www.facebook.com/example.portal",
        "vi",
    ),
    SocialAccountSpec(
        "zalo", "Zalo OA Cổng thông tin Thành phố", "https://zalo.me/0000000000000000000", "vi"
    ),
    SocialAccountSpec(
        "youtube", "Kênh YouTube của Thành phố", "https://www.youtube.com/@example-portal", "vi"
    ),
    SocialAccountSpec(
        "facebook", "City Portal on Facebook", "https://www.facebook.com/example.portal", "en"
    ),
    SocialAccountSpec(
        "youtube", "The City on YouTube", "https://www.youtube.com/@example-portal", "en"
    ),
)

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"  # a local demo account; the command prints it
ADMIN_EMAIL = "admin@example.gov.vn"

FEATURED_SLUG = "hoi-nghi-tong-ket-cong-tac-khoa-giao-nam-2022"
FEATURED_RELATED_COUNT = 3
_FEATURED_AUTHOR = "Minh Khang"

FEATURED_ARTICLE = ArticleSpec(
    section=SCIENCE_EDUCATION,
    slug=FEATURED_SLUG,
    title=(
        "Quận Thuận Giang tổng kết công tác khoa giáo năm 2022, "
        "đổi mới cách đưa nghị quyết đến cơ sở"
    ),
    date=timezone.make_aware(datetime(2022, 12, 29, 17, 5), LOCAL_TZ),
    lead=(
        "Hơn 150 cán bộ các ngành giáo dục, y tế, văn hóa, thể thao và khoa học – công nghệ "
        "của quận Thuận Giang đã cùng nhìn lại một năm làm công tác khoa giáo tại hội nghị "
        "tổng kết chiều 29/12, đồng thời thống nhất những việc cần làm trong năm 2023."
    ),
    body=[
        paragraph(
            "Hội nghị do lãnh đạo Thường trực Quận ủy chủ trì.",
            "Tham dự có đại diện Ban Tuyên giáo Thành ủy, lãnh đạo Ủy ban nhân dân quận cùng "
            "người đứng đầu các phòng, ban, trường học, trạm y tế và trung tâm văn hóa "
            "trên địa bàn.",
        ),
        captioned_image(
            "hoi-truong",
            "Toàn cảnh hội nghị tại hội trường Trung tâm Chính trị quận.",
            f"Ảnh: {_FEATURED_AUTHOR}",
        ),
        paragraph(
            "Báo cáo tại hội nghị cho biết, năm qua Ban Tuyên giáo Quận ủy đã phối hợp tổ chức "
            "12 buổi học tập, quán triệt chuyên đề theo hình thức trực tiếp kết hợp trực tuyến "
            "cho gần 2.800 lượt cán bộ chủ chốt của quận.",
            "Ở cơ sở, các chi bộ, đảng bộ tổ chức 96 buổi sinh hoạt chuyên đề với khoảng "
            "31.000 lượt đảng viên và người dân tham gia.",
        ),
        paragraph(
            "Từng ngành trong khối khoa giáo đều có chuyển biến rõ nét.",
            "Giáo dục quận giữ vững vị trí trong nhóm dẫn đầu thành phố về học sinh giỏi; "
            "nhiều trường được sửa chữa, xây thêm phòng học bộ môn.",
            "Y tế cơ sở làm tốt việc khám, chữa bệnh ban đầu, chủ động khoanh vùng các ổ dịch "
            "sốt xuất huyết, tay chân miệng và tăng cường kiểm tra bếp ăn tập thể.",
            "Các lĩnh vực dân số, chăm sóc trẻ em, văn hóa, thể thao và ứng dụng khoa học – "
            "công nghệ cũng được quan tâm, góp phần vào kết quả chung của quận.",
        ),
        captioned_image(
            "dai-bieu",
            "Đại biểu các ngành thuộc khối khoa giáo dự hội nghị.",
            f"Ảnh: {_FEATURED_AUTHOR}",
        ),
        paragraph(
            "Bước sang năm 2023, Ban Tuyên giáo Quận ủy Thuận Giang đề ra năm nhóm việc chính.",
            "Trọng tâm là đưa các nghị quyết, chỉ thị về giáo dục, y tế, khoa học – công nghệ "
            "đến cơ sở theo cách ngắn gọn, dễ hiểu; tận dụng mạng xã hội, trang thông tin điện "
            "tử và loa truyền thanh thông minh để người dân nắm được thông tin kịp thời.",
        ),
        paragraph(
            "Hội nghị cũng thống nhất tăng cường nắm bắt dư luận xã hội, chủ động cung cấp "
            "thông tin chính thống để phản bác những thông tin sai lệch về lĩnh vực khoa giáo.",
            "Các đơn vị sẽ thường xuyên xuống cơ sở kiểm tra, hướng dẫn; mở lớp bồi dưỡng "
            "nghiệp vụ cho cán bộ làm công tác khoa giáo ở phường và bổ sung trang thiết bị "
            "phục vụ tuyên truyền.",
        ),
    ],
    hero="hoi-truong",
    author=_FEATURED_AUTHOR,
    source_name="Ban Tuyên giáo Quận ủy Thuận Giang",
    source_url="https://example.gov.vn/thuan-giang/tuyen-giao/tong-ket-khoa-giao-2022",
    original_url="https://example.gov.vn/thuan-giang/tin-goc/hoi-nghi-tong-ket-khoa-giao-2022",
    categories=(GOVERNMENT, EDUCATION),
    tags=("khoa giáo", "tổng kết năm", "Thuận Giang"),
)
