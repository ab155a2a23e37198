"""Build the bundled sample of 办事指南 (service guides): govsearch/sample_data/guides.jsonl.

The sample is written in the style of a provincial government-service platform: a catalogue of
base services (the official item name, 实施主体 by role, audience, themes, materials, procedure …)
is instantiated at the level that implements each of them, in three provinces of four levels:

    浙江省 (330000)                 四川省 (510000)                 湖北省 (420000)
      杭州市 (330100)                 成都市 (510100)                 武汉市 (420100)
        西湖区 (330106)                 武侯区 (510107)                 洪山区 (420111)
        上城区 (330102)                 锦江区 (510104)                 江汉区 (420103)

PROVINCE_SERVICES (资质, 执业许可, 药品批发, 职称 … handled by the provincial 厅/局) go to the
provinces, CITY_SERVICES (住房公积金, 出入境, 车管所, 不动产登记, city 医保/社保 items, utilities) to
the cities and DISTRICT_SERVICES to both districts of every city. A region is a full path
(``浙江省`` / ``浙江省杭州市`` / ``浙江省杭州市西湖区``); a person is served by the copies of their
locality and of its ancestors. Each region supplies its own department names, service halls,
telephone numbers, online platform and opening hours, so regional copies differ the way real ones
do while the item names stay official; a few districts publish an item under a local name
(``local_names``: 锦江区 calls 城乡居民基本养老保险参保登记 「城乡居民养老保险参保」). Departments,
addresses, telephone numbers and URLs are written in the style of real ones but are fictitious.

Codes (实施编码) are ``SG`` + 6-digit region code + 3-digit serial, numbered per region in catalogue
order. Every copy of one service, in every locality and under whatever local name, shares one
basic code (基本编码): ``JB`` + 4-digit serial (``JB0001``), a 小项 its 大项's code + ``-NN``
(``JB0001-02``). The six regions of the first sample (the cities and 西湖区/武侯区/洪山区) are built
exactly as before, so their guides keep their codes and contents. The output is deterministic.

    python bench/build_sample_guides.py [--out govsearch/sample_data/guides.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "govsearch" / "sample_data" / "guides.jsonl"

# --------------------------------------------------------------------------------------------
# Small constructors that keep the catalogue below readable
# --------------------------------------------------------------------------------------------

P, L, PL = ("个人",), ("法人",), ("个人", "法人")
FREE = {"charged": False, "standard": "不收费", "basis": ""}


def fee(standard: str, basis: str) -> dict:
    """A charged item: the standard as citizens read it and the pricing document behind it."""
    return {"charged": True, "standard": standard, "basis": basis}


def m(name: str, form: str = "原件", copies: int = 1, source: str = "申请人自备",
      required: bool = True, note: str = "") -> dict:
    """One 申请材料 entry."""
    return {"name": name, "form": form, "copies": copies, "source": source,
            "required": required, "note": note}


def steps(*items: str) -> list[dict]:
    """Procedure steps written as "名称：说明"."""
    out = []
    for number, item in enumerate(items, 1):
        name, description = item.split("：", 1)
        out.append({"step": number, "name": name, "description": description})
    return out


def qa(q: str, a: str) -> dict:
    return {"q": q, "a": a}


# Materials that many items share.
ID_CARD = m("居民身份证", "原件或电子证照", note="可通过电子证照库调取的免于提交")
ID_APPLICANT = m("申请人居民身份证", "原件或电子证照")
HUKOU = m("居民户口簿", "原件或电子证照")
BANK_CARD = m("本人名下银行借记卡", note="用于接收资金")
SSCARD = m("居民身份证或社会保障卡", "原件或电子证照")
BIZ_LICENSE = m("营业执照", "原件或电子证照", note="已通过电子营业执照核验的免于提交")
LEGAL_REP_ID = m("法定代表人（负责人）身份证件", "原件或电子证照")
AGENT_AUTH = m("委托代理人身份证件及授权委托书", "原件", required=False, note="委托他人办理的提供")
PHOTO = m("近期一寸白底免冠彩色照片", "纸质照片或电子照片", copies=2, required=False,
          note="现场采集数字相片的免于提交")

# Procedures that many items share ({app}/{site} are filled in per region).
ONLINE_APPLY = "申请：通过{app}、{site}在线提交申请，或到窗口现场提交申请材料。"
WINDOW_ACCEPT = "受理：窗口工作人员核验身份和材料，材料齐全、符合法定形式的当场受理；不齐全的一次性告知需要补正的全部内容。"
REVIEW = "审核：承办部门对申请材料进行审查，必要时开展现场核查。"
DECIDE = "决定：作出准予或不予许可的决定，不予许可的书面说明理由并告知申请人享有的权利。"
DELIVER = "送达：证照可窗口领取、免费邮寄送达，电子证照同步推送至{app}“卡包”。"


@dataclass
class Service:
    """One base service of the catalogue; instantiated once per region it exists in."""

    name: str
    dept: str                       # a role key of DEPARTMENT_ROLES
    audience: tuple
    item_type: str
    themes: list
    life_events: list
    keywords: list
    summary: str
    conditions: str
    basis: list
    materials: list
    procedure: list
    days: tuple                     # (legal_days, promised_days[, unit])
    fee: dict = field(default_factory=lambda: FREE)
    faq: list = field(default_factory=list)
    online_mode: int = 3            # 1 到现场 · 2 网上预约预审 · 3 网上申报窗口领证 · 4 全程网办
    level: str = "district"         # "district", "city" or "province": where it is implemented
    venue: str = "center"           # key of Region.venues
    only_in: tuple = ()             # city names ("杭州", "成都", "武汉"); empty means everywhere
    key: str = ""                   # family key for 大项/小项
    parent: str = ""                # key of the 大项
    status: str = "active"


# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

# Department name templates by role. {p} = province (浙江省), {c} = city (杭州市), {d} = district
# (西湖区), {s} = district without suffix (西湖), {cs} = city without suffix (杭州).
DEPARTMENT_ROLES = {
    # district level
    "公安": "{c}公安局{d}分局",
    "市场监管": "{c}{d}市场监督管理局",
    "市监许可": "{c}{d}市场监督管理局",
    "税务": "国家税务总局{c}{d}税务局",
    "民政": "{c}{d}民政局",
    "卫健": "{c}{d}卫生健康局",
    "卫健许可": "{c}{d}卫生健康局",
    "人社": "{c}{d}人力资源和社会保障局",
    "人社许可": "{c}{d}人力资源和社会保障局",
    "医保": "{c}{d}医疗保障局",
    "教育": "{c}{d}教育局",
    "司法": "{c}{d}司法局",
    "法律援助": "{c}{d}法律援助中心",
    "公证": "{c}{s}公证处",
    "退役军人": "{c}{d}退役军人事务局",
    "残联": "{c}{d}残疾人联合会",
    "住建": "{c}{d}住房和城乡建设局",
    "住建许可": "{c}{d}住房和城乡建设局",
    "城管": "{c}{d}城市管理局",
    "规划资源": "{c}规划和自然资源局{s}分局",
    "发改": "{c}{d}发展和改革局",
    "生态环境": "{c}生态环境局{s}分局",
    "交通": "{c}{d}交通运输局",
    "农业": "{c}{d}农业农村局",
    "林业": "{c}{d}农业农村局",
    "文旅": "{c}{d}文化和旅游局",
    "科技": "{c}{d}科学技术局",
    "商务": "{c}{d}商务局",
    "消防": "{c}{d}消防救援大队",
    "烟草": "{c}{d}烟草专卖局",
    "宗教": "{c}{d}民族宗教事务局",
    # city level
    "公积金": "{cs}住房公积金管理中心",
    "出入境": "{c}公安局出入境管理局",
    "车管所": "{c}公安局交通管理局车辆管理所",
    "不动产": "{c}不动产登记中心",
    "市医保": "{c}医疗保障局",
    "市社保": "{c}社会保险事业管理局",
    "供水": "{c}自来水有限责任公司",
    "供电": "国网{cs}供电公司",
    "档案": "{c}档案馆",
    # province level
    "省住建": "{p}住房和城乡建设厅",
    "省司法": "{p}司法厅",
    "省文旅": "{p}文化和旅游厅",
    "省药监": "{p}药品监督管理局",
    "省人社": "{p}人力资源和社会保障厅",
    "省交通": "{p}交通运输厅",
    "省应急": "{p}应急管理厅",
    "省教育": "{p}教育厅",
    "省市监": "{p}市场监督管理局",
    "省生态": "{p}生态环境厅",
    "省财政": "{p}财政厅",
    "省自然资源": "{p}自然资源厅",
    "省经信": "{p}经济和信息化厅",
}


@dataclass(frozen=True)
class Region:
    code: str
    name: str                       # 浙江省杭州市西湖区 / 浙江省杭州市 / 浙江省
    province: str
    city: str                       # "" for a province
    district: str                   # "" for a city or a province
    area_code: str
    app: str
    site: str
    url: str                        # with {code}
    hours: str
    venues: dict                    # venue -> (location, phone)
    departments: dict               # role -> department name
    faster: bool = False            # 承诺时限再压缩 for longer items
    level: str = "district"         # "province", "city" or "district"
    local_names: dict = field(default_factory=dict)  # official item name -> the name published here


def make_region(city: dict, district: dict | None = None) -> Region:
    """Combine a city's data (and a district's) into a Region with resolved department names."""
    d = district or {}
    names = {"p": city["province"], "c": city["city"], "cs": city["city"][:-1],
             "d": d.get("district", ""), "s": d.get("district", "")[:-1]}
    overrides = {**city.get("departments", {}), **d.get("departments", {})}
    departments = {role: overrides.get(role, template).format(**names)
                   for role, template in DEPARTMENT_ROLES.items()}
    venues = {**city["venues"], **d.get("venues", {})}
    return Region(
        code=d.get("code", city["code"]),
        name=city["province"] + city["city"] + d.get("district", ""),
        province=city["province"], city=city["city"], district=d.get("district", ""),
        area_code=city["area_code"], app=city["app"], site=city["site"], url=city["url"],
        hours=d.get("hours", city["hours"]), venues=venues, departments=departments,
        faster=city.get("faster", False), level="district" if district else "city",
        local_names=dict(d.get("local_names", {})),
    )


def make_province_region(province: dict) -> Region:
    """A province's own level (省本级): its 厅/局 and the provincial service hall."""
    names = {"p": province["province"], "c": "", "cs": "", "d": "", "s": ""}
    overrides = province.get("departments", {})
    departments = {role: overrides.get(role, template).format(**names)
                   for role, template in DEPARTMENT_ROLES.items() if "{c}" not in template and "{cs}" not in template}
    return Region(
        code=province["code"], name=province["province"], province=province["province"], city="", district="",
        area_code=province["area_code"], app=province["app"], site=province["site"], url=province["url"],
        hours=province["hours"], venues=dict(province["venues"]), departments=departments,
        faster=province.get("faster", False), level="province",
    )


HANGZHOU = {
    "code": "330100", "province": "浙江省", "city": "杭州市", "area_code": "0571",
    "app": "“浙里办”APP", "site": "浙江政务服务网",
    "url": "https://www.zjzwfw.gov.cn/zjservice/item/detail/index.do?localInnerCode={code}",
    "hours": "工作日上午9:00-12:00，下午13:30-17:00",
    "departments": {
        "车管所": "杭州市公安局交通警察支队车辆管理所",
        "不动产": "杭州市不动产登记服务中心",
        "市社保": "杭州市社会保险管理服务中心",
        "供水": "杭州市水务集团有限公司",
        "医保": "杭州市医疗保障局{s}分局",
        "林业": "{c}{d}林业水利局",
        "文旅": "{c}{d}文化和广电旅游体育局",
    },
    "venues": {
        "city": ("杭州市民中心行政服务中心（上城区解放东路18号）", "0571-85251234"),
        "gjj": ("杭州住房公积金管理中心服务大厅（上城区解放东路18号市民中心J楼）", "0571-12329"),
        "exit": ("杭州市公安局出入境管理局接待大厅（拱墅区环城北路165号）", "0571-87280123"),
        "vehicle": ("杭州市公安局交通警察支队车辆管理所业务大厅（余杭区五常大道178号）", "0571-86076122"),
        "estate": ("杭州市不动产登记服务中心办事大厅（上城区解放东路18号市民中心K楼）", "0571-87063355"),
        "medical": ("杭州市民中心医保服务窗口（上城区解放东路18号）", "0571-88808880"),
        "social": ("杭州市社会保险管理服务中心业务大厅（上城区解放东路18号市民中心H楼）", "0571-12333"),
        "water": ("杭州水务营业厅（拱墅区密渡桥路16号）", "0571-96390"),
        "power": ("国网杭州供电公司营业厅（上城区解放路59号）", "0571-95598"),
        "archive": ("杭州市档案馆查档接待室（上城区解放东路18号市民中心F楼）", "0571-85254190"),
    },
}

CHENGDU = {
    "code": "510100", "province": "四川省", "city": "成都市", "area_code": "028", "faster": True,
    "app": "“天府通办”APP", "site": "四川政务服务网",
    "url": "https://www.sczwfw.gov.cn/jiq/front/transition/ywTransToDetail?itemCode={code}",
    "hours": "工作日上午9:00-12:30，下午13:30-17:30",
    "departments": {
        "不动产": "成都市不动产登记中心",
        "供电": "国网四川省电力公司成都供电公司",
        "生态环境": "{c}{s}生态环境局",
        "文旅": "{c}{d}文化体育和旅游局",
        "市监许可": "{c}{d}行政审批局",
        "卫健许可": "{c}{d}行政审批局",
        "人社许可": "{c}{d}行政审批局",
        "住建许可": "{c}{d}行政审批局",
    },
    "venues": {
        "city": ("成都市政务服务中心（高新区锦城大道366号）", "028-61881234"),
        "gjj": ("成都住房公积金管理中心营业大厅（青羊区鼓楼北一街8号）", "028-12329"),
        "exit": ("成都市公安局出入境管理局办证大厅（青羊区人民西路2号）", "028-86407067"),
        "vehicle": ("成都市公安局交通管理局车辆管理所（成华区双林路33号）", "028-87013122"),
        "estate": ("成都市不动产登记中心办事大厅（锦江区大业路6号）", "028-86249866"),
        "medical": ("成都市医疗保障事务中心服务大厅（高新区锦城大道366号）", "028-61889000"),
        "social": ("成都市社会保险事业管理局经办大厅（青羊区草市街2号）", "028-12333"),
        "water": ("成都自来水营业厅（青羊区小河街12号）", "028-96577"),
        "power": ("成都供电公司营业厅（成华区一环路北四段88号）", "028-95598"),
        "archive": ("成都市档案馆利用接待大厅（高新区天府大道北段1700号）", "028-61882356"),
    },
}

WUHAN = {
    "code": "420100", "province": "湖北省", "city": "武汉市", "area_code": "027",
    "app": "“鄂汇办”APP", "site": "湖北政务服务网",
    "url": "https://zwfw.hubei.gov.cn/webview/bszn/bsznpage.html?transactCode={code}",
    "hours": "工作日上午9:00-12:00，下午14:00-17:00",
    "departments": {
        "不动产": "武汉市不动产登记局",
        "市社保": "武汉市社会保险管理中心",
        "供水": "武汉市水务集团有限公司",
        "规划资源": "{c}自然资源和规划局{s}分局",
        "生态环境": "{c}生态环境局{d}分局",
        "城管": "{c}{d}城市管理执法局",
    },
    "venues": {
        "city": ("武汉市民之家（东西湖区金银潭大道26号）", "027-85551234"),
        "gjj": ("武汉住房公积金管理中心市民之家服务窗口（东西湖区金银潭大道26号）", "027-12329"),
        "exit": ("武汉市公安局出入境管理局接待大厅（江岸区胜利街261号）", "027-85395350"),
        "vehicle": ("武汉市公安局交通管理局车辆管理所（江汉区常青路188号）", "027-85395123"),
        "estate": ("武汉市不动产登记中心业务大厅（江汉区青年路28号）", "027-85552698"),
        "medical": ("武汉市医疗保障服务中心窗口（东西湖区金银潭大道26号武汉市民之家）", "027-85550012"),
        "social": ("武汉市社会保险管理中心服务大厅（江汉区新华路97号）", "027-12333"),
        "water": ("武汉水务集团营业厅（江岸区解放大道1470号）", "027-85851234"),
        "power": ("国网武汉供电公司营业厅（江岸区台北一路8号）", "027-95598"),
        "archive": ("武汉市档案馆查档大厅（武昌区东湖路218号）", "027-86772345"),
    },
}

XIHU = {
    "code": "330106", "district": "西湖区",
    "hours": "工作日上午8:45-12:00，下午13:30-17:00；周六上午9:00-12:00（部分事项）",
    "venues": {
        "center": ("杭州市西湖区政务服务中心（西湖区文二西路808号）", "0571-87993456"),
        "police": ("杭州市西湖区政务服务中心公安综合窗口（西湖区文二西路808号）", "0571-87993110"),
        "marriage": ("杭州市西湖区婚姻登记处（西湖区古墩路567号）", "0571-88807221"),
        "hospital": ("杭州市西湖区辖区各助产机构出生医学证明办理窗口", "0571-87993372"),
    },
}

WUHOU = {
    "code": "510107", "district": "武侯区",
    "hours": "工作日上午9:00-12:30，下午13:30-17:30",
    "venues": {
        "center": ("成都市武侯区政务服务中心（武侯区武科西二路189号）", "028-85082345"),
        "police": ("成都市公安局武侯区分局户政服务大厅（武侯区武科西二路189号）", "028-85081110"),
        "marriage": ("成都市武侯区婚姻登记处（武侯区龙腾中路16号）", "028-85097688"),
        "hospital": ("成都市武侯区辖区各助产机构出生医学证明签发窗口", "028-85084120"),
    },
}

HONGSHAN = {
    "code": "420111", "district": "洪山区",
    "hours": "工作日上午9:00-12:00，下午14:00-17:30",
    "venues": {
        "center": ("武汉市洪山区政务服务中心（洪山区团结大道1020号）", "027-87591234"),
        "police": ("武汉市洪山区政务服务中心公安户政窗口（洪山区团结大道1020号）", "027-87591110"),
        "marriage": ("武汉市洪山区婚姻登记处（洪山区珞喻路479号）", "027-87677520"),
        "hospital": ("武汉市洪山区辖区各助产机构出生医学证明办理窗口", "027-87590369"),
    },
}

# The second district of each city: added after the first sample, so its items carry new codes.
# A few of its items are published under the locality's own name (local_names); they keep the
# basic code (基本编码) of the official item.
SHANGCHENG = {
    "code": "330102", "district": "上城区",
    "hours": "工作日上午8:30-12:00，下午13:30-17:00；周六上午9:00-12:00（综合窗口）",
    "departments": {
        "消防": "{c}消防救援支队{d}大队",
        "城管": "{c}{d}城市管理局（综合行政执法局）",
    },
    "venues": {
        "center": ("杭州市上城区政务服务中心（上城区钱江路639号）", "0571-86091234"),
        "police": ("杭州市上城区政务服务中心公安综合窗口（上城区钱江路639号）", "0571-86091110"),
        "marriage": ("杭州市上城区婚姻登记处（上城区庆春路225号）", "0571-87021568"),
        "hospital": ("杭州市上城区辖区各助产机构出生医学证明办理窗口", "0571-86091372"),
    },
    "local_names": {
        "义务教育小学一年级新生入学": "小学一年级新生入学报名",
        "个体工商户设立登记": "个体工商户开业登记",
        "特困人员救助供养申请": "特困人员认定",
    },
}

JINJIANG = {
    "code": "510104", "district": "锦江区",
    "hours": "工作日上午9:00-12:30，下午13:30-17:30；周六上午9:30-12:30（部分事项）",
    "departments": {
        "农业": "{c}{d}农业和水务局",
        "林业": "{c}{d}农业和水务局",
    },
    "venues": {
        "center": ("成都市锦江区政务服务中心（锦江区东大街芷泉段229号）", "028-84681234"),
        "police": ("成都市公安局锦江区分局户政服务大厅（锦江区东大街芷泉段229号）", "028-84681110"),
        "marriage": ("成都市锦江区婚姻登记处（锦江区水井街36号）", "028-84652688"),
        "hospital": ("成都市锦江区辖区各助产机构出生医学证明签发窗口", "028-84684120"),
    },
    "local_names": {
        "城乡居民基本养老保险参保登记": "城乡居民养老保险参保",
        "居民身份证挂失补领": "居民身份证补领",
        "最低生活保障申请": "最低生活保障审核确认",
    },
}

JIANGHAN = {
    "code": "420103", "district": "江汉区",
    "hours": "工作日上午8:30-12:00，下午14:00-17:30",
    "departments": {
        "林业": "{c}{d}园林和林业局",
        "文旅": "{c}{d}文化和旅游局（体育局）",
    },
    "venues": {
        "center": ("武汉市江汉区政务服务中心（江汉区新华路218号）", "027-85771234"),
        "police": ("武汉市江汉区政务服务中心公安户政窗口（江汉区新华路218号）", "027-85771110"),
        "marriage": ("武汉市江汉区婚姻登记处（江汉区万松园路100号）", "027-85866520"),
        "hospital": ("武汉市江汉区辖区各助产机构出生医学证明办理窗口", "027-85770369"),
    },
    "local_names": {
        "户籍类证明开具": "户籍证明出具",
        "公共租赁住房保障资格申请": "公共租赁住房租赁资格申请",
    },
}

# The provinces' own level (省本级): provincial 厅/局, the provincial service hall and platform.
ZHEJIANG = {
    "code": "330000", "province": "浙江省", "area_code": "0571",
    "app": HANGZHOU["app"], "site": HANGZHOU["site"], "url": HANGZHOU["url"],
    "hours": "工作日上午9:00-12:00，下午13:30-17:00",
    "departments": {"省文旅": "浙江省文化广电和旅游厅"},
    "venues": {
        "province": ("浙江政务服务中心综合受理窗口（杭州市西湖区省府路8号）", "0571-87055678"),
        "drug": ("浙江省药品监督管理局行政受理中心（杭州市西湖区莫干山路77号）", "0571-88903456"),
    },
}

SICHUAN = {
    "code": "510000", "province": "四川省", "area_code": "028", "faster": True,
    "app": CHENGDU["app"], "site": CHENGDU["site"], "url": CHENGDU["url"],
    "hours": "工作日上午9:00-12:00，下午13:00-17:00",
    "venues": {
        "province": ("四川省政务服务和公共资源交易服务中心（成都市高新区天府大道北段1480号）", "028-86939000"),
        "drug": ("四川省药品监督管理局政务服务窗口（成都市青羊区玉沙路98号）", "028-86785432"),
    },
}

HUBEI = {
    "code": "420000", "province": "湖北省", "area_code": "027",
    "app": WUHAN["app"], "site": WUHAN["site"], "url": WUHAN["url"],
    "hours": "工作日上午9:00-12:00，下午14:00-17:00",
    "venues": {
        "province": ("湖北省政务服务中心（武汉市武昌区东湖路181号）", "027-87231234"),
        "drug": ("湖北省药品监督管理局行政审批窗口（武汉市武昌区公正路17号）", "027-87111234"),
    },
}

PROVINCE_DATA = {"杭州": ZHEJIANG, "成都": SICHUAN, "武汉": HUBEI}   # by the city short name
CITY_DATA = {"杭州": HANGZHOU, "成都": CHENGDU, "武汉": WUHAN}
DISTRICT_DATA = {"杭州": [XIHU, SHANGCHENG], "成都": [WUHOU, JINJIANG], "武汉": [HONGSHAN, JIANGHAN]}

# The regions of the first sample (one city and one district per province). They are built first,
# in this order, from one random stream, so their records stay exactly as they were.
LEGACY_REGIONS = ("330100", "330106", "510100", "510107", "420100", "420111")


# --------------------------------------------------------------------------------------------
# Catalogue: province-level services (省本级 items, handled by the provincial 厅/局)
# --------------------------------------------------------------------------------------------

SAFETY_EVALUATION = m("安全评价报告", "电子文件", source="具备资质的安全评价机构出具")

