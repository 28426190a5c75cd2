//! What Chrome's built-in page translation (Google Translate) makes of an English US
//! carrier page's texts, for `tests/metamorphic.rs`'s `translated-*` transformations.
//!
//! Written from what the translation is known to produce, not from the engine: label words
//! and phrases from a table ([`PHRASES`]), English word order turned where the translation
//! turns it (`3.2 GB left` → `剩余 3.2 GB`, `Renews on Dec 9` → `将于 12月9日 续订`, `by Dec 3`
//! → `12月3日之前`), dates in the translation's form (`Dec 9, 2026` → `2026年12月9日`,
//! `Dec 9` → `12月9日`; numeric dates such as `12/09/2026` kept, as the translation keeps
//! them), `$45.00` in a sentence → `45.00 美元`, numbers, units, masked numbers and names
//! (capitalised unknown words, all-capital words, brands, the expected plan names and line
//! labels) kept. A text with no letter is left alone, as the translation leaves it; an
//! unknown lower-case word is dropped (a real translation would have turned it into some
//! Chinese word: it must not reach the engine as English).

/// Traditional Chinese (`zh-TW`) for the Simplified form of [`PHRASES`] and the other
/// pieces: character by character, for the characters those pieces use.
const TRADITIONAL: &[(char, char)] = &[
    ('剩', '剩'),
    ('余', '餘'),
    ('数', '數'),
    ('据', '據'),
    ('账', '帳'),
    ('帐', '帳'),
    ('户', '戶'),
    ('单', '單'),
    ('计', '計'),
    ('划', '劃'),
    ('续', '續'),
    ('订', '訂'),
    ('额', '額'),
    ('费', '費'),
    ('动', '動'),
    ('支', '支'),
    ('付', '付'),
    ('开', '開'),
    ('关', '關'),
    ('闭', '閉'),
    ('启', '啟'),
    ('线', '線'),
    ('话', '話'),
    ('号', '號'),
    ('码', '碼'),
    ('务', '務'),
    ('热', '熱'),
    ('点', '點'),
    ('无', '無'),
    ('限', '限'),
    ('应', '應'),
    ('总', '總'),
    ('额', '額'),
    ('期', '期'),
    ('结', '結'),
    ('过', '過'),
    ('值', '值'),
    ('资', '資'),
    ('条', '條'),
    ('款', '款'),
    ('隐', '隱'),
    ('私', '私'),
    ('权', '權'),
    ('设', '設'),
    ('备', '備'),
    ('机', '機'),
    ('个', '個'),
    ('历', '歷'),
    ('史', '史'),
    ('记', '記'),
    ('录', '錄'),
    ('详', '詳'),
    ('细', '細'),
    ('信', '信'),
    ('息', '息'),
    ('于', '於'),
    ('将', '將'),
    ('为', '為'),
    ('从', '從'),
    ('这', '這'),
    ('们', '們'),
    ('会', '會'),
    ('时', '時'),
    ('间', '間'),
    ('们', '們'),
    ('让', '讓'),
    ('价', '價'),
    ('格', '格'),
    ('购', '購'),
    ('买', '買'),
    ('卖', '賣'),
    ('优', '優'),
    ('惠', '惠'),
    ('网', '網'),
    ('络', '絡'),
    ('覆', '覆'),
    ('盖', '蓋'),
    ('围', '圍'),
    ('帮', '幫'),
    ('助', '助'),
    ('问', '問'),
    ('题', '題'),
    ('联', '聯'),
    ('系', '繫'),
    ('登', '登'),
    ('录', '錄'),
    ('馈', '饋'),
    ('状', '狀'),
    ('态', '態'),
    ('维', '維'),
    ('护', '護'),
    ('载', '載'),
    ('处', '處'),
    ('理', '理'),
    ('暂', '暫'),
    ('停', '停'),
    ('短', '短'),
    ('车', '車'),
    ('亿', '億'),
    ('万', '萬'),
    ('总', '總'),
    ('计', '計'),
    ('级', '級'),
    ('升', '升'),
    ('换', '換'),
    ('现', '現'),
    ('达', '達'),
    ('与', '與'),
    ('项', '項'),
    ('还', '還'),
    ('显', '顯'),
    ('示', '示'),
    ('周', '週'),
    ('钟', '鐘'),
    ('发', '發'),
    ('送', '送'),
    ('东', '東'),
    ('读', '讀'),
    ('说', '說'),
    ('明', '明'),
    ('择', '擇'),
    ('选', '選'),
    ('试', '試'),
    ('钱', '錢'),
    ('银', '銀'),
    ('行', '行'),
    ('卡', '卡'),
    ('储', '儲'),
    ('存', '存'),
    ('尔', '爾'),
    ('国', '國'),
    ('际', '際'),
    ('游', '遊'),
    ('漫', '漫'),
    ('经', '經'),
    ('济', '濟'),
    ('这', '這'),
    ('该', '該'),
    ('欢', '歡'),
    ('迎', '迎'),
    ('庭', '庭'),
    ('员', '員'),
    ('组', '組'),
    ('享', '享'),
    ('请', '請'),
    ('输', '輸'),
    ('入', '入'),
    ('密', '密'),
    ('忘', '忘'),
    ('验', '驗'),
    ('证', '證'),
    ('览', '覽'),
    ('较', '較'),
    ('载', '載'),
    ('剧', '劇'),
    ('视', '視'),
    ('频', '頻'),
    ('产', '產'),
    ('品', '品'),
    ('务', '務'),
    ('营', '營'),
    ('运', '運'),
    ('商', '商'),
    ('实', '實'),
    ('际', '際'),
    ('历', '歷'),
    ('审', '審'),
    ('补', '補'),
    ('充', '充'),
    ('创', '創'),
    ('建', '建'),
    ('转', '轉'),
    ('边', '邊'),
    ('进', '進'),
    ('阅', '閱'),
    ('读', '讀'),
    ('传', '傳'),
    ('统', '統'),
    ('拨', '撥'),
    ('打', '打'),
    ('电', '電'),
    ('邮', '郵'),
    ('件', '件'),
    ('块', '塊'),
    ('标', '標'),
    ('准', '準'),
    ('带', '帶'),
    ('宽', '寬'),
    ('决', '決'),
    ('问', '問'),
    ('汇', '匯'),
    ('两', '兩'),
    ('后', '後'),
    ('并', '並'),
    ('么', '麼'),
    ('几', '幾'),
    ('约', '約'),
    ('适', '適'),
    ('满', '滿'),
    ('种', '種'),
    ('旧', '舊'),
    ('闲', '閒'),
    ('亲', '親'),
    ('妈', '媽'),
    ('爷', '爺'),
    ('奶', '奶'),
    ('孙', '孫'),
    ('儿', '兒'),
    ('厨', '廚'),
    ('间', '間'),
    ('层', '層'),
    ('户', '戶'),
    ('欠', '欠'),
    ('余', '餘'),
    ('签', '簽'),
    ('约', '約'),
    ('险', '險'),
    ('损', '損'),
    ('坏', '壞'),
    ('终', '終'),
    ('止', '止'),
    ('贷', '貸'),
    ('记', '記'),
    ('借', '借'),
    ('扣', '扣'),
    ('缴', '繳'),
    ('纳', '納'),
    ('额', '額'),
];

