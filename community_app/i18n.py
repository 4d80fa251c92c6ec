"""The UI string catalog: zh-CN first, English second. Keys are dotted by area."""

from __future__ import annotations

import importlib
from typing import Any

LANGS = ("zh", "en")

CATALOG: dict[str, tuple[str, str]] = {
    "app.name": ("守望", "Shouwang"),
    "app.tagline": ("守望相助 · 社区防疫", "Keep watch, help each other"),
    "app.offline": ("网络已断开：已填写的内容不会丢失，恢复后继续。", "Offline: nothing you entered is lost; it continues when the network returns."),
    "nav.main": ("主菜单", "Main menu"),
    "nav.home": ("首页", "Home"),
    "nav.buildings": ("楼栋", "Buildings"),
    "nav.staff": ("人员", "Staff"),
    "nav.me": ("我的", "Me"),
    "login.title": ("工作人员登录", "Staff sign-in"),
    "login.username": ("账号", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Sign in"),
    "login.household_link": ("居民户登录（大字版）", "Household sign-in (large text)"),
    "login.staff_link": ("工作人员登录", "Staff sign-in"),
    "hlogin.title": ("居民户登录", "Household sign-in"),
    "hlogin.code": ("户码（门上通知单上的编号）", "Household code (on the door notice)"),
    "hlogin.pin": ("6位密码", "6-digit PIN"),
    "hlogin.bad": ("户码或密码不对。还可以再试 {tries} 次。想不起来密码，请打电话给您的网格员。", "The household code or PIN is not right. {tries} more tries. If you cannot remember the PIN, call your grid worker."),
    "hlogin.bad_last": ("户码或密码不对。再错一次就要等一会儿才能再试。请打电话给您的网格员帮忙。", "The household code or PIN is not right. One more mistake and you must wait before trying again. Call your grid worker for help."),
    "hlogin.locked": ("输错次数太多，请 {minutes} 分钟后再试。着急的话，请打电话给您的网格员。", "Too many wrong tries. Try again in {minutes} minutes. If it is urgent, call your grid worker."),
    "hlogin.forgot": ("忘记密码？请打电话或当面找您的网格员：网格员会给您重新开一个6位密码，旧密码就不能用了。", "Forgot the PIN? Call or see your grid worker: they give you a new 6-digit PIN and the old one stops working."),
    "role.admin": ("社区书记/主任", "Community secretary"),
    "role.grid_worker": ("网格员", "Grid worker"),
    "role.volunteer": ("志愿者", "Volunteer"),
    "role.household": ("居民户", "Household"),
    "role.subdistrict": ("街道干部", "Subdistrict officer"),
    "me.title": ("我的", "Me"),
    "me.language": ("语言 / Language", "Language / 语言"),
    "me.logout": ("退出登录", "Sign out"),
    "me.signed_in_as": ("当前登录", "Signed in as"),
    "home.hello": ("您好，", "Hello, "),
    "home.today_title": ("今天要做", "To do today"),
    "home.today_isolation": ("户居家隔离还有照护没做", "isolated households with care still due"),
    "home.today_overdue": ("项已逾期", "items overdue"),
    "home.today_followups": ("户还没见到，要再跟进", "households not reached yet"),
    "home.today_needs": ("条摸排需求待转代买", "survey needs to turn into errands"),
    "home.today_none": ("今天的待办都完成了。", "Nothing left to do today."),
    "home.compounds": ("小区/楼院", "Compounds"),
    "home.buildings": ("楼栋", "Buildings"),
    "home.households": ("户数", "Households"),
    "home.residents": ("居民", "Residents"),
    "home.elderly_alone": ("独居老人", "Elderly living alone"),
    "home.staff": ("在岗人员", "Active staff"),
    "home.unassigned": ("未分配网格员的楼栋", "Buildings without a grid worker"),
    "home.my_buildings": ("我负责的楼栋", "My buildings"),
    "home.no_buildings": ("还没有分配楼栋，请联系社区。", "No buildings assigned yet; ask the community office."),
    "home.volunteer_empty": ("今天还没有分配给您的任务。巡查和代买任务会显示在这里。", "Nothing assigned to you today. Patrols and errands will appear here."),
    "home.household_address": ("我家地址", "My address"),
    "home.household_people": ("家庭成员", "Household members"),
    "home.call_worker": ("打电话给网格员", "Call my grid worker"),
    "home.hours_title": ("我的服务时长", "My service hours"),
    "home.hours_patrol": ("巡逻", "Patrols"),
    "home.hours_walks": ("次", "walks"),
    "home.hours_errands": ("代买", "Errands"),
    "home.hours_delivered": ("单送达", "delivered"),
    "home.no_worker": ("暂无网格员，请拨打社区电话。", "No grid worker yet; call the community office."),
    "building.floor": ("层", "F"),
    "building.unit": ("{unit} 单元", "Unit {unit}"),
    "occupancy.home": ("在家", "Home"),
    "occupancy.away": ("外出", "Away"),
    "occupancy.rented": ("出租", "Rented"),
    "occupancy.vacant": ("空置", "Vacant"),
    "occupancy.none": ("未登记", "Not registered"),
    "common.cancel": ("取消", "Cancel"),
    # Between a label and its value: full-width in Chinese, ": " in English.
    "common.colon": ("：", ": "),
    "common.close": ("关闭", "Close"),
    "common.saved": ("已保存。", "Saved."),
    "err.bad_login": ("账号或密码不正确。", "Wrong username or password."),
    "err.locked": ("登录失败次数过多，请 {minutes} 分钟后再试。", "Too many failed sign-ins. Try again in {minutes} minutes."),
    "err.denied": ("您没有权限进行此操作。", "You are not allowed to do this."),
    "err.session": ("登录已过期，请重新登录。", "Your session has ended. Please sign in again."),
    "err.not_lent": ("您的下沉工作期不在此时，不能登录。", "Your secondment is not running now: you cannot sign in."),
    "login.signed_out": ("已退出登录。", "You have signed out."),
    "err.bad_request": ("提交的内容无效，请刷新后重试。", "The submission was not valid. Reload and try again."),
    "err.invalid_field": ("请检查“{field}”：{reason}", "Please check \"{field}\": {reason}"),
    "err.username_taken": ("该账号已被使用。", "That username is taken."),
    "err.cannot_disable_self": ("不能停用自己的账号。", "You cannot disable your own account."),
    "err.not_a_worker": ("只有网格员可以分配楼栋。", "Only grid workers can be assigned buildings."),
    "err.conflict": ("刚才有人同时修改了这条记录，这次没有保存，请刷新后再试。", "Someone changed this at the same moment; nothing was saved. Refresh and try again."),
    "err.database": ("服务器繁忙或暂时无法访问数据库，这次没有保存，请稍后再试。", "The server is busy or cannot reach its database; nothing was saved. Try again shortly."),
    "err.internal": ("出错了，请稍后重试。已填写的内容没有保存。", "Something went wrong; nothing was saved. Try again shortly."),
    "err.server_unavailable": ("服务器暂时不可用，刚才的操作没有完成。已提交的表单保存在手机上，服务器恢复后会补发。", "The server is unavailable for now and your last action did not go through. Submitted forms are kept on this phone and sent once the server is back."),
    "err.unexpected": ("出错了，刚才的操作没有完成，请再试一次。已提交的表单保存在手机上。", "Something went wrong and your last action did not go through; please try again. Submitted forms are kept on this phone."),
    "app.no_signal": ("没有信号：已提交的表单保存在手机上，有信号后发送", "No signal: submitted forms are kept on this phone"),
    "app.new_version": ("守望已更新，请点“刷新”。已提交的表单和正在填写的内容都保存在手机上。", "Shouwang has been updated: tap Reload. Submitted forms and what you are typing are kept on this phone."),
    "app.reload": ("刷新", "Reload"),
    "app.server_unreachable": ("服务器暂时连不上：已提交的表单保存在手机上，恢复后发送", "Server unreachable: submitted forms are kept on this phone"),
    "reason.required": ("必填", "required"),
    "reason.too_long": ("太长", "too long"),
    "reason.format": ("格式不正确", "wrong format"),
    "reason.range": ("超出允许范围", "out of the allowed range"),
    "reason.control": ("含有看不见的控制字符（可能是复制粘贴带来的），请删掉后重新输入", "contains invisible control characters (often from copy and paste); delete them and type it again"),
    "err.control_chars": ("提交的内容含有看不见的控制字符（可能是复制粘贴带来的），请删掉后重新输入。没有保存任何内容。", "What you sent contains invisible control characters (often from copy and paste); delete them and type it again. Nothing was saved."),
    "field.username": ("账号", "Username"),
    "field.password": ("密码", "Password"),
    "field.medicine_note": ("哪种药", "Which medicine"),
    "field.display_name": ("姓名", "Name"),
    "field.phone": ("手机号", "Phone"),
    "field.role": ("角色", "Role"),
    "field.code": ("户码", "Household code"),
    "field.pin": ("密码", "PIN"),
    # Field names shared by several domains' forms.
    "field.note": ("备注", "Notes"),
    "field.start_date": ("开始日期", "Start date"),
}


def _merge_domains() -> None:
    from community_app import catalog

    # One domain per line: a new domain is one more line.
    names = (
        "community",
        "survey",
        "isolation",
        "errands",
        "patrol",
        "ledger",
        "retention",
        "notices",
        "subdistrict",
        "roster",
        "tipoffs",
        "donations",
        "disinfection",
        "care",
        "shops",
        "gate",
        "reporting",
    )
    for name in names:
        module = importlib.import_module(f"{catalog.__name__}.{name}")
        overlap = CATALOG.keys() & module.STRINGS.keys()
        if overlap:
            raise ValueError(f"{module.__name__} redefines {sorted(overlap)}")
        CATALOG.update(module.STRINGS)


_merge_domains()


def normalise_lang(lang: object) -> str:
    """The locale comes from the browser's storage: anything unknown falls back to Chinese."""
    return "en" if lang == "en" else "zh"


def tr(key: str, lang: object = "zh", **params: Any) -> str:
    zh, en = CATALOG.get(key, (key, key))
    text = en if normalise_lang(lang) == "en" else zh
    return text.format(**params) if params else text



# Every catalog text to its entry (built after the domains merged in): a message shown can be
# said again in the other language.
_BY_TEXT: dict[str, tuple[str, str]] = {text: pair for pair in CATALOG.values() for text in pair}


def retranslate(text: str, lang: object) -> str:
    """A message already shown, in `lang`: the same catalog entry when `text` is one word for
    word, else "" (a message with numbers in it cannot be read back; it is dropped rather
    than left in the other language)."""
    pair = _BY_TEXT.get(text)
    if pair is None:
        return ""
    return pair[1] if normalise_lang(lang) == "en" else pair[0]