PROVINCE_SERVICES = [
    # ---- 住房和城乡建设 ---------------------------------------------------------------------
    Service(
        name="建筑施工企业安全生产许可证核发", dept="省住建", audience=L, item_type="行政许可",
        themes=["工程建设", "准营准办"], life_events=[],
        keywords=["安全生产许可证", "建筑安许证", "施工企业安全许可"],
        summary="建筑施工企业从事土木工程、建筑工程、线路管道和设备安装工程及装修工程的新建、扩建、改建和拆除等活动，"
                "应当依法取得安全生产许可证；许可证有效期为3年，期满需要延期的，应当于期满前3个月向原发证机关办理延期手续。",
        conditions="建立健全安全生产责任制和安全生产规章制度；主要负责人、项目负责人、专职安全生产管理人员经住房城乡建设主管部门考核合格；"
                   "依法参加工伤保险；管理人员和作业人员每年进行安全生产教育培训并考核合格。",
        basis=["《安全生产许可证条例》第二条", "《建筑施工企业安全生产许可证管理规定》（建设部令第128号）"],
        materials=[m("建筑施工企业安全生产许可证申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("安全生产责任制度和安全生产管理制度文件", "电子文件"),
                   m("主要负责人、项目负责人、专职安全生产管理人员安全生产考核合格证书", "原件或电子证照",
                     note="可通过建筑市场监管平台核验的免于提交"),
                   m("工伤保险参保证明", "电子信息", note="可通过部门共享核验的免于提交")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(45, 10), online_mode=4, level="province", venue="province",
    ),
    Service(
        name="建筑业企业资质认定", dept="省住建", audience=L, item_type="行政许可",
        themes=["工程建设", "准营准办"], life_events=[],
        keywords=["施工总承包资质", "建筑资质申请", "专业承包资质"],
        summary="企业从事建筑工程、市政公用工程等施工活动，应当按照其拥有的资产、主要人员、已完成的工程业绩和技术装备等条件申请建筑业企业资质；"
                "施工总承包、专业承包二级等资质由省级住房城乡建设主管部门审批，取得资质后方可在许可范围内承揽工程。",
        conditions="依法取得营业执照的企业；净资产、注册建造师及中级以上职称人员、技术工人等符合《建筑业企业资质标准》相应等级要求；"
                   "具有满足要求的工程业绩和技术装备；申请之日前一年内无重大安全事故和违法违规行为。",
        basis=["《中华人民共和国建筑法》第十三条", "《建筑业企业资质管理规定》（住房和城乡建设部令第22号）"],
        materials=[m("建筑业企业资质申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("企业主要人员的身份证明、职称证书和社会保险缴费证明", "电子文件",
                     note="已在建筑市场监管平台登记的免于重复提交"),
                   m("代表工程业绩的施工合同和竣工验收资料", "电子文件")],
        procedure=steps(ONLINE_APPLY,
                        "受理：省住房城乡建设主管部门对申请材料进行形式审查，符合要求的予以受理。",
                        "审查：组织专家对企业人员、业绩和技术装备进行审查，并公示审查意见。",
                        DECIDE, DELIVER),
        days=(20, 15), online_mode=4, level="province", venue="province",
    ),
    Service(
        name="二级建造师执业资格注册", dept="省住建", audience=P, item_type="行政许可",
        themes=["工程建设", "就业创业"], life_events=["就业"],
        keywords=["二建注册", "二级建造师初始注册", "建造师证书"],
        summary="取得二级建造师资格证书并受聘于一个具有工程建设相关资质的单位的人员，经注册后方可以建造师名义执业；"
                "注册分为初始注册、延续注册、变更注册和增项注册，注册有效期为3年，电子注册证书全国通用。",
        conditions="取得二级建造师资格证书；受聘于一个具有建设工程勘察、设计、施工、监理、招标代理、造价咨询等一项或多项资质的单位；"
                   "达到继续教育要求；没有《注册建造师管理规定》规定不予注册的情形。",
        basis=["《注册建造师管理规定》（建设部令第153号）第十条", "《{prov}二级建造师注册管理办法》"],
        materials=[ID_APPLICANT, m("二级建造师资格证书", "原件或电子证照"),
                   m("与聘用单位签订的劳动合同", "电子文件"),
                   m("聘用单位社会保险缴费证明", "电子信息", note="可通过部门共享核验的免于提交")],
        procedure=steps("申请：申请人通过{app}或建造师注册管理系统填报，经聘用单位确认后提交。",
                        "受理：省住房城乡建设主管部门核验申请材料。",
                        "审查：核查资格证书、聘用关系和社会保险缴费信息。",
                        "决定：准予注册的，核发二级建造师电子注册证书。"),
        days=(20, 5), online_mode=4, level="province", venue="province",
        faq=[qa("二级建造师注册证书快到期了怎么办？",
                "注册有效期满需继续执业的，应在期满前30日内申请延续注册，延续注册的有效期为3年。")],
    ),
    # ---- 司法行政 --------------------------------------------------------------------------
    Service(
        name="律师执业许可", dept="省司法", audience=P, item_type="行政许可",
        themes=["司法公证", "就业创业"], life_events=["就业"],
        keywords=["律师证", "申请律师执业", "实习律师转正"],
        summary="通过国家统一法律职业资格考试取得法律职业资格证书、在律师事务所实习满一年的人员，可以申请律师执业；"
                "由设区的市级司法行政部门受理并出具审查意见后报送省级司法行政部门审核，准予执业的颁发律师执业证书。",
        conditions="拥护中华人民共和国宪法；取得法律职业资格证书；在律师事务所实习满一年并经实习考核合格；品行良好；"
                   "不存在无民事行为能力、受过刑事处罚（过失犯罪除外）、被开除公职或者被吊销律师执业证书等情形。",
        basis=["《中华人民共和国律师法》第五条", "《律师执业管理办法》（司法部令第134号）"],
        materials=[m("律师执业申请书", "电子表单", source="线上填写"), ID_APPLICANT,
                   m("法律职业资格证书", "原件或电子证照"),
                   m("律师协会出具的实习考核合格材料", "原件"),
                   m("拟执业律师事务所出具的同意接收证明", "原件")],
        procedure=steps(ONLINE_APPLY,
                        "初审：设区的市级司法行政部门受理并出具审查意见。",
                        "审核：省级司法行政部门对申请材料进行审核。",
                        DECIDE, DELIVER),
        days=(30, 10), online_mode=3, level="province", venue="province",
    ),
    Service(
        name="律师事务所设立许可", dept="省司法", audience=L, item_type="行政许可",
        themes=["司法公证", "设立变更"], life_events=[],
        keywords=["开律所", "律师事务所设立", "合伙律所"],
        summary="设立律师事务所，应当向设区的市级或者直辖市的区人民政府司法行政部门提出申请，由其审查后报省级司法行政部门审核；"
                "准予设立的颁发律师事务所执业许可证，合伙律师事务所、个人律师事务所和国家出资设立的律师事务所适用不同条件。",
        conditions="有自己的名称、住所和章程；有符合规定的律师，设立合伙律师事务所应有三名以上合伙人；"
                   "设立人为具有一定执业经历且三年内未受过停止执业处罚的律师；有符合国务院司法行政部门规定数额的资产。",
        basis=["《中华人民共和国律师法》第十四条", "《律师事务所管理办法》（司法部令第142号）"],
        materials=[m("律师事务所设立申请书", "电子表单", source="线上填写"),
                   m("律师事务所章程和合伙协议", "原件"),
                   m("设立人的律师执业证书", "原件或电子证照"),
                   m("律师事务所住所证明", "原件"), m("资产证明", "原件")],
        procedure=steps(ONLINE_APPLY,
                        "初审：设区的市级司法行政部门进行审查并出具审查意见。",
                        "审核：省级司法行政部门对申请材料进行审核。",
                        DECIDE, DELIVER),
        days=(30, 15), online_mode=3, level="province", venue="province",
    ),
    # ---- 文化和旅游 ------------------------------------------------------------------------
    Service(
        name="导游证核发", dept="省文旅", audience=P, item_type="行政许可",
        themes=["旅游观光", "就业创业"], life_events=["就业"],
        keywords=["导游证", "电子导游证", "导游资格证换证"],
        summary="取得导游人员资格证书，并与旅行社订立劳动合同或者在旅游行业组织注册的人员，可通过全国旅游监管服务平台申请取得导游证；"
                "导游证采用电子证件形式，以电子数据形式保存于导游本人的手机等移动终端设备中。",
        conditions="取得导游人员资格证书；与旅行社订立劳动合同或者在相关旅游行业组织注册；"
                   "不存在无民事行为能力或者限制民事行为能力、受过刑事处罚（过失犯罪除外）、被吊销导游证之日起未逾3年等情形。",
        basis=["《导游人员管理条例》第四条", "《导游管理办法》（国家旅游局令第44号）"],
        materials=[ID_APPLICANT, m("导游人员资格证书", "原件或电子证照"),
                   m("与旅行社订立的劳动合同或在旅游行业组织注册的证明", "电子文件"),
                   m("近期免冠彩色照片", "电子照片")],
        procedure=steps("申请：通过全国旅游监管服务平台填写申请信息并上传材料。",
                        "受理：所在地旅游主管部门受理申请。",
                        "审核：省级旅游主管部门审核申请材料。",
                        "发证：准予核发的，电子导游证通过平台推送至本人手机。"),
        days=(10, 5), online_mode=4, level="province", venue="province",
        faq=[qa("导游证的有效期是多久？",
                "导游证有效期为3年，期满需要继续执业的，应当在有效期届满前3个月内通过全国旅游监管服务平台申请换发。")],
    ),
    # ---- 药品监管 --------------------------------------------------------------------------
    Service(
        name="药品批发企业经营许可", dept="省药监", audience=L, item_type="行政许可",
        themes=["医疗卫生", "准营准办"], life_events=[],
        keywords=["药品经营许可证", "药品批发许可", "医药公司许可"],
        summary="从事药品批发活动的企业，应当经所在地省、自治区、直辖市人民政府药品监督管理部门批准，取得药品经营许可证；"
                "许可证有效期为5年，经营范围、经营地址和仓库地址发生变更的，应当申请许可事项变更。",
        conditions="有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；"
                   "有与所经营药品相适应的质量管理机构或者人员；有保证药品质量的规章制度并符合药品经营质量管理规范要求。",
        basis=["《中华人民共和国药品管理法》第五十一条", "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）"],
        materials=[m("药品经营许可证申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("质量负责人、质量管理部门负责人的学历和执业资格证明", "原件或复印件"),
                   m("营业场所、仓库平面布置图及产权或使用权证明", "原件"),
                   m("质量管理文件及计算机系统情况说明", "电子文件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "现场检查：组织对药品经营质量管理规范执行情况进行现场检查。",
                        DECIDE, DELIVER),
        days=(30, 15), online_mode=3, level="province", venue="drug",
    ),
    Service(
        name="第二类医疗器械产品注册", dept="省药监", audience=L, item_type="行政许可",
        themes=["医疗卫生", "准营准办"], life_events=[],
        keywords=["二类医疗器械注册", "医疗器械注册证", "器械注册"],
        summary="境内第二类医疗器械由注册申请人所在地省、自治区、直辖市人民政府药品监督管理部门审查，批准后发给医疗器械注册证；"
                "注册证有效期为5年，有效期届满需要延续注册的，应当在有效期届满6个月前提出延续注册申请。",
        conditions="申请人为依法登记的企业或者研制机构；建立与产品研制、生产有关的质量管理体系并保持有效运行；"
                   "已完成产品检验和临床评价；申请注册的产品符合强制性标准和经注册的产品技术要求。",
        basis=["《医疗器械监督管理条例》第十四条", "《医疗器械注册与备案管理办法》（国家市场监督管理总局令第47号）"],
        materials=[m("医疗器械注册申请表", "电子表单", source="线上填写"),
                   m("产品技术要求和产品检验报告", "电子文件"), m("临床评价资料", "电子文件"),
                   m("产品说明书和标签样稿", "电子文件"), m("质量管理体系文件", "电子文件")],
        procedure=steps("申请：通过医疗器械注册管理信息系统提交电子申报资料。",
                        "受理：药品监督管理部门对申报资料进行形式审查。",
                        "技术审评：技术审评机构开展技术审评，必要时开展注册质量管理体系核查。",
                        DECIDE, DELIVER),
        days=(80, 60), online_mode=4, level="province", venue="drug",
    ),
    Service(
        name="执业药师注册", dept="省药监", audience=P, item_type="行政许可",
        themes=["医疗卫生", "就业创业"], life_events=["就业", "开药店"],
        keywords=["执业药师注册证", "药师注册", "执业药师变更注册"],
        summary="取得执业药师职业资格证书的人员，经执业单位所在地省级药品监督管理部门注册后，方可以执业药师身份在药品生产、经营、使用单位执业；"
                "注册有效期为5年，可通过执业药师注册管理信息系统全程网上办理。",
        conditions="取得执业药师职业资格证书；遵纪守法，遵守执业药师职业道德，无不良信息记录；身体健康，能坚持在执业药师岗位工作；"
                   "经执业单位同意；按规定参加继续教育学习。",
        basis=["《执业药师职业资格制度规定》（国药监人〔2019〕12号）", "《执业药师注册管理办法》（国药监人〔2021〕36号）"],
        materials=[ID_APPLICANT, m("执业药师职业资格证书", "原件或电子证照"),
                   m("执业单位开业证明", "原件或电子证照", note="已取得药品经营许可证等证照的可由系统核验"),
                   m("执业药师首次注册申请表", "电子表单", source="线上填写")],
        procedure=steps("申请：通过执业药师注册管理信息系统在线提交申请。",
                        "受理：省级药品监督管理部门对申请材料进行审查。",
                        "决定：符合条件的准予注册，不符合条件的书面说明理由。",
                        "发证：核发执业药师注册证，电子证照同步推送至{app}“卡包”。"),
        days=(20, 5), online_mode=4, level="province", venue="drug",
    ),
    # ---- 人力资源和社会保障 ------------------------------------------------------------------
    Service(
        name="高级专业技术职务任职资格评审", dept="省人社", audience=P, item_type="其他行政权力",
        themes=["就业创业", "教育科研"], life_events=["就业"],
        keywords=["职称评审", "评高级职称", "副高职称申报", "正高级职称"],
        summary="专业技术人员符合相应系列（专业）高级职称评审条件的，可由所在单位推荐，通过职称申报评审系统申报高级专业技术职务任职资格；"
                "评审通过并经公示无异议的，由省级人力资源社会保障部门或其授权的评审委员会核发职称证书。",
        conditions="遵守国家法律法规，具有良好的职业道德；具备相应学历和专业技术工作年限，取得下一级职称后任职满规定年限；"
                   "专业技术业绩、成果符合本系列（专业）评价标准条件；近年年度考核合格。",
        basis=["《职称评审管理暂行规定》（人力资源社会保障部令第40号）", "《关于深化职称制度改革的意见》"],
        materials=[m("专业技术职务任职资格评审申报表", "电子表单", source="职称申报评审系统填报"),
                   m("学历学位证书和现有职称证书", "原件或电子证照"),
                   m("任现职以来的业绩成果、论文著作等代表性材料", "电子文件"),
                   m("年度考核结果和单位公示情况", "原件")],
        procedure=steps("申报：个人通过职称申报评审系统在线申报，上传代表性成果。",
                        "推荐：所在单位审核并公示后逐级推荐报送。",
                        "评审：评审委员会组织同行专家评议并投票表决。",
                        "公示发证：评审结果公示无异议后核发电子职称证书。"),
        days=(90, 60, "自然日"), online_mode=3, level="province", venue="province",
        faq=[qa("职称证书是纸质的还是电子的？",
                "评审通过后核发电子职称证书，与纸质证书具有同等效力，可在{app}或职称申报评审系统下载和核验。")],
    ),
    # ---- 交通运输 --------------------------------------------------------------------------
    Service(
        name="国际道路运输经营许可", dept="省交通", audience=L, item_type="行政许可",
        themes=["交通运输", "准营准办"], life_events=[],
        keywords=["国际道路运输许可", "跨境货运许可", "国际客运经营"],
        summary="申请从事国际道路旅客运输或者国际道路货物运输经营的企业，应当向所在地省级交通运输主管部门提出申请；"
                "准予许可的，在道路运输经营许可证上加注国际道路运输经营范围，并向商务主管部门备案。",
        conditions="已取得国内道路运输经营许可证的企业法人；从事国内道路运输经营满三年，且近三年内未发生重大以上道路交通责任事故；"
                   "驾驶人员和从业人员取得相应从业资格证件；拟投入国际道路运输经营的车辆技术等级达到一级。",
        basis=["《中华人民共和国道路运输条例》第四十九条", "《国际道路运输管理规定》"],
        materials=[m("国际道路运输经营申请表", "电子表单", source="线上填写"),
                   m("道路运输经营许可证", "原件或电子证照"),
                   m("拟投入运输车辆的承诺书及技术等级评定证明", "原件"),
                   m("驾驶人员从业资格证件", "原件或电子证照"),
                   m("安全生产管理制度文本", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(20, 10), online_mode=3, level="province", venue="province",
    ),
    # ---- 应急管理 --------------------------------------------------------------------------
    Service(
        name="危险化学品安全生产许可证核发", dept="省应急", audience=L, item_type="行政许可",
        themes=["公共安全", "准营准办"], life_events=[],
        keywords=["危化品生产许可", "危险化学品安全许可证", "化工企业安全生产许可"],
        summary="危险化学品生产企业在投入生产前，应当依照《安全生产许可证条例》的规定取得危险化学品安全生产许可证；"
                "中央企业总部以外的危险化学品生产企业由所在地省级应急管理部门审查颁发，许可证有效期为3年。",
        conditions="建设项目已经依法通过安全条件审查和竣工验收；建立安全生产责任制和安全管理制度；主要负责人和安全生产管理人员经考核合格；"
                   "特种作业人员持证上岗；依法参加工伤保险并制定事故应急救援预案。",
        basis=["《安全生产许可证条例》第二条", "《危险化学品生产企业安全生产许可证实施办法》（国家安全监管总局令第41号）"],
        materials=[m("危险化学品安全生产许可证申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("安全生产责任制和安全生产管理制度文件", "电子文件"),
                   m("主要负责人和安全生产管理人员安全生产知识和管理能力考核合格证明", "原件或电子证照"),
                   SAFETY_EVALUATION],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "现场核查：组织专家对企业安全生产条件进行现场核查。",
                        DECIDE, DELIVER),
        days=(45, 20), online_mode=3, level="province", venue="province",
    ),
    Service(
        name="烟花爆竹经营（批发）许可证核发", dept="省应急", audience=L, item_type="行政许可",
        themes=["公共安全", "准营准办"], life_events=[],
        keywords=["烟花爆竹批发许可", "烟花批发证", "烟花爆竹经营许可"],
        summary="从事烟花爆竹批发的企业，应当向所在地省级应急管理部门或者其委托的设区的市级应急管理部门提出申请，"
                "取得烟花爆竹经营（批发）许可证；许可证有效期为3年，期满需要继续经营的，应当在期满前3个月内申请延期。",
        conditions="具备企业法人条件；符合所在地省级应急管理部门制定的批发企业布点规划；具有与经营规模和产品相适应的仓储设施，"
                   "安全距离符合国家标准；主要负责人、安全生产管理人员和仓库保管员、守护员经培训考核合格。",
        basis=["《烟花爆竹安全管理条例》第十九条", "《烟花爆竹经营许可实施办法》（国家安全监管总局令第65号）"],
        materials=[m("烟花爆竹经营（批发）许可证申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("仓储设施的产权证明或者租赁协议", "原件"), SAFETY_EVALUATION,
                   m("主要负责人、安全生产管理人员安全培训合格证明", "原件或电子证照")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "现场核查：对仓储设施和安全条件进行现场核查。",
                        DECIDE, DELIVER),
        days=(30, 15), online_mode=3, level="province", venue="province",
    ),
    # ---- 教育 ------------------------------------------------------------------------------
    Service(
        name="高等学校教师资格认定", dept="省教育", audience=P, item_type="行政许可",
        themes=["教育科研", "就业创业"], life_events=["就业"],
        keywords=["高校教师资格证", "大学教师资格认定", "高等学校教师证"],
        summary="在高等学校任教或者拟在高等学校任教的人员，具备研究生或者大学本科学历并通过高等学校组织的教育教学能力测试的，"
                "可在规定时间内申请认定高等学校教师资格；由省级教育行政部门或者其委托的高等学校认定。",
        conditions="具有中华人民共和国国籍，遵守宪法和法律，热爱教育事业；具有研究生或者大学本科学历；普通话水平达到相应等级；"
                   "体检合格；通过岗前培训和教育教学能力测试。",
        basis=["《中华人民共和国教师法》第十三条", "《教师资格条例》第十三条"],
        materials=[ID_APPLICANT, m("学历证书", "原件或电子证照", note="可通过学信网核验的免于提交"),
                   m("普通话水平测试等级证书", "原件或电子证照"),
                   m("体格检查表", "原件", source="指定医院出具"),
                   m("岗前培训合格证明和教育教学能力测试结果", "原件")],
        procedure=steps("网上申报：通过中国教师资格网填报认定申请。",
                        "确认：到受理点或者所在高等学校现场确认并提交材料。",
                        "审查：教师资格认定机构审查申请人条件。",
                        "发证：认定合格的颁发高等学校教师资格证书。"),
        days=(30, 30), online_mode=3, level="province", venue="province",
    ),
    # ---- 市场监管 --------------------------------------------------------------------------
    Service(
        name="工业产品生产许可证核发", dept="省市监", audience=L, item_type="行政许可",
        themes=["准营准办"], life_events=[],
        keywords=["工业产品生产许可证", "生产许可证申请", "重要工业产品许可"],
        summary="生产列入实行生产许可证制度管理的产品目录的重要工业产品的企业，应当取得生产许可证；"
                "除国家市场监督管理总局实施的产品外，由省级市场监督管理部门审批，实行告知承诺的可当场作出许可决定，证书有效期为5年。",
        conditions="有营业执照；有与所生产产品相适应的专业技术人员、生产条件和检验检疫手段；有保证产品质量的技术文件和工艺文件；"
                   "有健全有效的质量管理制度和责任制度；产品符合有关国家标准、行业标准。",
        basis=["《中华人民共和国工业产品生产许可证管理条例》第二条", "《工业产品生产许可证管理条例实施办法》"],
        materials=[m("工业产品生产许可证申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("产品执行标准及检验报告", "电子文件"),
                   m("告知承诺书", "原件或电子签名文件", required=False, note="选择告知承诺方式办理的提供")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "核查：组织实地核查和产品抽样检验，告知承诺的在取证后核查。",
                        DECIDE, DELIVER),
        days=(30, 10), online_mode=4, level="province", venue="province",
    ),
    Service(
        name="特种设备生产单位许可", dept="省市监", audience=L, item_type="行政许可",
        themes=["公共安全", "准营准办"], life_events=[],
        keywords=["特种设备生产许可", "压力容器制造许可", "电梯安装许可"],
        summary="从事锅炉、压力容器、电梯、起重机械、场（厂）内专用机动车辆等特种设备设计、制造、安装、改造、修理的单位，应当取得特种设备生产许可；"
                "除国家市场监督管理总局实施的项目外，由省级市场监督管理部门许可，许可证有效期为4年。",
        conditions="有与生产相适应的专业技术人员；有与生产相适应的设备、设施和工作场所；有健全的质量保证、安全管理和岗位责任等制度；"
                   "经特种设备鉴定评审机构鉴定评审合格。",
        basis=["《中华人民共和国特种设备安全法》第十八条", "《特种设备生产和充装单位许可规则》（TSG 07—2019）"],
        materials=[m("特种设备生产单位许可申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("质量保证体系文件", "电子文件"),
                   m("鉴定评审报告", "原件", source="鉴定评审机构出具")],
        procedure=steps(ONLINE_APPLY,
                        "受理：对申请材料进行审查，符合要求的予以受理。",
                        "鉴定评审：申请单位约请鉴定评审机构进行现场鉴定评审。",
                        DECIDE, DELIVER),
        days=(20, 15), online_mode=3, level="province", venue="province",
    ),
    # ---- 生态环境、财政、自然资源、经济和信息化 -----------------------------------------------
    Service(
        name="危险废物经营许可证核发", dept="省生态", audience=L, item_type="行政许可",
        themes=["环保绿化", "准营准办"], life_events=[],
        keywords=["危废经营许可", "危险废物处置资质", "危废综合经营许可证"],
        summary="从事危险废物贮存、利用、处置经营活动的单位，应当依法取得危险废物经营许可证；"
                "危险废物综合经营许可证由省级生态环境主管部门审批颁发，有效期为5年，改变经营方式或者增加经营类别的应当重新申请领取。",
        conditions="有3名以上环境工程专业或者相关专业中级以上职称、并有3年以上固体废物污染治理经历的技术人员；"
                   "有符合国家要求的包装工具、贮存设施和利用处置设施；有保证危险废物经营安全的规章制度、污染防治措施和事故应急救援措施。",
        basis=["《中华人民共和国固体废物污染环境防治法》第八十条", "《危险废物经营许可证管理办法》第五条"],
        materials=[m("危险废物经营许可证申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("建设项目环境影响评价批复和竣工环境保护验收材料", "原件或电子文件"),
                   m("技术人员职称证明和劳动合同", "原件"),
                   m("经营设施和事故应急救援措施说明", "电子文件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "现场核查：组织专家对经营设施开展现场核查。",
                        DECIDE, DELIVER),
        days=(20, 15), online_mode=3, level="province", venue="province",
    ),
    Service(
        name="会计师事务所执业许可", dept="省财政", audience=L, item_type="行政许可",
        themes=["税收财务", "设立变更"], life_events=[],
        keywords=["会计师事务所设立", "会所执业证书", "合伙会计师事务所"],
        summary="设立会计师事务所，应当由所在地省级人民政府财政部门批准，取得会计师事务所执业证书后方可承办注册会计师业务；"
                "会计师事务所可以采用普通合伙、特殊普通合伙或者有限责任公司形式。",
        conditions="有2名以上合伙人或者5名以上股东，且均为取得注册会计师证书并最近连续执业3年以上的注册会计师；有固定的办公场所；"
                   "有符合规定的注册资本或者出资；首席合伙人或者法定代表人符合规定条件。",
        basis=["《中华人民共和国注册会计师法》第二十三条", "《会计师事务所执业许可和监督管理办法》（财政部令第97号）"],
        materials=[m("会计师事务所执业许可申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("合伙人或者股东的注册会计师证书及执业经历证明", "原件"),
                   m("合伙协议或者公司章程", "原件"),
                   m("办公场所的产权或者使用权证明", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(30, 15), online_mode=4, level="province", venue="province",
    ),
    Service(
        name="测绘资质审批", dept="省自然资源", audience=L, item_type="行政许可",
        themes=["准营准办"], life_events=[],
        keywords=["测绘资质", "乙级测绘资质", "测绘资质证书"],
        summary="从事测绘活动的单位应当依法取得相应等级的测绘资质证书，并在资质等级许可的范围内从事测绘活动；"
                "乙级测绘资质由省级自然资源主管部门审批，测绘资质证书有效期为5年，实行电子证照。",
        conditions="具有企业法人或者事业单位法人资格；有与从事的测绘活动相适应的专业技术人员和技术装备；"
                   "有健全的技术和质量保证体系、安全保障措施、信息安全保密管理制度以及测绘成果和资料档案管理制度。",
        basis=["《中华人民共和国测绘法》第二十七条", "《测绘资质管理办法》"],
        materials=[m("测绘资质申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("专业技术人员的职称证书和社会保险缴费证明", "电子文件", note="可通过部门共享核验的免于提交"),
                   m("仪器设备检定证明", "电子文件")],
        procedure=steps(ONLINE_APPLY,
                        "受理：对申请材料进行形式审查。",
                        "审查：对专业技术人员和技术装备情况进行核查。",
                        DECIDE, DELIVER),
        days=(20, 10), online_mode=4, level="province", venue="province",
    ),
    Service(
        name="省级企业技术中心认定", dept="省经信", audience=L, item_type="行政确认",
        themes=["科技创新"], life_events=[],
        keywords=["省级企业技术中心", "企业技术中心申报", "技术中心认定"],
        summary="在本省依法登记、具有较强技术创新能力的工业企业，可按年度申请认定省级企业技术中心；认定后可享受相关扶持政策，"
                "并作为申报国家企业技术中心的基础；省级企业技术中心实行动态管理，每两年评价一次。",
        conditions="在本省依法登记的工业企业，具有较完善的研究、开发、试验条件；研究与试验发展经费支出额及其占销售收入比重符合认定标准；"
                   "拥有技术水平高、实践经验丰富的技术带头人；近三年未发生重大安全、质量和环境违法事件。",
        basis=["《国家企业技术中心认定管理办法》", "《{prov}企业技术中心认定管理办法》"],
        materials=[m("省级企业技术中心认定申请报告", "电子文件"),
                   m("企业技术中心评价材料", "电子表单", source="线上填报"),
                   m("研发经费专项审计报告", "电子文件", source="具有资质的中介机构出具"),
                   m("近三年财务会计报告", "电子文件")],
        procedure=steps("申报：企业按年度通知通过申报系统提交材料。",
                        "推荐：设区的市经济和信息化主管部门审核推荐。",
                        "评价：组织专家评审和综合评价。",
                        "认定：公示无异议后发文认定。"),
        days=(90, 90, "自然日"), online_mode=4, level="province", venue="province",
    ),
]

# --------------------------------------------------------------------------------------------
# Catalogue: city-level services
# --------------------------------------------------------------------------------------------

GJJ_BASIS = ["《住房公积金管理条例》第二十四条", "《{city}住房公积金提取管理办法》"]

CITY_SERVICES = [
    # ---- 住房公积金 ------------------------------------------------------------------------
    Service(
        key="gjj_withdraw", name="住房公积金提取", dept="公积金", audience=P, item_type="公共服务",
        themes=["住房保障"], life_events=["购房", "租房", "退休", "失业"],
        keywords=["公积金提取", "取公积金", "公积金怎么取"],
        summary="缴存职工符合购买、建造、翻建、大修自住住房，租赁自住住房，离休退休，与单位解除劳动关系等情形的，"
                "可申请提取本人住房公积金账户存储余额。本事项为大项，请按实际情形选择对应子项办理。",
        conditions="住房公积金账户状态正常，且符合《住房公积金管理条例》规定的提取情形之一；同一提取情形未超过规定的提取次数和额度。",
        basis=GJJ_BASIS,
        materials=[ID_CARD, BANK_CARD,
                   m("提取情形证明材料", "原件或电子证照", note="按所选子项要求提供，可通过部门共享核验的免于提交")],
        procedure=steps("申请：通过{app}、住房公积金网上服务大厅或服务网点提交提取申请。",
                        "受理审核：管理中心核验缴存信息和提取情形。",
                        "办结转账：审核通过的，提取资金转入职工本人银行账户。"),
        days=(3, 1), online_mode=4, level="city", venue="gjj",
    ),
    Service(
        parent="gjj_withdraw", name="住房公积金提取（购买自住住房）", dept="公积金", audience=P,
        item_type="公共服务", themes=["住房保障"], life_events=["购房"],
        keywords=["买房提取公积金", "购房提取", "首付提取公积金"],
        summary="职工本人或其配偶在缴存地或户籍地购买新建商品住房、二手住房等自住住房的，可在购房行为发生之日起两年内申请提取"
                "住房公积金，本人及配偶提取总额不超过实际支付的购房款。",
        conditions="住房公积金账户正常缴存；本人或配偶购买自住住房并已支付首付款或全款，已办理网签备案或不动产登记；同一套住房仅可办理一次购房提取。",
        basis=GJJ_BASIS,
        materials=[ID_CARD, BANK_CARD,
                   m("不动产权证书或商品房买卖合同", "原件或电子证照", note="已网签备案的可由系统核验"),
                   m("购房发票或契税完税凭证", "原件或电子证照"),
                   m("结婚证", "原件或电子证照", required=False, note="提取配偶账户余额时提供")],
        procedure=steps("申请：通过{app}“住房公积金”专区或服务网点提交购房提取申请。",
                        "受理审核：管理中心联网核验购房合同备案、不动产登记和婚姻信息。",
                        "办结转账：审核通过后，资金在1个工作日内转入申请人银行账户。"),
        days=(3, 1), online_mode=4, level="city", venue="gjj",
        faq=[qa("贷款买房能不能先提取公积金付首付？",
                "可以。取得网签备案的购房合同并支付首付款后，即可申请购房提取，提取金额不超过已支付的首付款。")],
    ),
    Service(
        parent="gjj_withdraw", name="住房公积金提取（租赁自住住房）", dept="公积金", audience=P,
        item_type="公共服务", themes=["住房保障"], life_events=["租房"],
        keywords=["租房提取公积金", "房租提取", "无房租赁提取"],
        summary="职工及其配偶在缴存地无自有住房且租赁住房自住的，可按月或按季度申请提取住房公积金用于支付房租，"
                "年度提取限额按本地规定执行；租住公共租赁住房的，可按实际房租提取。",
        conditions="本人及配偶在缴存地无自有住房；住房公积金连续足额缴存满3个月；租赁住房用于自住，提取额度不超过当地规定的年度限额。",
        basis=GJJ_BASIS,
        materials=[ID_CARD, BANK_CARD,
                   m("房屋租赁合同或住房租赁登记备案证明", "原件或电子证照", required=False,
                     note="按最高限额提取的可免于提供"),
                   m("无房情况声明", "电子表单", source="线上填写", note="由系统联网核查不动产登记信息")],
        procedure=steps("申请：通过{app}在线填写租房提取申请并签署无房声明。",
                        "受理审核：系统自动核查缴存状态和名下住房情况。",
                        "办结转账：审核通过后提取资金按约定周期转入本人银行账户。"),
        days=(3, 0), online_mode=4, level="city", venue="gjj",
        faq=[qa("租房提取一年可以取几次？",
                "可按月、按季或按年提取，全年提取总额不超过本地规定的年度限额，具体以管理中心公布的标准为准。")],
    ),
    Service(
        parent="gjj_withdraw", name="住房公积金提取（离休、退休）", dept="公积金", audience=P,
        item_type="公共服务", themes=["住房保障", "社会保障"], life_events=["退休"],
        keywords=["退休提取公积金", "销户提取", "退休取公积金"],
        summary="职工办理离休、退休手续后，可申请一次性提取本人住房公积金账户全部余额并办理销户，"
                "有住房公积金贷款未结清的需先还清贷款或同时办理冲还贷。",
        conditions="职工已办理离休、退休手续，或已达到法定退休年龄并领取基本养老金；住房公积金账户无未结清的贷款或已同步办理还贷。",
        basis=GJJ_BASIS,
        materials=[ID_CARD, BANK_CARD,
                   m("离休、退休证明", "原件或电子证照", required=False, note="可通过社保数据共享核验的免于提交")],
        procedure=steps("申请：职工本人通过{app}或服务网点提出销户提取申请。",
                        "受理审核：联网核验退休信息和贷款结清情况。",
                        "办结：提取全部余额并办理账户销户，资金转入本人银行账户。"),
        days=(3, 1), online_mode=4, level="city", venue="gjj",
    ),
    Service(
        parent="gjj_withdraw", name="住房公积金提取（与单位解除劳动关系）", dept="公积金", audience=P,
        item_type="公共服务", themes=["住房保障", "就业创业"], life_events=["失业"],
        keywords=["离职提取公积金", "辞职取公积金", "失业提取"],
        summary="职工与单位解除劳动关系，住房公积金账户封存满半年且未重新就业的，可申请提取本人住房公积金账户余额；"
                "非本市户籍职工离开本市的，可按规定办理提取或转移。",
        conditions="与单位终止或解除劳动关系；住房公积金账户已封存满6个月，封存期间未在异地继续缴存；已办理失业登记或符合本地规定的其他情形。",
        basis=GJJ_BASIS + ["《住房城乡建设部 财政部 中国人民银行关于放宽提取住房公积金支付房租条件的通知》"],
        materials=[ID_CARD, BANK_CARD,
                   m("解除或终止劳动合同证明", "原件或电子证照", required=False, note="单位已办理封存的可免于提交")],
        procedure=steps("申请：职工通过{app}或服务网点提出提取申请。",
                        "受理审核：核验账户封存时长及异地缴存情况。",
                        "办结转账：符合条件的提取余额转入本人银行账户。"),
        days=(3, 1), online_mode=4, level="city", venue="gjj",
    ),
    Service(
        name="住房公积金个人住房贷款", dept="公积金", audience=P, item_type="公共服务",
        themes=["住房保障"], life_events=["购房"],
        keywords=["公积金贷款", "公积金买房贷款", "组合贷款"],
        summary="缴存职工购买、建造、翻建、大修自住住房的，可申请住房公积金个人住房贷款，贷款利率低于同期商业贷款；"
                "贷款额度根据缴存余额、还款能力和房屋价格综合确定，可与商业贷款组合使用。",
        conditions="正常连续缴存住房公积金6个月以上；具有完全民事行为能力和稳定收入；借款人及配偶无未结清的住房公积金贷款；个人信用良好。",
        basis=["《住房公积金管理条例》第二十六条", "《{city}住房公积金个人住房贷款管理办法》"],
        materials=[ID_CARD, m("婚姻状况证明", "原件或电子证照"),
                   m("购房合同或不动产权证书", "原件或电子证照"),
                   m("首付款支付凭证", "原件"), m("收入证明或近6个月银行流水", "原件", required=False,
                                              note="系统可核验缴存基数的免于提交")],
        procedure=steps("申请：借款人在{app}或合作银行网点提交贷款申请。",
                        "受理：受托银行初审贷款资料和借款人资信。",
                        "审批：管理中心审核贷款额度、期限，作出准予或不准予贷款的决定。",
                        "签约放款：签订借款合同，办理抵押登记后按约定发放贷款。"),
        days=(15, 5), online_mode=3, level="city", venue="gjj",
        faq=[qa("公积金贷款最多能贷多少？",
                "贷款额度按缴存余额倍数、还款能力、房价和首付比例计算后取最低值，并不超过本地规定的最高额度，可在{app}试算。")],
    ),
    Service(
        name="住房公积金单位缴存登记", dept="公积金", audience=L, item_type="公共服务",
        themes=["住房保障", "设立变更"], life_events=["企业开办", "招聘"],
        keywords=["公积金开户", "单位公积金开户", "公积金缴存登记"],
        summary="新设立的单位应当自设立之日起30日内到住房公积金管理中心办理住房公积金缴存登记，并为本单位职工办理住房公积金账户设立手续；"
                "企业开办时可通过“一网通办”同步办理。",
        conditions="依法设立的国家机关、事业单位、企业、民办非企业单位、社会团体等单位；已取得统一社会信用代码。",
        basis=["《住房公积金管理条例》第十四条", "《住房公积金管理条例》第十五条"],
        materials=[BIZ_LICENSE, LEGAL_REP_ID,
                   m("单位住房公积金缴存登记表", "电子表单", source="线上填写"),
                   m("经办人身份证件", "原件或电子证照")],
        procedure=steps("申请：单位通过住房公积金单位网上业务平台或企业开办“一件事”提交登记信息。",
                        "审核：管理中心核验单位登记信息。",
                        "办结：设立单位缴存账户，开通单位网上业务平台权限。"),
        days=(5, 1), online_mode=4, level="city", venue="gjj",
    ),
    Service(
        name="住房公积金缴存基数调整", dept="公积金", audience=L, item_type="公共服务",
        themes=["住房保障", "税收财务"], life_events=["招聘"],
        keywords=["公积金基数调整", "年度调基", "缴存比例调整"],
        summary="单位每年按规定以职工上一年度月平均工资为基数，统一调整住房公积金缴存基数和月缴存额，"
                "缴存基数不得低于本地最低工资标准，不得高于上年度职工月平均工资的3倍。",
        conditions="已办理住房公积金缴存登记且状态正常的单位；在本年度调整期内申报；缴存基数和比例在本地规定的上下限范围内。",
        basis=["《住房公积金管理条例》第十六条", "《住房公积金管理条例》第十八条"],
        materials=[m("住房公积金缴存基数调整清册", "电子表单", source="单位网上业务平台填报"),
                   m("单位经办人身份证件", "原件或电子证照")],
        procedure=steps("申报：单位通过网上业务平台导入职工缴存基数。",
                        "校验：系统按上下限自动校验。",
                        "办结：调整结果次月生效。"),
        days=(3, 0), online_mode=4, level="city", venue="gjj",
    ),
    # ---- 出入境 ----------------------------------------------------------------------------
    Service(
        name="普通护照签发", dept="出入境", audience=P, item_type="行政许可",
        themes=["出境入境", "证件办理"], life_events=["出行"],
        keywords=["办护照", "护照申请", "出国护照", "护照换发"],
        summary="中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，可向公安机关出入境管理机构申请普通护照，"
                "已实现全国通办，可在任一出入境接待大厅申请。",
        conditions="具有中华人民共和国国籍的公民；不属于《中华人民共和国护照法》第十三条规定不予签发护照的情形；未满16周岁的由监护人陪同申请。",
        basis=["《中华人民共和国护照法》第五条", "《中华人民共和国出境入境管理法》第九条"],
        materials=[m("居民身份证", "原件"),
                   m("出入境证件数字相片", "现场采集", source="出入境接待大厅免费采集"),
                   m("监护人身份证件及监护关系证明", "原件", required=False, note="未满16周岁的申请人提供"),
                   m("原护照", "原件", required=False, note="换发、补发时提供")],
        procedure=steps("预约：通过“移民局”APP、{app}或微信小程序预约并填写申请表。",
                        "受理：到出入境接待大厅采集相片、指纹并缴费。",
                        "审批：出入境管理机构审核签发。",
                        "领证：窗口领取或选择邮政速递送证上门。"),
        days=(15, 7), fee=fee("每本120元", "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》"),
        online_mode=2, level="city", venue="exit",
        faq=[qa("护照到期了去哪里换？", "护照有效期不足6个月或签证页即将用完的，可到任一出入境接待大厅申请换发，无需回户籍地。")],
    ),
    Service(
        name="往来港澳通行证签发", dept="出入境", audience=P, item_type="行政许可",
        themes=["出境入境", "证件办理"], life_events=["出行"],
        keywords=["港澳通行证", "去香港办什么证", "港澳签注"],
        summary="内地居民因私前往香港、澳门旅游、探亲、商务、学习等，需申请往来港澳通行证及相应签注；"
                "持有效通行证办理再次签注的，可在自助签注机或{app}办理。",
        conditions="具有内地常住户口的中国公民，或在本地居住的其他省市居民；不属于法律法规规定不准出境的情形；未满16周岁的由监护人陪同申请。",
        basis=["《中华人民共和国出境入境管理法》第十条", "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》"],
        materials=[m("居民身份证", "原件"),
                   m("出入境证件数字相片", "现场采集", source="出入境接待大厅免费采集"),
                   m("原往来港澳通行证", "原件", required=False, note="换发、补发时提供")],
        procedure=steps("预约：通过“移民局”APP或{app}预约办证时间。",
                        "受理：采集相片、指纹，选择签注种类并缴费。",
                        "审批：出入境管理机构审核签发。",
                        "领证：窗口领取、自助机领取或邮寄送达。"),
        days=(7, 5), fee=fee("电子往来港澳通行证每证60元；签注每件15元",
                             "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》"),
        online_mode=2, level="city", venue="exit",
        faq=[qa("港澳通行证还在有效期内，只是签注用完了怎么办？", "可在出入境自助签注机或通过{app}在线办理再次签注，无需重新办证。")],
    ),
    # ---- 车管所 ----------------------------------------------------------------------------
    Service(
        name="机动车驾驶证有效期满换证", dept="车管所", audience=P, item_type="行政许可",
        themes=["交通出行", "证件办理"], life_events=["出行"],
        keywords=["驾照到期换证", "驾驶证换证", "驾照过期"],
        summary="机动车驾驶人应当于驾驶证有效期满前九十日内申请换证；可通过“交管12123”APP全程网上办理，"
                "新证邮寄到家，也可到车管所或交警服务站窗口办理。",
        conditions="机动车驾驶证在有效期满前90日内或逾期未满一年；驾驶人身体条件符合申领规定；驾驶证未被吊销、注销。",
        basis=["《中华人民共和国道路交通安全法》第十九条", "《机动车驾驶证申领和使用规定》（公安部令第162号）第六十一条"],
        materials=[m("机动车驾驶人身份证明", "原件"), m("机动车驾驶证", "原件"),
                   m("机动车驾驶人身体条件证明", "原件", source="具有资质的医疗机构出具",
                     note="年满60周岁或持大中型客货车驾驶证的提交，已联网的体检信息免提交")],
        procedure=steps("申请：通过“交管12123”APP或到车管所窗口提出换证申请。",
                        "受理审核：核验驾驶人信息及身体条件证明。",
                        "制证：审核通过后制作新驾驶证。",
                        "领取：窗口领取或邮寄送达。"),
        days=(1, 1), fee=fee("工本费每本10元", "{prov}发展改革委、财政厅核定的机动车驾驶证工本费标准"),
        online_mode=4, level="city", venue="vehicle",
    ),
    Service(
        name="机动车驾驶证遗失补证", dept="车管所", audience=P, item_type="行政许可",
        themes=["交通出行", "证件办理"], life_events=["出行"],
        keywords=["驾照丢了", "驾驶证补办", "驾照补证"],
        summary="机动车驾驶证遗失、丢失的，驾驶人可以向驾驶证核发地或者驾驶地车辆管理所申请补发；"
                "补证期间原驾驶证作废，可通过“交管12123”APP申请补证并邮寄送达。",
        conditions="机动车驾驶证遗失且未被公安机关扣押、扣留；驾驶证处于有效状态，未被吊销、撤销或注销；非被依法限制驾驶的情形。",
        basis=["《机动车驾驶证申领和使用规定》（公安部令第162号）第六十四条"],
        materials=[m("机动车驾驶人身份证明", "原件"), PHOTO],
        procedure=steps("申请：通过“交管12123”APP或车管所窗口申请补证。",
                        "审核：核验驾驶人信息和驾驶证状态。",
                        "制证送达：补发新驾驶证，窗口领取或邮寄到家。"),
        days=(1, 1), fee=fee("工本费每本10元", "{prov}发展改革委、财政厅核定的机动车驾驶证工本费标准"),
        online_mode=4, level="city", venue="vehicle",
    ),
    Service(
        name="机动车注册登记", dept="车管所", audience=PL, item_type="行政许可",
        themes=["交通出行"], life_events=["购车"],
        keywords=["新车上牌", "上牌照", "新车登记"],
        summary="初次申领机动车号牌、行驶证的，机动车所有人应当在车辆所在地车辆管理所申请注册登记；"
                "在有资质的4S店购车的，可在店内通过“交管12123”APP一站式选号、办理登记。",
        conditions="机动车为国产机动车整车出厂合格证或进口机动车进口凭证载明的车辆；已缴纳车辆购置税（免税的已办理免税手续）并投保机动车交通事故责任强制保险；机动车经安全技术检验合格或免检。",
        basis=["《中华人民共和国道路交通安全法》第八条", "《机动车登记规定》（公安部令第164号）第十二条"],
        materials=[m("机动车所有人身份证明", "原件"), m("购车发票", "原件或电子发票"),
                   m("机动车整车出厂合格证明或进口凭证", "原件"),
                   m("车辆购置税完税证明或免税凭证", "电子信息", note="已联网核查的免于提交"),
                   m("机动车交通事故责任强制保险凭证", "电子保单")],
        procedure=steps("申请：到车管所或具备条件的4S店提交登记申请并选取号牌号码。",
                        "查验：查验机动车，核对车辆识别代号。",
                        "审核：审查资料，确定机动车登记编号。",
                        "发牌发证：核发号牌、行驶证和检验合格标志。"),
        days=(2, 1), fee=fee("汽车号牌每副100元，机动车行驶证每本10元，机动车登记证书每本10元",
                             "《国家发展改革委 财政部关于机动车号牌等工本费标准的通知》"),
        online_mode=2, level="city", venue="vehicle",
    ),
    Service(
        name="机动车转移登记", dept="车管所", audience=PL, item_type="行政许可",
        themes=["交通出行"], life_events=["购车"],
        keywords=["二手车过户", "车辆过户", "过户手续"],
        summary="已注册登记的机动车所有权发生转移的，现机动车所有人应当自机动车交付之日起三十日内申请转移登记；"
                "二手车可在车管所或二手车交易市场服务站办理，符合条件的可跨省通办。",
        conditions="机动车已注册登记，未处于被查封、扣押或抵押状态；已处理完交通违法行为和交通事故；在检验有效期内。",
        basis=["《机动车登记规定》（公安部令第164号）第二十五条"],
        materials=[m("现机动车所有人身份证明", "原件"), m("机动车所有权转移证明或凭证", "原件", note="二手车销售统一发票等"),
                   m("机动车登记证书", "原件"), m("机动车行驶证", "原件")],
        procedure=steps("申请：买卖双方到车管所或交易市场服务站提交申请。",
                        "查验：查验机动车，核对车辆识别代号。",
                        "审核：审查资料并录入转移登记信息。",
                        "发证：签注机动车登记证书，核发新行驶证。"),
        days=(1, 1), fee=fee("机动车行驶证每本10元；需更换号牌的按号牌工本费标准收取",
                             "《国家发展改革委 财政部关于机动车号牌等工本费标准的通知》"),
        online_mode=2, level="city", venue="vehicle",
    ),
    Service(
        name="核发机动车检验合格标志", dept="车管所", audience=PL, item_type="行政确认",
        themes=["交通出行", "年检年审"], life_events=["出行"],
        keywords=["年检", "车辆年审", "年检标志", "免检"],
        summary="机动车在检验有效期满前三个月内申领检验合格标志；6年以内的非营运小微型客车实行免检，"
                "可通过“交管12123”APP直接申领电子检验合格标志。",
        conditions="机动车已投保交强险，交通违法行为和交通事故已处理完毕；需上线检验的已经机动车安全技术检验机构检验合格。",
        basis=["《中华人民共和国道路交通安全法》第十三条", "《机动车登记规定》（公安部令第164号）第五十条"],
        materials=[m("机动车行驶证", "原件"), m("机动车交通事故责任强制保险凭证", "电子保单"),
                   m("机动车安全技术检验报告", "电子信息", required=False, note="免检车辆无需提供")],
        procedure=steps("申请：通过“交管12123”APP或检验机构窗口申领。",
                        "核验：系统核验保险、违法和事故处理情况。",
                        "核发：核发电子检验合格标志。"),
        days=(1, 0), online_mode=4, level="city", venue="vehicle",
        faq=[qa("新车6年内还要去检测站吗？", "非营运小微型载客汽车（面包车、7座及以上车辆除外）6年内免于上线检验，每2年直接申领检验标志即可。")],
    ),
    # ---- 不动产登记 -------------------------------------------------------------------------
    Service(
        name="国有建设用地使用权及房屋所有权转移登记", dept="不动产", audience=PL, item_type="行政确认",
        themes=["不动产登记", "住房保障"], life_events=["购房"],
        keywords=["二手房过户", "房产证过户", "房屋过户", "买卖过户"],
        summary="因买卖、互换、赠与、继承、受遗赠等导致国有建设用地使用权及房屋所有权转移的，当事人可以申请转移登记；"
                "二手房交易可在不动产登记窗口实现交易、缴税、登记“一窗受理、并行办理”。",
        conditions="不动产已办理首次登记；不存在查封、异议登记等限制转移的情形；已依法缴纳相关税费；当事人共同申请，继承、受遗赠等可单方申请。",
        basis=["《不动产登记暂行条例》第十四条", "《不动产登记暂行条例实施细则》第三十八条"],
        materials=[m("不动产登记申请书", "原件", source="窗口领取或线上填写"), ID_CARD,
                   m("不动产权证书或房屋所有权证", "原件"),
                   m("买卖合同或其他权属转移证明", "原件"),
                   m("完税凭证", "电子信息", note="税务部门推送的免于提交")],
        procedure=steps("申请：买卖双方通过{app}预约或到登记窗口提出申请。",
                        "受理：一窗收件，同步推送税务部门计税。",
                        "审核：核查权属状况、查封和抵押情况。",
                        "登簿：记载不动产登记簿。",
                        "发证：核发不动产权证书，可邮寄送达或领取电子证照。"),
        days=(30, 3), fee=fee("住宅每件80元，非住宅每件550元；超出一本的证书每本收取工本费10元",
                              "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"),
        online_mode=3, level="city", venue="estate",
        faq=[qa("二手房过户要多久能拿到新房产证？", "资料齐全的，缴税后一般3个工作日内办结，部分网点可当天领证，也可选择电子证照。")],
    ),
    Service(
        name="不动产抵押权首次登记", dept="不动产", audience=PL, item_type="行政确认",
        themes=["不动产登记"], life_events=["购房"],
        keywords=["房屋抵押登记", "抵押贷款登记", "办抵押"],
        summary="以不动产设定抵押的，抵押人与抵押权人可以共同申请抵押权首次登记；银行业金融机构已接入“互联网+不动产抵押登记”的，"
                "可在银行网点直接申请，登记完成后抵押权人取得不动产登记证明。",
        conditions="抵押不动产已办理首次登记；抵押合同合法有效；不存在查封等禁止抵押的情形；抵押人与抵押权人共同申请。",
        basis=["《中华人民共和国民法典》第四百零二条", "《不动产登记暂行条例实施细则》第六十五条"],
        materials=[m("不动产登记申请书", "原件", source="线上填写"), ID_CARD,
                   m("不动产权证书", "原件或电子证照"), m("主债权合同和抵押合同", "原件")],
        procedure=steps("申请：抵押双方在银行网点或登记窗口共同申请。",
                        "受理审核：核查不动产权属及限制情况。",
                        "登簿：记载抵押权信息。",
                        "发证：向抵押权人核发不动产登记证明。"),
        days=(30, 1), fee=fee("住宅每件80元，非住宅每件550元",
                              "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"),
        online_mode=4, level="city", venue="estate",
    ),
    Service(
        name="不动产抵押权注销登记", dept="不动产", audience=PL, item_type="行政确认",
        themes=["不动产登记"], life_events=["购房"],
        keywords=["解押", "房贷还清解押", "抵押注销"],
        summary="主债权消灭、抵押权已经实现或者抵押权人放弃抵押权的，当事人可以申请抵押权注销登记；"
                "房贷还清后，可由贷款银行通过抵押登记线上平台直接申请注销，无需申请人到场。",
        conditions="主债权已经消灭，或抵押权人放弃抵押权，或抵押权已经实现；抵押权人同意注销或已有生效法律文书。",
        basis=["《不动产登记暂行条例实施细则》第七十四条"],
        materials=[m("不动产登记申请书", "原件", source="线上填写"),
                   m("不动产登记证明（抵押）", "原件或电子证照"),
                   m("抵押权消灭的材料", "原件", note="如银行出具的结清证明")],
        procedure=steps("申请：抵押权人或双方共同提出注销申请。",
                        "审核：核查抵押登记信息。",
                        "登簿办结：注销抵押权登记，结果推送至{app}。"),
        days=(30, 1), online_mode=4, level="city", venue="estate",
    ),
    Service(
        name="不动产权证书补发", dept="不动产", audience=PL, item_type="行政确认",
        themes=["不动产登记", "证件办理"], life_events=["购房"],
        keywords=["房产证丢了", "房产证补办", "不动产证遗失"],
        summary="不动产权证书遗失、灭失的，权利人可以申请补发；登记机构在门户网站或{app}公告遗失声明，"
                "公告期满无异议的补发新证书，原证书作废。",
        conditions="申请人为不动产登记簿记载的权利人；证书确已遗失或灭失；不动产不存在查封等限制情形不影响补发。",
        basis=["《不动产登记暂行条例实施细则》第二十二条"],
        materials=[m("不动产登记申请书", "原件", source="线上填写"), ID_CARD,
                   m("遗失声明", "电子表单", source="线上签署", note="由登记机构统一在门户网站公告")],
        procedure=steps("申请：权利人通过{app}或登记窗口申请补证。",
                        "公告：登记机构发布遗失公告，公告期15个工作日。",
                        "审核：公告期满无异议的，记载补发信息。",
                        "发证：补发不动产权证书，证书上注明“补发”字样。"),
        days=(30, 20), fee=fee("证书工本费每本10元", "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"),
        online_mode=3, level="city", venue="estate",
        faq=[qa("房产证丢了会不会影响卖房？", "可先申请补发，补发公告期间不影响查询；如急需交易，可咨询登记窗口同步办理补证与转移登记。")],
    ),
    Service(
        name="不动产登记资料查询", dept="不动产", audience=PL, item_type="公共服务",
        themes=["不动产登记"], life_events=["购房", "入学"],
        keywords=["查房产", "房产信息查询", "无房证明", "名下房产查询"],
        summary="权利人、利害关系人可以依法查询、复制不动产登记资料；个人可在{app}在线查询本人名下不动产信息，"
                "并出具带电子签章的不动产登记信息查询结果，用于入学、贷款、落户等。",
        conditions="查询人为不动产权利人、利害关系人或持有效法律文书的有关国家机关；查询目的明确、符合法律规定。",
        basis=["《不动产登记暂行条例》第二十七条", "《不动产登记资料查询暂行办法》"],
        materials=[ID_CARD, m("不动产登记资料查询申请书", "电子表单", source="线上填写"),
                   m("利害关系证明材料", "原件", required=False, note="利害关系人查询时提供")],
        procedure=steps("申请：通过{app}或登记窗口提交查询申请。",
                        "审核：核验查询人身份和查询目的。",
                        "出具：即时出具查询结果，线上可下载电子版。"),
        days=(5, 0), online_mode=4, level="city", venue="estate",
    ),
    # ---- 医疗保障（市级） ------------------------------------------------------------------
    Service(
        name="基本医疗保险跨省异地就医备案", dept="市医保", audience=P, item_type="公共服务",
        themes=["医疗卫生", "社会保障"], life_events=["就医", "迁居", "养老"],
        keywords=["异地就医备案", "外地看病报销", "异地安置备案"],
        summary="参保人员因异地长期居住、异地工作、转诊就医或临时外出就医，需要在参保地以外跨省就医直接结算的，"
                "应当办理异地就医备案；可通过国家医保服务平台APP、{app}自助备案，即时生效。",
        conditions="参加本地职工基本医疗保险或城乡居民基本医疗保险且处于正常参保缴费状态；属于异地长期居住、常驻异地工作、异地转诊或临时外出就医人员。",
        basis=["《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）"],
        materials=[SSCARD, m("跨省异地就医备案表", "电子表单", source="线上填写"),
                   m("承诺书或异地居住、工作证明", "电子表单", required=False, note="可采用个人承诺方式办理")],
        procedure=steps("申请：通过国家医保服务平台APP、{app}或医保服务窗口提交备案。",
                        "审核：医保经办机构即时审核。",
                        "办结：备案信息上传国家平台，可在就医地定点医疗机构直接结算。"),
        days=(1, 0), online_mode=4, level="city", venue="medical",
        faq=[qa("临时去外地旅游生病了还能备案吗？", "可以。临时外出就医人员可在就医前或出院结算前补办备案，备案后按规定直接结算。")],
    ),
    Service(
        name="医疗保险关系转移接续", dept="市医保", audience=P, item_type="公共服务",
        themes=["医疗卫生", "社会保障"], life_events=["就业", "迁居"],
        keywords=["医保转移", "医保关系转入", "医保跨省转移"],
        summary="参保人员跨统筹地区流动就业或迁居的，可申请转移基本医疗保险关系，缴费年限累计计算、个人账户余额随同转移；"
                "可通过国家医保服务平台APP或{app}向转入地申请，全程网上办理。",
        conditions="已参加基本医疗保险且在转出地已停止缴费；已在转入地参保或准备参保；转入地与转出地的参保信息一致。",
        basis=["《中华人民共和国社会保险法》第三十二条",
               "《国家医疗保障局办公室 财政部办公厅关于印发〈基本医疗保障关系转移接续暂行办法〉的通知》（医保办发〔2021〕43号）"],
        materials=[SSCARD, m("参保人员基本医疗保障参保信息表", "电子信息", source="转出地经办机构出具",
                               note="经办机构间通过信息系统传递的免于提供")],
        procedure=steps("申请：向转入地医保经办机构提出转移接续申请。",
                        "联系：转入地向转出地发出联系函。",
                        "转出：转出地核对信息并转移个人账户余额。",
                        "接续：转入地确认缴费年限并完成接续。"),
        days=(45, 15), online_mode=4, level="city", venue="medical",
    ),
    Service(
        name="生育保险待遇核准支付", dept="市医保", audience=PL, item_type="行政给付",
        themes=["生育收养", "社会保障"], life_events=["生育"],
        keywords=["生育津贴", "产假工资", "生育报销"],
        summary="参加职工基本医疗保险（生育保险）的职工，符合规定生育或施行计划生育手术的，可享受生育医疗费用和生育津贴待遇；"
                "生育津贴按职工所在用人单位上年度职工月平均工资计发。",
        conditions="用人单位已为职工参加生育保险并连续足额缴费；职工生育或计划生育手术符合国家和本省政策；在规定期限内申领。",
        basis=["《中华人民共和国社会保险法》第五十四条", "《中华人民共和国社会保险法》第五十六条"],
        materials=[SSCARD, m("出生医学证明", "原件或电子证照", note="可通过数据共享核验的免于提交"),
                   m("医疗机构出具的诊断证明或出院记录", "原件或复印件"),
                   m("单位银行账户信息", "电子信息", required=False, note="生育津贴发放至单位的提供")],
        procedure=steps("申请：用人单位或职工本人通过{app}或医保窗口申报。",
                        "审核：医保经办机构核定待遇标准。",
                        "支付：生育津贴按月或一次性拨付至单位或个人账户。"),
        days=(20, 10), online_mode=4, level="city", venue="medical",
    ),
    Service(
        name="医药机构申请定点协议管理", dept="市医保", audience=L, item_type="其他行政权力",
        themes=["医疗卫生", "准营准办"], life_events=["开药店"],
        keywords=["医保定点", "定点药店申请", "定点医疗机构"],
        summary="医疗机构、零售药店正式运营满3个月后，可向统筹地区医疗保障经办机构提出医保定点申请，"
                "经评估合格的签订医疗保障服务协议，纳入定点医药机构管理。",
        conditions="依法取得医疗机构执业许可证或药品经营许可证并正式运营满3个月；配备医保管理人员和符合要求的信息系统；近3年无重大违法违规行为。",
        basis=["《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）",
               "《零售药店医疗保障定点管理暂行办法》（国家医疗保障局令第3号）"],
        materials=[m("定点医药机构申请表", "电子表单", source="线上填写"),
                   m("医疗机构执业许可证或药品经营许可证", "原件或电子证照"),
                   m("医保管理制度和信息系统建设情况说明", "原件"),
                   m("执业（药）师注册证明", "原件或复印件")],
        procedure=steps("申请：医药机构通过医保信息平台提交定点申请。",
                        "受理：经办机构5个工作日内完成材料审核。",
                        "评估：组织评估小组进行现场评估。",
                        "签约：评估合格的纳入协商谈判并签订服务协议。"),
        days=(60, 45), online_mode=3, level="city", venue="medical",
    ),
    # ---- 社会保险（市级） ------------------------------------------------------------------
    Service(
        name="基本养老保险关系转移接续", dept="市社保", audience=P, item_type="公共服务",
        themes=["社会保障"], life_events=["就业", "迁居"],
        keywords=["养老保险转移", "社保转移", "养老保险跨省转移"],
        summary="参保人员跨省、跨统筹地区流动就业的，可以申请将基本养老保险关系和个人账户储存额转入新就业地，"
                "缴费年限累计计算；可通过国家社会保险公共服务平台、“掌上12333”APP申请。",
        conditions="参加企业职工基本养老保险且尚未领取基本养老保险待遇；已在转入地就业并参保缴费，或符合转入地规定的转入条件。",
        basis=["《中华人民共和国社会保险法》第十九条", "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）"],
        materials=[SSCARD, m("基本养老保险关系转移接续申请表", "电子表单", source="线上填写"),
                   m("参保缴费凭证", "原件", required=False, note="经办机构之间通过信息系统传递的免于提供")],
        procedure=steps("申请：向转入地社保经办机构提出转移接续申请。",
                        "发函：转入地审核后向转出地发出联系函。",
                        "转出：转出地办理转出手续并转移基金。",
                        "转入确认：转入地核对信息并记录缴费年限和个人账户。"),
        days=(45, 30), online_mode=4, level="city", venue="social",
    ),
    Service(
        name="社会保险待遇领取资格认证", dept="市社保", audience=P, item_type="公共服务",
        themes=["社会保障", "养老服务"], life_events=["退休", "养老"],
        keywords=["养老金认证", "生存认证", "刷脸认证"],
        summary="按月领取基本养老保险等社会保险待遇的人员，每年需完成一次待遇领取资格认证；经办机构先通过数据比对开展静默认证，"
                "无法静默认证的可通过{app}、“掌上12333”APP人脸识别自助认证。",
        conditions="按月领取社会保险待遇的人员；认证周期为12个月，逾期未认证的暂停发放待遇，认证通过后补发。",
        basis=["《中华人民共和国社会保险法》", "《人力资源社会保障部办公厅关于印发〈社会保险待遇资格认证经办规程（试行）〉的通知》"],
        materials=[SSCARD, m("认证人近期人像", "现场或线上采集", source="人脸识别采集")],
        procedure=steps("认证：通过手机APP人脸识别，或到社保窗口、街道社区认证。",
                        "核验：系统比对身份与生存状态信息。",
                        "完成：认证通过后待遇正常发放。"),
        days=(1, 0), online_mode=4, level="city", venue="social",
        faq=[qa("老人行动不便，不会用手机怎么认证？", "可由家属代为在APP上为老人刷脸认证，或联系社区工作人员提供上门认证服务。")],
    ),
    Service(
        name="企业职工基本养老保险待遇申领", dept="市社保", audience=P, item_type="行政给付",
        themes=["社会保障", "养老服务"], life_events=["退休"],
        keywords=["办退休", "领养老金", "退休手续", "养老金申领"],
        summary="参加企业职工基本养老保险的人员达到法定退休年龄且累计缴费满规定年限的，可申领按月领取的基本养老金；"
                "退休“一件事”可一次办理养老金申领、医保退休转换和住房公积金提取。",
        conditions="达到法定退休年龄或符合提前退休条件；基本养老保险累计缴费年限满15年（按国家规定逐步提高的从其规定）；已停止缴费并办理退休审批。",
        basis=["《中华人民共和国社会保险法》第十六条", "《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）"],
        materials=[SSCARD, m("职工退休申请表", "电子表单", source="单位或个人线上填报"),
                   m("职工人事档案", "原件", required=False, note="需核定视同缴费年限的提供"),
                   BANK_CARD],
        procedure=steps("申报：用人单位或个人在达到退休年龄前通过{app}申报。",
                        "审核：社保经办机构审核出生时间、缴费年限等。",
                        "核定：计算基本养老金待遇标准。",
                        "发放：次月起按月发放养老金。"),
        days=(20, 10), online_mode=4, level="city", venue="social",
        faq=[qa("灵活就业人员退休去哪里办？", "灵活就业人员可本人通过{app}申报退休，或到户籍所在地街道社保服务站、社保经办大厅办理。")],
    ),
    Service(
        name="社会保险单位参保登记", dept="市社保", audience=L, item_type="公共服务",
        themes=["社会保障", "设立变更"], life_events=["企业开办", "招聘"],
        keywords=["单位社保开户", "社保开户", "企业参保登记"],
        summary="用人单位应当自成立之日起三十日内办理社会保险登记，并自用工之日起三十日内为职工申请办理参保登记；"
                "企业开办时可一网通办同步完成社保登记，无需另行提交材料。",
        conditions="在本地依法设立的企业、机关事业单位、社会团体、民办非企业单位和有雇工的个体工商户；已取得统一社会信用代码。",
        basis=["《中华人民共和国社会保险法》第五十七条", "《社会保险费征缴暂行条例》第七条"],
        materials=[BIZ_LICENSE, m("社会保险单位参保登记表", "电子表单", source="线上填写"),
                   m("单位银行账户信息", "原件或复印件", required=False, note="办理委托扣款时提供")],
        procedure=steps("申请：通过{app}、企业开办“一件事”平台或社保窗口提交登记。",
                        "受理审核：核验单位登记信息。",
                        "办结：生成单位社保编号，开通网上经办权限。"),
        days=(5, 0), online_mode=4, level="city", venue="social",
    ),
    # ---- 水电气与档案 ----------------------------------------------------------------------
    Service(
        name="用水报装", dept="供水", audience=PL, item_type="公共服务",
        themes=["水电气暖"], life_events=["企业开办", "开餐馆", "购房"],
        keywords=["自来水开户", "装水表", "用水申请", "接水"],
        summary="新建、改建、扩建项目或个人、企业需要新接入城市公共供水管网的，可向供水企业申请用水报装；"
                "小型项目实行“零上门、零审批、零投资”，水电气网可联合报装。",
        conditions="用水地址位于供水企业服务范围内；申请人为产权人或经产权人同意的使用人；涉及占掘路的已取得相关许可。",
        basis=["《城市供水条例》第二十二条", "《优化营商环境条例》第二十六条"],
        materials=[m("用水报装申请表", "电子表单", source="线上填写"), m("申请人身份证件或营业执照", "原件或电子证照"),
                   m("用水地址产权证明或租赁合同", "原件或电子证照", required=False, note="可通过数据共享核验的免于提交")],
        procedure=steps("申请：通过{app}“水电气网联合报装”或供水营业厅申请。",
                        "勘察：供水企业上门勘察并确定供水方案。",
                        "施工：完成接水工程施工和水表安装。",
                        "通水：验收合格后签订供用水合同并通水。"),
        days=(10, 5), online_mode=3, level="city", venue="water",
    ),
    Service(
        name="低压用电报装", dept="供电", audience=PL, item_type="公共服务",
        themes=["水电气暖"], life_events=["企业开办", "个体开业", "购房"],
        keywords=["用电报装", "电表申请", "通电申请"],
        summary="居民和160千瓦及以下小微企业等低压用户新装、增容用电的，可向供电企业申请低压用电报装；"
                "小微企业实行“三零”服务，办电时间压减至5个工作日以内。",
        conditions="用电地址在供电企业营业区内；申请人为房屋产权人或经产权人同意的使用人；用电容量在低压接入范围内。",
        basis=["《电力供应与使用条例》第二十三条", "《供电营业规则》"],
        materials=[m("用电申请书", "电子表单", source="线上填写"), m("用电人身份证件或营业执照", "原件或电子证照"),
                   m("用电地址物业权属证明", "原件或电子证照", required=False, note="可通过数据共享核验的免于提交")],
        procedure=steps("申请：通过“网上国网”APP、{app}或供电营业厅申请。",
                        "勘察：供电企业现场勘察并答复供电方案。",
                        "装表接电：完成配套工程、装表并接电。"),
        days=(15, 5), online_mode=3, level="city", venue="power",
    ),
    Service(
        name="档案查阅利用", dept="档案", audience=PL, item_type="公共服务",
        themes=["档案文物"], life_events=["结婚", "退休"],
        keywords=["查档案", "婚姻档案查询", "档案证明", "知青档案"],
        summary="单位和个人可持合法证明查阅、复制国家综合档案馆已向社会开放的档案，以及与本人相关的婚姻登记、知青、招工等民生档案；"
                "民生档案实行“异地查档、跨馆出证”。",
        conditions="查阅已开放档案的，持合法身份证明即可；查阅本人民生档案或未开放档案的，需提供身份证明及与档案的关系证明。",
        basis=["《中华人民共和国档案法》第二十八条", "《中华人民共和国档案法实施条例》第三十四条"],
        materials=[ID_CARD, m("档案查阅利用申请表", "电子表单", source="线上填写或现场填写"),
                   m("单位介绍信或委托书", "原件", required=False, note="代查或单位查档时提供")],
        procedure=steps("申请：通过{app}远程查档或到档案馆查档窗口申请。",
                        "检索：工作人员检索馆藏档案。",
                        "出证：提供查阅或出具加盖档案证明专用章的复制件。"),
        days=(15, 3), online_mode=3, level="city", venue="archive",
    ),
]

# --------------------------------------------------------------------------------------------
# Catalogue: district-level services mainly for 个人
# --------------------------------------------------------------------------------------------

ID_LAW = "《中华人民共和国居民身份证法》"
HUKOU_RULE = "《中华人民共和国户口登记条例》"
ID_FEE_BASIS = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》"

PERSONAL_SERVICES = [
    # ---- 户籍与证件（公安） ----------------------------------------------------------------
    Service(
        name="居民身份证首次申领", dept="公安", audience=P, item_type="行政确认",
        themes=["证件办理", "户籍办理"], life_events=["出生", "入学"],
        keywords=["第一次办身份证", "小孩办身份证", "身份证申领"],
        summary="居住在中华人民共和国境内的中国公民年满十六周岁的，应当申请领取居民身份证；未满十六周岁的，可以依照规定申请领取。"
                "首次申领须本人到户籍所在地公安机关现场采集相片和指纹。",
        conditions="具有本地常住户口的中国公民；年满16周岁应当申领，未满16周岁的由监护人代为申请；本人到场采集人像和指纹信息。",
        basis=[ID_LAW + "第二条", ID_LAW + "第八条"],
        materials=[HUKOU, m("监护人居民身份证", "原件", required=False, note="未满16周岁的申请人由监护人陪同并提供")],
        procedure=steps("申请：本人持居民户口簿到户籍所在地户政窗口申请。",
                        "采集：现场采集数字相片和指纹信息。",
                        "审核：公安机关审核申领信息。",
                        "制证领取：制证完成后窗口领取或邮寄送达。"),
        days=(60, 20, "自然日"), fee=fee("工本费每证20元", ID_FEE_BASIS),
        online_mode=2, venue="police",
    ),
    Service(
        name="居民身份证换领", dept="公安", audience=P, item_type="行政确认",
        themes=["证件办理", "户籍办理"], life_events=["迁居"],
        keywords=["身份证到期", "换身份证", "身份证过期"],
        summary="居民身份证有效期满、登记内容变更或证件严重损坏不能辨认的，公民应当申请换领新证；"
                "已实现全国通办，可在户籍地或居住地户政窗口办理，部分地区支持{app}预约和邮寄送证。",
        conditions="持有本地户籍或在本地居住的中国公民；原居民身份证有效期满前三个月内、有效期已满或登记项目有误需要变更更正。",
        basis=[ID_LAW + "第十一条", "《居民身份证异地受理挂失申报和丢失招领工作规范》"],
        materials=[m("原居民身份证", "原件"), HUKOU,
                   m("数字相片回执", "电子回执", required=False, note="在具备资质的照相馆拍摄的提供回执号，现场拍摄免于提交")],
        procedure=steps("申请：本人到户政窗口提交申请，可提前通过{app}预约。",
                        "采集：采集或核验数字相片、指纹。",
                        "审核：审核申领信息，异地办理的核验户籍地信息。",
                        "领证：窗口领取或邮寄送达。"),
        days=(60, 20, "自然日"), fee=fee("工本费每证20元", ID_FEE_BASIS),
        online_mode=2, venue="police",
        faq=[qa("身份证快到期了，提前多久可以换？", "有效期满前三个月内即可申请换领；到期后仍可办理，但到期证件无法正常使用，建议尽早办理。"),
             qa("外地户籍能在本地换身份证吗？", "可以。居民身份证换领、补领已实现全国通办，可在居住地任一户政窗口申请。")],
    ),
    Service(
        name="居民身份证挂失补领", dept="公安", audience=P, item_type="行政确认",
        themes=["证件办理", "户籍办理"], life_events=[],
        keywords=["身份证丢了", "身份证补办", "身份证挂失"],
        summary="居民身份证丢失的，应当向公安机关申请补领；补领期间急需使用的，可同时申请临时居民身份证。"
                "丢失后可通过{app}或户政窗口办理挂失申报，挂失后原证件信息即作废。",
        conditions="居民身份证丢失、被盗或严重损坏的本地户籍公民，或在本地居住的外地户籍公民（异地补领）；本人到场办理。",
        basis=[ID_LAW + "第十一条", "《居民身份证挂失申报和丢失招领工作规范》"],
        materials=[HUKOU, m("数字相片回执", "电子回执", required=False, note="现场拍摄的免于提交")],
        procedure=steps("挂失：通过{app}或户政窗口申报挂失。",
                        "申请：本人到户政窗口申请补领，核验身份并采集信息。",
                        "审核：公安机关审核补领申请。",
                        "领证：窗口领取或邮寄送达。"),
        days=(60, 20, "自然日"), fee=fee("工本费每证40元", ID_FEE_BASIS),
        online_mode=2, venue="police",
    ),
    Service(
        name="临时居民身份证申领", dept="公安", audience=P, item_type="行政确认",
        themes=["证件办理"], life_events=["出行"],
        keywords=["临时身份证", "临时身份证明", "坐车没带身份证"],
        summary="正在申领、换领、补领居民身份证期间，急需使用居民身份证的，可以申请领取临时居民身份证；"
                "临时居民身份证有效期为三个月，申领后原则上当场或1个工作日内签发。",
        conditions="已申请领取、换领或补领居民身份证且尚未领取新证；因乘坐交通工具、办理住宿等确有急需使用身份证件的情形；本人到场。",
        basis=["《中华人民共和国临时居民身份证管理办法》第二条", "《中华人民共和国临时居民身份证管理办法》第八条"],
        materials=[HUKOU, m("居民身份证申领受理回执", "原件")],
        procedure=steps("申请：本人到户政窗口申请。",
                        "审核：核验身份和正在办理的身份证申领信息。",
                        "签发：制作并当场签发临时居民身份证。"),
        days=(3, 0), fee=fee("工本费每证10元", ID_FEE_BASIS),
        online_mode=1, venue="police", only_in=("杭州", "武汉"),
    ),
    Service(
        name="新生儿出生入户登记", dept="公安", audience=P, item_type="行政确认",
        themes=["户籍办理", "生育收养"], life_events=["出生"],
        keywords=["新生儿落户", "宝宝上户口", "出生登记", "报户口"],
        summary="婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记；"
                "可通过“出生一件事”在{app}联办出生医学证明、户口登记、医保参保和社保卡申领。",
        conditions="新生儿父母一方为本地常住户口，可随父或随母落户；已取得出生医学证明；在婴儿出生后一个月内申报，逾期的按规定补报。",
        basis=[HUKOU_RULE + "第七条", "《国务院办公厅关于解决无户口人员登记户口问题的意见》"],
        materials=[m("出生医学证明", "原件或电子证照"), m("父母双方居民身份证", "原件或电子证照"),
                   m("拟落户居民户口簿", "原件"), m("父母结婚证", "原件或电子证照", required=False, note="非婚生育的按规定提供其他材料")],
        procedure=steps("申请：通过{app}“出生一件事”或派出所户籍窗口申请。",
                        "受理：核验出生医学证明和父母身份信息。",
                        "审核：派出所审核落户条件。",
                        "办结：登记户口，在户口簿上增加新生儿户口页。"),
        days=(5, 1), online_mode=4, venue="police",
        faq=[qa("宝宝出生超过一个月还能落户吗？", "可以，逾期申报的按规定办理，不影响落户，但请尽快申报以免影响参保和入学。")],
    ),
    Service(
        name="户口迁入登记", dept="公安", audience=P, item_type="行政确认",
        themes=["户籍办理"], life_events=["迁居", "购房", "就业", "结婚"],
        keywords=["落户", "户口迁入", "投靠落户", "人才落户"],
        summary="符合本地落户政策的人员，可申请将户口迁入本地；已实现户口迁移“跨省通办”，申请人在迁入地提出申请后，"
                "由迁入地和迁出地公安机关网上流转办理，无需往返两地开具准迁证。",
        conditions="符合本地购房落户、人才落户、投靠亲属落户、就业落户等落户政策之一；迁入地址有合法稳定住所或集体户口接收。",
        basis=[HUKOU_RULE + "第十三条", "《公安部关于推行户口迁移“跨省通办”的通知》"],
        materials=[ID_CARD, HUKOU, m("落户条件证明材料", "原件或电子证照", note="如不动产权证书、劳动合同、学历证书、亲属关系证明等"),
                   m("迁入地户主同意入户证明", "原件", required=False, note="投靠入户时提供")],
        procedure=steps("申请：通过{app}或迁入地派出所户籍窗口提出迁入申请。",
                        "受理审核：核查落户条件。",
                        "迁移：迁入地与迁出地公安机关网上办理迁出迁入。",
                        "办结：登记户口并签发居民户口簿。"),
        days=(20, 10), online_mode=3, venue="police",
    ),
    Service(
        name="户口迁出登记", dept="公安", audience=P, item_type="行政确认",
        themes=["户籍办理"], life_events=["迁居", "入学"],
        keywords=["户口迁出", "迁户口", "大学生户口迁出"],
        summary="公民因迁居、升学、参军等原因需要迁出户口的，由本人或户主向户口登记机关申报迁出登记；"
                "已实行迁入地“一站式”办理的，无需到迁出地开具迁移证。",
        conditions="本地常住户口人员；已取得迁入地准予迁入的证明或已纳入跨省通办流程；不存在正在被依法限制迁移的情形。",
        basis=[HUKOU_RULE + "第十条"],
        materials=[ID_CARD, HUKOU, m("迁入地准予迁入的证明", "原件或电子信息", note="跨省通办的由公安机关内部流转")],
        procedure=steps("申请：本人或户主向派出所户籍窗口提出申请。",
                        "审核：核验迁入地准迁信息。",
                        "办结：注销本地户口并签发迁移证件或网上推送迁移信息。"),
        days=(5, 1), online_mode=2, venue="police", only_in=("杭州", "武汉"),
    ),
    Service(
        name="户籍类证明开具", dept="公安", audience=P, item_type="公共服务",
        themes=["户籍办理", "证件办理"], life_events=["结婚", "身后事"],
        keywords=["户籍证明", "户口证明", "亲属关系证明", "同一人证明"],
        summary="对公民户口登记项目内容变更更正、注销户口、亲属关系、曾用名等户籍信息，公安机关可依申请开具户籍类证明；"
                "可在{app}申请电子户籍证明，与纸质证明具有同等效力。",
        conditions="申请人为证明事项的当事人、监护人或有合法利害关系的人；所证明的事项在户籍档案中有记载可查。",
        basis=[HUKOU_RULE + "第三条", "《公安部 司法部关于规范和减少各类证明有关事项的通知》"],
        materials=[ID_CARD, HUKOU, m("证明用途说明或相关单位的需求函", "原件", required=False)],
        procedure=steps("申请：通过{app}或派出所户籍窗口申请。",
                        "核查：查询户籍档案和人口信息系统。",
                        "出具：即时出具证明，线上申请的可下载电子证明。"),
        days=(5, 0), online_mode=4, venue="police",
    ),
    Service(
        name="居住证办理", dept="公安", audience=P, item_type="行政确认",
        themes=["户籍办理", "证件办理"], life_events=["迁居", "就业", "租房", "入学"],
        keywords=["暂住证", "居住证申领", "积分入学居住证", "居住登记"],
        summary="公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，"
                "可以依照规定申领居住证；持证人可享受义务教育、基本公共就业服务、公共卫生等基本公共服务和便利。",
        conditions="在本地已办理居住登记满半年；有合法稳定就业、合法稳定住所或连续就读条件之一；非本地户籍人员。",
        basis=["《居住证暂行条例》第二条", "《居住证暂行条例》第九条", "《{prov}流动人口居住登记条例》"],
        materials=[ID_CARD, m("合法稳定住所、就业或就读证明", "原件或电子证照", note="如租赁合同、劳动合同、营业执照、在校证明等"),
                   m("近期免冠证件照片", "电子照片", required=False, note="可调取身份证照片的免于提交")],
        procedure=steps("申请：通过{app}在线申请或到居住地派出所、社区服务站申请。",
                        "核查：社区民警核实居住情况。",
                        "审核：公安机关审核签发。",
                        "领证：社区服务站领取或电子居住证在线亮证。"),
        days=(15, 7), online_mode=4, venue="police",
        faq=[qa("租房住能办居住证吗？", "可以。提供房屋租赁合同（或租赁备案证明）并办理居住登记满半年后即可申请。"),
             qa("居住证到期要重新办吗？", "居住证每年签注一次，逾期未签注的暂停使用，补签后恢复，可在{app}办理签注。")],
    ),
    Service(
        name="无犯罪记录证明开具", dept="公安", audience=P, item_type="公共服务",
        themes=["证件办理", "公共安全"], life_events=["就业", "出行"],
        keywords=["良民证", "无犯罪证明", "无违法犯罪记录证明", "政审证明"],
        summary="公安机关依申请为个人出具其在中国境内有无犯罪记录的证明，用于就业、出国留学、办理签证、申请执业资格等；"
                "本地户籍或居住人员可通过{app}在线申请，证明有效期一般为3个月。",
        conditions="申请人为本地户籍人员或持有本地居住证的人员；本人申请或委托他人代为申请；用于法律法规规定需要提供证明的情形。",
        basis=["《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）第四条"],
        materials=[ID_APPLICANT, m("委托书及受托人身份证件", "原件", required=False, note="委托他人办理的提供"),
                   m("居住证", "原件或电子证照", required=False, note="非本地户籍人员提供")],
        procedure=steps("申请：通过{app}或派出所窗口提交申请。",
                        "查询：公安机关查询全国违法犯罪人员信息系统。",
                        "出具：无犯罪记录的出具证明，有记录的出具不予出具通知。"),
        days=(3, 1), online_mode=4, venue="police",
        faq=[qa("出国办签证需要的无犯罪记录证明怎么开？", "可在{app}在线申请后下载电子证明；需要公证、认证的，按使领馆要求到公证处办理。")],
    ),
    Service(
        name="死亡人员户口注销", dept="公安", audience=P, item_type="行政确认",
        themes=["户籍办理"], life_events=["身后事"],
        keywords=["注销户口", "去世销户", "死亡销户"],
        summary="公民死亡的，由户主、亲属、扶养人或者邻居在规定期限内向户口登记机关申报死亡，注销户口；"
                "本地推行“身后一件事”联办，可同步办理社保停发、丧葬补助和公积金提取。",
        conditions="本地户籍公民死亡；已取得医疗机构出具的《居民死亡医学证明（推断）书》、火化证明或其他死亡证明材料。",
        basis=[HUKOU_RULE + "第八条"],
        materials=[m("居民死亡医学证明（推断）书或火化证明", "原件或电子证照"), m("死者居民户口簿", "原件"),
                   m("申报人居民身份证", "原件或电子证照"), m("死者居民身份证", "原件", required=False, note="有的应当交回")],
        procedure=steps("申报：亲属通过“身后一件事”或派出所户籍窗口申报。",
                        "审核：核验死亡证明信息。",
                        "注销：注销户口，收回或注销居民身份证。"),
        days=(3, 0), online_mode=3, venue="police",
    ),
    # ---- 婚姻与收养（民政） -----------------------------------------------------------------
    Service(
        name="内地居民结婚登记", dept="民政", audience=P, item_type="行政确认",
        themes=["婚姻登记"], life_events=["结婚"],
        keywords=["领结婚证", "结婚证", "登记结婚", "领证"],
        summary="内地居民自愿结婚的，男女双方应当共同到婚姻登记机关申请结婚登记；已开展婚姻登记“跨省通办”，"
                "一方户籍或经常居住地在本地的即可在本地申请，可通过{app}预约登记时间并选择颁证服务。",
        conditions="男方年满22周岁、女方年满20周岁；双方均无配偶；双方没有直系血亲和三代以内旁系血亲关系；男女双方自愿且本人亲自到场。",
        basis=["《中华人民共和国民法典》第一千零四十九条", "《婚姻登记条例》第四条", "《婚姻登记条例》第五条"],
        materials=[m("双方居民户口簿", "原件", note="一方在居住地办理的提供居住证"), m("双方居民身份证", "原件"),
                   m("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", "原件", source="婚姻登记处现场签署"),
                   m("双方近期半身免冠合影照片", "纸质照片", copies=3, note="2寸红底，部分登记处可现场拍摄")],
        procedure=steps("预约：通过{app}预约登记日期（可选）。",
                        "申请：双方持证件到婚姻登记处现场申请、签署声明。",
                        "审查：登记员审查证件和声明。",
                        "颁证：符合条件的当场登记并颁发结婚证。"),
        days=(1, 0), online_mode=2, venue="marriage",
        faq=[qa("户口本丢了能领结婚证吗？", "需先补办户口本或开具户籍证明；在居住地办理的可使用居住证代替户口簿。"),
             qa("“520”“七夕”当天能登记吗？", "法定工作日均可登记，特殊纪念日如遇周末可关注登记处发布的加班登记安排，建议提前在{app}预约。")],
    ),
    Service(
        name="内地居民离婚登记", dept="民政", audience=P, item_type="行政确认",
        themes=["婚姻登记"], life_events=["结婚"],
        keywords=["离婚证", "协议离婚", "离婚冷静期", "办离婚"],
        summary="夫妻双方自愿离婚的，应当签订书面离婚协议并亲自到婚姻登记机关申请离婚登记；"
                "自婚姻登记机关收到申请之日起三十日内为离婚冷静期，期满后三十日内双方应当亲自到场申请发给离婚证。",
        conditions="双方均为完全民事行为能力人且自愿离婚；已对子女抚养、财产及债务处理等事项协商一致；在本地办理过结婚登记或一方常住户口在本地。",
        basis=["《中华人民共和国民法典》第一千零七十六条", "《中华人民共和国民法典》第一千零七十七条", "《婚姻登记条例》第十条"],
        materials=[m("双方居民户口簿和居民身份证", "原件"), m("双方结婚证", "原件"),
                   m("离婚协议书", "原件", copies=3, note="载明双方自愿离婚及子女抚养、财产及债务处理等意见"),
                   m("双方近期2寸单人半身免冠照片", "纸质照片", copies=2)],
        procedure=steps("申请：双方共同到婚姻登记处提交离婚登记申请。",
                        "冷静期：自受理之日起30日为离婚冷静期，期间任何一方可撤回申请。",
                        "审查：冷静期满后30日内双方共同到场申请发证。",
                        "发证：符合条件的予以登记并发给离婚证。"),
        days=(30, 30, "自然日"), online_mode=2, venue="marriage",
    ),
    Service(
        name="收养登记", dept="民政", audience=P, item_type="行政确认",
        themes=["生育收养"], life_events=["生育"],
        keywords=["领养孩子", "收养证", "收养手续"],
        summary="收养应当向县级以上人民政府民政部门登记，收养关系自登记之日起成立；收养查找不到生父母的未成年人的，"
                "民政部门应当在登记前予以公告，收养人应当与被收养人共同生活并经收养评估。",
        conditions="收养人无子女或者只有一名子女，有抚养、教育和保护被收养人的能力，未患有医学上认为不应当收养子女的疾病，"
                   "无不利于被收养人健康成长的违法犯罪记录，年满30周岁。",
        basis=["《中华人民共和国民法典》第一千零九十八条", "《中华人民共和国民法典》第一千一百零五条", "《中国公民收养子女登记办法》"],
        materials=[m("收养申请书", "原件"), m("收养人居民户口簿和居民身份证", "原件"),
                   m("收养人婚姻状况、子女情况和抚养教育能力的证明", "原件"),
                   m("县级以上医疗机构出具的收养人身体健康检查证明", "原件"),
                   m("送养人同意送养的书面意见", "原件", required=False, note="有送养人的提供")],
        procedure=steps("申请：收养人、送养人到收养登记机关提出申请。",
                        "审查：登记机关审查材料，开展收养评估。",
                        "公告：收养查找不到生父母的未成年人的，公告60日。",
                        "登记：符合规定的予以登记并发给收养登记证。"),
        days=(30, 30, "自然日"), online_mode=1, venue="marriage", only_in=("成都", "武汉"),
    ),
    # ---- 社会救助与养老（民政） ------------------------------------------------------------
    Service(
        name="最低生活保障申请", dept="民政", audience=P, item_type="行政给付",
        themes=["社会救助"], life_events=["失业", "残疾"],
        keywords=["低保", "低保申请", "低保户", "城乡低保"],
        summary="共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障；"
                "申请人可向户籍所在地或经常居住地乡镇人民政府（街道办事处）提出，也可通过{app}在线申请。",
        conditions="持有本地户籍或按规定在经常居住地申请；家庭月人均收入低于当地城乡低保标准；家庭财产符合当地规定；申请人如实申报家庭收入和财产并授权核对。",
        basis=["《社会救助暂行办法》第九条", "《社会救助暂行办法》第十一条", "《最低生活保障审核确认办法》（民发〔2021〕57号）"],
        materials=[m("最低生活保障申请书", "原件或电子表单"), ID_CARD, HUKOU,
                   m("家庭经济状况核对授权书", "原件", note="共同生活的家庭成员均需签字"),
                   m("收入、财产情况声明及相关证明", "原件", required=False, note="可通过部门信息核对的免于提交")],
        procedure=steps("申请：向街道（乡镇）社会救助服务窗口或通过{app}提出申请。",
                        "调查核对：开展入户调查和家庭经济状况信息核对。",
                        "公示：调查结果在村（居）委会公示7天。",
                        "审核确认：符合条件的确认并发放低保金。"),
        days=(30, 20), online_mode=3,
        faq=[qa("有车有房还能申请低保吗？", "家庭拥有的财产须符合当地规定，拥有非生活必需的机动车或多套住房的一般不予认定，具体以当地标准为准。")],
    ),
    Service(
        name="特困人员救助供养申请", dept="民政", audience=P, item_type="行政给付",
        themes=["社会救助", "养老服务"], life_events=["养老", "残疾"],
        keywords=["五保户", "特困供养", "三无老人"],
        summary="无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力的老年人、残疾人以及未满十六周岁的未成年人，"
                "可以申请特困人员救助供养，享受基本生活、照料护理、疾病治疗和丧葬事宜等保障。",
        conditions="同时具备无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力三个条件；"
                   "属于老年人、残疾人或未满16周岁的未成年人。",
        basis=["《社会救助暂行办法》第十四条", "《特困人员认定办法》（民发〔2021〕43号）"],
        materials=[m("特困人员救助供养申请书", "原件"), ID_CARD, HUKOU,
                   m("残疾人证", "原件或电子证照", required=False, note="因残疾申请的提供"),
                   m("家庭经济状况核对授权书", "原件")],
        procedure=steps("申请：本人或委托他人向街道（乡镇）提出申请。",
                        "调查：街道（乡镇）开展调查核实和公示。",
                        "审核确认：民政部门确认后按月发放供养金，需要集中供养的安排入住供养机构。"),
        days=(30, 20), online_mode=2,
    ),
    Service(
        name="高龄津贴申领", dept="民政", audience=P, item_type="行政给付",
        themes=["养老服务", "优待抚恤"], life_events=["养老"],
        keywords=["高龄补贴", "老人补贴", "尊老金", "长寿补贴"],
        summary="本地户籍80周岁及以上老年人可申领高龄津贴，按年龄段分档按月发放；年满条件的老人经数据比对后可“免申即享”，"
                "未自动纳入的可由本人或家属通过{app}或社区服务窗口申请。",
        conditions="具有本地户籍；年满80周岁；健在且未被判处刑罚正在服刑；同一待遇不在两地重复享受。",
        basis=["《中华人民共和国老年人权益保障法》第三十三条", "《{prov}老年人权益保障条例》"],
        materials=[ID_CARD, BANK_CARD,
                   m("代办人身份证件及委托书", "原件", required=False, note="家属代为申请时提供")],
        procedure=steps("申请：符合条件的老年人或家属向社区（村）或通过{app}申请。",
                        "审核：街道（乡镇）初审，民政部门审核。",
                        "发放：次月起按月发放至老人银行账户。"),
        days=(20, 10), online_mode=4,
        faq=[qa("满80岁了需要自己申请吗？", "大部分老人通过数据比对自动纳入发放，如满80周岁次月未收到津贴，可由家属在{app}或社区提出申请。")],
    ),
    Service(
        name="困难残疾人生活补贴和重度残疾人护理补贴申请", dept="民政", audience=P, item_type="行政给付",
        themes=["残疾人", "社会救助"], life_events=["残疾"],
        keywords=["残疾人两项补贴", "重度残疾护理补贴", "残疾人生活补贴"],
        summary="低保家庭中的残疾人和其他困难残疾人可申请困难残疾人生活补贴；残疾等级为一级、二级且需要长期照护的重度残疾人"
                "可申请重度残疾人护理补贴。两项补贴可通过残疾人证数据共享实现“跨省通办”。",
        conditions="持有第二代中华人民共和国残疾人证；生活补贴申请人为低保家庭或其他困难家庭残疾人，护理补贴申请人为一级、二级重度残疾人。",
        basis=["《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）"],
        materials=[m("残疾人证", "原件或电子证照"), ID_CARD, BANK_CARD,
                   m("困难残疾人生活补贴和重度残疾人护理补贴申请审批表", "原件或电子表单")],
        procedure=steps("申请：本人或家属通过{app}或街道（乡镇）窗口申请。",
                        "初审：街道（乡镇）审核并公示。",
                        "审定：民政部门会同残联审定，次月起发放。"),
        days=(30, 15), online_mode=4,
    ),
    Service(
        name="基本殡葬服务费用减免", dept="民政", audience=P, item_type="行政给付",
        themes=["社会救助"], life_events=["身后事"],
        keywords=["丧葬费减免", "火化费减免", "惠民殡葬"],
        summary="本地户籍居民去世后在本地殡仪馆火化的，可减免遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用；"
                "低保对象、特困人员等困难群众可按规定享受进一步减免或生态安葬奖补。",
        conditions="逝者为本地户籍居民或在本地居住的困难群众；遗体在本地殡仪馆火化；由丧事承办人在规定期限内申请。",
        basis=["《殡葬管理条例》", "《民政部等16部门关于进一步推动殡葬改革促进殡葬事业发展的指导意见》"],
        materials=[m("逝者居民死亡医学证明（推断）书", "原件或电子证照"), m("丧事承办人居民身份证", "原件"),
                   m("殡仪服务收费票据", "原件")],
        procedure=steps("申请：丧事承办人在殡仪馆服务窗口或通过“身后一件事”申请。",
                        "核验：核验逝者户籍和困难群众身份信息。",
                        "减免：直接在结算时减免相关费用。"),
        days=(5, 0), online_mode=2, only_in=("杭州", "成都"),
    ),
    # ---- 卫生健康 --------------------------------------------------------------------------
    Service(
        name="生育登记", dept="卫健", audience=P, item_type="公共服务",
        themes=["生育收养", "医疗卫生"], life_events=["生育", "结婚"],
        keywords=["准生证", "生育服务证", "生育登记服务卡", "怀孕登记"],
        summary="生育子女的夫妻可在孕前或孕期办理生育登记，登记后可享受孕产期保健等基本公共卫生服务；"
                "实行网上登记、承诺制办理，一方户籍地或现居住地均可登记，生育第几个孩子均可登记。",
        conditions="夫妻双方或一方户籍在本地，或现居住地在本地；已生育或正在怀孕、计划怀孕的夫妻；如实告知生育情况。",
        basis=["《中华人民共和国人口与计划生育法》第二十条", "《{prov}人口与计划生育条例》"],
        materials=[m("夫妻双方居民身份证", "原件或电子证照"), m("结婚证", "原件或电子证照"),
                   m("生育登记承诺书", "电子表单", source="线上签署")],
        procedure=steps("申请：通过{app}或社区卫生服务中心、街道便民服务中心提交登记。",
                        "核验：系统核验婚姻和生育信息。",
                        "办结：即时生成电子生育登记服务卡。"),
        days=(1, 0), online_mode=4,
        faq=[qa("生三孩还要审批吗？", "不需要。生育第几个孩子都实行生育登记服务制度，线上登记即可。"),
             qa("现在还有准生证吗？", "“准生证”已改为生育登记服务，登记后可在{app}下载电子生育登记服务卡。")],
    ),
    Service(
        name="出生医学证明首次签发", dept="卫健", audience=P, item_type="行政确认",
        themes=["生育收养", "医疗卫生", "证件办理"], life_events=["出生"],
        keywords=["出生证", "出生证明", "新生儿出生证"],
        summary="在依法取得助产技术服务资质的医疗机构内出生的新生儿，由该机构签发出生医学证明；"
                "出生医学证明是新生儿申报户口的依据，已推行电子出生医学证明和“出生一件事”联办。",
        conditions="新生儿在本地具有助产资质的医疗机构内出生；父母双方或监护人提供真实有效的身份信息；新生儿姓名已确定。",
        basis=["《中华人民共和国母婴保健法》第二十三条", "《中华人民共和国母婴保健法实施办法》第二十八条"],
        materials=[m("新生儿父母双方居民身份证", "原件"),
                   m("出生医学证明首次签发登记表", "原件", source="助产机构提供", note="填写新生儿姓名等信息")],
        procedure=steps("申请：新生儿父母在出生医院出生医学证明办理窗口申请。",
                        "核对：核对出生信息和父母身份证件。",
                        "签发：签发纸质或电子出生医学证明。"),
        days=(1, 0), online_mode=3, venue="hospital",
    ),
    # ---- 就业与社会保险（人社） -----------------------------------------------------------
    Service(
        name="失业保险金申领", dept="人社", audience=P, item_type="行政给付",
        themes=["就业创业", "社会保障"], life_events=["失业"],
        keywords=["失业金", "领失业金", "失业补助", "失业保险"],
        summary="参加失业保险的人员非因本人意愿中断就业，失业前用人单位和本人累计缴费满一年并已办理失业登记、有求职要求的，"
                "可申领失业保险金；可通过{app}、“掌上12333”APP或国家社会保险公共服务平台线上申领。",
        conditions="失业前用人单位和本人已缴纳失业保险费满1年；非因本人意愿中断就业；已进行失业登记并有求职要求；未领取基本养老金。",
        basis=["《中华人民共和国社会保险法》第四十五条", "《失业保险条例》第十四条"],
        materials=[SSCARD, m("解除或终止劳动关系证明", "原件或电子信息", required=False, note="单位已线上报送的免于提交"),
                   BANK_CARD],
        procedure=steps("申请：通过{app}或公共就业服务窗口申领。",
                        "审核：核验失业登记、缴费年限和解除劳动关系原因。",
                        "发放：审核通过后按月发放失业保险金。"),
        days=(10, 3), online_mode=4,
        faq=[qa("自己辞职能领失业金吗？", "失业保险金要求非因本人意愿中断就业，主动辞职的一般不能领取，但可申领失业补助金等政策以当地规定为准。")],
    ),
    Service(
        name="就业创业证申领", dept="人社", audience=P, item_type="公共服务",
        themes=["就业创业"], life_events=["就业", "失业"],
        keywords=["失业证", "就业失业登记证", "就业创业证明"],
        summary="劳动者可申领就业创业证，用于记载就业、失业、享受就业创业扶持政策等情况；"
                "实行电子化申领，可通过{app}、“掌上12333”APP申领电子就业创业证。",
        conditions="在法定劳动年龄内、有劳动能力的劳动者；在本地办理就业登记或失业登记；毕业年度高校毕业生可凭学籍信息申领。",
        basis=["《中华人民共和国就业促进法》", "《就业服务与就业管理规定》第六十一条"],
        materials=[ID_CARD, m("就业创业证申领登记表", "电子表单", source="线上填写")],
        procedure=steps("申请：通过{app}或街道（乡镇）公共就业服务窗口申请。",
                        "审核：核验就业失业登记信息。",
                        "发证：发放电子就业创业证，需要纸质证的窗口领取。"),
        days=(5, 0), online_mode=4,
    ),
    Service(
        name="社会保险个人参保登记", dept="人社", audience=P, item_type="公共服务",
        themes=["社会保障", "就业创业"], life_events=["就业", "个体开业"],
        keywords=["灵活就业参保", "个人交社保", "自由职业交社保"],
        summary="无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，"
                "可以本人申请参加企业职工基本养老保险，并按规定缴纳社会保险费。",
        conditions="在法定劳动年龄内；属于灵活就业人员、无雇工的个体工商户或非全日制从业人员；未在其他地区参加职工基本养老保险并缴费。",
        basis=["《中华人民共和国社会保险法》第十条", "《中华人民共和国社会保险法》第五十八条"],
        materials=[SSCARD, m("社会保险个人参保登记表", "电子表单", source="线上填写")],
        procedure=steps("申请：通过{app}或社保服务窗口提交参保登记。",
                        "审核：核验身份和参保状态。",
                        "办结：登记参保，可通过税务渠道缴费。"),
        days=(5, 0), online_mode=4,
    ),
    Service(
        name="城乡居民基本养老保险参保登记", dept="人社", audience=P, item_type="公共服务",
        themes=["社会保障", "养老服务"], life_events=["养老"],
        keywords=["城乡居民养老保险", "居民养老保险", "农保"],
        summary="年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，"
                "可以在户籍地参加城乡居民基本养老保险，按年自主选择缴费档次缴费，政府给予缴费补贴。",
        conditions="本地户籍；年满16周岁且不是在校学生；未参加职工基本养老保险或机关事业单位养老保险。",
        basis=["《中华人民共和国社会保险法》第二十条", "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"],
        materials=[SSCARD, HUKOU, m("城乡居民基本养老保险参保登记表", "电子表单", source="线上填写")],
        procedure=steps("申请：通过{app}或村（社区）、街道社保服务站申请。",
                        "审核：核验户籍和参保信息。",
                        "办结：完成参保登记，按年选择档次缴费。"),
        days=(5, 0), online_mode=4,
    ),
    Service(
        name="工伤认定申请", dept="人社", audience=PL, item_type="行政确认",
        themes=["社会保障", "就业创业"], life_events=["就业"],
        keywords=["工伤认定", "工伤申报", "上班受伤", "上下班交通事故"],
        summary="职工发生事故伤害或者被诊断、鉴定为职业病的，所在单位应当自事故伤害发生之日起30日内提出工伤认定申请；"
                "用人单位未按规定提出的，职工或其近亲属、工会组织可在1年内直接提出。",
        conditions="申请人为用人单位、受伤害职工或其近亲属、工会组织；在规定时限内提出申请；受伤害情形属于《工伤保险条例》规定的认定范围。",
        basis=["《工伤保险条例》第十四条", "《工伤保险条例》第十七条", "《工伤认定办法》（人力资源和社会保障部令第8号）"],
        materials=[m("工伤认定申请表", "原件或电子表单"), m("劳动合同或事实劳动关系证明", "原件或复印件"),
                   m("医疗诊断证明或职业病诊断证明书", "原件或复印件"),
                   m("交通事故责任认定书", "复印件", required=False, note="上下班途中交通事故申请的提供")],
        procedure=steps("申请：通过{app}或人社部门工伤认定窗口提交申请。",
                        "受理：材料完整的15日内受理。",
                        "调查核实：必要时对事故伤害进行调查核实。",
                        "认定：受理之日起60日内作出认定决定并送达。"),
        days=(60, 30), online_mode=3,
    ),
    Service(
        name="劳动人事争议仲裁申请", dept="人社", audience=PL, item_type="行政裁决",
        themes=["就业创业", "社会保障"], life_events=["就业", "失业"],
        keywords=["劳动仲裁", "拖欠工资", "劳动纠纷", "辞退赔偿"],
        summary="用人单位与劳动者因确认劳动关系、订立和解除劳动合同、工作时间、劳动报酬、社会保险等发生争议的，"
                "当事人可以向劳动人事争议仲裁委员会申请仲裁；劳动仲裁不收费，可通过{app}网上立案。",
        conditions="申请人与本案有直接利害关系；有明确的被申请人、具体的仲裁请求和事实、理由；属于仲裁委员会受理范围和管辖；在知道或应当知道权利被侵害之日起一年内申请。",
        basis=["《中华人民共和国劳动争议调解仲裁法》第二十七条", "《中华人民共和国劳动争议调解仲裁法》第二十八条"],
        materials=[m("仲裁申请书", "原件", copies=2, note="按被申请人人数提交副本"), ID_APPLICANT,
                   m("被申请人营业执照信息或身份信息", "复印件"), m("与争议有关的证据材料", "复印件")],
        procedure=steps("申请：到仲裁院立案窗口或通过{app}提交申请。",
                        "立案：5日内决定是否受理。",
                        "审理：组成仲裁庭开庭审理，先行调解。",
                        "裁决：受理之日起45日内结案，复杂的可延长15日。"),
        days=(45, 45, "自然日"), online_mode=3,
    ),
    Service(
        name="创业担保贷款申请", dept="人社", audience=PL, item_type="公共服务",
        themes=["就业创业"], life_events=["个体开业", "企业开办"],
        keywords=["创业贷款", "贴息贷款", "创业担保贷"],
        summary="符合条件的个人创业者可申请最高30万元、小微企业可申请最高400万元的创业担保贷款，财政按规定给予贴息；"
                "可通过{app}或经办银行在线申请，由担保机构提供担保。",
        conditions="个人：高校毕业生、就业困难人员、退役军人、返乡创业农民工等重点群体，在本地创业并已办理营业执照；小微企业：当年新招用符合条件人员达到规定比例。",
        basis=["《财政部 人力资源社会保障部 中国人民银行关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》（财金〔2020〕21号）"],
        materials=[m("创业担保贷款申请表", "电子表单", source="线上填写"), ID_CARD, BIZ_LICENSE,
                   m("重点群体身份证明", "原件或电子证照", required=False, note="如退役证、就业创业证等，可核验的免于提交")],
        procedure=steps("申请：通过{app}或人社窗口提交贷款申请。",
                        "资格审核：人社部门审核借款人资格。",
                        "担保审核：担保机构和经办银行开展尽职调查。",
                        "放款：签订合同后发放贷款并享受贴息。"),
        days=(20, 10), online_mode=3,
    ),
    # ---- 医疗保障（区级） ------------------------------------------------------------------
    Service(
        name="城乡居民基本医疗保险参保登记", dept="医保", audience=P, item_type="公共服务",
        themes=["医疗卫生", "社会保障"], life_events=["出生", "入学"],
        keywords=["居民医保", "少儿医保", "新生儿医保", "新农合"],
        summary="除职工基本医疗保险应参保人员以外的城乡居民，包括未成年人、在校学生和非从业居民，可参加城乡居民基本医疗保险；"
                "新生儿可在出生后办理参保，自出生之日起享受待遇，参保缴费可在{app}在线完成。",
        conditions="本地户籍居民或持本地居住证的非户籍居民及其未成年子女；未参加职工基本医疗保险；在集中参保缴费期内登记缴费，新生儿等特殊人员随时参保。",
        basis=["《中华人民共和国社会保险法》第二十五条", "《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）"],
        materials=[SSCARD, m("出生医学证明", "原件或电子证照", required=False, note="新生儿参保时提供"),
                   m("居住证", "原件或电子证照", required=False, note="非本地户籍人员提供")],
        procedure=steps("申请：通过{app}或街道（社区）医保服务站办理参保登记。",
                        "审核：核验身份和参保状态。",
                        "缴费：通过税务缴费渠道缴纳个人缴费部分，次年起享受待遇。"),
        days=(5, 0), online_mode=4,
    ),
    Service(
        name="门诊慢特病待遇认定", dept="医保", audience=P, item_type="行政确认",
        themes=["医疗卫生", "社会保障"], life_events=["就医"],
        keywords=["慢病认定", "特殊病种", "门诊特殊病", "慢特病申请"],
        summary="参保人员患有高血压、糖尿病、恶性肿瘤门诊治疗、尿毒症透析等门诊慢性病、特殊疾病的，可申请门诊慢特病待遇认定；"
                "认定后门诊费用按慢特病政策报销，部分定点医院可“院内认定、即时享受”。",
        conditions="参加本地基本医疗保险且处于正常参保状态；患有纳入本地门诊慢特病病种目录的疾病；符合相应病种的认定标准。",
        basis=["《国家医疗保障局办公室关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》", "《{city}基本医疗保险门诊慢特病管理办法》"],
        materials=[SSCARD, m("门诊慢特病认定申请表", "原件或电子表单", source="定点医疗机构提供"),
                   m("二级及以上定点医疗机构的病历、检查报告等诊断依据", "原件或复印件")],
        procedure=steps("申请：在定点医疗机构或通过{app}提交认定申请。",
                        "评审：医疗机构或医保经办机构组织专家评审。",
                        "认定：符合标准的录入系统，即时享受待遇。"),
        days=(15, 5), online_mode=3,
    ),
    # ---- 教育 ------------------------------------------------------------------------------
    Service(
        name="义务教育小学一年级新生入学", dept="教育", audience=P, item_type="公共服务",
        themes=["教育科研"], life_events=["入学"],
        keywords=["小学报名", "一年级入学", "幼升小", "新生入学登记"],
        summary="年满六周岁的适龄儿童应当入学接受义务教育，按照“户籍+房产”等学区划分原则就近入学；"
                "适龄儿童家长在规定时间内通过{app}“义务教育入学报名”系统网上报名，随迁子女按居住证积分安排入学。",
        conditions="当年8月31日前年满6周岁的适龄儿童；户籍和实际居住地在本学区，或父母持有本地居住证且符合随迁子女入学条件。",
        basis=["《中华人民共和国义务教育法》第十一条", "《中华人民共和国义务教育法》第十二条"],
        materials=[m("儿童及父母的居民户口簿", "原件或电子证照"), m("房屋产权证明或租赁备案证明", "原件或电子证照"),
                   m("父母居住证", "原件或电子证照", required=False, note="随迁子女提供"),
                   m("预防接种证", "原件", note="入学时由学校查验")],
        procedure=steps("报名：在规定时间内通过{app}网上报名并上传材料。",
                        "审核：教育部门联合公安、不动产登记等部门核验信息。",
                        "派位：按学区划分原则安排学位，超额的按规则派位。",
                        "录取：公布录取结果，新生按通知报到。"),
        days=(30, 30, "自然日"), online_mode=4,
        faq=[qa("租房能在本学区上小学吗？", "按本地政策，租房家庭凭租赁备案证明和居住证可报名，具体录取顺位以当年招生方案为准。")],
    ),
    Service(
        name="教师资格认定", dept="教育", audience=P, item_type="行政许可",
        themes=["教育科研", "就业创业"], life_events=["就业"],
        keywords=["教资认定", "教师资格证", "教师证认定"],
        summary="符合条件的中国公民可申请认定幼儿园、小学、初级中学教师资格，申请人须通过全国中小学教师资格考试或免试认定改革的师范生，"
                "按户籍地、居住地或就读学校所在地在教师资格网上申报。",
        conditions="遵守宪法和法律，热爱教育事业；具备规定学历；取得教师资格考试合格证明或教育类研究生、公费师范生等免试认定资格；普通话水平达到二级乙等以上；体检合格。",
        basis=["《中华人民共和国教师法》第十三条", "《教师资格条例》第十三条", "《〈教师资格条例〉实施办法》"],
        materials=[ID_CARD, m("学历证书", "原件或电子信息", note="可在线核验的免于提交"),
                   m("普通话水平测试等级证书", "原件或电子信息"),
                   m("体检合格证明", "原件", source="指定医院出具"),
                   m("个人承诺书", "电子表单", source="线上签署")],
        procedure=steps("网上申报：在中国教师资格网填报认定申请。",
                        "现场确认：按通知提交材料并确认（部分地区全程网办）。",
                        "审查：教育局审查申请人条件。",
                        "发证：符合条件的颁发教师资格证书。"),
        days=(30, 20), online_mode=3,
    ),
    # ---- 司法与法律服务 --------------------------------------------------------------------
    Service(
        name="法律援助申请", dept="法律援助", audience=P, item_type="公共服务",
        themes=["法律援助", "司法公证"], life_events=[],
        keywords=["免费律师", "法律援助", "请不起律师", "讨薪法律援助"],
        summary="经济困难公民和符合法定条件的其他当事人，在请求给付赡养费、劳动报酬、工伤赔偿等事项中需要法律帮助的，"
                "可以申请法律援助，由法律援助机构指派律师提供免费代理服务。",
        conditions="经济困难标准符合本地规定，或属于无固定生活来源的残疾人、老年人、农民工讨薪等免于核查经济状况的情形；申请事项属于法律援助范围。",
        basis=["《中华人民共和国法律援助法》第三十一条", "《中华人民共和国法律援助法》第四十一条"],
        materials=[m("法律援助申请表", "原件或电子表单"), ID_APPLICANT,
                   m("经济困难状况说明表", "原件", note="实行个人诚信承诺，可核查的免于提交证明"),
                   m("与所申请法律援助事项有关的材料", "复印件")],
        procedure=steps("申请：到法律援助中心窗口或通过{app}“12348法律服务”申请。",
                        "审查：自收到申请之日起7日内审查。",
                        "决定：符合条件的作出给予法律援助决定。",
                        "指派：3日内指派律师承办。"),
        days=(7, 3), online_mode=3,
        faq=[qa("农民工讨薪申请法律援助要开困难证明吗？", "不需要。农民工请求支付劳动报酬或者工伤赔偿的，免予核查经济困难状况。")],
    ),
    Service(
        name="继承公证", dept="公证", audience=P, item_type="公共服务",
        themes=["司法公证"], life_events=["身后事", "购房"],
        keywords=["遗产继承公证", "继承房产", "存款继承"],
        summary="被继承人死亡后，继承人可以向被继承人住所地或主要遗产所在地的公证机构申请办理继承公证，"
                "确认继承人范围及继承份额，用于办理房产、存款、股权等遗产的过户或提取。",
        conditions="被继承人已死亡；申请人为法定继承人、遗嘱继承人或受遗赠人；遗产权属清楚，继承人之间无争议或已协商一致。",
        basis=["《中华人民共和国公证法》第十一条", "《中华人民共和国民法典》第一千一百二十三条"],
        materials=[m("全部继承人身份证件", "原件"), m("被继承人死亡证明", "原件"),
                   m("亲属关系证明", "原件", note="可由公证机构依申请核实"),
                   m("遗产权属证明", "原件", note="如不动产权证书、存款凭证等"),
                   m("遗嘱", "原件", required=False, note="有遗嘱的提供")],
        procedure=steps("申请：继承人到公证机构提出申请，可通过{app}预约。",
                        "受理：审核材料并受理。",
                        "核实：询问继承人、调查核实相关事实。",
                        "出证：符合条件的出具公证书。"),
        days=(15, 10), fee=fee("按遗产价值分段累进计收", "{prov}发展改革委核定的公证服务收费标准"),
        online_mode=2, only_in=("杭州", "成都"),
    ),
    # ---- 退役军人 --------------------------------------------------------------------------
    Service(
        name="退役军人优待证申领", dept="退役军人", audience=P, item_type="公共服务",
        themes=["退役军人", "优待抚恤"], life_events=["退役"],
        keywords=["优待证", "退役军人卡", "军人优待证"],
        summary="退役军人、其他优抚对象可申领《中华人民共和国退役军人优待证》，凭证享受交通出行、文化旅游、医疗、金融等优待服务；"
                "可通过{app}或村（社区）退役军人服务站申请。",
        conditions="在本地落户的退役军人，或烈士遗属、因公牺牲军人遗属、病故军人遗属等其他优抚对象；已完成信息采集。",
        basis=["《中华人民共和国退役军人保障法》第六十二条", "《退役军人、其他优抚对象优待证管理办法（试行）》"],
        materials=[ID_CARD, m("退役证件或优抚对象身份证件", "原件", note="如退出现役证、士兵退出现役证等"),
                   m("近期正面免冠彩色照片", "电子照片")],
        procedure=steps("申请：通过{app}或退役军人服务站提交申请。",
                        "审核：区退役军人事务局审核身份信息。",
                        "制发：统一制证后通过服务站发放。"),
        days=(30, 20), online_mode=4,
    ),
    Service(
        name="义务兵家庭优待金给付", dept="退役军人", audience=P, item_type="行政给付",
        themes=["优待抚恤", "退役军人"], life_events=[],
        keywords=["优待金", "义务兵家庭补助", "参军家庭优待"],
        summary="义务兵服现役期间，其家庭由批准入伍地县级人民政府按规定发给优待金，优待金标准由当地人民政府确定，"
                "每年按时足额发放，考入军队院校的学员在规定期限内也可享受。",
        conditions="由本地批准入伍的义务兵；入伍时为本地户籍或在本地高校就读；服役期间未受到除名、开除等处分。",
        basis=["《军人抚恤优待条例》", "《中华人民共和国兵役法》"],
        materials=[m("入伍通知书", "复印件"), m("义务兵家庭银行账户信息", "原件或复印件"), ID_CARD],
        procedure=steps("申报：征兵部门与退役军人事务部门共享入伍信息。",
                        "审核：区退役军人事务局审核发放名单。",
                        "发放：按年度发放至家庭银行账户。"),
        days=(30, 30), online_mode=2, only_in=("成都", "武汉"),
    ),
    # ---- 残疾人（残联），大项与小项 --------------------------------------------------------
    Service(
        key="disability_card", name="残疾人证办理", dept="残联", audience=P, item_type="公共服务",
        themes=["残疾人", "证件办理"], life_events=["残疾"],
        keywords=["残疾证", "办残疾证", "残疾评定"],
        summary="视力、听力、言语、肢体、智力、精神及多重残疾人可申请办理《中华人民共和国残疾人证》，凭证享受相关扶持和优惠政策；"
                "本事项为大项，包含新办、换领等子项，已实现残疾人证新办“跨省通办”。",
        conditions="符合残疾标准的本地户籍居民或在本地居住的非户籍残疾人；持有效身份证件；按规定完成残疾评定。",
        basis=["《中华人民共和国残疾人保障法》", "《中华人民共和国残疾人证管理办法》（残联发〔2017〕49号）"],
        materials=[ID_CARD, m("近期2寸白底免冠彩色照片", "纸质照片或电子照片", copies=3)],
        procedure=steps("申请：通过{app}或街道（乡镇）残联窗口申请。",
                        "评定：到指定医疗机构进行残疾评定。",
                        "审核：区残联审核评定结果。",
                        "发证：制发残疾人证，电子证同步生成。"),
        days=(30, 15), online_mode=3,
    ),
    Service(
        parent="disability_card", name="残疾人证办理（新办）", dept="残联", audience=P, item_type="公共服务",
        themes=["残疾人", "证件办理"], life_events=["残疾"],
        keywords=["残疾证新办", "第一次办残疾证", "残疾鉴定"],
        summary="首次申请残疾人证的，由本人或监护人提出申请，到指定评定机构进行残疾评定，符合残疾标准的由区残联审核发证；"
                "行动不便的可申请上门评定。",
        conditions="首次申请残疾人证；符合视力、听力、言语、肢体、智力、精神残疾标准之一；本地户籍或持本地居住证。",
        basis=["《中华人民共和国残疾人证管理办法》（残联发〔2017〕49号）第九条"],
        materials=[ID_CARD, HUKOU, m("近期2寸白底免冠彩色照片", "纸质照片或电子照片", copies=3),
                   m("监护人身份证件", "原件", required=False, note="智力、精神残疾或未成年人申请时提供")],
        procedure=steps("申请：向街道（乡镇）残联或通过{app}提交申请。",
                        "评定：持评定表到指定医院评定残疾类别和等级。",
                        "审核：区残联审核并公示。",
                        "发证：核发残疾人证。"),
        days=(30, 15), online_mode=3,
        faq=[qa("老人行动不便能上门评残吗？", "可以。因重度残疾行动不便的，可向街道残联申请，由评定机构安排上门评定。")],
    ),
    Service(
        parent="disability_card", name="残疾人证办理（换领）", dept="残联", audience=P, item_type="公共服务",
        themes=["残疾人", "证件办理"], life_events=["残疾"],
        keywords=["残疾证到期", "残疾证换证", "残疾证过期"],
        summary="残疾人证有效期满、证件损坏或残疾类别等级变化的，持证人可申请换领；有效期满换领的原则上需重新评定，"
                "残疾状况稳定且经评定不变的，可按规定简化换领。",
        conditions="持有第二代残疾人证；证件有效期满前90日内、证件损坏或残疾情况发生变化；本人或监护人提出申请。",
        basis=["《中华人民共和国残疾人证管理办法》（残联发〔2017〕49号）第十四条"],
        materials=[m("原残疾人证", "原件"), ID_CARD, m("近期2寸白底免冠彩色照片", "纸质照片或电子照片", copies=2)],
        procedure=steps("申请：向街道（乡镇）残联或通过{app}申请换领。",
                        "评定：需要重新评定的到指定医院评定。",
                        "发证：区残联审核后换发新证，收回旧证。"),
        days=(30, 15), online_mode=3,
    ),
    Service(
        name="残疾儿童康复救助申请", dept="残联", audience=P, item_type="行政给付",
        themes=["残疾人", "医疗卫生"], life_events=["残疾", "出生"],
        keywords=["残疾儿童康复", "自闭症康复补助", "孤独症救助", "听障儿童康复"],
        summary="视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童，可申请康复救助，在定点康复机构接受手术、辅助器具适配和康复训练，"
                "救助资金由残联直接与定点机构结算。",
        conditions="0-6岁（部分地区放宽至14岁）的本地户籍或持居住证家庭的残疾儿童；经医疗机构诊断需要康复服务；在定点康复机构接受服务。",
        basis=["《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）", "《残疾预防和残疾人康复条例》第二十三条"],
        materials=[m("残疾儿童康复救助申请审批表", "原件或电子表单"), m("儿童居民户口簿或居民身份证", "原件或电子证照"),
                   m("医疗机构诊断证明或残疾人证", "原件或复印件")],
        procedure=steps("申请：监护人通过{app}或街道残联提交申请。",
                        "审核：区残联审核救助资格。",
                        "服务：选择定点康复机构接受康复服务，费用直接结算。"),
        days=(15, 10), online_mode=3,
    ),
    # ---- 住房 ------------------------------------------------------------------------------
    Service(
        name="公共租赁住房保障资格申请", dept="住建", audience=P, item_type="行政给付",
        themes=["住房保障"], life_events=["租房", "就业"],
        keywords=["公租房", "保障房申请", "廉租房", "人才租房"],
        summary="城镇中等偏下收入住房困难家庭、新就业无房职工和在本地稳定就业的外来务工人员，可申请公共租赁住房保障资格，"
                "取得资格后参加配租或领取租赁补贴。",
        conditions="申请人及家庭成员在本地无自有住房或人均住房面积低于规定标准；家庭收入、财产符合本地规定；非本地户籍的在本地连续缴纳社会保险达到规定期限。",
        basis=["《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条", "《国务院办公厅关于加快发展保障性租赁住房的意见》"],
        materials=[m("公共租赁住房申请表", "原件或电子表单"), ID_CARD, HUKOU,
                   m("婚姻状况证明", "原件或电子证照"),
                   m("家庭收入和财产情况声明", "原件", note="授权部门核对收入、房产、车辆等信息")],
        procedure=steps("申请：通过{app}或街道住房保障窗口申请。",
                        "初审：街道审核家庭住房和收入情况。",
                        "复核：住房保障部门联合相关部门核对信息并公示。",
                        "登记轮候：符合条件的纳入轮候，按序配租或发放补贴。"),
        days=(30, 20), online_mode=3,
    ),
    Service(
        name="房屋租赁登记备案", dept="住建", audience=PL, item_type="公共服务",
        themes=["住房保障"], life_events=["租房", "入学"],
        keywords=["租赁备案", "租房合同备案", "租房备案证明"],
        summary="房屋租赁合同订立后三十日内，房屋租赁当事人应当到房屋所在地住房城乡建设主管部门办理房屋租赁登记备案；"
                "租赁备案证明可用于办理居住证、随迁子女入学、租房提取公积金等。",
        conditions="出租房屋权属清晰，符合安全、消防等出租条件；租赁双方签订书面租赁合同；非法律法规禁止出租的房屋。",
        basis=["《商品房屋租赁管理办法》第十四条", "《{prov}房屋租赁管理办法》"],
        materials=[m("房屋租赁合同", "原件或网签合同"), m("租赁双方身份证件或营业执照", "原件或电子证照"),
                   m("房屋权属证明", "原件或电子证照", note="可通过不动产登记信息核验的免于提交")],
        procedure=steps("申请：通过{app}或住房租赁服务平台网签备案。",
                        "审核：核验房屋权属和当事人身份。",
                        "办结：出具电子房屋租赁登记备案证明。"),
        days=(3, 0), online_mode=4,
    ),
    # ---- 税务（个人） ----------------------------------------------------------------------
    Service(
        name="个人所得税综合所得汇算清缴", dept="税务", audience=P, item_type="行政征收",
        themes=["税收财务"], life_events=["纳税", "就业"],
        keywords=["个税退税", "年度汇算", "个税申报", "个税补税"],
        summary="居民个人取得工资薪金、劳务报酬、稿酬、特许权使用费等综合所得，需要补税或者申请退税的，"
                "应当在取得所得的次年3月1日至6月30日内办理年度汇算；可通过“个人所得税”APP自行办理。",
        conditions="纳税年度内取得综合所得的居民个人；预缴税额大于应纳税额需要申请退税，或综合所得收入超过12万元且需要补税金额超过400元。",
        basis=["《中华人民共和国个人所得税法》第十一条", "《中华人民共和国个人所得税法实施条例》第二十五条"],
        materials=[m("个人所得税年度自行纳税申报表", "电子表单", source="“个人所得税”APP预填"),
                   m("专项附加扣除相关资料", "电子信息", required=False, note="留存备查，无需报送"),
                   m("本人银行账户信息", "电子信息", note="申请退税时填写")],
        procedure=steps("申报：通过“个人所得税”APP、自然人电子税务局或办税服务厅申报。",
                        "审核：税务机关审核退税申请。",
                        "退税：审核通过后退税款直接退至本人银行账户。"),
        days=(30, 5), online_mode=4,
        faq=[qa("年度汇算什么时候办？", "每年3月1日至6月30日，为避免拥堵，部分年份3月1日至20日需按APP提示预约办理。")],
    ),
    Service(
        name="契税申报", dept="税务", audience=PL, item_type="行政征收",
        themes=["税收财务", "不动产登记"], life_events=["购房"],
        keywords=["交契税", "买房交税", "契税优惠"],
        summary="在中华人民共和国境内转移土地、房屋权属，承受的单位和个人应当在依法办理土地、房屋权属登记手续前申报缴纳契税；"
                "个人购买家庭唯一或第二套住房的，按规定享受契税优惠。",
        conditions="承受土地、房屋权属的单位和个人；已签订权属转移合同；在办理不动产登记前完成申报缴纳。",
        basis=["《中华人民共和国契税法》第九条", "《中华人民共和国契税法》第十条"],
        materials=[m("不动产权属转移合同", "原件或网签信息"), m("承受方身份证件", "原件或电子证照"),
                   m("享受税收优惠的证明材料", "电子信息", required=False, note="家庭住房情况由部门共享核验")],
        procedure=steps("申报：在不动产登记一窗受理窗口或电子税务局申报。",
                        "计税：税务机关核定计税价格和适用税率。",
                        "缴税：缴纳税款，完税信息推送不动产登记机构。"),
        days=(1, 0), online_mode=3,
    ),
    Service(
        name="车辆购置税申报", dept="税务", audience=PL, item_type="行政征收",
        themes=["税收财务", "交通出行"], life_events=["购车"],
        keywords=["购置税", "新车交税", "新能源车免税"],
        summary="购置应税车辆的单位和个人，应当自纳税义务发生之日起六十日内申报缴纳车辆购置税；"
                "购买符合条件的新能源汽车可按规定免征或减征，可在电子税务局或4S店“一站式”办理。",
        conditions="在境内购买、进口、自产、受赠、获奖或者以其他方式取得并自用应税车辆；在纳税义务发生之日起60日内申报。",
        basis=["《中华人民共和国车辆购置税法》第十二条", "《中华人民共和国车辆购置税法》第九条"],
        materials=[m("车辆购置税纳税申报表", "电子表单"), m("纳税人身份证件", "原件或电子证照"),
                   m("机动车销售统一发票", "原件或电子发票"), m("车辆合格证明", "电子信息")],
        procedure=steps("申报：通过电子税务局、4S店或办税服务厅申报。",
                        "缴税：缴纳税款或办理免税。",
                        "办结：完税信息传递至公安交管部门，上牌时免于提交。"),
        days=(1, 0), online_mode=4,
    ),
    # ---- 个体工商户（市场监管） ------------------------------------------------------------
    Service(
        name="个体工商户设立登记", dept="市场监管", audience=P, item_type="行政许可",
        themes=["设立变更"], life_events=["个体开业", "开餐馆", "开超市"],
        keywords=["个体户注册", "办营业执照", "个体执照", "开店执照"],
        summary="有经营能力的公民从事工商业经营的，可以申请登记为个体工商户；可通过{app}或“个体工商户登记”平台全程电子化办理，"
                "材料齐全的即时办结，同步发放电子营业执照。",
        conditions="具有经营能力的自然人或家庭；有固定的经营场所，经营场所符合用途规定；从事的经营范围不属于法律法规禁止的行业。",
        basis=["《促进个体工商户发展条例》第七条", "《中华人民共和国市场主体登记管理条例》第三条"],
        materials=[m("个体工商户登记（备案）申请书", "电子表单", source="线上填写"), ID_APPLICANT,
                   m("经营场所使用证明", "原件或电子证照", note="自有房屋提供产权证明，租赁的提供租赁合同"),
                   AGENT_AUTH],
        procedure=steps("申请：通过{app}或市场监管登记窗口提交申请。",
                        "审核：登记机关对材料进行形式审查。",
                        "发照：核准后即时核发营业执照和电子营业执照。"),
        days=(3, 0), online_mode=4, venue="center",
        faq=[qa("开个体户必须要有门面吗？", "需要有经营场所；从事网络经营的可以将网络经营场所作为经营场所登记，具体按本地规定执行。")],
    ),
    Service(
        name="个体工商户变更登记", dept="市场监管", audience=P, item_type="行政许可",
        themes=["设立变更"], life_events=["个体开业"],
        keywords=["个体户变更", "执照变更", "变更经营者"],
        summary="个体工商户变更名称、经营者、经营范围、经营场所等登记事项的，应当自作出变更决定之日起30日内申请变更登记；"
                "经营者变更可直接办理，无需注销后重新设立。",
        conditions="已登记的个体工商户；变更事项符合法律法规规定；变更经营场所的新场所符合使用用途。",
        basis=["《促进个体工商户发展条例》第十条", "《中华人民共和国市场主体登记管理条例》第二十四条"],
        materials=[m("个体工商户变更登记申请书", "电子表单", source="线上填写"), ID_APPLICANT, BIZ_LICENSE,
                   m("变更事项相关证明", "原件或电子证照", required=False, note="如新经营场所使用证明")],
        procedure=steps("申请：通过{app}或窗口提交变更申请。",
                        "审核：登记机关审查变更事项。",
                        "换照：核准后换发营业执照。"),
        days=(3, 0), online_mode=4,
    ),
    Service(
        name="个体工商户注销登记", dept="市场监管", audience=P, item_type="行政许可",
        themes=["注销清算"], life_events=["停业注销"],
        keywords=["个体户注销", "注销营业执照", "关店注销"],
        summary="个体工商户不再从事经营活动的，应当申请注销登记；未发生债权债务或已将债权债务清偿完结的，可适用简易注销程序，"
                "经营者通过{app}提交申请并承诺后即可办理。",
        conditions="已结清债权债务；已办理税务清税或无涉税事项；不存在被吊销、查封、扣押等影响注销的情形。",
        basis=["《中华人民共和国市场主体登记管理条例》第三十一条", "《中华人民共和国市场主体登记管理条例》第三十三条"],
        materials=[m("个体工商户注销登记申请书", "电子表单", source="线上填写"), ID_APPLICANT,
                   m("营业执照正副本", "原件", note="领取电子营业执照的免于交回")],
        procedure=steps("申请：通过{app}或窗口提交注销申请。",
                        "审查：登记机关核查税务、社保等信息。",
                        "注销：符合条件的办理注销并公告。"),
        days=(3, 1), online_mode=4,
    ),
    Service(
        name="消费者投诉举报处理", dept="市场监管", audience=PL, item_type="公共服务",
        themes=["消费维权"], life_events=[],
        keywords=["12315投诉", "消费投诉", "维权", "退货纠纷"],
        summary="消费者因购买、使用商品或接受服务与经营者发生消费者权益争议的，可以向市场监督管理部门投诉；"
                "发现违法经营行为的可以举报。可通过全国12315平台、12315热线或{app}提交。",
        conditions="投诉人为消费者本人；有明确的被投诉人、具体的投诉请求和事实；属于市场监管部门职责范围且不属于已由法院、仲裁机构受理的争议。",
        basis=["《中华人民共和国消费者权益保护法》第三十九条", "《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第20号）"],
        materials=[m("投诉或举报内容", "电子表单", source="线上填写"),
                   m("购物凭证、服务单据等证据材料", "复印件或电子文件", required=False)],
        procedure=steps("提交：通过全国12315平台、热线或窗口提交投诉举报。",
                        "受理：自收到之日起7个工作日内决定是否受理。",
                        "调解：组织双方调解，调解不成的告知其他救济途径。",
                        "办结：举报线索依法核查处理并告知结果。"),
        days=(60, 30), online_mode=4,
    ),
]

# --------------------------------------------------------------------------------------------
# Catalogue: district-level services mainly for 法人
# --------------------------------------------------------------------------------------------

FOOD_BASIS = ["《中华人民共和国食品安全法》第三十五条", "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）"]
FOOD_LICENCE = m("食品经营许可证", "原件或电子证照")

LEGAL_ENTITY_SERVICES = [
    # ---- 公共安全（公安） ------------------------------------------------------------------
    Service(
        name="大型群众性活动安全许可", dept="公安", audience=L, item_type="行政许可",
        themes=["公共安全", "文化体育"], life_events=[],
        keywords=["大型活动审批", "演唱会审批", "活动安全许可"],
        summary="举办体育比赛、演唱会、音乐会、展览展销、游园灯会、人才招聘会等预计参加人数在1000人以上的大型群众性活动，"
                "承办者应当在活动举办日的20日前向公安机关提出安全许可申请，预计人数在5000人以上的由市级公安机关许可。",
        conditions="承办者是依照法定程序成立的法人或者其他组织；活动内容不违反宪法、法律、法规和社会公德；具有符合规定的安全工作方案和安全责任制度；活动场所、设施符合安全要求。",
        basis=["《大型群众性活动安全管理条例》第十一条", "《大型群众性活动安全管理条例》第十二条"],
        materials=[m("大型群众性活动安全许可申请书", "原件"), m("承办者合法成立的证明及负责人身份证明", "原件或电子证照"),
                   m("大型群众性活动安全工作方案", "原件"), m("场所管理者同意提供活动场所的证明", "原件"),
                   m("依法应当取得的其他行政许可文件", "复印件", required=False, note="如营业性演出批准文件")],
        procedure=steps("申请：活动举办日20日前向公安机关提交申请。",
                        "受理：材料齐全的予以受理。",
                        "审查：对安全工作方案、场所进行审查和现场检查。",
                        "决定：受理之日起7日内作出许可或不予许可的决定。"),
        days=(7, 5), online_mode=3,
    ),
    Service(
        name="公章刻制备案", dept="公安", audience=L, item_type="其他行政权力",
        themes=["公共安全", "设立变更"], life_events=["企业开办"],
        keywords=["刻章", "公章备案", "印章刻制", "企业刻章"],
        summary="企业、事业单位、社会团体等单位刻制公章的，由公章刻制企业在刻制后通过治安管理信息系统向公安机关备案；"
                "企业开办可在{app}一网通办时同步选择刻章服务，首套印章费用由政府承担的地区免费。",
        conditions="依法设立的单位；持有营业执照或其他主体资格证明；委托具备资质并接入治安管理信息系统的印章刻制企业刻制。",
        basis=["《国务院关于第三批取消中央指定地方实施行政许可事项的决定》（国发〔2017〕7号）", "《印铸刻字业暂行管理规则》"],
        materials=[BIZ_LICENSE, LEGAL_REP_ID, m("经办人身份证件", "原件")],
        procedure=steps("申请：通过企业开办平台或到印章刻制企业申请刻章。",
                        "刻制：刻制企业按规范刻制印章并采集印模。",
                        "备案：刻制企业向公安机关上传备案信息。"),
        days=(1, 0), online_mode=4,
    ),
    Service(
        name="旅馆业特种行业许可证核发", dept="公安", audience=PL, item_type="行政许可",
        themes=["公共安全", "准营准办", "旅游观光"], life_events=["个体开业"],
        keywords=["特行证", "旅馆许可证", "民宿特种行业许可", "宾馆开业许可"],
        summary="申请开办旅馆（含宾馆、酒店、招待所、民宿等）的，应当具备必要的防盗等安全设施，并向所在地公安机关申领特种行业许可证，"
                "取得许可后方可营业，并按规定使用旅馆业治安管理信息系统登记旅客信息。",
        conditions="房屋建筑、消防设备、出入口和通道等符合消防安全规定；设置旅客财物保管室、值班室等安全设施；配备专职或兼职治安保卫人员；安装旅馆业治安管理信息系统。",
        basis=["《旅馆业治安管理办法》第四条", "《国务院对确需保留的行政审批项目设定行政许可的决定》"],
        materials=[m("旅馆业特种行业许可申请表", "原件或电子表单"), BIZ_LICENSE, LEGAL_REP_ID,
                   m("经营场所产权证明或租赁合同", "原件或电子证照"),
                   m("旅馆平面图及安全防范设施说明", "原件")],
        procedure=steps("申请：通过{app}或公安窗口提交申请。",
                        "受理：材料齐全的予以受理。",
                        "现场核查：辖区派出所对安全设施进行实地检查。",
                        "决定发证：符合条件的核发特种行业许可证。"),
        days=(20, 7), online_mode=3,
    ),
    # ---- 市场主体登记与准营（市场监管） -----------------------------------------------------
    Service(
        name="有限责任公司设立登记", dept="市场监管", audience=L, item_type="行政许可",
        themes=["设立变更"], life_events=["企业开办"],
        keywords=["注册公司", "开公司", "公司注册", "办营业执照"],
        summary="设立有限责任公司，应当向公司登记机关申请设立登记，领取营业执照；通过{app}“企业开办一件事”可一次提交，"
                "同步完成营业执照、公章刻制、发票申领、社保和公积金登记、银行预约开户，全程1个工作日内办结。",
        conditions="股东符合法定人数；有符合公司章程规定的全体股东认缴的出资额；股东共同制定公司章程；有公司名称，建立符合要求的组织机构；有公司住所。",
        basis=["《中华人民共和国公司法》第二十九条", "《中华人民共和国市场主体登记管理条例》第二十一条"],
        materials=[m("公司登记（备案）申请书", "电子表单", source="线上填写"), m("公司章程", "原件或电子签名文件"),
                   m("股东主体资格证明或自然人身份证件", "原件或电子证照"),
                   m("法定代表人、董事、监事和经理的任职文件", "原件或电子签名文件"),
                   m("住所使用相关文件", "原件或电子证照", note="实行住所申报承诺制的地区可免于提交")],
        procedure=steps("申请：通过{app}“企业开办一件事”或登记窗口提交申请。",
                        "审核：登记机关对申请材料进行形式审查。",
                        "核准：符合条件的予以登记。",
                        "发照：核发营业执照，同步推送电子营业执照。"),
        days=(3, 1), online_mode=4,
        faq=[qa("注册公司注册资本要一次性交齐吗？", "有限责任公司股东认缴的出资额应当按照公司章程规定自公司成立之日起五年内缴足。"),
             qa("没有办公室能注册公司吗？", "需要有公司住所；部分地区允许使用集中登记地、住所申报承诺制，具体以当地规定为准。")],
    ),
    Service(
        name="企业简易注销登记", dept="市场监管", audience=L, item_type="行政许可",
        themes=["注销清算"], life_events=["停业注销"],
        keywords=["公司注销", "简易注销", "注销营业执照"],
        summary="未发生债权债务或已将债权债务清偿完结的企业，可以适用简易注销程序；通过国家企业信用信息公示系统公示20日，"
                "公示期内无异议的，可在公示期满之日起20日内向登记机关申请注销登记。",
        conditions="未发生债权债务或已将债权债务清偿完结；未发生或已结清清偿费用、职工工资、社会保险费用、法定补偿金、应缴纳税款；全体投资人书面承诺对上述情况的真实性承担法律责任。",
        basis=["《中华人民共和国市场主体登记管理条例》第三十三条", "《中华人民共和国公司法》第二百四十条"],
        materials=[m("注销登记申请书", "电子表单", source="线上填写"), m("全体投资人承诺书", "电子签名文件"),
                   m("营业执照正副本", "原件", note="领取电子营业执照的免于交回")],
        procedure=steps("公示：通过国家企业信用信息公示系统公示20日。",
                        "申请：公示期满无异议的，通过{app}“企业注销一网服务”提交注销申请。",
                        "审查：登记机关核查税务、社保等信息。",
                        "注销：符合条件的办理注销登记。"),
        days=(3, 1), online_mode=4,
    ),
    Service(
        key="food_licence", name="食品经营许可", dept="市监许可", audience=PL, item_type="行政许可",
        themes=["准营准办", "医疗卫生"], life_events=["开餐馆", "开超市"],
        keywords=["食品经营许可证", "餐饮许可证", "食品卫生许可证", "开饭店许可"],
        summary="在中华人民共和国境内从事食品销售和餐饮服务活动，应当依法取得食品经营许可；仅销售预包装食品的实行备案管理。"
                "本事项为大项，包含新办、变更、延续、注销等子项，请按实际情形选择办理。",
        conditions="已取得营业执照等合法主体资格；具有与经营的食品品种、数量相适应的经营场所、设备设施、食品安全管理人员和管理制度。",
        basis=FOOD_BASIS,
        materials=[m("食品经营许可申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("子项要求的其他材料", "原件或电子证照", note="按所选子项要求提供")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE),
        days=(10, 5), online_mode=4,
    ),
    Service(
        parent="food_licence", name="食品经营许可（新办）", dept="市监许可", audience=PL, item_type="行政许可",
        themes=["准营准办", "医疗卫生"], life_events=["开餐馆", "开超市", "个体开业"],
        keywords=["办食品经营许可证", "餐饮许可证办理", "开餐馆办证", "小餐饮许可"],
        summary="首次从事食品销售、餐饮服务的经营者，应当在取得营业执照后申请食品经营许可；"
                "实行告知承诺的，申请人作出符合许可条件的承诺并提交材料后当场发证，事后开展现场核查。",
        conditions="具有与经营的食品品种、数量相适应的经营场所，并与有毒、有害场所保持规定距离；有相应的设备设施和专职或兼职食品安全管理人员；具有合理的设备布局和工艺流程。",
        basis=FOOD_BASIS,
        materials=[m("食品经营许可申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("与食品经营相适应的主要设备设施布局、操作流程等文件", "原件"),
                   m("食品安全自查、从业人员健康管理等食品安全管理制度", "原件"),
                   m("从业人员健康证明", "原件或电子信息", required=False, note="开展现场核查时查验")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "现场核查：需要核查的，由检查人员对经营场所进行现场核查。", DECIDE, DELIVER),
        days=(10, 3), online_mode=4,
        faq=[qa("开奶茶店要办食品经营许可证吗？", "需要。现制现售饮品属于餐饮服务，应当办理食品经营许可证；仅销售预包装食品的办理备案即可。")],
    ),
    Service(
        parent="food_licence", name="食品经营许可（变更）", dept="市监许可", audience=PL, item_type="行政许可",
        themes=["准营准办"], life_events=["开餐馆", "开超市"],
        keywords=["食品许可证变更", "变更经营项目", "许可证地址变更"],
        summary="食品经营许可证载明的许可事项发生变化的，食品经营者应当在变化后10个工作日内向原发证的市场监督管理部门申请变更；"
                "经营场所发生变化的，应当重新申请食品经营许可。",
        conditions="已取得食品经营许可证且在有效期内；变更事项属于经营者名称、法定代表人、经营项目、主体业态等许可证载明事项。",
        basis=FOOD_BASIS,
        materials=[m("食品经营许可变更申请书", "电子表单", source="线上填写"), FOOD_LICENCE,
                   m("与变更事项有关的材料", "原件", note="如新增经营项目的设备布局和工艺流程")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(10, 3), online_mode=4,
    ),
    Service(
        parent="food_licence", name="食品经营许可（延续）", dept="市监许可", audience=PL, item_type="行政许可",
        themes=["准营准办", "年检年审"], life_events=["开餐馆", "开超市"],
        keywords=["食品许可证到期", "许可证延续", "食品经营许可证续期"],
        summary="食品经营者需要延续依法取得的食品经营许可有效期的，应当在许可有效期届满前90个工作日至15个工作日期间，"
                "向原发证的市场监督管理部门提出延续申请，许可条件未发生变化的可简化审查。",
        conditions="食品经营许可证在有效期内且在届满前规定期限内申请；经营条件与原许可相比未发生变化或已按规定报告。",
        basis=FOOD_BASIS,
        materials=[m("食品经营许可延续申请书", "电子表单", source="线上填写"), FOOD_LICENCE,
                   m("经营条件未发生变化的书面承诺", "电子签名文件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(10, 3), online_mode=4,
    ),
    Service(
        parent="food_licence", name="食品经营许可（注销）", dept="市监许可", audience=PL, item_type="行政许可",
        themes=["准营准办", "注销清算"], life_events=["停业注销"],
        keywords=["注销食品许可证", "餐馆关门注销", "食品经营许可证注销"],
        summary="食品经营者终止食品经营、食品经营许可被撤回、撤销或者营业执照被吊销的，应当在30个工作日内申请办理食品经营许可注销；"
                "办理营业执照注销时可一并申请注销。",
        conditions="持有食品经营许可证的经营者；存在终止经营、许可被撤回或撤销、营业执照被吊销等应当注销的情形。",
        basis=FOOD_BASIS,
        materials=[m("食品经营许可注销申请书", "电子表单", source="线上填写"), FOOD_LICENCE],
        procedure=steps(ONLINE_APPLY, "审核：核验许可状态。", "办结：办理注销并予以公告。"),
        days=(10, 1), online_mode=4,
    ),
    Service(
        name="药品零售企业经营许可", dept="市监许可", audience=L, item_type="行政许可",
        themes=["准营准办", "医疗卫生"], life_events=["开药店"],
        keywords=["药店许可证", "开药房", "药品经营许可证", "开药店办证"],
        summary="从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证；"
                "无药品经营许可证的，不得经营药品，经营处方药和甲类非处方药的应当配备执业药师。",
        conditions="有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；有质量管理机构或者人员；有保证药品质量的规章制度并符合药品经营质量管理规范。",
        basis=["《中华人民共和国药品管理法》第五十一条", "《中华人民共和国药品管理法》第五十二条",
               "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）"],
        materials=[m("药品经营许可证申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("执业药师注册证等药学技术人员资格证明", "原件或电子信息"),
                   m("经营场所和仓储设施平面布局图", "原件"),
                   m("药品质量管理制度文件及信息系统说明", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT,
                        "技术审查：组织现场检查，对照药品经营质量管理规范进行验收。", DECIDE, DELIVER),
        days=(20, 10), online_mode=3,
    ),
    Service(
        name="特种设备使用登记", dept="市场监管", audience=L, item_type="行政许可",
        themes=["准营准办", "公共安全"], life_events=["投资建设"],
        keywords=["电梯使用登记", "锅炉使用登记", "特种设备登记证"],
        summary="特种设备使用单位应当在特种设备投入使用前或者投入使用后30日内，向负责特种设备安全监督管理的部门办理使用登记，"
                "取得使用登记证书，登记标志应当置于该特种设备的显著位置。",
        conditions="特种设备经监督检验合格或已按规定完成安装验收；使用单位配备相应的安全管理人员和作业人员；建立特种设备安全技术档案。",
        basis=["《中华人民共和国特种设备安全法》第三十三条", "《特种设备使用管理规则》（TSG 08）"],
        materials=[m("特种设备使用登记表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("特种设备产品合格证", "原件或复印件"), m("监督检验证书或定期检验报告", "原件或电子信息")],
        procedure=steps("申请：通过特种设备安全监管平台或窗口提交申请。",
                        "审查：登记机关审查申请材料。",
                        "发证：符合要求的当场或5个工作日内发证。"),
        days=(15, 5), online_mode=4,
    ),
    Service(
        name="企业年度报告公示", dept="市场监管", audience=L, item_type="公共服务",
        themes=["年检年审"], life_events=["纳税"],
        keywords=["企业年报", "工商年报", "年报公示", "年检"],
        summary="企业应当于每年1月1日至6月30日，通过国家企业信用信息公示系统向市场监督管理部门报送上一年度年度报告，"
                "并向社会公示；未按时报送的列入经营异常名录。个体工商户、农民专业合作社同样需要年报。",
        conditions="上一年度12月31日前在本地登记成立的企业；在每年6月30日前报送并公示；对年度报告内容的真实性、及时性负责。",
        basis=["《企业信息公示暂行条例》第八条", "《企业信息公示暂行条例》第十七条"],
        materials=[m("企业年度报告", "电子表单", source="国家企业信用信息公示系统填报"),
                   m("企业联络员身份信息", "电子信息")],
        procedure=steps("填报：登录国家企业信用信息公示系统填报年度报告。",
                        "公示：提交后即时向社会公示。",
                        "修复：逾期未报的补报后可申请移出经营异常名录。"),
        days=(1, 0), online_mode=4,
    ),
    Service(
        name="商标注册申请受理", dept="市场监管", audience=PL, item_type="公共服务",
        themes=["知识产权", "设立变更"], life_events=["企业开办"],
        keywords=["注册商标", "商标申请", "商标注册费用"],
        summary="自然人、法人或者其他组织在生产经营活动中需要取得商标专用权的，可向国家知识产权局申请商标注册；"
                "本地市场监督管理局（知识产权局）设有国家知识产权局商标业务受理窗口，可就近提交申请并缴费。",
        conditions="申请注册的商标具有显著特征，便于识别，不违反《中华人民共和国商标法》第十条、第十一条、第十二条的规定；申请人为依法登记的主体或自然人。",
        basis=["《中华人民共和国商标法》第四条", "《中华人民共和国商标法实施条例》第十三条"],
        materials=[m("商标注册申请书", "原件", note="按商品和服务分类表填写指定商品或服务"),
                   m("商标图样", "纸质或电子图样"), m("申请人主体资格证明文件", "原件或电子证照")],
        procedure=steps("申请：到商标业务受理窗口或通过商标网上服务系统提交申请。",
                        "受理：受理窗口形式审查后报送国家知识产权局。",
                        "审查：国家知识产权局进行实质审查并初审公告。",
                        "注册：公告期满无异议的核准注册并发证。"),
        days=(270, 180, "自然日"),
        fee=fee("纸质申请每类300元（限定本类10个商品），网上申请每类270元", "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》"),
        online_mode=3,
    ),
    # ---- 税务（单位） ----------------------------------------------------------------------
    Service(
        name="发票领用", dept="税务", audience=PL, item_type="其他行政权力",
        themes=["税收财务"], life_events=["企业开办", "纳税", "个体开业"],
        keywords=["领发票", "申领发票", "数电发票", "发票申请"],
        summary="已办理税务信息确认的单位和个人，可按照税务机关确定的发票种类、数量、开票限额领用发票；"
                "新办纳税人通过电子税务局即可开具数字化电子发票（数电发票），无需领用税控设备。",
        conditions="已完成新办纳税人信息确认；纳税信用状况良好，不存在欠税、未申报等不予领用发票的情形；已实名认证办税人员。",
        basis=["《中华人民共和国发票管理办法》第十五条", "《中华人民共和国发票管理办法实施细则》第十五条"],
        materials=[m("经办人身份证件", "原件或电子证照"),
                   m("发票领用申请", "电子表单", source="电子税务局填写")],
        procedure=steps("申请：通过电子税务局或办税服务厅申请。",
                        "审核：税务机关审核发票种类和额度。",
                        "发放：核定领用，数电发票即时开通开票额度。"),
        days=(1, 0), online_mode=4,
    ),
    Service(
        name="清税申报", dept="税务", audience=PL, item_type="其他行政权力",
        themes=["税收财务", "注销清算"], life_events=["停业注销"],
        keywords=["清税证明", "税务注销", "注销税务登记"],
        summary="纳税人申报办理注销前，应当向税务机关结清应纳税款、滞纳金、罚款，缴销发票和其他税务证件，"
                "税务机关出具清税证明；符合条件的纳税人可享受“即办”服务，税务信息与市场监管部门共享。",
        conditions="已结清应纳税款、多退（免）税款、滞纳金和罚款；已缴销发票和税控专用设备；不存在未办结的涉税事项。",
        basis=["《中华人民共和国税收征收管理法》第十六条", "《中华人民共和国税收征收管理法实施细则》第十五条"],
        materials=[m("清税申报表", "电子表单", source="电子税务局填写"), m("经办人身份证件", "原件或电子证照")],
        procedure=steps("申报：通过电子税务局或“企业注销一网服务”提交清税申报。",
                        "清缴：结清税款、缴销发票。",
                        "出证：出具清税文书，推送至登记机关。"),
        days=(20, 1), online_mode=4,
    ),
    # ---- 人力资源 --------------------------------------------------------------------------
    Service(
        name="人力资源服务许可", dept="人社许可", audience=L, item_type="行政许可",
        themes=["就业创业", "准营准办"], life_events=["企业开办", "招聘"],
        keywords=["职业中介许可", "人力资源服务许可证", "猎头公司许可"],
        summary="经营性人力资源服务机构从事职业中介活动的，应当依法向人力资源社会保障行政部门申请行政许可，"
                "取得人力资源服务许可证；开展人力资源供求信息收集发布、人力资源外包等业务的实行备案管理。",
        conditions="有明确的章程和管理制度；有开展业务必备的固定场所、办公设施和开办资金；有5名以上具备相应职业资格或相应专业知识的专职工作人员。",
        basis=["《人力资源市场暂行条例》第十八条", "《中华人民共和国就业促进法》第四十条"],
        materials=[m("人力资源服务许可申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("机构章程和管理制度", "原件"),
                   m("专职工作人员名单及相关证明", "原件", note="可实行告知承诺")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(20, 5), online_mode=4,
    ),
    Service(
        name="企业实行不定时工作制和综合计算工时工作制审批", dept="人社许可", audience=L, item_type="行政许可",
        themes=["就业创业"], life_events=["招聘"],
        keywords=["特殊工时审批", "综合工时", "不定时工作制"],
        summary="企业因生产特点不能实行标准工时制度的，可申请对部分岗位实行不定时工作制或综合计算工时工作制；"
                "批准后企业应当采取集中工作、集中休息、轮休调休等方式，确保职工的休息休假权利。",
        conditions="企业因工作性质或生产特点不能实行标准工时；实行特殊工时的岗位符合规定范围；已听取工会和职工意见；制定了保障职工休息休假的措施。",
        basis=["《中华人民共和国劳动法》第三十九条", "《关于企业实行不定时工作制和综合计算工时工作制的审批办法》（劳部发〔1994〕503号）"],
        materials=[m("实行特殊工时制度申请表", "电子表单", source="线上填写"),
                   m("实行特殊工时岗位的职工名册", "原件"),
                   m("工会或职工代表大会意见", "原件"),
                   m("保障职工休息休假权利的措施", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE),
        days=(20, 7), online_mode=4,
    ),
    # ---- 卫生许可 --------------------------------------------------------------------------
    Service(
        name="公共场所卫生许可", dept="卫健许可", audience=PL, item_type="行政许可",
        themes=["医疗卫生", "准营准办"], life_events=["个体开业"],
        keywords=["卫生许可证", "美容美发卫生许可", "宾馆卫生许可证", "游泳馆卫生许可"],
        summary="宾馆、旅店、招待所，公共浴室、理发店、美容店，游泳场（馆）等公共场所经营者应当取得公共场所卫生许可证后方可营业；"
                "饭馆、咖啡馆、酒吧、茶座等已取消公共场所卫生许可。",
        conditions="已取得营业执照；经营场所选址、布局、设施设备符合卫生规范；配备卫生管理人员，从业人员取得健康合格证明；集中空调等设施经检测合格。",
        basis=["《公共场所卫生管理条例》第八条", "《公共场所卫生管理条例实施细则》第二十二条"],
        materials=[m("公共场所卫生许可申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("公共场所地址方位示意图、平面图和卫生设施平面布局图", "原件"),
                   m("卫生检测或评价报告", "原件", required=False, note="实行告知承诺的可在许可后补交"),
                   m("从业人员健康合格证明", "原件或电子信息")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "现场审查：对经营场所进行现场审查。", DECIDE, DELIVER),
        days=(20, 3), online_mode=4,
        faq=[qa("开理发店需要办什么证？", "需办理营业执照和公共场所卫生许可证，从业人员需取得健康合格证明。")],
    ),
    Service(
        name="医疗机构执业登记", dept="卫健许可", audience=L, item_type="行政许可",
        themes=["医疗卫生", "准营准办"], life_events=["企业开办"],
        keywords=["医疗机构执业许可证", "开诊所", "门诊部执业登记"],
        summary="医疗机构执业，必须进行登记，领取医疗机构执业许可证；诊所实行备案管理，门诊部、医院等需经执业登记，"
                "登记机关对申请材料和执业条件进行审核并组织现场验收。",
        conditions="符合医疗机构基本标准；有适合的名称、组织机构和场所；有与其开展业务相适应的经费、设施、设备和专业卫生技术人员；有相应的规章制度。",
        basis=["《医疗机构管理条例》第十四条", "《医疗机构管理条例》第十五条", "《医疗机构管理条例实施细则》"],
        materials=[m("医疗机构申请执业登记注册书", "原件"), m("医疗机构用房产权证明或使用证明", "原件或电子证照"),
                   m("医疗机构建筑设计平面图", "原件"), m("医疗机构规章制度及人员名单、资格证明", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "现场验收：组织专家进行执业条件现场验收。", DECIDE, DELIVER),
        days=(45, 20), online_mode=3,
    ),
    # ---- 民政（单位） ----------------------------------------------------------------------
    Service(
        name="社会团体成立登记", dept="民政", audience=L, item_type="行政许可",
        themes=["设立变更"], life_events=[],
        keywords=["成立协会", "社团登记", "商会成立", "社会组织登记"],
        summary="成立社会团体，应当经其业务主管单位审查同意（直接登记的除外）后向登记管理机关申请成立登记；"
                "行业协会商会类、科技类、公益慈善类、城乡社区服务类社会组织可直接登记。",
        conditions="有50个以上的个人会员或者30个以上的单位会员；有规范的名称和相应的组织机构；有固定的住所；有与其业务活动相适应的专职工作人员；有合法的资产和经费来源。",
        basis=["《社会团体登记管理条例》第十条", "《社会团体登记管理条例》第十一条"],
        materials=[m("成立登记申请书", "原件"), m("业务主管单位批准文件", "原件", required=False, note="直接登记的免于提交"),
                   m("章程草案", "原件"), m("验资报告和场所使用权证明", "原件"),
                   m("发起人和拟任负责人的基本情况、身份证明", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(60, 20), online_mode=3,
    ),
    Service(
        name="养老机构备案", dept="民政", audience=L, item_type="其他行政权力",
        themes=["养老服务", "准营准办"], life_events=["企业开办"],
        keywords=["养老院备案", "开养老院", "养老机构设立"],
        summary="设立养老机构的，应当在收住老年人后10个工作日内向服务场所所在地的县级人民政府民政部门备案，"
                "民政部门在收到备案材料后即时出具备案回执，并在备案后20个工作日内开展现场检查。",
        conditions="已依法办理法人登记；服务场所符合消防、卫生、环境保护、建筑等要求；配备与服务内容相适应的管理人员和养老护理员；建立相应的服务规范和管理制度。",
        basis=["《中华人民共和国老年人权益保障法》第四十三条", "《养老机构管理办法》（民政部令第66号）第九条"],
        materials=[m("养老机构备案书", "原件或电子表单"), BIZ_LICENSE,
                   m("养老机构服务场所权属证明", "原件或电子证照"),
                   m("消防安全、建筑质量符合要求的书面承诺", "原件")],
        procedure=steps("备案：通过{app}或民政窗口提交备案材料。",
                        "回执：材料齐全的当场出具备案回执。",
                        "检查：备案后20个工作日内开展现场检查。"),
        days=(1, 0), online_mode=4,
    ),
    # ---- 教育（单位） ----------------------------------------------------------------------
    Service(
        name="民办学校设立审批", dept="教育", audience=L, item_type="行政许可",
        themes=["教育科研", "准营准办"], life_events=[],
        keywords=["办学许可证", "民办学校审批", "开办幼儿园"],
        summary="举办实施学前教育、学历教育的民办学校，由县级以上人民政府教育行政部门按照国家规定的权限审批；"
                "分为筹设和正式设立两个阶段，具备办学条件的可直接申请正式设立。",
        conditions="举办者为具有法人资格的社会组织或具有政治权利和完全民事行为能力的个人；有合格的教师和必要的办学场所、设施设备；办学资金和稳定的经费来源符合设置标准。",
        basis=["《中华人民共和国民办教育促进法》第十二条", "《中华人民共和国民办教育促进法实施条例》"],
        materials=[m("申办报告", "原件"), m("举办者资格证明文件", "原件或电子证照"),
                   m("拟聘校长和教师资格证明", "原件"), m("办学场所权属证明或租赁合同", "原件"),
                   m("学校章程和首届理事会、董事会组成人员名单", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "评审：组织专家评议和实地考察。", DECIDE, DELIVER),
        days=(90, 45, "自然日"), online_mode=3,
    ),
    # ---- 工程建设与投资审批 ----------------------------------------------------------------
    Service(
        name="建设工程施工许可证核发", dept="住建许可", audience=L, item_type="行政许可",
        themes=["工程建设", "投资审批"], life_events=["投资建设"],
        keywords=["施工许可证", "开工许可", "施工证"],
        summary="在中华人民共和国境内从事各类房屋建筑及其附属设施的建造、装修装饰和与其配套的线路、管道、设备的安装，"
                "以及城镇市政基础设施工程的施工，建设单位在开工前应当申请领取施工许可证；工程投资额在30万元以下或建筑面积在300平方米以下的可以不申请。",
        conditions="已办理建筑工程用地批准手续和建设工程规划许可证；已确定施工企业；有满足施工需要的技术资料，施工图设计文件已按规定审查合格；有保证工程质量和安全的具体措施；建设资金已经落实。",
        basis=["《中华人民共和国建筑法》第七条", "《中华人民共和国建筑法》第八条", "《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）"],
        materials=[m("建筑工程施工许可证申请表", "电子表单", source="工程建设项目审批管理系统填写"),
                   m("建设工程规划许可证", "原件或电子证照"), m("中标通知书及施工合同", "原件或电子信息"),
                   m("施工图设计文件审查合格书", "电子信息"), m("建设资金已经落实承诺书", "原件")],
        procedure=steps("申请：通过工程建设项目审批管理系统提交申请。", WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(7, 3), online_mode=4,
    ),
    Service(
        name="建设工程规划许可证核发", dept="规划资源", audience=L, item_type="行政许可",
        themes=["工程建设", "投资审批"], life_events=["投资建设"],
        keywords=["工程规划许可证", "规划许可", "规划审批"],
        summary="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城乡规划主管部门申请办理建设工程规划许可证，"
                "对符合控制性详细规划和规划条件的核发许可证。",
        conditions="已取得土地使用权证明文件；建设工程设计方案符合控制性详细规划和规划条件；按规定完成设计方案审查及公示。",
        basis=["《中华人民共和国城乡规划法》第四十条", "《{prov}城乡规划条例》"],
        materials=[m("建设工程规划许可申请表", "电子表单", source="工程建设项目审批管理系统填写"),
                   m("使用土地的有关证明文件", "原件或电子证照"),
                   m("建设工程设计方案", "原件及电子文件"), m("建设项目批准、核准或备案文件", "电子信息")],
        procedure=steps("申请：通过工程建设项目审批管理系统提交申请。", WINDOW_ACCEPT,
                        "审查：审查设计方案并开展批前公示。", DECIDE, DELIVER),
        days=(20, 10), online_mode=4,
    ),
    Service(
        name="企业投资项目备案", dept="发改", audience=L, item_type="其他行政权力",
        themes=["投资审批"], life_events=["投资建设"],
        keywords=["项目备案", "立项备案", "投资项目备案证明"],
        summary="实行备案管理的企业投资项目，企业应当在开工建设前通过投资项目在线审批监管平台将项目信息告知备案机关，"
                "备案机关收到全部信息即为备案，项目代码作为整个建设周期的唯一身份标识。",
        conditions="项目不属于《政府核准的投资项目目录》范围；符合国家产业政策；企业对项目信息的真实性、合法性和完整性负责。",
        basis=["《企业投资项目核准和备案管理条例》第十三条", "《企业投资项目核准和备案管理办法》"],
        materials=[m("企业投资项目备案信息表", "电子表单", source="投资项目在线审批监管平台填报"),
                   m("项目单位营业执照", "电子信息"),
                   m("符合产业政策的承诺", "电子签名文件")],
        procedure=steps("赋码：在投资项目在线审批监管平台获取项目代码。",
                        "告知：填报项目信息并提交备案。",
                        "备案：备案机关即时出具备案证明。"),
        days=(1, 0), online_mode=4,
    ),
    # ---- 生态环境 --------------------------------------------------------------------------
    Service(
        name="排污许可", dept="生态环境", audience=L, item_type="行政许可",
        themes=["环保绿化"], life_events=["投资建设"],
        keywords=["排污许可证", "排污证", "排污登记"],
        summary="依照法律规定实行排污许可管理的企业事业单位和其他生产经营者，应当依法申请取得排污许可证，按证排污；"
                "根据污染物产生量、排放量和对环境的影响程度，分为重点管理、简化管理和登记管理。",
        conditions="依法取得建设项目环境影响评价文件审批意见或按规定办理备案；污染防治设施、污染物排放符合国家或地方标准；有自行监测方案。",
        basis=["《排污许可管理条例》第二条", "《排污许可管理条例》第十四条", "《中华人民共和国环境保护法》第四十五条"],
        materials=[m("排污许可证申请表", "电子表单", source="全国排污许可证管理信息平台填报"),
                   m("自行监测方案", "电子文件"), m("排污口和监测孔规范化设置情况说明", "电子文件"),
                   m("守法承诺书", "原件")],
        procedure=steps("申请：通过全国排污许可证管理信息平台提交申请。",
                        "受理：材料齐全的予以受理。",
                        "审查：技术审查，必要时现场核查。",
                        "决定：作出许可决定并核发排污许可证。"),
        days=(30, 15), online_mode=4,
    ),
    Service(
        name="建设项目环境影响评价文件审批", dept="生态环境", audience=L, item_type="行政许可",
        themes=["环保绿化", "投资审批"], life_events=["投资建设"],
        keywords=["环评审批", "环评报告", "环境影响报告表审批"],
        summary="可能造成重大或轻度环境影响的建设项目，建设单位应当组织编制环境影响报告书或报告表，报有审批权的生态环境主管部门审批；"
                "未依法审批或审查后未予批准的，建设单位不得开工建设。",
        conditions="建设项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划；环境影响评价文件编制规范；采取的污染防治措施能够确保污染物排放达到国家和地方标准。",
        basis=["《中华人民共和国环境影响评价法》第二十二条", "《建设项目环境保护管理条例》第九条"],
        materials=[m("建设项目环境影响评价文件审批申请书", "电子表单"),
                   m("环境影响报告书（表）", "原件及电子文件"),
                   m("公众参与说明", "原件", required=False, note="编制报告书的项目提供")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "技术评估：组织技术评估并公示。", DECIDE, DELIVER),
        days=(30, 15), online_mode=4,
    ),
    # ---- 交通运输 --------------------------------------------------------------------------
    Service(
        name="道路运输经营许可", dept="交通", audience=PL, item_type="行政许可",
        themes=["交通运输", "准营准办"], life_events=["企业开办", "个体开业"],
        keywords=["道路运输经营许可证", "货运许可", "运输公司办证"],
        summary="从事道路普通货物运输经营的，应当向县级交通运输主管部门申请道路运输经营许可；使用总质量4.5吨及以下普通货运车辆从事经营的，"
                "无需办理道路运输经营许可证和车辆营运证。",
        conditions="有与其经营业务相适应并经检测合格的运输车辆；有符合规定条件的驾驶人员，取得相应从业资格证；有健全的安全生产管理制度。",
        basis=["《中华人民共和国道路运输条例》第二十一条", "《中华人民共和国道路运输条例》第二十四条", "《道路货物运输及站场管理规定》"],
        materials=[m("道路货物运输经营申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("驾驶人员的机动车驾驶证和从业资格证", "原件或电子证照"),
                   m("安全生产管理制度文本", "原件"), m("拟投入车辆承诺书或车辆行驶证", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, REVIEW, DECIDE, DELIVER),
        days=(20, 3), online_mode=4,
    ),
    # ---- 农林 ------------------------------------------------------------------------------
    Service(
        name="农药经营许可", dept="农业", audience=PL, item_type="行政许可",
        themes=["农林牧渔", "准营准办"], life_events=["个体开业"],
        keywords=["农药经营许可证", "卖农药办证", "农资店许可"],
        summary="从事农药经营的单位和个人，应当取得农药经营许可证；经营限制使用农药的，还应当具备相应的专门场所和技术人员。"
                "专门经营卫生用农药的不需要取得农药经营许可证。",
        conditions="有具备农学、植保、农药等相关专业中专以上学历或者专业教育培训机构56学时以上学习经历的经营人员；有与经营农药相适应的营业场所、仓储场所；有农药经营质量管理制度。",
        basis=["《农药管理条例》第二十四条", "《农药经营许可管理办法》（农业部令2017年第5号）"],
        materials=[m("农药经营许可证申请表", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("经营人员学历或培训证明", "原件"),
                   m("营业场所和仓储场所地址、面积、平面示意图", "原件"),
                   m("农药经营质量管理、进货查验等管理制度", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "现场核查：对营业和仓储场所进行实地核查。", DECIDE, DELIVER),
        days=(20, 10), online_mode=3, only_in=("杭州", "武汉"),
    ),
    Service(
        name="林木采伐许可证核发", dept="林业", audience=PL, item_type="行政许可",
        themes=["农林牧渔", "环保绿化"], life_events=["投资建设"],
        keywords=["砍树审批", "采伐证", "林木采伐许可"],
        summary="采伐林地上的林木应当申请采伐许可证，并按照采伐许可证的规定进行采伐；农村居民采伐自留地和房前屋后个人所有的零星林木除外。"
                "采伐许可证由县级人民政府林业主管部门核发。",
        conditions="采伐林木权属清楚；符合森林采伐限额和采伐技术规程；公益林、天然林等按规定严格控制采伐；采伐后有更新造林措施。",
        basis=["《中华人民共和国森林法》第五十六条", "《中华人民共和国森林法实施条例》第三十条"],
        materials=[m("林木采伐申请表", "原件或电子表单"), m("林木权属证明", "原件或电子证照"),
                   m("采伐作业设计或伐区调查设计文件", "原件", required=False, note="采伐蓄积量较大的提供")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "现场核查：对采伐地点、树种和蓄积量进行核查。", DECIDE),
        days=(20, 7), online_mode=3, only_in=("杭州", "武汉"),
    ),
    # ---- 文化旅游体育 ----------------------------------------------------------------------
    Service(
        name="娱乐场所经营许可", dept="文旅", audience=PL, item_type="行政许可",
        themes=["文化体育", "准营准办"], life_events=["个体开业"],
        keywords=["KTV许可证", "歌舞娱乐许可", "游艺娱乐许可", "娱乐经营许可证"],
        summary="设立歌舞娱乐场所、游艺娱乐场所，应当向所在地县级人民政府文化和旅游主管部门申请娱乐经营许可证；"
                "场所不得设在居民楼、博物馆、图书馆和被核定为文物保护单位的建筑物内，以及学校、医院周边规定范围内。",
        conditions="已取得营业执照；场所地址符合规定，不在禁止设立的区域内；歌舞娱乐场所包厢、包间设置符合要求；消防安全条件符合规定；法定代表人和从业人员无禁止从业的情形。",
        basis=["《娱乐场所管理条例》第九条", "《娱乐场所管理条例》第十一条"],
        materials=[m("娱乐经营许可申请表", "电子表单", source="线上填写"), BIZ_LICENSE, LEGAL_REP_ID,
                   m("营业场所平面图、包厢包间设计图", "原件"),
                   m("营业场所产权证明或租赁合同", "原件或电子证照")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "实地检查：核查营业场所和设施并听证（如需）。", DECIDE, DELIVER),
        days=(20, 10), online_mode=3,
    ),
    Service(
        name="旅行社业务经营许可", dept="文旅", audience=L, item_type="行政许可",
        themes=["旅游观光", "准营准办"], life_events=["企业开办"],
        keywords=["旅行社许可证", "开旅行社", "旅行社经营许可"],
        summary="申请经营国内旅游业务和入境旅游业务的，应当取得企业法人资格，向文化和旅游主管部门申请旅行社业务经营许可，"
                "取得许可后按规定交存质量保证金或投保保证保险。",
        conditions="已取得企业法人营业执照；有固定的经营场所和必要的营业设施；有经培训并持有导游证的导游；取得许可后按规定交存旅游服务质量保证金。",
        basis=["《中华人民共和国旅游法》第二十八条", "《旅行社条例》第六条"],
        materials=[m("旅行社业务经营许可申请书", "电子表单", source="全国旅游监管服务平台填报"), BIZ_LICENSE, LEGAL_REP_ID,
                   m("经营场所证明", "原件或电子证照"), m("营业设施情况证明", "原件")],
        procedure=steps("申请：通过全国旅游监管服务平台提交申请。", WINDOW_ACCEPT, "实地核查：核查经营场所和营业设施。", DECIDE, DELIVER),
        days=(20, 10), online_mode=4, only_in=("杭州", "成都"),
    ),
    Service(
        name="高危险性体育项目经营许可", dept="文旅", audience=PL, item_type="行政许可",
        themes=["文化体育", "准营准办"], life_events=["个体开业"],
        keywords=["游泳馆经营许可", "游泳池许可", "攀岩经营许可", "潜水经营许可"],
        summary="经营游泳、滑雪、潜水、攀岩等高危险性体育项目的，应当向县级以上地方人民政府体育主管部门提出申请，取得许可后方可经营；"
                "需配备社会体育指导人员和救助人员。",
        conditions="相关体育设施符合国家标准；具有达到规定数量的取得国家职业资格证书的社会体育指导人员和救助人员；具有安全保障制度和措施。",
        basis=["《全民健身条例》第三十二条", "《经营高危险性体育项目许可管理办法》"],
        materials=[m("高危险性体育项目经营许可申请书", "电子表单", source="线上填写"), BIZ_LICENSE,
                   m("体育场所的所有权或者使用权证明", "原件或电子证照"),
                   m("社会体育指导人员、救助人员的职业资格证明", "原件"),
                   m("安全生产岗位责任制度、安全操作规程等保障制度", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "实地核查：体育主管部门实地核查设施和人员。", DECIDE, DELIVER),
        days=(30, 10), online_mode=3, only_in=("杭州", "成都"),
    ),
    # ---- 科技创新 --------------------------------------------------------------------------
    Service(
        name="高新技术企业认定", dept="科技", audience=L, item_type="行政确认",
        themes=["科技创新", "税收财务"], life_events=[],
        keywords=["高企认定", "高新企业申报", "高新技术企业税收优惠"],
        summary="在中国境内注册一年以上的居民企业，通过自主研发、受让、并购等方式获得主要产品核心技术的知识产权，"
                "可申请高新技术企业认定；认定后有效期三年，可享受减按15%税率征收企业所得税的优惠。",
        conditions="注册成立一年以上；拥有对主要产品（服务）发挥核心支持作用的知识产权；科技人员占当年职工总数的比例不低于10%；"
                   "研究开发费用和高新技术产品收入占比符合规定；申请认定前一年内未发生重大安全、质量事故或严重环境违法行为。",
        basis=["《中华人民共和国企业所得税法》第二十八条", "《高新技术企业认定管理办法》（国科发火〔2016〕32号）"],
        materials=[m("高新技术企业认定申请书", "电子表单", source="高新技术企业认定管理工作网填报"),
                   m("知识产权相关材料", "电子文件"),
                   m("经具有资质的中介机构鉴证的研究开发费用和高新技术产品收入专项审计报告", "电子文件"),
                   m("近三个会计年度财务会计报告", "电子文件")],
        procedure=steps("申报：通过高新技术企业认定管理工作网在线申报。",
                        "推荐：区科技局对申报材料进行形式审查并推荐。",
                        "评审：认定机构组织专家评审。",
                        "公示认定：公示无异议的予以认定并颁发证书。"),
        days=(90, 90, "自然日"), online_mode=4,
    ),
    # ---- 消防、烟草、残联、宗教 ------------------------------------------------------------
    Service(
        name="公众聚集场所投入使用、营业前消防安全检查", dept="消防", audience=PL, item_type="行政许可",
        themes=["公共安全", "准营准办"], life_events=["开餐馆", "开超市"],
        keywords=["消防检查", "开业消防检查", "消防安全检查合格证"],
        summary="公众聚集场所在投入使用、营业前，建设单位或者使用单位应当向场所所在地的县级以上地方人民政府消防救援机构申请消防安全检查；"
                "实行告知承诺管理的，作出承诺并提交材料后即可当场取得许可。",
        conditions="场所依法通过消防验收或备案抽查合格；消防设施、器材完好有效；疏散通道、安全出口畅通；建立消防安全制度并对员工进行消防安全培训。",
        basis=["《中华人民共和国消防法》第十五条", "《消防监督检查规定》"],
        materials=[m("公众聚集场所投入使用、营业消防安全告知承诺书", "原件或电子签名文件"), BIZ_LICENSE,
                   m("场所平面布置图、消防设施平面图", "原件"),
                   m("消防安全制度、灭火和应急疏散预案", "原件")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "检查：对选择告知承诺的事后核查，未选择的10个工作日内现场检查。", DECIDE),
        days=(10, 1), online_mode=4,
    ),
    Service(
        name="烟草专卖零售许可证核发", dept="烟草", audience=PL, item_type="行政许可",
        themes=["准营准办"], life_events=["开超市", "个体开业"],
        keywords=["烟草证", "卖烟许可证", "烟草零售许可证"],
        summary="经营烟草制品零售业务的企业或者个人，应当向所在地县级烟草专卖行政主管部门申请烟草专卖零售许可证；"
                "零售点布局应当符合本地烟草制品零售点合理布局规定。",
        conditions="有与经营烟草制品零售业务相适应的资金；有固定的经营场所；经营场所符合本地零售点合理布局规定；不在中小学校、幼儿园周边规定范围内。",
        basis=["《中华人民共和国烟草专卖法》第十六条", "《中华人民共和国烟草专卖法实施条例》第十五条", "《烟草专卖许可证管理办法》"],
        materials=[m("烟草专卖零售许可证申请表", "电子表单", source="线上填写"), ID_APPLICANT, BIZ_LICENSE,
                   m("经营场所使用证明", "原件或电子证照")],
        procedure=steps(ONLINE_APPLY, WINDOW_ACCEPT, "实地核查：核查经营场所及布局距离。", DECIDE, DELIVER),
        days=(20, 10), online_mode=3,
    ),
    Service(
        name="用人单位安排残疾人就业情况审核", dept="残联", audience=L, item_type="其他行政权力",
        themes=["残疾人", "税收财务"], life_events=["招聘"],
        keywords=["残保金", "残疾人就业审核", "按比例安排残疾人就业"],
        summary="用人单位应当按照不低于本单位在职职工总数1.5%的比例安排残疾人就业；每年由残疾人就业服务机构审核用人单位上年度安排残疾人就业人数，"
                "审核结果作为税务部门征收残疾人就业保障金的依据。",
        conditions="在本地登记注册的机关、团体、企业、事业单位和民办非企业单位；已安排残疾人就业并签订劳动合同、依法缴纳社会保险；在规定的年审期内申报。",
        basis=["《残疾人就业条例》第八条", "《残疾人就业保障金征收使用管理办法》（财税〔2015〕72号）"],
        materials=[m("用人单位安排残疾人就业情况申报表", "电子表单", source="线上填写"),
                   m("残疾职工残疾人证", "原件或电子证照"),
                   m("劳动合同及社会保险缴费记录", "电子信息", note="可通过部门共享核验的免于提交")],
        procedure=steps("申报：通过{app}或残疾人就业服务机构申报。",
                        "审核：核验残疾职工证件、劳动合同和社保缴费信息。",
                        "反馈：审核结果推送税务部门。"),
        days=(20, 5), online_mode=4,
    ),
    Service(
        name="宗教教职人员备案", dept="宗教", audience=L, item_type="其他行政权力",
        themes=["民族宗教"], life_events=[],
        keywords=["宗教教职人员认定备案", "教职人员备案"],
        summary="宗教教职人员经宗教团体认定后，由该宗教团体报县级以上人民政府宗教事务部门备案；"
                "宗教活动场所主要教职的担任、离任也应当按规定办理备案，备案后可从事宗教教务活动。",
        conditions="申请主体为依法登记的宗教团体；拟备案人员已经宗教团体按照本宗教教职人员认定办法认定；拟备案人员遵守国家法律法规。",
        basis=["《宗教事务条例》第三十六条", "《宗教教职人员备案办法》"],
        materials=[m("宗教教职人员备案表", "原件"), m("宗教团体认定证明", "原件"),
                   m("拟备案人员身份证件", "原件或电子证照"), m("近期2寸免冠照片", "纸质照片", copies=2)],
        procedure=steps("申报：宗教团体向宗教事务部门提交备案材料。",
                        "审查：宗教事务部门审查材料。",
                        "备案：符合规定的予以备案。"),
        days=(20, 15), online_mode=1, only_in=("成都", "武汉"),
    ),
]

# --------------------------------------------------------------------------------------------
# Catalogue: items abolished or merged, kept as withdrawn guides (one city each, in its districts)
# --------------------------------------------------------------------------------------------

WITHDRAWN_SERVICES = [
    Service(
        name="户口准迁证核发", dept="公安", audience=P, item_type="行政确认", status="withdrawn", only_in=("杭州",),
        themes=["户籍办理"], life_events=["迁居"], keywords=["准迁证", "迁移证", "户口准迁"],
        summary="符合迁入条件的人员，由迁入地公安机关核发户口准迁证，申请人持准迁证到迁出地办理户口迁移证后再回迁入地落户。"
                "本事项已并入户口迁入登记，实行“一站式”办理，不再单独核发准迁证。",
        conditions="符合本地户口迁入政策；申请人提交的落户条件证明真实有效；迁出地与迁入地未实现网上迁移流转的情形。",
        basis=[HUKOU_RULE + "第十条"],
        materials=[ID_CARD, HUKOU, m("落户条件证明材料", "原件")],
        procedure=steps("申请：到迁入地派出所提出申请。", "审核：核查落户条件。", "发证：核发户口准迁证。"),
        days=(20, 15), online_mode=1, venue="police",
    ),
    Service(
        name="个体工商户验照", dept="市场监管", audience=P, item_type="其他行政权力", status="withdrawn", only_in=("武汉",),
        themes=["年检年审"], life_events=["个体开业"], keywords=["个体户年检", "验照"],
        summary="个体工商户每年在规定时间内向登记机关提交验照报告书和营业执照副本接受年度验照。"
                "本事项已由个体工商户年度报告制度取代，个体工商户改为通过国家企业信用信息公示系统报送年度报告。",
        conditions="上一年度12月31日前登记的个体工商户；在每年规定的验照期内报送验照材料；营业执照未被吊销、注销。",
        basis=["《个体工商户年度验照办法》"],
        materials=[m("个体工商户验照报告书", "原件"), m("营业执照副本", "原件"), ID_APPLICANT],
        procedure=steps("申报：到登记机关提交验照材料。", "审查：登记机关审查经营情况。", "办结：在营业执照副本上加盖验照章。"),
        days=(5, 3), online_mode=1,
    ),
    Service(
        name="再生育审批", dept="卫健", audience=P, item_type="行政许可", status="withdrawn", only_in=("成都",),
        themes=["生育收养"], life_events=["生育"], keywords=["二胎审批", "再生育证", "生育证审批"],
        summary="符合法定条件要求再生育子女的夫妻，向一方户籍所在地乡镇人民政府或街道办事处提出申请，经审批后发给再生育证明。"
                "国家实施三孩生育政策并取消社会抚养费后，本事项已取消，生育子女实行生育登记服务。",
        conditions="夫妻双方符合本省人口与计划生育条例规定的再生育子女条件；夫妻双方或一方户籍在本地。",
        basis=["《{prov}人口与计划生育条例》"],
        materials=[m("再生育申请表", "原件"), m("夫妻双方居民身份证和居民户口簿", "原件"), m("结婚证", "原件")],
        procedure=steps("申请：向街道提出申请。", "初审：街道审核并公示。", "审批：卫生健康部门审批并发证。"),
        days=(30, 20), online_mode=1,
    ),
    Service(
        name="出国（境）证明开具", dept="公安", audience=P, item_type="公共服务", status="withdrawn", only_in=("武汉",),
        themes=["出境入境", "证件办理"], life_events=["出行"], keywords=["出国证明", "出境证明"],
        summary="因出国（境）留学、探亲等需要，由户籍所在地派出所开具有关户籍和出国（境）情况的证明。"
                "按照清理规范证明事项的要求，本证明已取消，申请人可通过出入境证件和户籍电子证照自行证明。",
        conditions="本地户籍居民；因出国（境）留学、探亲、定居等事由，需要证明本人户籍情况及出国（境）相关事项；本人或直系亲属申请。",
        basis=["《公安部关于进一步规范公安派出所出具证明工作的意见》"],
        materials=[ID_CARD, HUKOU, m("出国（境）事由证明", "原件")],
        procedure=steps("申请：到户籍派出所提出申请。", "核查：核查户籍信息。", "出具：开具证明。"),
        days=(5, 3), online_mode=1, venue="police",
    ),
    Service(
        name="对外贸易经营者备案登记", dept="商务", audience=L, item_type="其他行政权力", status="withdrawn", only_in=("杭州",),
        themes=["设立变更", "准营准办"], life_events=["企业开办"], keywords=["外贸备案", "进出口权备案", "外贸经营权"],
        summary="从事货物进出口或者技术进出口的对外贸易经营者，应当向商务主管部门或其委托的机构办理备案登记。"
                "2022年《中华人民共和国对外贸易法》修正后，本备案登记已取消，企业直接向海关办理报关单位备案。",
        conditions="依法办理市场主体登记的法人、其他组织或者个人；拟从事货物进出口或技术进出口业务；登记信息真实、准确、完整。",
        basis=["《中华人民共和国对外贸易法》（2016年修正）第九条", "《对外贸易经营者备案登记办法》"],
        materials=[m("对外贸易经营者备案登记表", "原件"), BIZ_LICENSE, LEGAL_REP_ID],
        procedure=steps("申请：通过商务部业务系统统一平台填报。", "审核：备案机关核对信息。", "备案：在登记表上加盖备案印章。"),
        days=(5, 3), online_mode=3,
    ),
    Service(
        name="企业年度检验", dept="市场监管", audience=L, item_type="其他行政权力", status="withdrawn", only_in=("成都",),
        themes=["年检年审"], life_events=[], keywords=["工商年检", "企业年检"],
        summary="企业每年按规定向登记机关报送年检报告书及相关材料，登记机关对企业登记事项和经营情况进行年度检验。"
                "注册资本登记制度改革后，企业年度检验制度已取消，改为企业年度报告公示制度。",
        conditions="领取营业执照满一个年度的企业；在每年3月1日至6月30日的年检期内报送年检材料。",
        basis=["《企业年度检验办法》"],
        materials=[m("企业年检报告书", "原件"), m("营业执照正副本", "原件"), m("年度资产负债表和损益表", "原件")],
        procedure=steps("申报：向登记机关报送年检材料。", "审查：登记机关审查。", "办结：在营业执照副本上加盖年检戳记。"),
        days=(20, 10), online_mode=1,
    ),
]

DISTRICT_SERVICES = PERSONAL_SERVICES + LEGAL_ENTITY_SERVICES + WITHDRAWN_SERVICES

# --------------------------------------------------------------------------------------------
# Basic codes (基本编码)
# --------------------------------------------------------------------------------------------

# The order basic codes are numbered in. New services go at the end of their list only if the
# codes of the others are to stay; the catalogue below was numbered city, district, province.
CATALOGUE = CITY_SERVICES + DISTRICT_SERVICES + PROVINCE_SERVICES
BASIC_CODE = re.compile(r"JB\d{4}(-\d{2})?")


def basic_codes(services: list[Service]) -> dict[int, str]:
    """id(service) -> 基本编码: ``JB`` + 4-digit serial; a 小项 gets its 大项's code + ``-NN``.

    Every locality's copy of a service carries the same basic code, whatever name it is
    published under there."""
    codes: dict[int, str] = {}
    by_key: dict[str, str] = {}
    children: dict[str, int] = {}
    serial = 0
    for service in services:
        if service.parent:
            children[service.parent] = children.get(service.parent, 0) + 1
            codes[id(service)] = f"{by_key[service.parent]}-{children[service.parent]:02d}"
            continue
        serial += 1
        codes[id(service)] = f"JB{serial:04d}"
        if service.key:
            by_key[service.key] = codes[id(service)]
    return codes


# --------------------------------------------------------------------------------------------
# Instantiation
# --------------------------------------------------------------------------------------------

CST = timezone(timedelta(hours=8))
SEED = 20240916


def fill(value, context: dict):
    """Fill {app}, {site}, {city}, {prov} placeholders in every string of a nested value."""
    if isinstance(value, str):
        return value.format_map(context)
    if isinstance(value, list | tuple):
        return [fill(item, context) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, context) for key, item in value.items()}
    return value


def promised_days(service: Service, region: Region, serial: int) -> int:
    """Regions compress promised time limits a little differently, as real ones do."""
    legal, promised = service.days[0], service.days[1]
    if region.faster and promised >= 3:
        promised -= 1
    elif region.city == "武汉市" and serial % 4 == 0 and promised >= 2:
        promised -= 1
    return min(promised, legal)


def updated_at(rng: random.Random, status: str) -> str:
    start = datetime(2021, 3, 1, tzinfo=CST) if status == "withdrawn" else datetime(2024, 3, 1, tzinfo=CST)
    moment = start + timedelta(days=rng.randrange(480), hours=rng.randrange(9, 18), minutes=rng.randrange(60))
    return moment.isoformat(timespec="seconds")


def instantiate(service: Service, region: Region, serial: int, parent_code: str, basic_code: str,
                rng: random.Random) -> dict:
    """One guide record of `service` in `region`."""
    code = f"SG{region.code}{serial:03d}"
    context = {"app": region.app, "site": region.site, "city": region.city, "prov": region.province}
    location, phone = region.venues[service.venue]
    unit = service.days[2] if len(service.days) > 2 else "工作日"
    record = {
        "code": code,
        "basic_code": basic_code,
        "name": region.local_names.get(service.name, service.name),
        "department": region.departments[service.dept],
        "audience": list(service.audience),
        "region": region.name,
    }
    if parent_code:
        record["parent_code"] = parent_code
    record.update({
        "item_type": service.item_type,
        "themes": list(service.themes),
        "life_events": list(service.life_events),
        "keywords": list(service.keywords),
        "summary": fill(service.summary, context),
        "conditions": fill(service.conditions, context),
        "basis": fill(service.basis, context),
        "materials": fill(service.materials, context),
        "procedure": fill(service.procedure, context),
        "time_limit": {"legal_days": service.days[0],
                       "promised_days": promised_days(service, region, serial), "unit": unit},
        "fee": fill(service.fee, context),
        "location": location,
        "hours": region.hours,
        "phone": phone,
        "online_url": region.url.format(code=code),
        "online_mode": service.online_mode,
        "faq": fill(service.faq, context),
        "updated_at": updated_at(rng, service.status),
        "status": service.status,
    })
    return record


def regions_in_order() -> list[tuple[str, Region, list[Service]]]:
    """(city short name, region, services implemented at its level), province by province:
    the province itself, its city, then the city's districts."""
    out = []
    for short, city in CITY_DATA.items():
        out.append((short, make_province_region(PROVINCE_DATA[short]), PROVINCE_SERVICES))
        out.append((short, make_region(city), CITY_SERVICES))
        for district in DISTRICT_DATA[short]:
            out.append((short, make_region(city, district), DISTRICT_SERVICES))
    return out


def region_guides(short: str, region: Region, services: list[Service], codes: dict[int, str],
                  rng: random.Random) -> list[dict]:
    """The guides of one region, numbered 001… in catalogue order, 大项 before its 小项."""
    guides = []
    family_codes: dict[str, str] = {}
    serial = 0
    for service in services:
        if service.level != region.level:
            raise ValueError(f"{service.name} is a {service.level} service, listed for {region.name}")
        if service.only_in and short not in service.only_in:
            continue
        serial += 1
        guide = instantiate(service, region, serial, family_codes.get(service.parent, ""), codes[id(service)], rng)
        if service.key:
            family_codes[service.key] = guide["code"]
        guides.append(guide)
    return guides


def build_guides() -> list[dict]:
    """Every guide of the sample, grouped by region, 大项 before its 小项.

    The regions of the first sample draw their update times from one stream in their old order
    (LEGACY_REGIONS), so their records are unchanged; every later region has its own stream."""
    codes = basic_codes(CATALOGUE)
    entries = regions_in_order()
    by_code = {region.code: (short, region, services) for short, region, services in entries}
    built: dict[str, list[dict]] = {}
    legacy_rng = random.Random(SEED)
    for code in LEGACY_REGIONS:
        built[code] = region_guides(*by_code[code], codes, legacy_rng)
    for short, region, services in entries:
        if region.code not in built:
            built[region.code] = region_guides(short, region, services, codes, random.Random(f"{SEED}-{region.code}"))
    return [guide for _, region, _ in entries for guide in built[region.code]]


def check(guides: list[dict]) -> list[str]:
    """Editorial rules of the sample; returns the problems found."""
    problems = []
    seen: set[str] = set()
    service_audience: dict[str, tuple] = {}
    for g in guides:
        where = f"{g['code']} {g['name']}"
        if g["code"] in seen:
            problems.append(f"{where}: duplicate code")
        seen.add(g["code"])
        if not BASIC_CODE.fullmatch(g["basic_code"]):
            problems.append(f"{where}: basic code {g['basic_code']!r}")
        if service_audience.setdefault(g["basic_code"], tuple(g["audience"])) != tuple(g["audience"]):
            problems.append(f"{where}: audience differs from other copies of {g['basic_code']}")
        if not 60 <= len(g["summary"]) <= 200:
            problems.append(f"{where}: summary has {len(g['summary'])} characters")
        if not 40 <= len(g["conditions"]) <= 200:
            problems.append(f"{where}: conditions has {len(g['conditions'])} characters")
        if not 2 <= len(g["keywords"]) <= 5:
            problems.append(f"{where}: {len(g['keywords'])} keywords")
        if not 2 <= len(g["materials"]) <= 6:
            problems.append(f"{where}: {len(g['materials'])} materials")
        if not 3 <= len(g["procedure"]) <= 5:
            problems.append(f"{where}: {len(g['procedure'])} procedure steps")
        if len(g["faq"]) > 2:
            problems.append(f"{where}: {len(g['faq'])} FAQ entries")
    return problems


def counts(guides: list[dict]) -> str:
    """Guides per region (active + withdrawn) and per level, for the summary line."""
    levels = {"province": 0, "city": 0, "district": 0}
    lines = []
    by_region: dict[str, list[dict]] = {}
    for guide in guides:
        by_region.setdefault(guide["region"], []).append(guide)
    for region, group in by_region.items():
        level = "district" if region.endswith(("区", "县")) else "city" if region.endswith("市") else "province"
        levels[level] += len(group)
        withdrawn = sum(g["status"] == "withdrawn" for g in group)
        lines.append(f"  {region:<12} {group[0]['code'][2:8]}  {level:<8} {len(group):>4} ({withdrawn} withdrawn)")
    lines.append("  by level: " + ", ".join(f"{level} {count}" for level, count in levels.items()))
    lines.append(f"  services (basic codes): {len({g['basic_code'] for g in guides})}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    guides = build_guides()
    problems = check(guides)
    if problems:
        raise SystemExit("\n".join(problems))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for guide in guides:
            out.write(json.dumps(guide, ensure_ascii=False) + "\n")
    print(f"wrote {len(guides)} guides to {args.out}")
    print(counts(guides))


if __name__ == "__main__":
    main()