/// The target of one translation transformation.
#[derive(Clone, Copy, PartialEq)]
pub enum Target {
    /// Simplified Chinese (`zh-CN`).
    Simplified,
    /// Traditional Chinese (`zh-TW`): the Simplified translation in Traditional characters,
    /// with Taiwan's words where they differ (`資料` for data, `帳單` for a bill).
    Traditional,
}

impl Target {
    pub fn lang(self) -> &'static str {
        match self {
            Target::Simplified => "zh-CN",
            Target::Traditional => "zh-TW",
        }
    }
}

/// Words the translation leaves as they are: brands, products, card networks.
const KEEP: &[&str] = &[
    "t-mobile",
    "mint",
    "visible",
    "tello",
    "ultra",
    "google",
    "fi",
    "pixel",
    "verizon",
    "moto",
    "galaxy",
    "netflix",
    "hulu",
    "visa",
    "mastercard",
    "amex",
    "discover",
    "apple",
    "iphone",
    "ipad",
    "samsung",
    "metro",
    "magenta",
    "go5g",
    "gb",
    "mb",
    "kb",
    "tb",
    "kbps",
    "mbps",
    "gbps",
    "sim",
    "esim",
    "mobile",
    "wireless",
    "cellular",
    "5g",
    "4g",
    "lte",
    "us",
    "usa",
    "am",
    "pm",
    "id",
];

