"""Multiply the bundled sample of 办事指南 into N guides for benchmarks.

    python bench/generate_guides.py --count 100000 --out /tmp/guides-100k.jsonl [--seed 7]

The sample (govsearch/sample_data/guides.jsonl) is a catalogue of three provinces, each with its
own level, one city and two districts; every service is copied at the level that implements it.
This script keeps that structure over the synthetic provinces → cities → 区/县 listed in REGIONS
below, each service again copied only at its own level:

* pass 0: every target province (once) receives the province services (资质, 执业许可, 药品批发,
  职称 …) of one sample province, every target city (once) the city services (住房公积金, 出入境,
  车管所, 不动产登记 …) of one sample city, and every target district the district services of one
  sample district (some of which use the local names that district publishes them under);
* pass 1, 2, …: the services that a real portal also lists per 街道 or 派出所 (民政, 人社, 医保,
  残联, 卫健, 退役军人 and 户籍 items for 个人) are placed again in their district with a
  street-level 实施主体.

Region names inside every text field (region, department, location, basis, procedure …), the phone
area code, the province's app, the online URL and the code (``SG`` + region code + serial) are
rewritten for the target region; regions are full paths (``江苏省`` / ``江苏省南京市`` /
``江苏省南京市玄武区``; a municipality's own level is ``北京市``, code 110000, beside its city level
110100). Every copy keeps the sample's ``basic_code`` (基本编码), so all copies of one service in
every locality share it. The sample's own cities are not in REGIONS; its provinces are, and their
generated province-level codes are numbered from 501 so that no code collides with the bundled
sample. About 1 % of the output are withdrawn guides (in districts), the rest active. Output is
streamed; the same seed gives the same file. Standard library only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "govsearch" / "sample_data" / "guides.jsonl"

# The sample's provinces by the first 2 digits of their codes: (province, city, area code, app).
# A sample district's name is read from its guides' region.
SOURCES = {
    "33": ("浙江省", "杭州市", "0571", "浙里办"),
    "51": ("四川省", "成都市", "028", "天府通办"),
    "42": ("湖北省", "武汉市", "027", "鄂汇办"),
}

# Province -> (URL abbreviation, government-service app).
PROVINCES = {
    "北京市": ("bj", "京通"), "天津市": ("tj", "津心办"), "上海市": ("sh", "随申办"), "重庆市": ("cq", "渝快办"),
    "河北省": ("hebei", "冀时办"), "山西省": ("shanxi", "三晋通"), "内蒙古自治区": ("nmg", "蒙速办"),
    "辽宁省": ("ln", "辽事通"), "吉林省": ("jl", "吉事办"), "黑龙江省": ("hlj", "全省事"),
    "江苏省": ("js", "苏服办"), "浙江省": ("zj", "浙里办"), "安徽省": ("ah", "皖事通"), "福建省": ("fj", "闽政通"),
    "江西省": ("jx", "赣服通"), "山东省": ("sd", "爱山东"), "河南省": ("ha", "豫事办"), "湖北省": ("hubei", "鄂汇办"),
    "湖南省": ("hunan", "湘易办"), "广东省": ("gd", "粤省事"), "广西壮族自治区": ("gx", "智桂通"),
    "海南省": ("hainan", "海易办"), "四川省": ("sc", "天府通办"), "贵州省": ("gz", "贵人服务"),
    "云南省": ("yn", "办事通"), "陕西省": ("shaanxi", "秦务员"), "甘肃省": ("gs", "甘快办"),
    "青海省": ("qh", "青松办"), "宁夏回族自治区": ("nx", "我的宁夏"), "新疆维吾尔自治区": ("xj", "新疆政务服务"),
}

# "province city area-code | district code district code …". The sample's own cities are left out
# so that generated codes never collide with the bundled sample. A province's first city listed
# here is where its province-level halls are given addresses and its phone area code.
REGIONS = """
北京市 北京市 010 | 东城区 110101 西城区 110102 朝阳区 110105 丰台区 110106 石景山区 110107 海淀区 110108 门头沟区 110109 房山区 110111 通州区 110112 顺义区 110113 昌平区 110114 大兴区 110115 怀柔区 110116 平谷区 110117 密云区 110118 延庆区 110119
天津市 天津市 022 | 和平区 120101 河东区 120102 河西区 120103 南开区 120104 河北区 120105 红桥区 120106 东丽区 120110 西青区 120111 津南区 120112 北辰区 120113 武清区 120114 宝坻区 120115 滨海新区 120116 宁河区 120117 静海区 120118 蓟州区 120119
上海市 上海市 021 | 黄浦区 310101 徐汇区 310104 长宁区 310105 静安区 310106 普陀区 310107 虹口区 310109 杨浦区 310110 闵行区 310112 宝山区 310113 嘉定区 310114 浦东新区 310115 金山区 310116 松江区 310117 青浦区 310118 奉贤区 310120 崇明区 310151
重庆市 重庆市 023 | 万州区 500101 涪陵区 500102 渝中区 500103 大渡口区 500104 江北区 500105 沙坪坝区 500106 九龙坡区 500107 南岸区 500108 北碚区 500109 綦江区 500110 大足区 500111 渝北区 500112 巴南区 500113 黔江区 500114 长寿区 500115 江津区 500116 合川区 500117 永川区 500118 南川区 500119 璧山区 500120
河北省 石家庄市 0311 | 长安区 130102 桥西区 130104 新华区 130105 井陉矿区 130107 裕华区 130108 藁城区 130109 鹿泉区 130110 栾城区 130111 正定县 130123
河北省 唐山市 0315 | 路南区 130202 路北区 130203 古冶区 130204 开平区 130205 丰南区 130207 丰润区 130208 曹妃甸区 130209 迁安市 130283
河北省 保定市 0312 | 竞秀区 130602 莲池区 130606 满城区 130607 清苑区 130608 徐水区 130609 涿州市 130681
山西省 太原市 0351 | 小店区 140105 迎泽区 140106 杏花岭区 140107 尖草坪区 140108 万柏林区 140109 晋源区 140110 清徐县 140121
内蒙古自治区 呼和浩特市 0471 | 新城区 150102 回民区 150103 玉泉区 150104 赛罕区 150105 土默特左旗 150121 托克托县 150122
辽宁省 沈阳市 024 | 和平区 210102 沈河区 210103 大东区 210104 皇姑区 210105 铁西区 210106 苏家屯区 210111 浑南区 210112 沈北新区 210113 于洪区 210114
辽宁省 大连市 0411 | 中山区 210202 西岗区 210203 沙河口区 210204 甘井子区 210211 旅顺口区 210212 金州区 210213 普兰店区 210214 瓦房店市 210281
吉林省 长春市 0431 | 南关区 220102 宽城区 220103 朝阳区 220104 二道区 220105 绿园区 220106 双阳区 220112 九台区 220113
黑龙江省 哈尔滨市 0451 | 道里区 230102 南岗区 230103 道外区 230104 平房区 230108 松北区 230109 香坊区 230110 呼兰区 230111 阿城区 230112
黑龙江省 大庆市 0459 | 萨尔图区 230602 龙凤区 230603 让胡路区 230604 红岗区 230605 大同区 230606
江苏省 南京市 025 | 玄武区 320102 秦淮区 320104 建邺区 320105 鼓楼区 320106 浦口区 320111 栖霞区 320113 雨花台区 320114 江宁区 320115 六合区 320116 溧水区 320117 高淳区 320118
江苏省 无锡市 0510 | 锡山区 320205 惠山区 320206 滨湖区 320211 梁溪区 320213 新吴区 320214 江阴市 320281 宜兴市 320282
江苏省 徐州市 0516 | 鼓楼区 320302 云龙区 320303 贾汪区 320305 泉山区 320311 铜山区 320312 丰县 320321 沛县 320322
江苏省 常州市 0519 | 天宁区 320402 钟楼区 320404 新北区 320411 武进区 320412 金坛区 320413 溧阳市 320481
江苏省 苏州市 0512 | 虎丘区 320505 吴中区 320506 相城区 320507 姑苏区 320508 吴江区 320509 常熟市 320581 张家港市 320582 昆山市 320583 太仓市 320585
江苏省 南通市 0513 | 通州区 320612 崇川区 320613 海门区 320614 如东县 320623 启东市 320681 如皋市 320682 海安市 320685
浙江省 温州市 0577 | 鹿城区 330302 龙湾区 330303 瓯海区 330304 洞头区 330305 永嘉县 330324 瑞安市 330381 乐清市 330382
浙江省 嘉兴市 0573 | 南湖区 330402 秀洲区 330411 嘉善县 330421 海盐县 330424 海宁市 330481 平湖市 330482 桐乡市 330483
浙江省 绍兴市 0575 | 越城区 330602 柯桥区 330603 上虞区 330604 新昌县 330624 诸暨市 330681 嵊州市 330683
浙江省 金华市 0579 | 婺城区 330702 金东区 330703 武义县 330723 浦江县 330726 兰溪市 330781 义乌市 330782 东阳市 330783 永康市 330784
浙江省 台州市 0576 | 椒江区 331002 黄岩区 331003 路桥区 331004 温岭市 331081 临海市 331082 玉环市 331083
安徽省 合肥市 0551 | 瑶海区 340102 庐阳区 340103 蜀山区 340104 包河区 340111 长丰县 340121 肥东县 340122 肥西县 340123 庐江县 340124 巢湖市 340181
安徽省 芜湖市 0553 | 镜湖区 340202 鸠江区 340207 弋江区 340209 湾沚区 340210 繁昌区 340212 无为市 340281
福建省 福州市 0591 | 鼓楼区 350102 台江区 350103 仓山区 350104 马尾区 350105 晋安区 350111 长乐区 350112 闽侯县 350121 连江县 350122 福清市 350181
福建省 厦门市 0592 | 思明区 350203 海沧区 350205 湖里区 350206 集美区 350211 同安区 350212 翔安区 350213
福建省 泉州市 0595 | 鲤城区 350502 丰泽区 350503 洛江区 350504 泉港区 350505 惠安县 350521 安溪县 350524 石狮市 350581 晋江市 350582 南安市 350583
江西省 南昌市 0791 | 东湖区 360102 西湖区 360103 青云谱区 360104 青山湖区 360111 新建区 360112 红谷滩区 360113 南昌县 360121 进贤县 360124
山东省 济南市 0531 | 历下区 370102 市中区 370103 槐荫区 370104 天桥区 370105 历城区 370112 长清区 370113 章丘区 370114 济阳区 370115 莱芜区 370116
山东省 青岛市 0532 | 市南区 370202 市北区 370203 黄岛区 370211 崂山区 370212 李沧区 370213 城阳区 370214 即墨区 370215 胶州市 370281 平度市 370283 莱西市 370285
山东省 烟台市 0535 | 芝罘区 370602 福山区 370611 牟平区 370612 莱山区 370613 蓬莱区 370614 龙口市 370681 莱阳市 370682
山东省 潍坊市 0536 | 潍城区 370702 寒亭区 370703 坊子区 370704 奎文区 370705 青州市 370781 诸城市 370782 寿光市 370783
河南省 郑州市 0371 | 中原区 410102 二七区 410103 管城回族区 410104 金水区 410105 上街区 410106 惠济区 410108 中牟县 410122 巩义市 410181 荥阳市 410182 新郑市 410184
河南省 洛阳市 0379 | 老城区 410302 西工区 410303 瀍河回族区 410304 涧西区 410305 偃师区 410307 孟津区 410308 洛龙区 410311
湖北省 宜昌市 0717 | 西陵区 420502 伍家岗区 420503 点军区 420504 猇亭区 420505 夷陵区 420506 宜都市 420581 当阳市 420582
湖北省 襄阳市 0710 | 襄城区 420602 樊城区 420606 襄州区 420607 南漳县 420624 老河口市 420682 枣阳市 420683 宜城市 420684
湖南省 长沙市 0731 | 芙蓉区 430102 天心区 430103 岳麓区 430104 开福区 430105 雨花区 430111 望城区 430112 长沙县 430121 浏阳市 430181 宁乡市 430182
湖南省 株洲市 0731 | 荷塘区 430202 芦淞区 430203 石峰区 430204 天元区 430211 渌口区 430212
广东省 深圳市 0755 | 罗湖区 440303 福田区 440304 南山区 440305 宝安区 440306 龙岗区 440307 盐田区 440308 龙华区 440309 坪山区 440310 光明区 440311
广东省 珠海市 0756 | 香洲区 440402 斗门区 440403 金湾区 440404
广东省 佛山市 0757 | 禅城区 440604 南海区 440605 顺德区 440606 三水区 440607 高明区 440608
广西壮族自治区 南宁市 0771 | 兴宁区 450102 青秀区 450103 江南区 450105 西乡塘区 450107 良庆区 450108 邕宁区 450109 武鸣区 450110
海南省 海口市 0898 | 秀英区 460105 龙华区 460106 琼山区 460107 美兰区 460108
四川省 绵阳市 0816 | 涪城区 510703 游仙区 510704 安州区 510705 三台县 510722 江油市 510781
贵州省 贵阳市 0851 | 南明区 520102 云岩区 520103 花溪区 520111 乌当区 520112 白云区 520113 观山湖区 520115 清镇市 520181
云南省 昆明市 0871 | 五华区 530102 盘龙区 530103 官渡区 530111 西山区 530112 东川区 530113 呈贡区 530114 晋宁区 530115 安宁市 530181
陕西省 西安市 029 | 新城区 610102 碑林区 610103 莲湖区 610104 灞桥区 610111 未央区 610112 雁塔区 610113 阎良区 610114 临潼区 610115 长安区 610116 高陵区 610117 鄠邑区 610118
甘肃省 兰州市 0931 | 城关区 620102 七里河区 620103 西固区 620104 安宁区 620105 红古区 620111 榆中县 620123
青海省 西宁市 0971 | 城东区 630102 城中区 630103 城西区 630104 城北区 630105 湟中区 630106
宁夏回族自治区 银川市 0951 | 兴庆区 640104 西夏区 640105 金凤区 640106 永宁县 640121 贺兰县 640122 灵武市 640181
新疆维吾尔自治区 乌鲁木齐市 0991 | 天山区 650102 沙依巴克区 650103 新市区 650104 水磨沟区 650105 头屯河区 650106 达坂城区 650107 米东区 650109
"""

STREETS = ["城关", "东城", "西城", "南城", "北城", "新华", "人民", "解放", "城东", "城西", "城南", "城北",
           "中山", "长安", "和平", "胜利", "新城", "滨江", "东湖", "南湖", "北关", "南关", "东关", "西关"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "新华路", "文化路", "和平路", "胜利路", "长江路", "黄河路",
         "友谊路", "光明路", "公园路", "迎宾大道", "市府大道", "世纪大道", "滨河路", "东风路", "朝阳路", "振兴路"]
# Departments whose 个人 services a real portal also lists per 街道 (便民服务中心) or 派出所.
STREET_LEVEL = ("民政局", "人力资源和社会保障局", "残疾人联合会", "卫生健康局", "退役军人事务局", "医疗保障")
URL = "https://www.{abbr}zwfw.gov.cn/guide/detail?itemCode={code}"
PLACEHOLDER = re.compile(r"⟦(\w+)⟧")
PAREN = re.compile(r"（[^）]*）")


@dataclass(frozen=True)
class Place:
    """A target region: a district, a city when district is empty, or a province's own level."""

    province: str
    city: str               # for a province: the city its province-level halls are in
    district: str
    code: str
    area: str
    seat: str = ""          # for a city or province: the district its halls are given addresses in
    level: str = "district"  # "province", "city" or "district"

    def values(self) -> dict:
        """Placeholder values for this place (the keys of source_tokens)."""
        municipality = self.province == self.city
        abbr, app = PROVINCES.get(self.province, ("gov", "政务服务"))
        city_region = self.city if municipality else self.province + self.city
        region = self.province if self.level == "province" else city_region + self.district
        return {
            "region": region, "city_region": city_region,
            "province": self.province, "province_short": short(self.province),
            "city": self.city, "city_short": short(self.city),
            "district": self.district, "district_short": short(self.district),
            "area": self.area, "abbr": abbr, "app": app,
        }


