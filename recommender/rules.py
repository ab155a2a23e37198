"""Profile rules for individuals: services a citizen is entitled to or needs at an age.

Each rule matches service names of the national catalogue by pattern, so it works for any
region's copy. Reasons are sentences a citizen understands; ``{age}`` and ``{region}`` are
filled in from the profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AgeRule:
    min_age: int
    max_age: int
    names: re.Pattern
    reason: str


AGE_RULES = (
    AgeRule(80, 200, re.compile("高龄(津贴|补贴|老人)"), "您已年满{age}周岁，可以申领{region}的高龄津贴"),
    AgeRule(60, 200, re.compile("老年人?(优待|证)|敬老"), "您已年满{age}周岁，可以办理老年人优待证件"),
    AgeRule(60, 200, re.compile("养老服务(补贴|评估)|居家养老"), "您已年满{age}周岁，可以申请养老服务"),
    AgeRule(50, 65, re.compile("养老保险待遇|养老金|退休"), "您临近或已到退休年龄，可以了解养老金领取"),
    AgeRule(16, 17, re.compile("居民身份证(首次)?申领"), "您已年满16周岁，应当申领居民身份证"),
    AgeRule(5, 6, re.compile("小学.*(入学|新生)|(入学|新生).*小学"), "孩子到了上小学的年龄，可以办理入学"),
    AgeRule(18, 22, re.compile("兵役登记|征兵"), "适龄青年每年应当进行兵役登记"),
    AgeRule(22, 35, re.compile("就业(登记|创业)|高校毕业生|人才引进"), "刚步入社会，可以了解就业创业服务"),
)