/// `(English, Simplified Chinese)`: label words and phrases, lower case, longest first
/// wins. Word order is the English one but for [`POST`] words, [`DATE_VERBS`] and
/// [`PREPOSITIONS`].
#[rustfmt::skip]
const PHRASES: &[(&str, &str)] = &[
    // Data.
    ("remaining high-speed data", "剩余高速数据"), ("high-speed data", "高速数据"),
    ("high speed data", "高速数据"), ("full-speed data", "全速数据"),
    ("data left", "剩余数据"), ("data remaining", "剩余数据"), ("remaining data", "剩余数据"),
    ("data used", "已用数据"), ("data usage", "数据使用情况"), ("data balance", "数据余额"),
    ("data this cycle", "本周期数据"), ("usage this cycle", "本周期使用情况"),
    ("used this cycle", "本周期已使用"), ("this cycle", "本周期"), ("previous cycle", "上一周期"),
    ("shared data", "共享数据"), ("plan data", "套餐数据"), ("hotspot data", "热点数据"),
    ("mobile hotspot", "移动热点"), ("hotspot used", "已使用热点"), ("hotspot", "热点"),
    ("unlimited data", "无限数据"), ("unlimited talk & text", "无限通话和短信"),
    ("unlimited talk and text", "无限通话和短信"), ("unlimited texts", "无限短信"),
    ("unlimited high-speed data", "无限高速数据"), ("talk & text", "通话和短信"),
    ("talk and text", "通话和短信"), ("talk, text", "通话、短信"),
    ("unlimited", "无限"), ("data", "数据"), ("usage", "使用情况"), ("talk", "通话"),
    ("text", "短信"), ("texts", "短信"), ("minutes", "分钟"), ("calls", "通话"),
    ("bonus data", "奖励数据"), ("data pass", "数据通行证"), ("add data", "添加数据"),
    ("add-ons", "附加组件"), ("add-on", "附加组件"), ("top-up", "充值"), ("top-ups", "充值"),
    ("allowance", "额度"), ("allotment", "额度"), ("pool", "池"), ("speeds", "速度"),
    ("speed", "速度"), ("reduced", "降低"), ("slowed", "减速"), ("throttled", "限速"),
    ("gig", "GB"), ("by the gig", "按流量计费"),
    // Money and bills.
    ("account balance", "账户余额"), ("current balance", "当前余额"),
    ("remaining balance", "剩余余额"), ("wallet balance", "钱包余额"),
    ("previous balance", "上期余额"), ("balance due", "应付余额"), ("amount due", "应付金额"),
    ("total due", "应付总额"), ("payment due", "付款到期"), ("due date", "截止日期"),
    ("next payment", "下次付款"), ("next bill", "下一张账单"), ("bill date", "账单日期"),
    ("current bill", "当前账单"), ("your bill", "您的账单"), ("previous bill", "上一张账单"),
    ("previous bills", "以前的账单"), ("past statements", "过去的对账单"),
    ("last payment", "上次付款"), ("payment history", "付款历史记录"),
    ("payment method", "付款方式"), ("recent payments", "最近付款"), ("make a payment", "付款"),
    ("pay now", "立即付款"), ("pay my bill", "支付我的账单"), ("bill summary", "账单摘要"),
    ("current charges", "当前费用"), ("upcoming charge", "即将扣款"),
    ("taxes & fees", "税费"), ("taxes & government fees", "税费和政府费用"),
    ("account credit", "账户信用"), ("account total", "账户总额"), ("bill credit", "账单抵免"),
    ("renewal price", "续订价格"), ("renewal amount", "续订金额"),
    ("balance", "余额"), ("bal", "余额"), ("amount", "金额"), ("total", "总计"),
    ("bill", "账单"), ("bills", "账单"), ("billing", "账单"), ("statement", "对账单"),
    ("statements", "对账单"), ("payment", "付款"), ("payments", "付款"), ("credit", "信用"),
    ("credits", "信用"), ("wallet", "钱包"), ("charge", "收费"), ("charges", "费用"),
    ("fees", "费用"), ("fee", "费用"), ("taxes", "税"), ("price", "价格"), ("cost", "费用"),
    ("costs", "费用"), ("owes", "欠款"), ("owe", "欠款"), ("past due", "逾期"),
    ("estimate", "估算"), ("estimated", "预计"), ("discount", "折扣"), ("funds", "资金"),
    ("add money", "充值"), ("add funds", "添加资金"), ("add credit", "添加余额"),
    ("money", "钱"), ("cash", "现金"), ("pay", "支付"), ("paid", "已付款"),
    // AutoPay and renewal.
    ("autopay", "自动支付"), ("auto pay", "自动支付"), ("auto-pay", "自动支付"),
    ("auto-renew", "自动续订"), ("auto-renewal", "自动续订"), ("auto renew", "自动续订"),
    ("auto-refill", "自动充值"), ("auto-recharge", "自动充值"), ("set up autopay", "设置自动支付"),
    ("turn on autopay", "开启自动支付"), ("autopay is on", "自动支付已开启"),
    ("autopay is off", "自动支付已关闭"), ("enrolled", "已注册"), ("not enrolled", "未注册"),
    ("enabled", "已启用"), ("disabled", "已禁用"), ("scheduled", "已安排"), ("on", "开启"),
    ("off", "关闭"), ("active", "活跃"), ("inactive", "不活跃"), ("paused", "已暂停"),
    ("suspended", "已暂停"), ("expired", "已过期"), ("pending", "待处理"),
    ("renewal", "续订"), ("renew now", "立即续订"), ("refill now", "立即充值"),
    ("recharge now", "立即充值"), ("refill", "充值"), ("refills", "充值"), ("recharge", "充值"),
    ("plan expires", "计划到期"), ("plan renews", "计划续订"), ("expiry", "到期"),
    ("expiration", "到期"), ("expiration date", "到期日"), ("renewal date", "续订日期"),
    ("grace period", "宽限期"), ("cycle", "周期"), ("billing cycle", "计费周期"),
    ("bill period", "账单周期"), ("period", "期间"), ("days left in cycle", "周期剩余天数"),
    ("days", "天"), ("day", "天"), ("months", "个月"), ("month", "月"), ("monthly", "每月"),
    ("mo", "月"), ("year", "年"), ("hours", "小时"), ("hour", "小时"), ("week", "周"),
    ("today", "今天"), ("tomorrow", "明天"), ("per", "每"), ("each", "每个"), ("every", "每"),
    // Lines and plans.
    ("phone number", "电话号码"), ("my number", "我的号码"), ("number", "号码"),
    ("line", "线路"), ("lines", "线路"), ("my line", "我的线路"), ("your line", "您的线路"),
    ("your lines", "您的线路"), ("line details", "线路详细信息"), ("manage line", "管理线路"),
    ("lines & devices", "线路和设备"), ("lines on this account", "此账户上的线路"),
    ("lines on your account", "您账户上的线路"), ("usage by line", "按线路使用情况"),
    ("plan", "计划"), ("plans", "计划"), ("your plan", "您的计划"), ("my plan", "我的计划"),
    ("current plan", "当前计划"), ("change plan", "更改计划"), ("group plan", "群组计划"),
    ("members", "成员"), ("member", "成员"), ("group", "群组"), ("family", "家庭"),
    ("owner", "所有者"), ("device", "设备"), ("devices", "设备"), ("phone", "电话"),
    ("phones", "手机"), ("tablet", "平板电脑"), ("watch", "手表"), ("nickname", "昵称"),
    ("name", "名称"), ("status", "状态"), ("description", "描述"), ("date", "日期"),
    ("item", "项目"), ("details", "详细信息"), ("history", "历史记录"), ("activity", "活动"),
    ("recent activity", "最近活动"), ("account", "帐户"), ("my account", "我的帐户"),
    ("account overview", "账户概览"), ("account summary", "账户摘要"), ("overview", "概述"),
    ("dashboard", "仪表板"), ("prepaid", "预付费"), ("postpaid", "后付费"),
    ("international", "国际"), ("roaming", "漫游"), ("pass", "通行证"), ("passes", "通行证"),
    // Status pages.
    ("sign in", "登录"), ("log in", "登录"), ("sign out", "退出"), ("log out", "退出"),
    ("password", "密码"), ("forgot your password?", "忘记密码了吗？"), ("email", "电子邮件"),
    ("username", "用户名"), ("verification code", "验证码"), ("code", "代码"),
    ("maintenance", "维护"), ("scheduled maintenance", "定期维护"), ("unavailable", "不可用"),
    ("loading", "加载中"), ("try again", "再试一次"), ("signed out", "已退出"),
    // Words of sentences.
    ("your", "您的"), ("you", "您"), ("you've", "您已"), ("you're", "您"), ("we", "我们"),
    ("we'll", "我们将"), ("our", "我们的"), ("my", "我的"), ("is", "是"), ("are", "是"), ("usage is", "使用情况为"),
    ("was", "是"), ("will", "将"), ("be", ""), ("has", "有"), ("have", "有"), ("the", ""),
    ("a", ""), ("an", ""), ("and", "和"), ("or", "或"), ("for", "为"), ("to", "到"),
    ("with", "与"), ("from", "从"), ("at", "在"), ("in", "在"), ("of", "的"), ("this", "此"),
    ("that", "那"), ("it", "它"), ("its", "其"), ("no", "没有"), ("not", "不"), ("all", "全部"),
    ("more", "更多"), ("less", "更少"), ("up to", "最多"), ("after", "之后"),
    ("before", "之前"), ("then", "然后"), ("when", "当"), ("if", "如果"), ("so far", "到目前为止"),
    ("new", "新"), ("next", "下一个"), ("last", "最后"), ("previous", "以前"),
    ("current", "当前"), ("recent", "最近"), ("other", "其他"), ("another", "另一个"),
    ("only", "仅"), ("left", "剩余"), ("remaining", "剩余"), ("used", "已使用"),
    ("available", "可用"), ("included", "包括"), ("includes", "包括"), ("running low", "余量不足"),
    ("low", "低"), ("running", "运行"), ("need", "需要"), ("help", "帮助"), ("more data", "更多数据"),
    ("manage", "管理"), ("view", "查看"), ("add", "添加"), ("add a line", "添加线路"),
    ("get", "获得"), ("buy", "购买"), ("save", "节省"), ("change", "更改"), ("upgrade", "升级"),
    ("turn on", "开启"), ("turn off", "关闭"), ("activate", "激活"), ("shop", "商店"),
    ("store", "商店"), ("offer", "优惠"), ("offers", "优惠"), ("deals", "优惠"), ("deal", "优惠"),
    ("offer ends", "优惠截止"), ("limited-time offer", "限时优惠"), ("limited time", "限时"),
    ("support", "支持"), ("contact us", "联系我们"), ("coverage", "覆盖范围"),
    ("privacy", "隐私"), ("terms", "条款"), ("settings", "设置"), ("profile", "轮廓"),
    ("home", "家"), ("menu", "菜单"), ("learn more", "了解更多"), ("see", "查看"),
    ("hi", "你好"), ("hello", "你好"), ("hey", "嘿"), ("welcome", "欢迎"), ("welcome back", "欢迎回来"),
    ("thank you", "谢谢"), ("free", "免费"), ("friend", "朋友"), ("refer a friend", "推荐朋友"),
    ("cookies", "cookie"), ("accept", "接受"), ("accept all", "全部接受"), ("reject all", "全部拒绝"),
    ("got it", "明白了"), ("ok", "好的"), ("yes", "是"), ("call", "致电"), ("text us", "给我们发短信"),
    ("ending in", "尾号为"), ("ending", "尾号"), ("checking", "支票"), ("card", "卡"),
    ("bank", "银行"), ("debit", "借记"), ("since", "自"), ("across", "跨"), ("between", "之间"),
    ("updated", "更新"), ("usage updated", "使用情况已更新"), ("delayed", "延迟"),
    ("may be", "可能"), ("may", "可能"), ("can", "可以"), ("about", "关于"),
    ("together", "一起"), ("all lines renew together on", "所有线路将于同一天续订"),
    ("renews in", "续订剩余"), ("refills in", "充值剩余"), ("ends in", "结束剩余"),
    ("resets with your plan renewal", "随计划续订重置"), ("first", "第一"), ("full", "完整"),
    ("out", "出"), ("up", "向上"), ("over", "超过"), ("than", "比"), ("by", "由"),
    ("quota", "配额"), ("limit", "限制"), ("slower", "较慢"), ("&", "和"),
    ("renews on", "续订日期"), ("expires on", "到期日"), ("plan expires on", "计划到期日"),
    ("due on", "到期日"), ("ends on", "结束日期"), ("renews", "续订"), ("expires", "到期"),
    ("ends", "结束"), ("plan ends", "计划结束"), ("cycle ends", "周期结束"), ("resets", "重置"),
    ("due", "到期"), ("this month", "本月"), ("used this month", "本月已使用"),
    ("dial", "拨打"), ("hear", "听到"), ("active until", "有效期至"), ("active through", "有效期至"), ("high-speed", "高速"), ("high speed", "高速"), ("bonus", "奖励"), ("extra", "额外"),
    ("renew", "续订"), ("renewed", "已续订"), ("until", "直到"), ("premium", "高级"),
    ("shared", "共享"), ("sharing", "共享"), ("starts", "开始"), ("start", "开始"),
    ("reset", "重置"), ("upcoming", "即将到来"), ("valid", "有效"), ("valid until", "有效期至"),
    ("automatic", "自动"), ("automatically", "自动"), ("installment", "分期付款"),
    ("equipment", "设备"), ("equipment installment", "设备分期付款"), ("sign", "签"),
    ("signed", "签"), ("forgot", "忘记"), ("charged", "收费"), ("added", "已添加"),
    ("bought", "购买"), ("received", "已收到"), ("applied", "已应用"), ("through", "通过"),
    ("now", "现在"), ("past", "过去"), ("travel", "旅行"), ("voice", "语音"), ("value", "价值"),
    ("limited", "有限"), ("global", "全球"), ("service", "服务"), ("internet", "互联网"),
    ("network", "网络"), ("home internet", "家庭互联网"), ("customer", "客户"),
    ("customers", "客户"), ("order", "订单"), ("check", "检查"), ("use", "使用"),
    ("uses", "使用"), ("switch", "切换"), ("find", "查找"), ("open", "打开"), ("back", "返回"),
    ("what", "什么"), ("how", "如何"), ("why", "为什么"), ("here", "这里"), ("there", "那里"),
    ("both", "都"), ("one", "一"), ("two", "二"), ("times", "次"), ("time", "时间"),
    ("transactions", "交易"), ("storage", "存储"), ("streaming", "流媒体"), ("video", "视频"),
    ("slow", "慢"), ("slows", "减慢"), ("cap", "上限"), ("annual", "每年"), ("years", "年"),
    ("yr", "年"), ("term", "期限"), ("referral", "推荐"), ("rebate", "回扣"), ("trade-in", "以旧换新"),
    ("accessories", "配件"), ("smartwatch", "智能手表"), ("tablets", "平板电脑"),
    ("voicemail", "语音信箱"), ("unpause", "取消暂停"), ("resume", "恢复"), ("temporarily", "暂时"),
    ("stays", "保持"), ("keeps", "保持"), ("still", "仍然"), ("via", "通过"), ("sent", "已发送"),
    ("texting", "发短信"), ("calling", "通话"), ("countries", "国家"), ("upfront", "预付"),
    ("savings", "储蓄"), ("contact", "联系"), ("chat", "聊天"), ("questions", "问题"),
];