def short(name: str) -> str:
    """浙江省 → 浙江, 广西壮族自治区 → 广西, 杭州市 → 杭州, 浦东新区 → 浦东, 西湖区 → 西湖."""
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "新区", "省", "市", "区", "县"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def parse_regions() -> list[tuple[Place, list[tuple[Place, list[Place]]]]]:
    """(province, [(city, its districts) …]) in the order of REGIONS; codes must be unique."""
    provinces: dict[str, tuple[Place, list]] = {}
    for line in REGIONS.strip().splitlines():
        head, tail = line.split("|")
        province, city, area = head.split()
        parts = tail.split()
        districts = [Place(province, city, name, code, area) for name, code in zip(parts[::2], parts[1::2])]
        seat = districts[0].district
        city_place = Place(province, city, "", districts[0].code[:4] + "00", area, seat=seat, level="city")
        if province not in provinces:
            own = Place(province, city, "", districts[0].code[:2] + "0000", area, seat=seat, level="province")
            provinces[province] = (own, [])
        provinces[province][1].append((city_place, districts))
    result = list(provinces.values())
    codes = [own.code for own, _ in result] + [p.code for _, cities in result for c, ds in cities for p in [c, *ds]]
    assert len(codes) == len(set(codes)), "duplicate region codes in REGIONS"
    return result


