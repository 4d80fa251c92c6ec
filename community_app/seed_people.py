"""Made-up names for the demo community: places, surnames by frequency, families, tenants."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

from community_app.models import Relation, Sex

# Roughly by frequency, so the common surnames dominate as they do in a real register.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
)
_SURNAME_WEIGHTS = list(accumulate(1.0 / (rank + 8) for rank in range(len(SURNAMES))))
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋志国建文海峰东亮成庆福"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英慧巧美婷雪琳晶颖玲桂兰萍红梅莉燕琴云洁倩月凤淑珍"

# People per owner-occupied household, 1..5; with vacant flats and smaller rented ones
# the community averages about 2.5 people per household.
FAMILY_SIZE_WEIGHTS = (18, 30, 30, 15, 7)
TENANT_SIZE_WEIGHTS = (40, 40, 20)
OLDEST_AGE = 96


@dataclass
class Person:
    relation: Relation
    sex: Sex
    age: int
    surname: str


def given_name(rng: random.Random, sex: Sex) -> str:
    chars = MALE_CHARS if sex == Sex.male else FEMALE_CHARS
    return rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)


def _surname(rng: random.Random) -> str:
    return rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]


def _other(sex: Sex) -> Sex:
    return Sex.female if sex == Sex.male else Sex.male


def _random_sex(rng: random.Random) -> Sex:
    return Sex.male if rng.random() < 0.5 else Sex.female


def _head_age(rng: random.Random, size: int) -> int:
    if size == 1:
        # Many single-person flats in old estates are widows and widowers.
        low, high = rng.choice(((22, 39), (40, 69), (70, 92), (70, 92)))
        return rng.randint(low, high)
    return rng.randint(25, 88)


def _younger_age(rng: random.Random, elder_age: int, low: int, high: int) -> int:
    """Age of someone born when the elder was `low`..`high`, never below zero."""
    age = elder_age - rng.randint(low, high)
    return age if age >= 0 else rng.randint(0, max(0, elder_age - low))


def _extra_member(rng: random.Random, head: Person, family: list[Person]) -> Person:
    """One more person beside head and spouse: a child, a parent of the head, or a grandchild."""
    parents = [p for p in family if p.relation == Relation.parent]
    options = [(Relation.child, 6)]
    if head.age <= 60 and len(parents) < 2:
        options.append((Relation.parent, 3))
    if head.age >= 50:
        options.append((Relation.grandchild, 3))
    relation = rng.choices([o[0] for o in options], [o[1] for o in options])[0]
    if relation == Relation.parent:
        sex = _other(parents[0].sex) if parents else _random_sex(rng)
        age = min(OLDEST_AGE, head.age + rng.randint(22, 35))
        surname = head.surname if sex == Sex.male else _surname(rng)
        return Person(relation, sex, age, surname)
    family_name = _family_surname(family)
    if relation == Relation.grandchild:
        return Person(relation, _random_sex(rng), _younger_age(rng, head.age, 45, 65), family_name)
    return Person(relation, _random_sex(rng), _younger_age(rng, head.age, 22, 38), family_name)


def _family_surname(family: list[Person]) -> str:
    # Children take the father's surname; the spouse keeps her own.
    for person in family[:2]:
        if person.relation in (Relation.head, Relation.spouse) and person.sex == Sex.male:
            return person.surname
    return family[0].surname


def family(rng: random.Random) -> list[Person]:
    size = rng.choices(range(1, 6), FAMILY_SIZE_WEIGHTS)[0]
    head_sex = _random_sex(rng) if size == 1 else (Sex.male if rng.random() < 0.6 else Sex.female)
    head = Person(Relation.head, head_sex, _head_age(rng, size), _surname(rng))
    family = [head]
    if size >= 2 and rng.random() < 0.85:
        spouse_age = min(OLDEST_AGE, max(20, head.age + rng.randint(-5, 5)))
        family.append(Person(Relation.spouse, _other(head.sex), spouse_age, _surname(rng)))
    while len(family) < size:
        family.append(_extra_member(rng, head, family))
    return family


def tenants(rng: random.Random) -> list[Person]:
    size = rng.choices(range(1, 4), TENANT_SIZE_WEIGHTS)[0]
    first = Person(Relation.tenant, _random_sex(rng), rng.randint(20, 50), _surname(rng))
    people = [first]
    couple = size >= 2 and rng.random() < 0.6
    if couple:
        age = max(20, first.age + rng.randint(-4, 4))
        people.append(Person(Relation.tenant, _other(first.sex), age, _surname(rng)))
    while len(people) < size:
        if couple and first.age >= 25:
            father = first if first.sex == Sex.male else people[1]
            age = _younger_age(rng, first.age, 22, 38)
            people.append(Person(Relation.tenant, _random_sex(rng), age, father.surname))
        else:
            people.append(
                Person(Relation.tenant, _random_sex(rng), rng.randint(20, 45), _surname(rng))
            )
    return people


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('358')}{rng.randrange(10**9):09d}"


PLACES = (
    "槐树 鲁谷 八角 杨庄 古城 永乐 玉泉 老山 五芳 京源 重聚 石景 衙门口 金顶 琅山 "
    "西黄村 田村 模式口 双榆树 万寿 翠微 太平 阜成 北辛安 杏石口 西山 八宝山 远洋"
).split()
PLACE_SUFFIXES = "小区 东里 西里 北里 南里 东院 西院 家园 南区 北区 新村 花园".split()
EMPLOYERS = "电力 铁路 首钢 邮电 教委 供电局 化工厂 电厂 水泥厂 总后 航天 煤炭".split()
EMPLOYER_SUFFIXES = ("宿舍", "家属院")
COMMUNITY_PLACES = (
    "幸福里 槐树岭 鲁谷 八角 杨庄 古城 永乐 玉泉 老山 五芳园 京源 重聚园 金顶街 琅山 "
    "西黄村 田村 模式口 苹果园 衙门口 八宝山 北辛安 杏石口 西山 远洋 石景山 广宁 麻峪 五里坨"
).split()


def compound_names(rng: random.Random, count: int) -> list[str]:
    pool = [p + s for p in PLACES for s in PLACE_SUFFIXES]
    pool += [e + s for e in EMPLOYERS for s in EMPLOYER_SUFFIXES]
    rng.shuffle(pool)
    # Past the pool, later phases of the same estate keep names unique.
    return [
        pool[i % len(pool)] + ("" if i < len(pool) else f"{i // len(pool) + 1}期")
        for i in range(count)
    ]