/// Words that follow their figure in English and lead it in the translation
/// (`3.2 GB left` → `剩余 3.2 GB`), with the figure's `of` (`2.1 GB of 5 GB used` →
/// `已使用 2.1 GB，共 5 GB`).
const POST: &[&str] = &[
    "left",
    "remaining",
    "used",
    "available",
    "used this cycle",
    "used this month",
];

/// Verbs before a date in English, after it in the translation (`Renews Dec 9` →
/// `12月9日续订`).
#[rustfmt::skip]
const DATE_VERBS: &[(&str, &str)] = &[
    ("renews", "续订"), ("renew", "续订"), ("renewed", "已续订"), ("expires", "到期"),
    ("expired", "已过期"), ("ends", "结束"), ("ended", "已结束"), ("due", "到期"), ("resets", "重置"), ("reset", "重置"), ("refills", "充值"),
    ("refreshes", "刷新"), ("paid", "已付款"), ("starts", "开始"), ("renewal", "续订"),
    ("plan renews", "计划|续订"), ("plan expires", "计划|到期"), ("cycle ends", "周期|结束"),
    ("data resets", "数据|重置"), ("data refreshes", "数据|刷新"), ("payment due", "付款|到期"),
    ("your plan renews", "您的计划|续订"), ("your plan expires", "您的计划|到期"),
    ("data refills", "数据|充值"), ("is due", "到期"), ("statement due", "对账单|到期"),
    ("draft", "扣款"), ("will draft", "将扣款"), ("renews in", "续订"), ("closes", "结束"),
];