def level_of(code: str) -> str:
    """The level of a 6-digit region code: 330000 province, 330100 city, 330106 district."""
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "district"


def source_tokens(code: str, region: str) -> dict[str, str]:
    """Literal strings of one sample province/city/district -> placeholder text that replaces them."""
    province, city, area, app = SOURCES[code[:2]]
    tokens = {
        province + city: "⟦city_region⟧",
        province: "⟦province⟧", short(province): "⟦province_short⟧",
        city: "⟦city⟧", short(city): "⟦city_short⟧",
        area + "-": "⟦area⟧-", app: "⟦app⟧",
    }
    if level_of(code) == "district":
        district = region[len(province + city):]
        tokens.update({province + city + district: "⟦region⟧",
                       district: "⟦district⟧", short(district): "⟦district_short⟧"})
    elif level_of(code) == "province":
        tokens[province] = "⟦region⟧"
    return tokens


@dataclass
class Template:
    """One sample guide with its region-specific text turned into placeholders."""

    text: str               # JSON with ⟦code⟧, ⟦url⟧, ⟦dept⟧, ⟦location⟧ and region placeholders
    text_no_parent: str     # the same without parent_code
    department: str
    location: str
    parent: int | None      # index of the 大项 within its group
    street_level: bool
    withdrawn: bool


