"""The variety the metamorphic generator draws from: for every award item, ways to name it, the figure it
turns on, and the conditions a user may say are met or not (with varied negations and roles).

Written from the policy text, not from the router's vocabulary: each name is how a person would say the
thing, so that a reader that only knows the sentences it was tuned on fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class Figure:
    input: str  # the calculator input it fills
    kind: str  # "yuan", "count" or "years"
    nouns: tuple[str, ...]  # what the figure is called (合同金额, 官费 …), or the counted noun
    low: int
    high: int
    measure: str = ""  # count: the measure word after the number (个, 件, 起, 国)


FEES = Figure("official_fees_yuan", "yuan", ("官费", "授权官费", "缴纳的官方规定费用", "授权时交的官费"), 500, 60_000)
CONTRACT = Figure("contract_yuan", "yuan", ("合同金额", "合同", "交易金额", "合同额"), 50_000, 9_000_000)
INTEREST = Figure("interest_yuan", "yuan", ("实缴利息", "利息", "付的利息", "贷款利息"), 2_000, 300_000)
PREMIUM = Figure("premium_yuan", "yuan", ("保费", "实际保费支出", "交的保费", "保险费"), 1_000, 300_000)
EXAM_FEE = Figure("exam_fee_yuan", "yuan", ("报名费", "考试报名费", "交的报名费"), 100, 3_000)
COUNTRIES = Figure("countries", "count", ("国家", "国家和地区", "国家或地区"), 1, 20, "个")
MARKS = Figure("marks", "count", ("商标",), 1, 5, "件")
WORKS = Figure("works", "count", ("作品", "作品登记证书", "登记证书"), 1, 80, "个")
CASES = Figure("cases", "count", ("案件", "官司", "案子"), 1, 3, "起")
YEARS_AGENCY = Figure("years_operating", "years", ("开展代理业务", "开业", "营业"), 1, 6)
YEARS_SERVED = Figure("years_served", "years", ("在清远服务", "在本市执业", "在清远的代理机构工作"), 2, 9)

# ------------------------------------------------------------------ conditions said met or failed


@dataclass(frozen=True)
class Said:
    """A condition as a user says it: `met` says whether it holds (a negation included in the words)."""

    condition: str
    words: str
    met: bool


def said(condition: str, met: tuple[str, ...], failed: tuple[str, ...]) -> tuple[Said, ...]:
    return tuple(Said(condition, w, True) for w in met) + tuple(Said(condition, w, False) for w in failed)


TRANSFER_CONDITIONS = (
    *said("unrelated", ("对方是非关联企业", "卖方跟我们没有关联关系", "对方与我们无关联", "对方不是我们的关联公司",
                        "双方不存在关联关系"),
          ("对方是我们的子公司", "卖方是我们的关联企业", "对方是我们母公司", "对方跟我们是关联方")),
    *said("recorded", ("已备案", "已经在国家知识产权局登记备案", "不是没有备案，备案了", "备案已办好"),
          ("还没备案", "没有登记备案", "尚未备案", "备案还没办")),
    *said("local_counterparty", ("对方是清城区的企业", "卖方在英德", "对方是本市企业"),
          ("对方是深圳的公司", "卖方在广州", "对方是外地企业")),
)
PLEDGE_CONDITIONS = (
    *said("repaid_on_time", ("按期还款付息", "一直按时还本付息", "没有逾期"), ("贷款逾期了", "有拖欠利息", "没有按期还款")),
    *said("risk_listed", ("已列入风险补偿扶持", "纳入了风险补偿"), ("没有列入风险补偿", "未纳入风险补偿")),
)
STANDARD_CONDITIONS = (
    *said("standard_lead", ("我们是牵头企业", "由我们牵头制定", "我们主导起草"), ("我们只是参编单位", "我们不是牵头单位",
                                                                   "我们是参与起草的")),
    *said("standard_published", ("已发布实施", "已经发布"), ("还没发布", "尚未发布")),
)
NEW_TITLE = said("newly_recognised", ("新认定", "今年新获认定", "首次认定"), ("复核通过", "不是新认定，是复核", "续期"))
FIRST_PASS = said("first_pass", ("首次通过", "第一次通过"), ("第二次通过", "不是首次通过", "再次通过"))
SCHOOL = said("primary_school", ("我们是一所小学", "我们是中学", "本校是初级中学"), ("我们是高职院校", "我们是一所大学"))
EXAM = said("exam_passed", ("考试通过了", "考过了", "顺利通过"), ("没考过", "考试没通过", "落榜了"))
CASE_OBJECT = said("case_object", ("专利侵权", "商标侵权"), ("著作权侵权", "版权侵权"))

# Roles for clause 7: the asker receives (funded) or gives (not funded), said with different verbs.
RECEIVE = ("我们从{cp}受让了一件专利", "{cp}把专利许可给我们", "我们受让了{cp}的专利", "我们被许可实施{cp}的专利",
           "我们从{cp}买了一件专利", "{cp}把一项发明专利转让给我们")  # fmt: skip
GIVE = ("我们把专利卖给了{cp}", "我们许可给{cp}使用我们的专利", "我们把一件专利转让给{cp}")
# The other party may be named by a kind of applicant (大学, 个人, 研究所): it describes the seller, never the
# asker, so it must not decide who applies.
COUNTERPARTIES = ("一家本市企业", "清新区一家公司", "一家公司", "英德一家企业", "本市一家科技公司", "清远一所大学",
                  "本市一个个人", "英德一家研究所", "清城区一家事业单位")  # fmt: skip
NEUTRAL_COUNTERPARTY = "一家公司"  # when where the other party is said separately (a condition)

# ------------------------------------------------------------------ items


@dataclass(frozen=True)
class ItemSpec:
    item: str
    names: tuple[str, ...]  # ≥ 6 ways to say what happened
    figure: Figure | None = None
    conditions: tuple[Said, ...] = ()
    applicant: str = ""  # words that say who asks, when the item is only for them


ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("domestic_invention_patent", ("发明专利授权了", "拿到了发明专利证书", "一件国内发明专利获得授权",
             "获得了发明专利授权", "发明专利下证了", "在国内授权了一件发明专利"), FEES),
    ItemSpec("foreign_invention_patent", ("美国发明专利授权了", "在日本拿到了发明专利", "欧洲发明专利获得授权",
             "海外发明专利授权了", "一件发明在德国授权了", "国外的发明专利下来了"), FEES),
    ItemSpec("high_quality_patent_cultivation", ("高质量专利培育项目", "高质量专利培育中心的培育项目",
             "产学研的高质量专利培育项目", "专利培育项目被选上了", "培育中心的项目", "高质量专利培育")),
    ItemSpec("gi_certification_or_collective_mark", ("注册了地理标志证明商标", "成功注册地理标志集体商标",
             "地理标志商标注册成功了", "地标证明商标注册下来了", "拿到地理标志集体商标", "注册了地理标志证明商标"), MARKS),
    ItemSpec("certification_mark", ("注册了证明商标（非地理标志）", "成功注册非地理标志的证明商标",
             "证明商标注册成功了，不是地理标志", "注册了证明商标，不属于地理标志商标", "拿到普通的证明商标，并非地理标志",
             "证明商标注册下来了，不是地标商标"), MARKS),
    ItemSpec("collective_mark", ("注册了集体商标（非地理标志）", "成功注册非地理标志的集体商标",
             "集体商标注册成功了，不是地理标志", "注册了集体商标，不属于地理标志商标", "协会的集体商标注册下来了，并非地理标志",
             "集体商标注册成功，不是地标商标"), MARKS),
    ItemSpec("gi_product_protection", ("获得国家地理标志保护产品批准", "成功获批国家地理标志保护产品",
             "我们的产品被批准为地理标志保护产品", "拿到地理标志保护产品", "国家地理标志产品保护批下来了",
             "获得地理标志保护产品认定")),
    ItemSpec("madrid_trademark", ("通过马德里体系注册国际商标", "马德里商标注册成功", "用马德里体系申请的国际商标注册了",
             "马德里国际注册商标", "做了马德里商标国际注册", "国际商标（马德里）注册下来了"), COUNTRIES),
    ItemSpec("regional_brand_demo_zone", ("列入市级区域品牌示范区建设", "区域品牌示范区建设项目", "我们的项目进了区域品牌示范区",
             "市级区域品牌示范区", "区域品牌示范区的建设项目", "入选区域品牌示范区建设")),
    ItemSpec("copyright_registration", ("取得了作品著作权登记证书", "作品登记证书拿到了", "做了作品著作权登记",
             "版权登记了", "登记了作品著作权", "广东省版权局颁发的作品登记证书"), WORKS),
    ItemSpec("most_valuable_copyright_work", ("获评广东省最具价值版权作品", "作品评上了省最具价值版权作品",
             "拿到最具价值版权作品称号", "被评为最具价值版权作品", "入选广东省最具价值版权作品", "最具价值版权作品称号")),
    ItemSpec("national_copyright_demo_park", ("获得国家版权示范园区称号", "园区评上国家版权示范基地", "成为国家版权示范园区",
             "国家级版权示范园区", "获评国家版权示范基地", "国家版权示范园区（基地）")),
    ItemSpec("national_copyright_demo_unit", ("获得国家版权示范单位称号", "评上国家版权示范单位", "成为国家版权示范单位",
             "国家级版权示范单位", "获评国家版权示范单位", "被评为国家版权示范单位")),
    ItemSpec("provincial_copyright_demo_park", ("获得广东省版权示范园区称号", "园区评上省版权示范基地", "成为省级版权示范园区",
             "省版权示范园区", "获评广东省版权示范基地", "广东省版权示范园区（基地）")),
    ItemSpec("provincial_copyright_demo_unit", ("获得广东省版权示范单位称号", "评上省版权示范单位", "成为省级版权示范单位",
             "省版权示范单位", "获评广东省版权示范单位", "被评为广东省版权示范单位")),
    ItemSpec("patent_implementation_project", ("优秀专利技术实施项目立项", "专利技术实施计划项目获批",
             "专利产业化项目立项了", "专利技术转化实施项目", "专利实施项目批准立项", "专利技术实施计划")),
    ItemSpec("patent_transfer_contract", RECEIVE, CONTRACT, TRANSFER_CONDITIONS, "我们公司"),
    ItemSpec("pledge_loan_interest", ("知识产权质押融资", "专利质押贷款", "用专利做了质押融资", "商标质押贷款",
             "知识产权质押贷款贴息", "质押融资贴息"), INTEREST, PLEDGE_CONDITIONS, "我们企业"),
    ItemSpec("patent_insurance_premium", ("买了专利保险", "购买专利执行保险", "投保了专利保险", "专利保险",
             "给专利上了保险", "专利侵权保险"), PREMIUM, (), "我们公司"),
    ItemSpec("standard_international", ("自主发明专利转化为国际标准", "国际标准奖励", "发明专利上升为国际标准",
             "国际标准", "专利写进了国际标准", "专利转化成国际标准"), None, STANDARD_CONDITIONS, "我们公司"),
    ItemSpec("standard_national", ("自主发明专利转化为国家标准", "国家标准奖励", "发明专利上升为国家标准",
             "国家标准", "专利写进了国标", "专利转化成国家标准"), None, STANDARD_CONDITIONS, "我们公司"),
    ItemSpec("standard_industry", ("自主发明专利转化为行业标准", "行业标准奖励", "发明专利上升为行业标准",
             "行业标准", "专利写进了行标", "专利转化成行业标准"), None, STANDARD_CONDITIONS, "我们公司"),
    ItemSpec("patent_navigation_project", ("专利导航项目", "专利预警分析项目", "做了专利导航", "开展专利预警分析",
             "专利导航分析项目", "产业专利导航项目")),
    ItemSpec("national_ip_demo_enterprise", ("国家知识产权示范企业", "评上国家知识产权示范企业", "获评国家级知识产权示范企业",
             "成为国家知识产权示范企业", "国家知识产权示范企业称号", "认定为国家知识产权示范企业"), None, NEW_TITLE),
    ItemSpec("national_ip_advantage_enterprise", ("国家知识产权优势企业", "评上国家知识产权优势企业",
             "获评国家级知识产权优势企业", "成为国家知识产权优势企业", "国家知识产权优势企业称号", "认定为国家知识产权优势企业"),
             None, NEW_TITLE),
    ItemSpec("provincial_ip_demo_enterprise", ("省知识产权示范企业", "评上广东省知识产权示范企业", "获评省级知识产权示范企业",
             "成为省知识产权示范企业", "省知识产权示范企业称号", "认定为省知识产权示范企业"), None, NEW_TITLE),
    ItemSpec("city_ip_advantage_enterprise", ("市知识产权优势企业", "评上清远市知识产权优势企业", "获评市级知识产权优势企业",
             "成为市知识产权优势企业", "市知识产权优势企业称号", "认定为市知识产权优势企业"), None, NEW_TITLE),
    ItemSpec("ip_management_standard_first", ("通过《企业知识产权管理规范》认证", "贯标认证通过了", "通过知识产权管理规范贯标",
             "知识产权管理体系认证通过", "贯标通过", "通过了企业知识产权管理规范"), None, FIRST_PASS),
    ItemSpec("ip_management_standard_cycle", ("完成了初次认证、监督审核至再认证的首个认证周期", "贯标走完了第一个认证周期",
             "完成首个认证周期", "知识产权管理体系完成了再认证", "完成贯标的首个周期", "首个认证周期完成了")),
    ItemSpec("rights_first_instance_win", ("一审胜诉", "一审打赢了", "一审判我们赢了", "初审胜诉", "一审我们胜诉了",
             "一审赢了"), CASES, CASE_OBJECT, "我们公司"),
    ItemSpec("rights_second_instance_win", ("二审胜诉", "二审打赢了", "二审改判我们胜诉", "一审输了，二审赢了",
             "终审胜诉", "二审我们胜诉了"), CASES, CASE_OBJECT, "我们公司"),
    ItemSpec("rights_overseas_win", ("在美国打的侵权官司胜诉了", "境外侵权案件胜诉", "在日本的侵权诉讼赢了",
             "海外维权胜诉", "在德国的侵权官司打赢了", "国外侵权诉讼胜诉"), CASES, (), "我们公司"),
    ItemSpec("new_patent_agency", ("新设立的专利代理机构", "新成立了一家专利代理机构", "新开的专利代理所",
             "新设的专利代理事务所", "新设立专利代理机构", "刚成立的专利代理公司"), YEARS_AGENCY),
    ItemSpec("new_patent_agency_branch", ("新设立的专利代理分支机构", "新设了专利代理分所", "新开的专利代理分公司",
             "新设的代理分支机构", "新设立专利代理分支机构", "刚成立的专利代理分支机构"), YEARS_AGENCY),
    ItemSpec("ip_service_agency_award", ("知识产权中介服务机构", "为本市企业提供知识产权服务的中介机构",
             "知识产权服务公司营收规模大", "知识产权中介机构奖励", "知识产权咨询服务机构", "本市知识产权中介服务机构")),
    ItemSpec("public_service_project", ("知识产权服务机构的优质服务项目", "优质服务项目立项", "政府购买的知识产权服务项目",
             "服务机构开展的优质服务项目", "项目委托的知识产权服务", "优质服务项目获批")),
    ItemSpec("national_ip_pilot_county", ("获批创建国家知识产权试点县", "国家知识产权试点园区", "创建国家知识产权试点县",
             "县里获批国家知识产权试点县", "国家知识产权试点县（园区）", "成为国家知识产权试点县")),
    ItemSpec("national_ip_demo_county", ("获批创建国家知识产权示范县", "国家知识产权示范园区", "创建国家知识产权示范县",
             "县里获批国家知识产权示范县", "国家知识产权示范县（园区）", "成为国家知识产权示范县")),
    ItemSpec("industrial_park_performance", ("产业园区年度工作绩效突出", "园区绩效突出", "重点产业园区绩效优秀",
             "高新区年度工作绩效突出", "产业园区工作绩效奖励", "园区年度绩效考核突出")),
    ItemSpec("patent_agent_exam_fee", ("通过了专利代理资格考试", "专利代理师资格考试考过了", "考过专利代理师考试",
             "通过专利代理人资格考试", "专利代理资格考试通过", "考取了专利代理师资格"), EXAM_FEE, (), "我个人"),
    ItemSpec("patent_agent_service_award", ("持证专利代理师", "我是持证的专利代理师", "持证代理师", "持有专利代理师证",
             "专利代理师（持证）", "持证专利代理人"), YEARS_SERVED, (), "我个人"),
    ItemSpec("national_school_ip_pilot", ("获认定国家级中小学知识产权教育试点学校", "国家级知识产权教育试点学校",
             "评上国家中小学知识产权教育试点学校", "成为国家级知识产权教育试点学校", "国家知识产权教育试点学校",
             "获评国家级中小学知识产权教育试点"), None, SCHOOL),
    ItemSpec("national_school_ip_demo", ("获认定国家级中小学知识产权教育示范学校", "国家级知识产权教育示范学校",
             "评上国家中小学知识产权教育示范学校", "成为国家级知识产权教育示范学校", "国家知识产权教育示范学校",
             "获评国家级中小学知识产权教育示范"), None, SCHOOL),
    ItemSpec("provincial_school_ip_pilot", ("获认定省级中小学知识产权教育试点学校", "省级知识产权教育试点学校",
             "评上省中小学知识产权教育试点学校", "成为省级知识产权教育试点学校", "省知识产权教育试点学校",
             "获评省级中小学知识产权教育试点"), None, SCHOOL),
    ItemSpec("provincial_school_ip_demo", ("获认定省级中小学知识产权教育示范学校", "省级知识产权教育示范学校",
             "评上省中小学知识产权教育示范学校", "成为省级知识产权教育示范学校", "省知识产权教育示范学校",
             "获评省级中小学知识产权教育示范"), None, SCHOOL),
)