/// Prepositions before a date: the translation's words before and after it.
#[rustfmt::skip]
const PREPOSITIONS: &[(&str, &str, &str)] = &[
    ("on", "于", ""), ("by", "", "之前"), ("until", "直到", ""), ("through", "至", ""),
    ("since", "自", "起"), ("before", "", "之前"), ("after", "", "之后"),
];

const WEEKDAYS: &[(&str, &str)] = &[
    ("mon", "星期一"),
    ("tue", "星期二"),
    ("wed", "星期三"),
    ("thu", "星期四"),
    ("fri", "星期五"),
    ("sat", "星期六"),
    ("sun", "星期日"),
];

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Space,
    Word(String),
    Figure(String),
    Punct(char),
    /// A protected name (plan, line label): kept as written.
    Kept(String),
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\'' | '’')
}

fn tokenize(s: &str, protect: &[String]) -> Vec<Tok> {
    let lower = s.to_ascii_lowercase();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut toks = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        // A protected name starting here (at a word start).
        let word_start = k == 0 || !is_word_char(chars[k - 1].1);
        if word_start {
            if let Some(p) = protect
                .iter()
                .filter(|p| p.is_ascii() && !p.is_empty() && lower[at..].starts_with(p.as_str()))
                .max_by_key(|p| p.len())
            {
                let end = at + p.len();
                let boundary = s[end..].chars().next().is_none_or(|c| !is_word_char(c));
                if boundary {
                    toks.push(Tok::Kept(s[at..end].to_string()));
                    while k < chars.len() && chars[k].0 < end {
                        k += 1;
                    }
                    continue;
                }
            }
        }
        if c.is_whitespace() {
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            toks.push(Tok::Space);
            continue;
        }
        let next = chars.get(k + 1).map_or(' ', |p| p.1);
        // `(555) 010-3381`, `(•••) •••-4821`: kept whole.
        if c == '(' {
            let close = chars[k..].iter().position(|p| p.1 == ')').map(|p| p + k);
            if let Some(close) = close {
                let inner: String = chars[k + 1..close].iter().map(|p| p.1).collect();
                let after = chars.get(close + 1).map(|p| p.1);
                if (3..=4).contains(&inner.chars().count())
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '•' || c == '*')
                    && after == Some(' ')
                {
                    let mut e = close + 2;
                    while e < chars.len()
                        && (chars[e].1.is_ascii_digit() || matches!(chars[e].1, '•' | '*' | '-'))
                    {
                        e += 1;
                    }
                    let end = chars.get(e).map_or(s.len(), |p| p.0);
                    toks.push(Tok::Figure(s[at..end].to_string()));
                    k = e;
                    continue;
                }
            }
        }
        let figure_start = c.is_ascii_digit()
            || c == '•'
            || (c == '$' && next.is_ascii_digit())
            || (c == '-' && next.is_ascii_digit() && (k == 0 || chars[k - 1].1 == ' '));
        if figure_start {
            let mut e = k + 1;
            while e < chars.len() {
                let c = chars[e].1;
                let next = chars.get(e + 1).map_or(' ', |p| p.1);
                let inside = matches!(c, '.' | ',' | ':' | '/' | '-')
                    && (next.is_ascii_digit() || next == '•');
                if c.is_ascii_alphanumeric() || c == '•' || c == '%' || inside {
                    e += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(e).map_or(s.len(), |p| p.0);
            toks.push(Tok::Figure(s[at..end].to_string()));
            k = e;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let mut e = k + 1;
            while e < chars.len() {
                let c = chars[e].1;
                let next = chars.get(e + 1).map_or(' ', |p| p.1);
                if is_word_char(c) || (matches!(c, '-' | '+') && next.is_ascii_alphanumeric()) {
                    e += 1;
                } else {
                    break;
                }
            }
            // `Visible+`: a trailing plus is the name's.
            if chars.get(e).is_some_and(|p| p.1 == '+')
                && chars.get(e + 1).is_none_or(|p| !p.1.is_alphanumeric())
                && chars[k].1.is_ascii_uppercase()
            {
                e += 1;
            }
            let end = chars.get(e).map_or(s.len(), |p| p.0);
            let word = &s[at..end];
            // `US$64.99`.
            if word == "US" && chars.get(e).is_some_and(|p| p.1 == '$') {
                k = e;
                continue;
            }
            toks.push(Tok::Word(word.to_string()));
            k = e;
            continue;
        }
        if c == '&' || c == '+' {
            toks.push(Tok::Word(c.to_string()));
            k += 1;
            continue;
        }
        toks.push(Tok::Punct(c));
        k += 1;
    }
    toks
}