def load_templates(path: Path) -> dict[str, list[Template]]:
    """Sample guides grouped by source region code, each turned into a Template."""
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(record["code"][2:8], []).append(record)
    templates = {}
    for code, group in groups.items():
        tokenize = tokenizer(source_tokens(code, group[0].get("region") or ""))
        index = {r["code"]: i for i, r in enumerate(group)}
        templates[code] = [make_template(r, index.get(r.get("parent_code")), tokenize) for r in group]
    return templates


def tokenizer(tokens: dict[str, str]):
    """A function replacing every token in one pass, longest first, so replacements never chain."""
    pattern = re.compile("|".join(map(re.escape, sorted(tokens, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: tokens[m.group()], text)


def make_template(record: dict, parent: int | None, tokenize) -> Template:
    location = PAREN.sub("（⟦address⟧）", record.get("location", ""), count=1)
    shell = {**record, "code": "⟦code⟧", "department": "⟦dept⟧", "location": "⟦location⟧",
             "online_url": "⟦url⟧"}
    with_parent = {**shell, "parent_code": "⟦parent⟧"} if parent is not None else shell
    shell.pop("parent_code", None)
    department = record["department"]
    police = "公安局" in department and "分局" in department
    street = "个人" in record["audience"] and (police or any(k in department for k in STREET_LEVEL))
    return Template(
        text=tokenize(json.dumps(with_parent, ensure_ascii=False)),
        text_no_parent=tokenize(json.dumps(shell, ensure_ascii=False)),
        department=tokenize(record["department"]), location=tokenize(location),
        parent=parent, street_level=street, withdrawn=record.get("status") == "withdrawn",
    )


def fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


class Writer:
    """Renders templates into a place, numbering codes per region and mixing in ~1 % withdrawn."""

    def __init__(self, out, count: int, rng: random.Random, withdrawn: list[Template], reserved=()):
        self.out, self.count, self.rng = out, count, rng
        self.withdrawn = itertools.cycle(withdrawn) if withdrawn else None
        self.serials: dict[str, int] = {code: 500 for code in reserved}  # codes the sample uses: from 501
        self.written = 0
        self.next_withdrawn = 99  # one withdrawn guide in every hundred, placed in districts

    @property
    def done(self) -> bool:
        return self.written >= self.count

    def place(self, place: Place, group: list[Template], street: str = "") -> None:
        """Write every (active) template of a group into `place`, optionally at street level."""
        values = place.values()
        codes: dict[int, str] = {}
        for i, template in enumerate(group):
            if self.done:
                return
            if template.withdrawn or (street and not template.street_level):
                continue
            if self.withdrawn and place.level == "district" and self.written >= self.next_withdrawn:
                self.next_withdrawn += 100
                self.render(next(self.withdrawn), place, values, None, street)
                if self.done:
                    return
            codes[i] = self.render(template, place, values, codes.get(template.parent), street)

    def render(self, template: Template, place: Place, values: dict, parent: str | None, street: str) -> str:
        serial = self.serials[place.code] = self.serials.get(place.code, 0) + 1
        code = f"SG{place.code}{serial:03d}"
        road = f"{place.district or place.seat}{self.rng.choice(ROADS)}{self.rng.randrange(1, 600)}号"
        values = {**values, "code": code, "parent": parent or "", "address": road,
                  "url": URL.format(abbr=values["abbr"], code=code)}
        department, location = fill(template.department, values), fill(template.location, values)
        if street:
            department, location = street_unit(department, values, street, road)
        values.update(dept=department, location=location)
        text = template.text if parent else template.text_no_parent
        self.out.write(fill(text, values) + "\n")
        self.written += 1
        return code


def street_unit(department: str, values: dict, street: str, road: str) -> tuple[str, str]:
    """The 街道 or 派出所 that also handles a district's service: (department, location)."""
    if "公安局" in department:
        unit = f"{department}{street}派出所"
        return unit, f"{unit}户籍窗口（{road}）"
    unit = f"{values['city']}{values['district']}{street}街道便民服务中心"
    return unit, f"{unit}（{road}）"


def generate(count: int, out_path: Path, seed: int, sample: Path = SAMPLE) -> int:
    """Write `count` guides to out_path; returns the number written."""
    rng = random.Random(seed)
    templates = load_templates(sample)
    groups = {level: [g for code, g in sorted(templates.items()) if level_of(code) == level]
              for level in ("province", "city", "district")}
    if not groups["district"]:
        raise SystemExit("the sample has no district guides to place")
    withdrawn = [t for g in templates.values() for t in g if t.withdrawn]
    provinces = parse_regions()
    taken = [p.code for _, cities in provinces for c, ds in cities for p in [c, *ds] if p.code in templates]
    if taken:
        raise SystemExit(f"REGIONS reuses region codes of the sample: {taken}")
    with out_path.open("w", encoding="utf-8", buffering=1 << 20) as out:
        writer = Writer(out, count, rng, withdrawn, reserved=templates)
        for street_pass in itertools.count():
            written_before = writer.written
            for province, cities in provinces:
                if street_pass == 0 and groups["province"]:
                    writer.place(province, rng.choice(groups["province"]))
                for city, districts in cities:
                    if street_pass == 0 and groups["city"]:
                        writer.place(city, rng.choice(groups["city"]))
                    for number, district in enumerate(districts):
                        street = STREETS[(street_pass + number) % len(STREETS)] if street_pass else ""
                        writer.place(district, rng.choice(groups["district"]), street)
                    if writer.done:
                        return writer.written
            if writer.written == written_before:
                raise SystemExit("the sample has no guides to place")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    started = time.perf_counter()
    written = generate(args.count, args.out, args.seed, args.sample)
    print(f"wrote {written} guides to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
