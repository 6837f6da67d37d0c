# ruff: noqa: RUF001 (the Vietnamese texts use en dashes on purpose)
"""Generate the everyday demo articles from original sentence templates.

Each :class:`Topic` is a short news story written for the demo with placeholders for the
district (``{d}``: "quận Bình An", ``{D}``: "Quận Bình An") and a few figures (``{n1}``: hundreds
to thousands, ``{n2}``: tens, ``{n3}``: a handful, ``{pct}``: a percentage). Every topic is
told in two invented districts, which gives 32 articles spread over the last two months.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from wagtail_govnews.slugs import ascii_slug

from .content import (
    CULTURE,
    EDUCATION,
    GOVERNMENT,
    HEALTH,
    LOCAL_TZ,
    NEWS,
    NOTICES,
    SCIENCE,
    SCIENCE_EDUCATION,
    URBAN,
)
from .specs import (
    ArticleSpec,
    Block,
    captioned_image,
    gallery,
    heading,
    paragraph,
    quote,
    table,
)

Values = dict[str, Any]
Extras = Callable[[Values, random.Random], list[Block]]

DISTRICTS: tuple[tuple[str, str], ...] = (
    ("quận", "Bình An"),
    ("quận", "Tân Hưng"),
    ("huyện", "An Phú"),
    ("quận", "Hòa Bình"),
    ("huyện", "Đồng Xuân"),
    ("quận", "Thuận Giang"),
)
AUTHORS: tuple[str, ...] = (
    "Thu Hà",
    "Quốc Bảo",
    "Lan Anh",
    "Đức Thịnh",
    "Hải Yến",
    "Ngọc Mai",
    "Trung Kiên",
    "Phương Thảo",
)
ROUNDS = 2
DAYS_SPREAD = 59
HOURS = (7, 8, 9, 10, 11, 14, 15, 16, 17)


@dataclass(frozen=True)
class Topic:
    """A story that can be told in any district."""

    key: str
    section: str
    title: str
    lead: str
    paragraphs: tuple[str, str, str]
    heroes: tuple[str, ...]
    source: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    photo: tuple[str, str] | None = None
    """A captioned photo after the first paragraph: (picture key, caption)."""
    extras: Extras | None = None
    """Blocks placed before the last paragraph."""


def vn_number(value: int) -> str:
    """Format an integer the Vietnamese way, with dots between thousands (12.345)."""
    return f"{value:,}".replace(",", ".")


# Extra blocks of some topics.


def _contest_quote(values: Values, rng: random.Random) -> list[Block]:
    return [
        quote(
            "Chúng tôi mong các em coi mỗi kỳ thi là một lần được trải nghiệm và trưởng thành, "
            "chứ không chỉ là chuyện giải thưởng.",
            "Lãnh đạo Phòng Giáo dục và Đào tạo {d}".format(**values),
        )
    ]


def _feedback_table(values: Values, rng: random.Random) -> list[Block]:
    fields = ("Chiếu sáng công cộng", "Rác thải, vệ sinh môi trường", "Lấn chiếm vỉa hè", "Khác")
    rows = [["Lĩnh vực", "Số phản ánh", "Đã xử lý"]]
    for field in fields:
        received = rng.randint(40, 400)
        rows.append([field, vn_number(received), vn_number(round(received * rng.uniform(0.8, 1)))])
    return [
        heading("Phản ánh theo lĩnh vực", "h3"),
        table("Kết quả tiếp nhận và xử lý phản ánh trong thời gian thử nghiệm", rows),
    ]


def _festival_gallery(values: Values, rng: random.Random) -> list[Block]:
    return [
        gallery(
            "Hình ảnh ngày hội",
            [
                ("le-hoi", "Đêm khai mạc rực rỡ sắc màu."),
                ("cong-vien", "Các đội kéo co thi đấu trên sân cỏ công viên trung tâm."),
                ("san-truong", "Học sinh các trường tham gia đồng diễn thể dục."),
                ("song-chieu", "Màn đua thuyền truyền thống trên sông lúc chiều muộn."),
            ],
            credit="Ảnh: Trung tâm Văn hóa – Thể thao {d}".format(**values),
        )
    ]


def _traffic_table(values: Values, rng: random.Random) -> list[Block]:
    return [
        table(
            "Các tuyến phố điều chỉnh giao thông",
            [
                ["Tuyến phố", "Thời gian", "Phương án"],
                [
                    "Đường Hoa Sữa (đoạn từ cầu Mới đến chợ)",
                    "22 giờ – 5 giờ",
                    "Cấm ô tô trên 16 chỗ",
                ],
                ["Phố Bến Thuyền", "Cả ngày", "Đi một chiều theo hướng ra sông"],
                ["Đường Vành Khuyên", "6 giờ – 20 giờ", "Thu hẹp một làn sát công trường"],
            ],
        )
    ]


def _green_slideshow(values: Values, rng: random.Random) -> list[Block]:
    return [
        gallery(
            "Những mảng xanh mới của {d}".format(**values),
            [
                ("cong-vien", "Lối dạo bộ trong vườn hoa khu dân cư vừa cải tạo."),
                ("doi-xanh", "Dải cây xanh ven đường vành đai."),
                ("pho-binh-minh", "Hàng cây bóng mát trên tuyến phố trung tâm."),
                ("dong-lua", "Cảnh quan ven khu đô thị mới."),
            ],
            credit="Ảnh: Văn phòng HĐND và UBND {d}".format(**values),
            layout="slideshow",
        )
    ]


def _run_quote(values: Values, rng: random.Random) -> list[Block]:
    return [
        quote(
            "Cả nhà tôi dậy từ năm giờ sáng để đi chạy. Vừa khỏe người, vừa góp được chút ít "
            "cho các cháu học sinh khó khăn, ai cũng vui.",
            "Một người dân tham gia giải chạy",
        )
    ]


def _project_highlights(values: Values, rng: random.Random) -> list[Block]:
    return [
        heading("Những dự án được đánh giá cao"),
        paragraph(
            "Giải Nhất thuộc về nhóm học sinh lớp 9 với thiết bị cảnh báo ngập nước dùng cảm "
            "biến đo mực nước và gửi tin nhắn tới điện thoại của tổ dân phố.",
            "Hai dự án đạt giải Nhì là ứng dụng đọc sách cho người khiếm thị và mô hình phân "
            "loại rác tại nguồn cho khu tập thể.",
        ),
    ]


def _recruitment_table(values: Values, rng: random.Random) -> list[Block]:
    quotas = [rng.randint(4, 20) for _ in range(3)]
    rows = [["Cấp học", "Chỉ tiêu"]]
    for level, quota in zip(("Mầm non", "Tiểu học", "Trung học cơ sở"), quotas, strict=True):
        rows.append([level, str(quota)])
    rows.append(["Tổng cộng", str(sum(quotas))])
    return [table("Chỉ tiêu tuyển dụng theo cấp học", rows)]


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="mot-cua-hien-dai",
        section=NEWS,
        title="{D} đưa vào vận hành bộ phận một cửa hiện đại",
        lead=(
            "Từ đầu tuần này, người dân {d} có thể nộp hồ sơ, theo dõi tiến độ và nhận kết quả "
            "thủ tục hành chính tại bộ phận một cửa vừa được nâng cấp, giảm đáng kể thời gian "
            "chờ đợi."
        ),
        paragraphs=(
            "Bộ phận tiếp nhận và trả kết quả được bố trí lại theo hướng mở, có khu vực hướng "
            "dẫn, máy lấy số tự động và màn hình tra cứu hồ sơ. Mỗi quầy đều có cán bộ hỗ trợ "
            "người dân thao tác trên Cổng dịch vụ công trực tuyến.",
            "Theo Văn phòng HĐND và UBND {d}, trong tháng đầu vận hành thử, bộ phận đã tiếp "
            "nhận {n1} hồ sơ, trong đó hơn {pct}% được nộp trực tuyến; chưa có hồ sơ nào "
            "bị trễ hẹn.",
            "Thời gian tới, {d} tiếp tục rà soát, cắt giảm giấy tờ không cần thiết và mở rộng "
            "thanh toán phí, lệ phí không dùng tiền mặt để người dân, doanh nghiệp thuận tiện "
            "hơn.",
        ),
        heroes=("pho-binh-minh", "cang-bien"),
        source="Văn phòng HĐND và UBND {d}",
        categories=(GOVERNMENT,),
        tags=("cải cách hành chính", "dịch vụ công"),
        photo=("pho-binh-minh", "Khu trung tâm hành chính {d} nhìn từ trên cao."),
    ),
    Topic(
        key="tiem-chung-mo-rong",
        section=NEWS,
        title="{D} tăng cường tiêm chủng mở rộng cho trẻ dưới 5 tuổi",
        lead=(
            "Trung tâm Y tế {d} vừa mở đợt tiêm bù, tiêm vét các loại vắc xin trong chương "
            "trình tiêm chủng mở rộng, quyết không để trẻ nào bị bỏ sót."
        ),
        paragraphs=(
            "Đợt tiêm được tổ chức tại tất cả trạm y tế vào sáng thứ Bảy và Chủ nhật để phụ "
            "huynh thuận tiện đưa con đi tiêm. Mỗi điểm tiêm đều bố trí bàn khám sàng lọc, "
            "khu theo dõi sau tiêm và tổ cấp cứu lưu động.",
            "Dự kiến khoảng {n1} trẻ sẽ được tiêm các mũi sởi – rubella, bạch hầu – ho gà – "
            "uốn ván và bại liệt. Cán bộ y tế đã rà soát danh sách đến từng tổ dân phố và gọi "
            "điện nhắc lịch cho các gia đình.",
            "Ngành y tế khuyến cáo phụ huynh mang theo sổ hoặc ứng dụng theo dõi tiêm chủng, "
            "báo tình trạng sức khỏe của trẻ cho nhân viên y tế trước khi tiêm.",
        ),
        heroes=("cong-vien",),
        source="Trung tâm Y tế {d}",
        categories=(HEALTH,),
        tags=("tiêm chủng", "trẻ em"),
    ),
    Topic(
        key="hoc-sinh-gioi",
        section=SCIENCE_EDUCATION,
        title="Học sinh {d} đạt thành tích cao tại kỳ thi học sinh giỏi thành phố",
        lead=(
            "Với {n2} giải, trong đó có nhiều giải Nhất, đội tuyển học sinh {d} tiếp tục "
            "nằm trong nhóm dẫn đầu của thành phố ở kỳ thi năm nay."
        ),
        paragraphs=(
            "Các giải thưởng trải đều ở các môn Toán, Ngữ văn, Tiếng Anh, Vật lý và Tin học. "
            "Nhiều em lần đầu dự thi nhưng đã đạt kết quả ấn tượng nhờ được ôn luyện bài bản "
            "từ cấp trường.",
            "Lãnh đạo Phòng Giáo dục và Đào tạo {d} cho biết, kết quả này có được nhờ phát "
            "hiện, bồi dưỡng học sinh có năng khiếu ngay từ lớp đầu cấp và tạo điều kiện để "
            "giáo viên các trường trao đổi kinh nghiệm với nhau.",
            "Dịp này, {d} đã khen thưởng các học sinh đoạt giải và những giáo viên có thành "
            "tích bồi dưỡng xuất sắc.",
        ),
        heroes=("san-truong",),
        source="Phòng Giáo dục và Đào tạo {d}",
        categories=(EDUCATION,),
        tags=("học sinh giỏi", "giáo dục"),
        photo=("san-truong", "Một trường trung học cơ sở của {d} có nhiều học sinh đoạt giải."),
        extras=_contest_quote,
    ),
    Topic(
        key="phan-anh-hien-truong",
        section=SCIENCE_EDUCATION,
        title="{D} ra mắt ứng dụng phản ánh hiện trường trên điện thoại",
        lead=(
            "Người dân {d} giờ đây có thể chụp ảnh, gửi phản ánh về hạ tầng, vệ sinh môi "
            "trường hay trật tự đô thị chỉ với vài thao tác trên ứng dụng di động."
        ),
        paragraphs=(
            "Mỗi phản ánh được gắn vị trí trên bản đồ và chuyển thẳng đến đơn vị phụ trách. "
            "Người gửi nhận thông báo khi phản ánh được tiếp nhận, đang xử lý và khi có kết "
            "quả.",
            "Sau {n3} tuần thử nghiệm, hệ thống đã nhận {n1} phản ánh, phần lớn liên quan đến "
            "đèn chiếu sáng, rác thải và lấn chiếm vỉa hè; tỷ lệ xử lý đúng hạn đạt {pct}%.",
            "Đơn vị vận hành cho biết sẽ bổ sung tính năng đánh giá mức độ hài lòng và công "
            "khai số liệu xử lý của từng phường để người dân cùng giám sát.",
        ),
        heroes=("pho-dem",),
        source="Trung tâm Chuyển đổi số {d}",
        categories=(SCIENCE, GOVERNMENT),
        tags=("chuyển đổi số", "ứng dụng di động", "phản ánh hiện trường"),
        photo=(
            "pho-dem",
            "Các tuyến phố của {d} về đêm – chiếu sáng công cộng là nội dung được phản ánh "
            "nhiều nhất.",
        ),
        extras=_feedback_table,
    ),
    Topic(
        key="ngay-hoi-van-hoa",
        section=NEWS,
        title="Sôi nổi ngày hội văn hóa, thể thao các dân tộc tại {d}",
        lead=(
            "Hơn {n1} vận động viên, diễn viên quần chúng đến từ các phường, xã đã tham gia "
            "ngày hội, mang đến nhiều tiết mục đặc sắc và những trận thi đấu hấp dẫn."
        ),
        paragraphs=(
            "Chương trình gồm các môn kéo co, đẩy gậy, ném còn, cờ tướng và hội thi trình diễn "
            "trang phục truyền thống. Khán giả đặc biệt thích thú với phần thi ẩm thực, nơi "
            "các đội giới thiệu món ngon đặc trưng của quê hương mình.",
            "Ban tổ chức cho biết ngày hội là dịp để người dân giao lưu, gắn kết, đồng thời "
            "góp phần gìn giữ nét đẹp văn hóa truyền thống giữa nhịp sống đô thị.",
            "Kết thúc ngày hội, ban tổ chức đã trao giải toàn đoàn và các giải cá nhân cho "
            "những đơn vị, vận động viên xuất sắc.",
        ),
        heroes=("le-hoi",),
        source="Trung tâm Văn hóa – Thể thao {d}",
        categories=(CULTURE,),
        tags=("lễ hội", "thể thao quần chúng"),
        extras=_festival_gallery,
    ),
    Topic(
        key="dieu-chinh-giao-thong",
        section=NOTICES,
        title="Thông báo điều chỉnh tổ chức giao thông trên một số tuyến phố của {d}",
        lead=(
            "Để thi công cải tạo hệ thống thoát nước, {d} tạm thời điều chỉnh phương án lưu "
            "thông trên một số tuyến phố trong {n3} tuần tới."
        ),
        paragraphs=(
            "Trong thời gian thi công, xe tải trọng lớn không được đi vào khu vực công trường; "
            "xe máy, ô tô con đi theo các tuyến tránh đã được cắm biển chỉ dẫn.",
            "Đơn vị thi công có trách nhiệm bố trí người hướng dẫn giao thông, rào chắn, đèn "
            "cảnh báo vào ban đêm và thu dọn vật liệu gọn gàng sau mỗi ca làm việc.",
            "Mọi ý kiến trong quá trình thi công, người dân có thể gọi đường dây nóng của Ủy "
            "ban nhân dân {d} hoặc gửi qua ứng dụng phản ánh hiện trường.",
        ),
        heroes=("pho-dem", "pho-binh-minh"),
        source="Phòng Quản lý đô thị {d}",
        categories=(URBAN, GOVERNMENT),
        tags=("thông báo", "giao thông"),
        extras=_traffic_table,
    ),
    Topic(
        key="phong-chong-sot-xuat-huyet",
        section=SCIENCE_EDUCATION,
        title="{D} ra quân diệt lăng quăng, phòng chống sốt xuất huyết",
        lead=(
            "Hàng trăm đoàn viên, thanh niên và cán bộ y tế {d} đã đến từng hộ gia đình hướng "
            "dẫn cách loại bỏ nơi sinh sản của muỗi truyền bệnh."
        ),
        paragraphs=(
            "Các tổ công tác kiểm tra dụng cụ chứa nước, thu gom vỏ lon, lốp xe cũ và đồ phế "
            "thải quanh nhà. Những nơi có nguy cơ cao như công trình xây dựng, bãi đất trống "
            "được phun hóa chất diệt muỗi.",
            "Từ đầu năm đến nay, {d} ghi nhận {n2} ca sốt xuất huyết, giảm so với cùng kỳ năm "
            "trước. Tuy vậy, ngành y tế nhận định mùa mưa là thời điểm dịch dễ bùng phát trở "
            "lại.",
            "Khi có biểu hiện sốt cao, đau đầu, đau nhức cơ, người dân cần đến cơ sở y tế để "
            "được khám, không tự ý điều trị tại nhà.",
        ),
        heroes=("doi-xanh",),
        source="Trung tâm Y tế {d}",
        categories=(HEALTH,),
        tags=("sốt xuất huyết", "phòng chống dịch"),
        photo=("cong-vien", "Khu dân cư ở {d} được dọn vệ sinh, phát quang bụi rậm."),
    ),
    Topic(
        key="pho-xanh",
        section=NEWS,
        title="{D} trồng mới hàng nghìn cây xanh trên các tuyến phố",
        lead=(
            "Chương trình “Phố xanh” của {d} đã trồng mới {n1} cây bóng mát và cây bụi, góp "
            "phần làm đẹp cảnh quan và giảm nắng nóng cho các khu dân cư."
        ),
        paragraphs=(
            "Các loài cây được chọn có tán rộng, rễ cọc, hợp với vỉa hè đô thị như sao đen, "
            "lim xẹt, bằng lăng. Mỗi cây đều được gắn mã để theo dõi việc chăm sóc.",
            "Nhiều tổ dân phố đã đăng ký nhận chăm sóc cây, tưới nước trong mùa khô và báo "
            "ngay cho đơn vị quản lý khi thấy cây nghiêng, sâu bệnh.",
            "Theo kế hoạch, {d} sẽ tiếp tục cải tạo các vườn hoa nhỏ, sân chơi trong khu dân "
            "cư để người dân có thêm không gian xanh.",
        ),
        heroes=("cong-vien",),
        source="Văn phòng HĐND và UBND {d}",
        categories=(URBAN,),
        tags=("cây xanh", "môi trường"),
        extras=_green_slideshow,
    ),
    Topic(
        key="phong-hoc-bo-mon",
        section=SCIENCE_EDUCATION,
        title="{D} nâng cấp phòng học bộ môn cho các trường trung học cơ sở",
        lead=(
            "Từ ngân sách năm nay, {d} đã cải tạo và trang bị mới {n2} phòng học bộ môn, phòng "
            "thực hành tin học và ngoại ngữ cho các trường trung học cơ sở."
        ),
        paragraphs=(
            "Các phòng được lắp màn hình tương tác, máy tính kết nối mạng tốc độ cao và bộ "
            "thí nghiệm theo chương trình giáo dục phổ thông mới. Nhiều trường còn có thêm góc "
            "đọc sách mở ngay cạnh lớp học.",
            "Giáo viên cho biết cơ sở vật chất mới giúp tiết thực hành sinh động hơn, học sinh "
            "được tự tay làm thí nghiệm thay vì chỉ quan sát qua tranh ảnh.",
            "Phòng Giáo dục và Đào tạo {d} đang tập huấn cho giáo viên cách khai thác thiết bị "
            "và xây dựng lịch dùng chung giữa các tổ chuyên môn.",
        ),
        heroes=("san-truong", "sang-tao"),
        source="Phòng Giáo dục và Đào tạo {d}",
        categories=(EDUCATION, SCIENCE),
        tags=("cơ sở vật chất", "giáo dục"),
        photo=("san-truong", "Dãy phòng học vừa được cải tạo tại một trường ở {d}."),
    ),
    Topic(
        key="giai-chay-cong-dong",
        section=NEWS,
        title="Giải chạy vì cộng đồng của {d} thu hút đông đảo người dân",
        lead=(
            "Sáng Chủ nhật, gần {n1} người ở nhiều lứa tuổi đã cùng chạy trên các cự li 5 km "
            "và 10 km quanh khu vực trung tâm {d}."
        ),
        paragraphs=(
            "Giải chạy nằm trong chuỗi hoạt động hưởng ứng cuộc vận động toàn dân rèn luyện "
            "thân thể. Bên cạnh các vận động viên phong trào, nhiều gia đình đưa con nhỏ cùng "
            "tham gia cự li đi bộ.",
            "Toàn bộ tiền ủng hộ tại giải được ban tổ chức dành để trao học bổng cho học sinh "
            "có hoàn cảnh khó khăn trên địa bàn.",
            "Ban tổ chức bố trí các trạm nước, đội y tế và tình nguyện viên dọc đường chạy, "
            "bảo đảm an toàn cho người tham gia.",
        ),
        heroes=("song-chieu",),
        source="Trung tâm Văn hóa – Thể thao {d}",
        categories=(CULTURE,),
        tags=("giải chạy", "thể thao quần chúng", "học bổng"),
        photo=("song-chieu", "Cung đường chạy ven sông của giải."),
        extras=_run_quote,
    ),
    Topic(
        key="kham-suc-khoe-nguoi-cao-tuoi",
        section=NOTICES,
        title="{D} khám sức khỏe miễn phí cho người cao tuổi",
        lead=(
            "Trong tháng này, các trạm y tế của {d} khám sức khỏe định kỳ, đo huyết áp, đường "
            "huyết miễn phí cho người từ 60 tuổi trở lên."
        ),
        paragraphs=(
            "Người cao tuổi mang theo căn cước và thẻ bảo hiểm y tế, đến trạm y tế nơi cư trú "
            "trong giờ hành chính. Người đi lại khó khăn có thể đăng ký để tổ y tế đến khám "
            "tại nhà.",
            "Qua khám, người có nguy cơ mắc bệnh mạn tính sẽ được lập hồ sơ theo dõi, tư vấn "
            "chế độ ăn uống, luyện tập và hướng dẫn dùng thuốc an toàn.",
            "Dự kiến khoảng {n1} người cao tuổi được khám trong đợt này.",
        ),
        heroes=("doi-xanh", "cong-vien"),
        source="Trung tâm Y tế {d}",
        categories=(HEALTH,),
        tags=("thông báo", "người cao tuổi", "khám sức khỏe"),
    ),
    Topic(
        key="sang-tao-khoa-hoc-ky-thuat",
        section=SCIENCE_EDUCATION,
        title="Học sinh {d} sôi nổi với cuộc thi sáng tạo khoa học kỹ thuật",
        lead=(
            "{n2} dự án của học sinh trung học ở {d} đã được trưng bày và chấm điểm tại vòng "
            "chung kết cuộc thi năm nay."
        ),
        paragraphs=(
            "Nhiều dự án hướng tới những vấn đề gần gũi như tưới cây tự động, cảnh báo ngập "
            "nước, ứng dụng giúp học sinh khiếm thị đọc sách.",
            "Ban giám khảo đánh giá các em đã biết vận dụng kiến thức liên môn, trình bày tự "
            "tin và trả lời phản biện mạch lạc. Những dự án xuất sắc sẽ được chọn dự thi cấp "
            "thành phố.",
            "Ngành giáo dục {d} sẽ tiếp tục phối hợp với các trường đại học, doanh nghiệp công "
            "nghệ để giúp học sinh hoàn thiện sản phẩm.",
        ),
        heroes=("sang-tao",),
        source="Phòng Giáo dục và Đào tạo {d}",
        categories=(SCIENCE, EDUCATION),
        tags=("sáng tạo", "khoa học kỹ thuật", "học sinh"),
        photo=("sang-tao", "Không gian trưng bày các dự án khoa học kỹ thuật của học sinh."),
        extras=_project_highlights,
    ),
    Topic(
        key="nha-dai-doan-ket",
        section=NEWS,
        title="{D} bàn giao nhà đại đoàn kết cho hộ khó khăn",
        lead=(
            "{n3} hộ gia đình có hoàn cảnh khó khăn ở {d} vừa nhận nhà mới, xây bằng Quỹ Vì "
            "người nghèo và sự chung tay của các nhà hảo tâm."
        ),
        paragraphs=(
            "Mỗi căn nhà rộng khoảng 40 m², có phòng khách, phòng ngủ, bếp và khu vệ sinh khép "
            "kín. Đoàn viên thanh niên và bà con lối xóm đã góp công trong suốt thời gian xây "
            "dựng.",
            "Ủy ban Mặt trận Tổ quốc {d} cho biết sẽ tiếp tục rà soát để hỗ trợ sửa chữa nhà "
            "cho những hộ còn khó khăn về chỗ ở trong năm tới.",
            "Nhận chìa khóa nhà mới, nhiều gia đình xúc động bày tỏ quyết tâm vươn lên ổn "
            "định cuộc sống.",
        ),
        heroes=("dong-lua",),
        source="Ủy ban Mặt trận Tổ quốc {d}",
        categories=(GOVERNMENT,),
        tags=("an sinh xã hội", "nhà ở"),
    ),
    Topic(
        key="van-hoa-doc",
        section=SCIENCE_EDUCATION,
        title="Lan tỏa văn hóa đọc trong trường học ở {d}",
        lead=(
            "Mô hình thư viện xanh, tủ sách lớp học đang được nhân rộng ở các trường tiểu học "
            "của {d}, giúp học sinh hình thành thói quen đọc sách mỗi ngày."
        ),
        paragraphs=(
            "Thư viện được chuyển ra không gian mở dưới tán cây, có thảm ngồi và kệ sách thấp "
            "để học sinh tự chọn. Mỗi tuần, giáo viên dành một tiết để các em giới thiệu cuốn "
            "sách mình yêu thích.",
            "Phụ huynh cũng tham gia quyên góp; đến nay các trường đã nhận thêm {n1} cuốn sách "
            "thiếu nhi, sách kỹ năng và truyện tranh khoa học.",
            "Ngành giáo dục {d} dự kiến tổ chức ngày hội đọc sách liên trường vào cuối học kỳ "
            "để tôn vinh những lớp có phong trào tốt.",
        ),
        heroes=("cong-vien", "san-truong"),
        source="Phòng Giáo dục và Đào tạo {d}",
        categories=(EDUCATION, CULTURE),
        tags=("văn hóa đọc", "thư viện"),
        photo=("cong-vien", "Góc thư viện xanh dưới tán cây trong sân trường."),
    ),
    Topic(
        key="tuyen-dung-giao-vien",
        section=NOTICES,
        title="{D} thông báo tuyển dụng viên chức giáo dục",
        lead=(
            "Ủy ban nhân dân {d} thông báo tuyển dụng viên chức làm giáo viên mầm non, tiểu "
            "học và trung học cơ sở cho các trường công lập trên địa bàn."
        ),
        paragraphs=(
            "Người dự tuyển cần có bằng tốt nghiệp chuyên ngành phù hợp với vị trí việc làm, "
            "đủ sức khỏe và đáp ứng tiêu chuẩn chức danh nghề nghiệp theo quy định.",
            "Hồ sơ được nhận trực tuyến trên Cổng dịch vụ công hoặc trực tiếp tại Phòng Nội vụ "
            "{d} trong giờ hành chính, chậm nhất 30 ngày kể từ ngày đăng thông báo.",
            "Chỉ tiêu chi tiết của từng vị trí và mẫu phiếu đăng ký được đăng trên trang "
            "thông tin điện tử của {d}.",
        ),
        heroes=("san-truong",),
        source="Phòng Nội vụ {d}",
        categories=(GOVERNMENT, EDUCATION),
        tags=("thông báo", "tuyển dụng"),
        extras=_recruitment_table,
    ),
    Topic(
        key="thanh-toan-khong-tien-mat",
        section=NEWS,
        title="Tiểu thương chợ truyền thống ở {d} làm quen thanh toán không tiền mặt",
        lead=(
            "Sau hơn một tháng triển khai, {pct}% tiểu thương ở các chợ truyền thống của {d} "
            "đã có mã QR thanh toán; người mua chỉ cần quét mã bằng điện thoại."
        ),
        paragraphs=(
            "Tổ công nghệ số cộng đồng ở các phường trực tiếp hướng dẫn tiểu thương mở tài "
            "khoản, in mã QR và kiểm tra tiền về. Nhiều người lớn tuổi lúc đầu còn ngần ngại "
            "nhưng nay đã quen thao tác.",
            "Ban quản lý chợ cho biết thanh toán điện tử giúp giảm tiền lẻ, tránh nhầm lẫn khi "
            "trả lại tiền thừa và thuận tiện cho khách du lịch.",
            "{D} đặt mục tiêu đến cuối năm, tất cả các chợ và phần lớn cửa hàng trên các tuyến "
            "phố chính đều nhận thanh toán không dùng tiền mặt.",
        ),
        heroes=("sang-tao", "pho-dem"),
        source="Phòng Kinh tế {d}",
        categories=(SCIENCE, GOVERNMENT),
        tags=("chuyển đổi số", "kinh tế số"),
        photo=(
            "sang-tao",
            "Mã QR thanh toán ngày càng quen thuộc với tiểu thương và người đi chợ.",
        ),
    ),
)


@dataclass(frozen=True)
class Story:
    """One topic told in one district on one day: what makes each generated article unique."""

    topic: Topic
    kind: str
    name: str
    date: datetime
    author: str
    round_: int
    index: int


@dataclass(frozen=True)
class Voice:
    """How one language writes a story: district names, figures and photo credits."""

    district: Callable[[str, str], str]
    """("quận", "Bình An") → "quận Bình An"."""
    number: Callable[[int], str]
    credit: str
    """Photo credit, with ``{author}``."""
    author: Callable[[str], str] = str


VIETNAMESE = Voice(
    district=lambda kind, name: f"{kind} {name}", number=vn_number, credit="Ảnh: {author}"
)


def plan_stories(now: datetime | None = None) -> list[Story]:
    """Every topic told in :data:`ROUNDS` districts, newest first, over the last two months."""
    now = timezone.localtime(now or timezone.now(), LOCAL_TZ)
    total = len(TOPICS) * ROUNDS
    stories = []
    for index in range(total):
        round_, topic = divmod(index, len(TOPICS))
        kind, name = DISTRICTS[(index + round_ * 3) % len(DISTRICTS)]
        date = _dateline(now, index, total)
        author = AUTHORS[index % len(AUTHORS)]
        stories.append(Story(TOPICS[topic], kind, name, date, author, round_, index))
    return stories


def generate_articles(now: datetime | None = None) -> list[ArticleSpec]:
    """The Vietnamese article of every planned story (:func:`plan_stories`)."""
    return [build_article(story.topic, story) for story in plan_stories(now)]


def build_article(topic: Topic, story: Story, voice: Voice = VIETNAMESE) -> ArticleSpec:
    """Tell ``topic`` (the story's own, or its translation) as ``story`` says, in ``voice``."""
    rng = random.Random(f"{story.topic.key}/{story.name}")
    district = voice.district(story.kind, story.name)
    values: Values = {
        "d": district,
        "D": district[:1].upper() + district[1:],
        "n1": voice.number(rng.randrange(300, 4800, 10)),
        "n2": rng.randint(12, 58),
        "n3": rng.randint(3, 12),
        "pct": rng.randint(62, 96),
    }
    author = voice.author(story.author)
    credit = voice.credit.format(author=author)
    first, middle, last = (text.format(**values) for text in topic.paragraphs)
    body: list[Block] = [paragraph(first)]
    if topic.photo:
        key, caption = topic.photo
        body.append(captioned_image(key, caption.format(**values), credit))
    body.append(paragraph(middle))
    if topic.extras:
        body.extend(topic.extras(values, rng))
    body.append(paragraph(last))

    title = topic.title.format(**values)
    slug = ascii_slug(title)
    place = ascii_slug(story.name)
    original_url = f"https://example.gov.vn/{place}/tin-goc/{slug}"
    return ArticleSpec(
        section=topic.section,
        slug=slug,
        title=title,
        date=story.date,
        lead=topic.lead.format(**values),
        body=body,
        hero=topic.heroes[story.round_ % len(topic.heroes)],
        author=author,
        source_name=topic.source.format(**values),
        source_url=f"https://example.gov.vn/{place}/{story.topic.key}",
        categories=topic.categories,
        tags=topic.tags,
        original_url=original_url if story.index % 3 == 0 else "",
    )


def _dateline(now: datetime, index: int, total: int) -> datetime:
    """The ``index``-th of ``total`` datelines from today back :data:`DAYS_SPREAD` days."""
    days_ago = round(index * DAYS_SPREAD / max(total - 1, 1))
    hour = HOURS[index % len(HOURS)]
    date = (now - timedelta(days=days_ago)).replace(
        hour=hour, minute=(index * 17) % 60, second=0, microsecond=0
    )
    if date > now:  # never date an article in the future
        date -= timedelta(days=1)
    return date