#[derive(Clone, Debug)]
enum Piece {
    /// Translated words.
    Zh(String),
    /// A figure, date or name, with Latin spacing around it.
    Latin(String),
    /// Punctuation (already the translation's).
    Punct(String),
    /// A [`POST`] word.
    Post(String),
    /// A date's pieces: what leads the date and the date itself.
    Date(String),
}

fn month_of(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    super::FULL_MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
        .map(|i| i + 1)
}

fn day_of(fig: &str) -> Option<u32> {
    let digits: String = fig.chars().take_while(char::is_ascii_digit).collect();
    let rest = &fig[digits.len()..];
    if !(1..=2).contains(&digits.len()) || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date at `toks[i..]`: `[Wed, ]Dec 9[, 2026]`, `December 9th`, `Dec 2026`: its
/// translation and the index after it.
fn date_at(toks: &[Tok], i: usize, spaced: bool) -> Option<(String, usize)> {
    let word = |j: usize| match toks.get(j) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let mut j = i;
    let mut weekday = None;
    if let Some(w) = word(j) {
        let lw = w.to_ascii_lowercase();
        if let Some((_, zh)) = WEEKDAYS
            .iter()
            .find(|(d, _)| lw.len() >= 3 && lw.starts_with(d) && lw.len() <= 9)
        {
            let mut k = j + 1;
            if toks.get(k) == Some(&Tok::Punct(',')) {
                k += 1;
            }
            if toks.get(k) == Some(&Tok::Space) && word(k + 1).and_then(month_of).is_some() {
                weekday = Some(*zh);
                j = k + 1;
            }
        }
    }
    let month = month_of(word(j)?)?;
    j += 1;
    if toks.get(j) == Some(&Tok::Punct('.')) {
        j += 1;
    }
    if toks.get(j) != Some(&Tok::Space) {
        return None;
    }
    let fig = match toks.get(j + 1) {
        Some(Tok::Figure(f)) => f.as_str(),
        _ => return None,
    };
    let sp = if spaced { " " } else { "" };
    let (ys, ms, ds) = if spaced {
        (" 年 ", " 月 ", " 日")
    } else {
        ("年", "月", "日")
    };
    let _ = sp;
    if fig.len() == 4 && fig.bytes().all(|b| b.is_ascii_digit()) {
        return Some((format!("{fig}{ys}{month}{}", ms.trim_end()), j + 2));
    }
    let day = day_of(fig)?;
    let mut end = j + 2;
    let mut year = None;
    let mut k = end;
    if toks.get(k) == Some(&Tok::Punct(',')) {
        k += 1;
    }
    if toks.get(k) == Some(&Tok::Space) {
        if let Some(Tok::Figure(y)) = toks.get(k + 1) {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                year = Some(y.clone());
                end = k + 2;
            }
        }
    }
    let mut out = match year {
        Some(y) => format!("{y}{ys}{month}{ms}{day}{ds}"),
        None => format!("{month}{}{day}{ds}", ms.trim_start()),
    };
    if let Some(w) = weekday {
        out.push_str(w);
    }
    Some((out, end))
}

fn phrase_at(
    toks: &[Tok],
    i: usize,
    table: &[(&'static str, &'static str)],
) -> Option<(&'static str, usize)> {
    // Up to six words separated by single spaces (or written together with a comma).
    let mut best = None;
    let mut words = String::new();
    let mut j = i;
    for n in 0..6 {
        match toks.get(j) {
            Some(Tok::Word(w)) => {
                if n > 0 {
                    words.push(' ');
                }
                words.push_str(&w.to_ascii_lowercase().replace('’', "'"));
            }
            _ => break,
        }
        j += 1;
        if let Some((_, zh)) = table.iter().find(|(en, _)| *en == words) {
            best = Some((*zh, j));
        }
        if toks.get(j) == Some(&Tok::Punct(',')) && toks.get(j + 1) == Some(&Tok::Space) {
            // `talk, text`.
            let with = format!("{words},");
            if table.iter().any(|(en, _)| en.starts_with(&with)) {
                words = with;
                j += 1;
            }
        }
        if toks.get(j) != Some(&Tok::Space) {
            break;
        }
        j += 1;
    }
    best
}

fn kept_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    let letters: Vec<char> = w.chars().filter(char::is_ascii_alphabetic).collect();
    KEEP.contains(&lower.as_str())
        || w.bytes().any(|b| b.is_ascii_digit())
        || (letters.len() >= 2 && letters.iter().all(char::is_ascii_uppercase))
        || w.chars().skip(1).any(|c| c.is_ascii_uppercase())
        || w.ends_with('+')
}

fn punct(c: char) -> String {
    match c {
        ':' => "：".into(),
        ',' => "，".into(),
        '.' => "。".into(),
        '!' => "！".into(),
        '?' => "？".into(),
        '(' => "（".into(),
        ')' => "）".into(),
        ';' => "；".into(),
        c => c.to_string(),
    }
}

/// A money figure in a translated sentence: `$45.00` → `45.00 美元`, `$10/mo` stays
/// with its unit after it.
fn money(fig: &str) -> Option<String> {
    let rest = fig.strip_prefix('$')?;
    Some(format!("{rest} 美元"))
}

/// The text's translation, `None` when the translation leaves it alone (no letters).
pub fn translate(s: &str, protect: &[String], target: Target, count: &mut usize) -> Option<String> {
    if !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    *count += 1;
    let spaced = *count % 2 == 0;
    let toks = tokenize(s, protect);
    let mut pieces: Vec<Piece> = Vec::new();
    let translated_words = toks.iter().any(|t| matches!(t, Tok::Word(_)));
    // `Do Not Sell My Personal Information`: capitals that name nothing.
    let words: Vec<&String> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) if w.len() > 1 => Some(w),
            _ => None,
        })
        .collect();
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .count();
    let title_case = words.len() >= 3 && capitals * 3 >= words.len() * 2;
    let mut i = 0;
    while i < toks.len() {
        if let Some((date, end)) = date_at(&toks, i, spaced) {
            pieces.push(Piece::Date(date));
            i = end;
            continue;
        }
        match &toks[i] {
            Tok::Space => {
                i += 1;
            }
            Tok::Kept(k) => {
                pieces.push(Piece::Latin(k.clone()));
                i += 1;
            }
            Tok::Figure(f) => {
                let f = match money(f) {
                    Some(m) if translated_words => m,
                    _ => f.clone(),
                };
                pieces.push(Piece::Latin(f));
                i += 1;
            }
            Tok::Punct(c) => {
                pieces.push(Piece::Punct(punct(*c)));
                i += 1;
            }
            Tok::Word(w) => {
                // A preposition or verb before a date.
                let date_after = |j: usize| {
                    let j = if toks.get(j) == Some(&Tok::Space) {
                        j + 1
                    } else {
                        j
                    };
                    date_at(&toks, j, spaced).or_else(|| match toks.get(j) {
                        Some(Tok::Figure(f)) if f.contains('/') => Some((f.clone(), j + 1)),
                        _ => None,
                    })
                };
                if let Some((verb, after_verb)) = phrase_at(&toks, i, DATE_VERBS) {
                    // `Renews [on] Dec 9` → `[于] 12月9日 续订`.
                    let mut j = after_verb;
                    let mut lead = "";
                    if toks.get(j) == Some(&Tok::Space) {
                        if let Some(Tok::Word(p)) = toks.get(j + 1) {
                            if let Some((_, before, _)) = PREPOSITIONS
                                .iter()
                                .find(|(en, _, _)| p.eq_ignore_ascii_case(en))
                            {
                                if date_after(j + 2).is_some() {
                                    lead = if *before == "于" { "将于" } else { before };
                                    j += 2;
                                }
                            }
                        }
                    }
                    if toks.get(j) == Some(&Tok::Punct(':')) {
                        j += 1;
                    }
                    if let Some((date, end)) = date_after(j) {
                        // `计划|续订`: the subject leads.
                        let (subject, verb) = verb.split_once('|').unwrap_or(("", verb));
                        if !subject.is_empty() {
                            pieces.push(Piece::Zh(subject.into()));
                            // `Cycle ends Dec 17` → `周期于 12月17日 结束`.
                            if lead.is_empty() {
                                lead = "于";
                            }
                        }
                        if !lead.is_empty() {
                            pieces.push(Piece::Zh(lead.into()));
                        }
                        pieces.push(Piece::Date(date));
                        pieces.push(Piece::Zh(verb.into()));
                        i = end;
                        continue;
                    }
                }
                if let Some((_, before, after)) = PREPOSITIONS
                    .iter()
                    .find(|(en, _, _)| w.eq_ignore_ascii_case(en))
                {
                    if let Some((date, end)) = date_after(i + 1) {
                        if !before.is_empty() {
                            pieces.push(Piece::Zh((*before).into()));
                        }
                        pieces.push(Piece::Date(date));
                        if !after.is_empty() {
                            pieces.push(Piece::Zh((*after).into()));
                        }
                        i = end;
                        continue;
                    }
                }
                // `on` / `off`: a state when nothing follows (`AutoPay: On`, `Autopay on ·
                // Visa`), else a preposition (`on the go`, `$5 off your bill`).
                let lw = w.to_ascii_lowercase();
                if lw == "on" || lw == "off" {
                    let j = if toks.get(i + 1) == Some(&Tok::Space) {
                        i + 2
                    } else {
                        i + 1
                    };
                    let state = !matches!(
                        toks.get(j),
                        Some(Tok::Word(_) | Tok::Figure(_) | Tok::Kept(_))
                    );
                    let zh = match (lw.as_str(), state) {
                        ("on", true) => "开启",
                        ("off", true) => "关闭",
                        ("on", false) => "在",
                        _ => "优惠",
                    };
                    pieces.push(Piece::Zh(zh.into()));
                    i += 1;
                    continue;
                }
                if let Some((zh, end)) = phrase_at(&toks, i, PHRASES) {
                    let en: Vec<String> = toks[i..end]
                        .iter()
                        .filter_map(|t| match t {
                            Tok::Word(w) => Some(w.to_ascii_lowercase()),
                            _ => None,
                        })
                        .collect();
                    if POST.contains(&en.join(" ").as_str()) {
                        pieces.push(Piece::Post(zh.into()));
                    } else if !zh.is_empty() {
                        pieces.push(Piece::Zh(zh.into()));
                    }
                    i = end;
                    continue;
                }
                if kept_word(w) {
                    pieces.push(Piece::Latin(w.clone()));
                } else if w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && !is_sentence_start(&toks, i)
                    && !title_case
                {
                    // A name (`Dana`, `Pinecrest`).
                    pieces.push(Piece::Latin(w.clone()));
                } else if std::env::var_os("METAMORPHIC_TRANSLATIONS").is_some() {
                    println!("dropped: {}", w.to_ascii_lowercase());
                }
                i += 1;
            }
        }
    }
    let pieces = reorder(pieces);
    let mut out = String::new();
    let mut last_latin = false;
    for p in &pieces {
        let (s, latin) = match p {
            Piece::Zh(s) | Piece::Post(s) => (s.as_str(), false),
            Piece::Latin(s) => (s.as_str(), true),
            Piece::Date(s) => (s.as_str(), spaced),
            Piece::Punct(s) => {
                out.push_str(s);
                last_latin = false;
                continue;
            }
        };
        if !out.is_empty()
            && (latin || last_latin)
            && (spaced || (latin && last_latin))
            && !out.ends_with(|c: char| c == ' ' || is_cjk_punct(c))
        {
            out.push(' ');
        }
        out.push_str(s);
        last_latin = latin;
    }
    let out = out.trim().to_string();
    let out = match target {
        Target::Simplified => out,
        Target::Traditional => traditional(&out),
    };
    (out != s).then_some(out)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '：' | '，' | '。' | '！' | '？' | '（' | '）' | '；' | '、'
    )
}

/// Whether the word at `i` starts a sentence (its capital says nothing).
fn is_sentence_start(toks: &[Tok], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        match &toks[j] {
            Tok::Space => continue,
            Tok::Punct(c) => {
                return matches!(c, '.' | '!' | '?' | ':' | '·' | '|' | '(' | '–' | '—')
            }
            _ => return false,
        }
    }
    true
}

/// [`POST`] words moved before the figure group they follow (`2.1 GB of 5 GB used` →
/// `已使用 2.1 GB，共 5 GB`); `of` between figures or before a leading figure → `，共`.
fn reorder(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let latin = |p: &Piece| matches!(p, Piece::Latin(s) if s.bytes().any(|b| b.is_ascii_digit()));
    let mut k = 0;
    while k < pieces.len() {
        match &pieces[k] {
            // `X of Y`: `X，共 Y`.
            Piece::Zh(s) if s == "的" && pieces.get(k + 1).is_some_and(latin) => {
                if out.last().is_some_and(|p| matches!(p, Piece::Latin(_))) || out.is_empty() {
                    if !out.is_empty() {
                        out.push(Piece::Punct("，".into()));
                    }
                    out.push(Piece::Zh("共".into()));
                } else if matches!(out.last(), Some(Piece::Post(_))) {
                    out.push(Piece::Punct("，".into()));
                    out.push(Piece::Zh("共".into()));
                } else {
                    out.push(pieces[k].clone());
                }
            }
            Piece::Post(_) => {
                // The figure group before it: figures, units and `，共`.
                let mut start = out.len();
                while start > 0 {
                    match &out[start - 1] {
                        Piece::Latin(_) => start -= 1,
                        Piece::Zh(s) if s == "共" => start -= 1,
                        Piece::Punct(s) if s == "，" && start >= 2 => start -= 1,
                        _ => break,
                    }
                }
                // Only when the group holds a figure.
                if out[start..].iter().any(latin) {
                    out.insert(start, pieces[k].clone());
                } else {
                    out.push(pieces[k].clone());
                }
            }
            p => out.push(p.clone()),
        }
        k += 1;
    }
    out
}

fn traditional(s: &str) -> String {
    // Taiwan's words first, then characters.
    let words = [
        ("数据", "資料"),
        ("帐户", "帳戶"),
        ("账户", "帳戶"),
        ("账单", "帳單"),
        ("线路", "門號"),
        ("短信", "簡訊"),
        ("计划", "方案"),
        ("信息", "資訊"),
        ("设置", "設定"),
    ];
    let mut s = s.to_string();
    for (a, b) in words {
        s = s.replace(a, b);
    }
    s.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(a, _)| *a == c)
                .map_or(c, |(_, b)| *b)
        })
        .collect()
}

#[test]
fn translation_examples() {
    let t = |s: &str| {
        let mut n = 1;
        translate(s, &[], Target::Simplified, &mut n).unwrap_or_default()
    };
    assert_eq!(t("0 GB of 5 GB used"), "已使用 0 GB，共 5 GB");
    assert_eq!(t("3.2 GB left"), "剩余 3.2 GB");
    assert_eq!(t("Renews on Dec 9, 2026"), "将于 2026 年 12 月 9 日 续订");
    assert_eq!(
        t("Autopay on · Visa ending 1209"),
        "自动支付开启· Visa 尾号 1209"
    );
    assert_eq!(t("$5 off your next month"), "5 美元 优惠您的下一个月");
    assert_eq!(t("Do Not Sell My Personal Information"), "不我的");
}

/// `cargo test --release --test metamorphic label_translations -- --ignored --nocapture`:
/// each US profile's English label words as the translation writes them, where that field
/// of the profile (or `generic.json`) lacks that wording.
#[test]
#[ignore]
fn label_translations() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let generic = read("generic.json");
    for name in [
        "generic.json",
        "t-mobile.json",
        "mint.json",
        "us-mobile.json",
        "tello.json",
        "google-fi.json",
        "ultra.json",
        "visible.json",
    ] {
        let p = read(name);
        for (field, words) in p["labels"].as_object().unwrap() {
            let known = |zh: &str| {
                [&p, &generic].iter().any(|q| {
                    q["labels"][field.as_str()]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|w| w.as_str().unwrap_or("").split(" [").next() == Some(zh))
                })
            };
            for w in words.as_array().unwrap() {
                let w = w.as_str().unwrap().split(" [").next().unwrap();
                if !w.is_ascii() {
                    continue;
                }
                let mut n = 1;
                if let Some(zh) = translate(w, &[], Target::Simplified, &mut n) {
                    if !zh.is_empty() && !known(&zh) && !zh.is_ascii() {
                        println!("{name} {field}: {w:?} => {zh:?}");
                    }
                }
            }
        }
    }
}
