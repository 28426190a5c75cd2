//! Engine tests on small inline pages. They need the real parsers (`parse::*`).
use super::usage::thousands_dots_to_commas;
use super::*;
use crate::html::page_from_html;
use crate::page::PageNode;

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

fn scan(html: &str, url: &str) -> Snapshot {
    let page = page_from_html(html, url);
    extract(&page, &ScanOptions { today: today() })
}

fn us(body: &str) -> Snapshot {
    scan(
        &format!(r#"<html lang="en-US"><body>{body}</body></html>"#),
        "https://account.example-mobile.com/",
    )
}

fn usd(cents: i64) -> Option<Money> {
    Some(Money::new(cents, Currency::Usd))
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

fn data(s: &Snapshot) -> DataUsage {
    s.lines[0].data.clone().unwrap()
}

#[test]
fn label_and_value_in_one_run() {
    let s = us("<p>Account balance: $12.34</p><p>Amount due <b>$40.00</b></p>");
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.balance, usd(1234));
    assert_eq!(s.amount_due, usd(4000));
    assert_eq!(s.carrier, None);
    let src = &s.sources["balance"];
    assert_eq!(src.label.as_deref(), Some("Account balance"));
    assert_eq!(src.text, "$12.34");
}

#[test]
fn label_then_sibling_and_definition_lists() {
    let s = us("<dl><div><dt>Balance</dt><dd>$3.50</dd></div><div><dt>Plan renews</dt><dd>Dec 2</dd></div></dl>");
    assert_eq!(s.balance, usd(350));
    assert_eq!(s.next_bill_date, date(2026, 12, 2));
    let s = us("<div class=card><div class=t>Remaining Data</div><div class=v>4.87 GB</div></div>");
    assert_eq!(data(&s).remaining_mb, Some(4986.88));
}

#[test]
fn value_with_role_words_and_caption_below() {
    let s = us(
        "<section><h3>High-speed data</h3><p><strong>3.42 GB</strong> left <span>of 5 GB</span></p>\
         <p>1.58 GB used</p></section>",
    );
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(3502.08));
    assert_eq!(d.total_mb, Some(5120.0));
    assert_eq!(d.used_mb, Some(1617.92));
    assert!(!d.unlimited);
}

#[test]
fn table_columns_label_cells() {
    let s = us(
        "<table><thead><tr><th>Line</th><th>Plan</th><th>Data (MB)</th><th>Expiry</th></tr></thead>\
         <tbody><tr><td>***-***-4401</td><td>Monthly 3GB</td><td>2,874</td><td>12/29/2026</td></tr>\
         <tr><td>***-***-4402</td><td>Talk Only</td><td>N/A</td><td>01/05/2027</td></tr></tbody></table>",
    );
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4401"));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Monthly 3GB"));
    assert_eq!(data(&s).remaining_mb, Some(2874.0));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 29));
    assert_eq!(s.lines[1].renews_on, date(2027, 1, 5));
    assert_eq!(s.next_bill_date, date(2026, 12, 29));
}

#[test]
fn progressbar_and_time_elements() {
    let s = us(
        r#"<div role="progressbar" aria-label="Hotspot data left" aria-valuenow="4.6" aria-valuemax="10" aria-valuetext="4.6 GB left"></div>
        <p>Renews <time datetime="2026-12-09">Dec 9th</time></p>"#,
    );
    let hot = s.lines[0].hotspot.clone().unwrap();
    assert_eq!(hot.remaining_mb, Some(4710.4));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 9));
}

#[test]
fn hidden_values_are_ignored() {
    let s = us(
        r#"<p>Account balance</p><p style="display:none">$99.99</p><p aria-hidden="true">$88.88</p>
        <p hidden>$77.77</p><p>$23.45</p>"#,
    );
    assert_eq!(s.balance, usd(2345));
}

#[test]
fn promotional_and_help_text_is_ignored() {
    let s = us(
        "<p>Get 5GB bonus data when you refill!</p><p>$10 off your next refill. Offer ends 12/31.</p>\
         <p>Plans from $15/mo.</p><p>Dial #BAL# to check your balance.</p>\
         <div class=promo-card><p>Balance boost: $20.00</p></div><p>Add a data pass: 2 GB for $5</p>",
    );
    assert_eq!(s.status, Status::NoData);
    assert!(s.lines.is_empty());
    assert_eq!(s.balance, None);
    let s = us("<p>Balance $4.00</p><p>Offer ends 12/31. Renew by 12/31 and save $5.</p>");
    assert_eq!(s.balance, usd(400));
    assert_eq!(s.next_bill_date, None);
}

#[test]
fn several_lines_keep_their_own_values() {
    let s = us(
        "<ul><li class=line-card><p class=line-card__nickname>Mom's phone</p><p>(•••) •••-8164</p>\
         <p class=line-card__plan>Magenta</p><div><span>Data</span> <span>4.25 GB used</span> <span>Unlimited</span></div></li>\
         <li class=line-card><p>(•••) •••-3009</p><p class=line-card__plan>Tablet 10GB</p>\
         <div><span>High-speed data</span> <span>6.12 GB left of 10 GB</span></div></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    let (a, b) = (&s.lines[0], &s.lines[1]);
    assert_eq!(a.number_last4.as_deref(), Some("8164"));
    assert_eq!(a.label.as_deref(), Some("Mom's phone"));
    assert_eq!(a.plan.as_deref(), Some("Magenta"));
    let ad = a.data.clone().unwrap();
    assert!(ad.unlimited);
    assert_eq!(ad.used_mb, Some(4352.0));
    assert_eq!(ad.remaining_mb, None);
    assert_eq!(b.number_last4.as_deref(), Some("3009"));
    assert_eq!(b.label, None);
    let bd = b.data.clone().unwrap();
    assert_eq!(bd.remaining_mb, Some(6266.88));
    assert_eq!(bd.used_mb, Some(3973.12));
}

#[test]
fn lines_as_headings_followed_by_details() {
    let s = us(
        "<section><h3>Line …4821</h3><div><p>Data remaining</p><p>2 GB</p></div>\
         <h3>Line …1234</h3><div><p>Data remaining</p><p>7 GB</p></div></section>",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4821"));
    assert_eq!(s.lines[0].data.clone().unwrap().remaining_mb, Some(2048.0));
    assert_eq!(s.lines[1].number_last4.as_deref(), Some("1234"));
    assert_eq!(s.lines[1].data.clone().unwrap().remaining_mb, Some(7168.0));
}

#[test]
fn only_last_four_digits_and_no_card_numbers() {
    let s = us(
        "<p>Questions? Call (206) 555-0142 any time.</p><p>Visa ending in 4242</p>\
         <p>Your number: 138****1234</p><p>Balance $1.00</p>",
    );
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("1234"));
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("138"));
}

#[test]
fn holder_name_is_never_stored() {
    let s = us(
        "<h1>Hi, Marisol Vega</h1><p>Account holder: Marisol Vega</p><p>(•••) •••-4821</p>\
         <p>Balance $5.00</p>",
    );
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("Marisol"), "{json}");
}

#[test]
fn unlimited_lines_show_usage_only() {
    let s = us("<div><h4>Data</h4><span>Unlimited</span><p>21.37 GB used</p></div><p>Talk &amp; text Unlimited</p>");
    let d = data(&s);
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(21882.88));
    assert_eq!(d.remaining_mb, None);
    assert_eq!(d.total_mb, None);
    // Unlimited talk is not unlimited data.
    let s = us("<p>Talk</p><p>Unlimited</p><p>Balance $2.00</p>");
    assert!(s.lines.is_empty() || s.lines[0].data.is_none());
}

#[test]
fn sign_in_pages_are_logged_out() {
    let s = us(
        r#"<h1>Sign in to your account</h1><form><input type="email" name="user">
        <input type="password" name="pw"><button>Log in</button></form><p>Forgot password?</p>"#,
    );
    assert_eq!(s.status, Status::LoggedOut);
    assert!(s.lines.is_empty() && s.balance.is_none());
    let page = page_from_html(
        "<body><p>Welcome</p></body>",
        "https://account.t-mobile.com/signin/v2/",
    );
    let s = extract(&page, &ScanOptions { today: today() });
    assert_eq!(s.status, Status::LoggedOut);
    assert_eq!(s.carrier.as_deref(), Some("t-mobile"));
}

#[test]
fn skeletons_and_placeholders_are_no_data() {
    let s = us(r#"<main aria-busy="true"><p>Balance</p><p>$0.00</p></main>"#);
    assert_eq!(s.status, Status::NoData);
    assert_eq!(s.balance, None);
    let s = us("<p>Balance</p><p>$--.--</p><p>Data left</p><p>-- GB</p>");
    assert_eq!(s.status, Status::NoData);
    let s = us(r#"<div class="skeleton-loader"></div><p>Loading your account…</p>"#);
    assert_eq!(s.status, Status::NoData);
}

#[test]
fn maintenance_notice_is_no_data() {
    let s = us("<p>Scheduled maintenance: some account details are temporarily unavailable.</p><p>Balance $0.00</p>");
    assert_eq!(s.status, Status::NoData);
    assert_eq!(s.balance, None);
}

#[test]
fn unrelated_busy_widgets_and_small_notices_do_not_hide_values() {
    let s = us(
        r#"<div class="chat" aria-busy="true"><p>Connecting you to an agent</p></div>
        <p>Balance $5.00</p><p>Data remaining 2 GB</p><p>Plan renews Dec 9</p>
        <p class="notice">Roaming details are temporarily unavailable.</p>"#,
    );
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.balance, usd(500));
}

#[test]
fn holder_name_from_greeting_never_labels_a_line() {
    let s = us(
        "<p>Welcome back, Jordan</p><ul><li><h4>Jordan (primary)</h4><p>(•••) •••-1201</p><p>Data left 2 GB</p></li>\
         <li><h4>Sam's phone</h4><p>(•••) •••-1202</p><p>Data left 3 GB</p></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].label, None);
    assert_eq!(s.lines[1].label.as_deref(), Some("Sam's phone"));
    assert!(!serde_json::to_string(&s).unwrap().contains("Jordan"));
}

#[test]
fn device_nicknames_and_accordion_buttons_label_lines() {
    // A figure ending a device's name is not the number's; a device nickname that holds
    // the greeting's name (`Dana's Galaxy S24`) is not stored: the holder's name never is.
    let s = us(
        "<p>Hello, Dana</p><ul><li><span>Dana's Galaxy S24</span><span>(•••) •••-1201</span>\
         <p>Data left 2 GB</p></li><li><span>Omar's Moto 5</span><span>(•••) •••-1202</span>\
         <p>Data left 3 GB</p></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(
        (
            s.lines[0].number_last4.as_deref(),
            s.lines[1].number_last4.as_deref()
        ),
        (Some("1201"), Some("1202"))
    );
    assert_eq!(s.lines[0].label, None);
    assert_eq!(s.lines[1].label.as_deref(), Some("Omar's Moto 5"));
    // A name alone is still the holder's.
    let s = us(
        "<p>Hello, Dana</p><ul><li><span>Dana</span><span>(•••) •••-1201</span><p>Data left 2 GB</p></li>\
         <li><span>Omar's phone</span><span>(•••) •••-1202</span><p>Data left 3 GB</p></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].label, None);
    assert_eq!(s.lines[1].label.as_deref(), Some("Omar's phone"));
    // An accordion button that controls a line's panel names the line.
    let s = us(
        r#"<div><h3><button aria-expanded="true" aria-controls="p1"><span>Nora</span>
        <span>(***) ***-3301</span><span>8GB</span></button></h3><div id="p1"><p>Data left 2 GB</p></div>
        <h3><button aria-expanded="false" aria-controls="p2"><span>Theo's tablet</span>
        <span>(***) ***-3302</span><span>4GB</span></button></h3><div id="p2" hidden><p>Data left 1 GB</p></div></div>"#,
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].label.as_deref(), Some("Nora"));
    assert_eq!(s.lines[1].label.as_deref(), Some("Theo's tablet"));
    // A plain button's text is no name.
    let s = us(
        "<ul><li><button>Manage</button><span>(•••) •••-1201</span><p>Data left 2 GB</p></li>\
         <li><button>Manage</button><span>(•••) •••-1202</span><p>Data left 3 GB</p></li></ul>",
    );
    assert!(s.lines.iter().all(|l| l.label.is_none()));
}

#[test]
fn an_allowance_and_term_under_a_line_number_is_its_plan() {
    // No class names: the plan is the allowance and term right under the number.
    let s = us(
        "<section><div><h2>(•••) •••-6028</h2><span>15GB · 3 months</span></div>\
         <p>Data left 3.2 GB</p><p>Plan expires on 01/15/2027</p></section>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("15GB · 3 months"));
    // A figure and a share are no term.
    let s = us(
        "<section><div><h2>(•••) •••-6028</h2><span>15GB · 30% used</span></div>\
         <p>Data left 3.2 GB</p></section>",
    );
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn a_wrapper_around_one_element_adds_no_distance() {
    // The amount first, its caption in the next box (de-at-sepa), then the same page with
    // the caption's box in a plain wrapper (a redesign's extra `div`).
    for (open, close) in [
        ("", ""),
        ("<div>", "</div>"),
        ("<div><div>", "</div></div>"),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="de-AT"><body><section><h2>Aktuelle Rechnung</h2><div>
                <div><span>€</span> <span>19,90</span></div>
                {open}<div><p>Rechnungsbetrag</p><p>fällig am 14.12.2026</p></div>{close}
                </div></section></body></html>"#
            ),
            "https://mein.donaunetz.at/rechnung",
        );
        assert_eq!(
            s.amount_due,
            Some(Money::new(1990, Currency::Eur)),
            "{open}"
        );
    }
}

#[test]
fn a_figure_in_nested_inline_wrappers_reads_with_the_text_around_it() {
    // `<strong><span>62%</span></strong>` is the `strong`'s text, as `<strong>62%</strong>` is.
    for (open, close) in [
        ("<strong>", "</strong>"),
        ("<strong><span>", "</span></strong>"),
    ] {
        let s = us(&format!(
            "<section><h2>Shared data</h2><p>You've used {open}62%{close} of your {open}10GB{close} \
             shared data.</p></section>"
        ));
        let d = data(&s);
        assert_eq!(d.used_mb, Some(6348.8), "{open}");
        assert_eq!(d.total_mb, Some(10240.0), "{open}");
    }
}

#[test]
fn a_name_beside_a_number_in_an_inline_wrapper_labels_the_line() {
    // The same rows with the numbers bare and wrapped in `<b>` (a redesign's emphasis).
    for wrap in [
        ("", ""),
        ("<b>", "</b>"),
        ("<strong><span>", "</span></strong>"),
    ] {
        let (open, close) = wrap;
        let s = us(&format!(
            "<h2>Members</h2>\
             <div role=listitem><span>Alex</span><span>{open}(555) 010-2231{close}</span><span>3.2 GB used</span></div>\
             <div role=listitem><span>Sam</span><span>{open}(555) 010-8870{close}</span><span>1.1 GB used</span></div>"
        ));
        assert_eq!(s.lines.len(), 2, "{open}");
        assert_eq!(s.lines[0].label.as_deref(), Some("Alex"), "{open}");
        assert_eq!(s.lines[1].label.as_deref(), Some("Sam"), "{open}");
    }
}

#[test]
fn side_by_side_legends_keep_their_roles() {
    let s = us(
        r#"<div class="plan-name">Prepaid Connect</div><div><span>1.58 GB used</span><span>5 GB plan</span></div>
        <p>3.42 GB remaining</p>"#,
    );
    let d = data(&s);
    assert_eq!(d.used_mb, Some(1617.92));
    assert_eq!(d.remaining_mb, Some(3502.08));
    assert_eq!(d.total_mb, Some(5120.0));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Prepaid Connect"));
}

#[test]
fn bucket_words_beside_values_and_number_under_its_label() {
    let s = us(
        r#"<div><p>Your plan</p><p class="plan">Visible+ Pro</p><p>Unlimited data · Unlimited hotspot</p></div>
        <div><p>Your number</p><p>(555) 010-7788</p></div><p>Data 12.4 GB used Hotspot 2 GB used</p>"#,
    );
    let line = &s.lines[0];
    assert_eq!(line.number_last4.as_deref(), Some("7788"));
    let d = line.data.clone().unwrap();
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(12697.6));
    let h = line.hotspot.clone().unwrap();
    assert!(h.unlimited);
    assert_eq!(h.used_mb, Some(2048.0));
}

#[test]
fn history_tables_give_no_values() {
    let s = us("<p>Data remaining</p><p>3 GB</p>\
         <table><thead><tr><th>Date</th><th>Data used</th><th>Amount due</th></tr></thead>\
         <tbody><tr><td>Nov 25</td><td>1.2 GB</td><td>$5.00</td></tr>\
         <tr><td>11/24/2026</td><td>0.8 GB</td><td>$7.00</td></tr></tbody></table>");
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(3072.0));
    assert_eq!(d.used_mb, None);
    assert_eq!(s.amount_due, None);
}

#[test]
fn history_rows_named_by_a_date_range_give_no_values() {
    let s = us(
        "<div><span>Hotspot</span><span>2.1 GB of 50 GB</span></div>\
         <table><thead><tr><th>Bill cycle</th><th>Hotspot</th><th>Amount billed</th></tr></thead>\
         <tbody><tr><td>Oct 14 – Nov 13</td><td>4.0 GB</td><td>$90.00</td></tr></tbody></table>",
    );
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!(h.used_mb, Some(2150.4));
    assert_eq!(h.remaining_mb, Some(51200.0 - 2150.4));
    assert_eq!(s.amount_due, None);
}

#[test]
fn chinese_labels() {
    let s = scan(
        r#"<html lang="zh-CN"><body><p>手机号码：138****7745</p><dl><dt>账户余额</dt><dd>58.20 元</dd></dl>
        <p><span>剩余</span><em>12.3</em><span>GB</span></p><p><span>共</span><span>20GB</span></p>
        <p>套餐到期：2026年12月31日</p></body></html>"#,
        "https://www.example.cn/",
    );
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.balance, Some(Money::new(5820, Currency::Cny)));
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(12595.2));
    assert_eq!(d.total_mb, Some(20480.0));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 31));
    let s = scan(
        r#"<html lang="zh-HK"><body><p>號碼：5••• 7926</p><p>儲值餘額</p><p>HK$45.30</p><p>12.5GB 餘量</p></body></html>"#,
        "https://www.example.hk/",
    );
    assert_eq!(s.balance, Some(Money::new(4530, Currency::Hkd)));
    assert_eq!(data(&s).remaining_mb, Some(12800.0));
}

#[test]
fn plan_name_ends_before_its_price_or_term_element() {
    let plan = |s: &Snapshot| s.lines.first().and_then(|l| l.plan.clone());
    // The value element holds the name and, in a sibling, its price per period.
    let s = us(
        r#"<div><div>Plan</div><div><span>Trail 8GB</span> <span>$19 / 28 days</span></div></div>
        <p>Data left 2 GB</p>"#,
    );
    assert_eq!(plan(&s).as_deref(), Some("Trail 8GB"));
    // The term in a sibling element is not part of the name; in the same text it is.
    let s = us(
        "<p><span>Plan</span> <span>25GB</span> <span>6-month plan</span></p><p>Data left 2 GB</p>",
    );
    assert_eq!(plan(&s).as_deref(), Some("25GB"));
    let s = us("<p><span>Plan</span> <span>25GB · 6 months</span></p><p>Data left 2 GB</p>");
    assert_eq!(plan(&s).as_deref(), Some("25GB · 6 months"));
    // A price in brackets after the name.
    let s = scan(
        r#"<html lang="zh-CN"><body><p><span>当前套餐：</span><span>畅爽流量套餐</span><span>（88元/月）</span></p>
        <p>剩余流量 3GB</p></body></html>"#,
        "https://www.example.cn/",
    );
    assert_eq!(plan(&s).as_deref(), Some("畅爽流量套餐"));
    let s = us("<p>Plan: Everyday 12GB (US$25/mo)</p><p>Data left 2 GB</p>");
    assert_eq!(plan(&s).as_deref(), Some("Everyday 12GB"));
}

#[test]
fn spanish_and_german_labels() {
    let s = scan(
        r#"<html lang="es-ES"><body><p>Saldo</p><p>12,50 €</p><p>Datos restantes</p><p>3,5 GB</p>
        <p>Fecha de renovación: 05/12/2026</p></body></html>"#,
        "https://www.example.es/",
    );
    assert_eq!(s.balance, Some(Money::new(1250, Currency::Eur)));
    assert_eq!(data(&s).remaining_mb, Some(3584.0));
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    let s = scan(
        r#"<html lang="de-DE"><body><p>Guthaben: 5,12 €</p><p>Verbleibendes Datenvolumen</p><p>2.048 MB</p>
        <p>Gültig bis 30.12.2026</p></body></html>"#,
        "https://www.example.de/",
    );
    assert_eq!(s.balance, Some(Money::new(512, Currency::Eur)));
    assert_eq!(data(&s).remaining_mb, Some(2048.0));
    assert_eq!(s.next_bill_date, date(2026, 12, 30));
}

#[test]
fn value_before_label_for_carriers_that_write_so() {
    let s = scan(
        r#"<html lang="zh-CN"><body><p>133****5208</p><div><p>126.35 元</p><p>账户余额</p></div>
        <div><p>18.62 GB</p><p>剩余通用流量</p></div></body></html>"#,
        "https://www.189.cn/",
    );
    assert_eq!(s.carrier.as_deref(), Some("china-telecom"));
    assert_eq!(s.balance, Some(Money::new(12635, Currency::Cny)));
    assert_eq!(data(&s).remaining_mb, Some(19066.88));
}

#[test]
fn carrier_profile_by_host() {
    let s = scan(
        "<body><p>Remaining balance</p><p>$7.00</p></body>",
        "https://tello.com/account/overview",
    );
    assert_eq!(s.carrier.as_deref(), Some("tello"));
    assert_eq!(s.balance, usd(700));
}

#[test]
fn user_rules_add_labels_and_anchors() {
    let rules = Profile::from_json(
        r#"{"id":"my-carrier","hosts":["*.example-mobile.com"],
            "labels":{"balance":["Geldbeutel"]},
            "anchors":[{"field":"data_remaining","element":"span#gauge.big"}]}"#,
    )
    .unwrap();
    let page = page_from_html(
        r#"<html lang="en-US"><body><p>Geldbeutel $9.00</p><div><span id="gauge" class="big x">1.5 GB</span></div></body></html>"#,
        "https://my.example-mobile.com/",
    );
    let s = extract_with(&page, &ScanOptions { today: today() }, &[rules]);
    assert_eq!(s.carrier.as_deref(), Some("my-carrier"));
    assert_eq!(s.balance, usd(900));
    assert_eq!(data(&s).remaining_mb, Some(1536.0));
}

#[test]
fn matchers_of_built_in_profiles_are_built_once_and_user_rules_afresh() {
    let builtin = active_profiles("www.t-mobile.com", &[]);
    let (m1, h1) = matchers(&builtin, &[]);
    let (m2, h2) = matchers(&builtin, &[]);
    assert!(Rc::ptr_eq(&m1, &m2) && Rc::ptr_eq(&h1, &h2));
    // Another carrier's set has its own.
    let (other, _) = matchers(&active_profiles("www.mintmobile.com", &[]), &[]);
    assert!(!Rc::ptr_eq(&m1, &other));
    // A user rule (not static) is never cached: its words are read whatever it was before.
    let rules = [Profile::from_json(
        r#"{"id":"my-carrier","hosts":["*.t-mobile.com"],"labels":{"balance":["Geldbeutel"]}}"#,
    )
    .unwrap()];
    let taught = active_profiles("www.t-mobile.com", &rules);
    let (r1, _) = matchers(&taught, &[]);
    let (r2, _) = matchers(&taught, &[]);
    assert!(!Rc::ptr_eq(&r1, &r2) && !Rc::ptr_eq(&r1, &m1));
    // The same page reads the same with the cached matchers as with fresh ones.
    let options = ScanOptions { today: today() };
    let page = page_from_html(
        r#"<html lang="en-US"><body><p>Account balance $9.00</p></body></html>"#,
        "https://www.t-mobile.com/account",
    );
    assert_eq!(extract(&page, &options), extract(&page, &options));
    assert_eq!(extract(&page, &options).balance, usd(900));
    let page = page_from_html(
        r#"<html lang="en-US"><body><p>Geldbeutel $4.00</p></body></html>"#,
        "https://www.t-mobile.com/account",
    );
    assert_eq!(extract_with(&page, &options, &rules).balance, usd(400));
}

#[test]
fn user_rules_for_a_known_carrier_keep_its_id() {
    let rules = Profile::from_json(
        r#"{"id":"my-tmo","hosts":["*.t-mobile.com"],"labels":{"balance":["Pocket money"]}}"#,
    )
    .unwrap();
    let page = page_from_html(
        "<body><p>Pocket money $2.00</p></body>",
        "https://www.t-mobile.com/account",
    );
    let s = extract_with(&page, &ScanOptions { today: today() }, &[rules]);
    assert_eq!(s.carrier.as_deref(), Some("t-mobile"));
    assert_eq!(s.balance, usd(200));
}

#[test]
fn total_from_used_and_remaining() {
    let s = us("<p>Data used: 1 GB</p><p>Data remaining: 3 GB</p>");
    let d = data(&s);
    assert_eq!(d.total_mb, Some(4096.0));
}

#[test]
fn invalid_or_empty_pages_are_no_data() {
    let mut page = PageSnapshot {
        url: "https://x/".into(),
        ..Default::default()
    };
    page.nodes.push(PageNode {
        parent: Some(5),
        tag: "div".into(),
        ..Default::default()
    });
    let s = extract(&page, &ScanOptions { today: today() });
    assert_eq!(s, Snapshot::empty(Status::NoData));
    let s = extract(&PageSnapshot::default(), &ScanOptions { today: today() });
    assert_eq!(s.status, Status::NoData);
}

#[test]
fn thousands_dots() {
    assert_eq!(
        thousands_dots_to_commas("2.048 MB von 3 GB"),
        "2,048 MB von 3 GB"
    );
    assert_eq!(thousands_dots_to_commas("1.234,56 €"), "1.234,56 €");
    assert_eq!(thousands_dots_to_commas("30.12.2026"), "30.12.2026");
    assert_eq!(thousands_dots_to_commas("3,5 GB"), "3,5 GB");
    assert_eq!(thousands_dots_to_commas("1.048.576 KB"), "1,048,576 KB");
}

#[test]
fn arbitrary_snapshots_do_not_panic() {
    // Odd trees: text under text, unknown tags, huge attributes, deep chains.
    let mut page = PageSnapshot {
        url: "https://www.t-mobile.com/".into(),
        lang: Some("zz-@@".into()),
        ..Default::default()
    };
    let texts = [
        "Balance",
        "$",
        "12",
        ".34",
        "(•••) •••-",
        "4821",
        "Unlimited",
        "剩余",
        "--",
        "Due",
        "12/31/1969",
    ];
    for i in 0..400u32 {
        let parent = if i == 0 { None } else { Some((i * 7919) % i) };
        let is_text = i % 3 == 1;
        let mut node = PageNode {
            parent,
            tag: if is_text {
                "#text".into()
            } else {
                ["div", "span", "td", "tr", "table", "time", "th"][(i % 7) as usize].into()
            },
            block: i % 5 == 0,
            ..Default::default()
        };
        if is_text {
            node.text = Some(texts[(i as usize) % texts.len()].into());
        } else {
            node.attrs
                .insert("class", "line-card__name plan balance hotspot".into());
            node.attrs.insert("aria-label", "Data left 5 GB".into());
            node.attrs.insert("datetime", "2026-13-45".into());
        }
        page.nodes.push(node);
    }
    let s = extract(&page, &ScanOptions { today: today() });
    let _ = serde_json::to_string(&s).unwrap();
}

#[test]
fn captions_below_values_beat_sentences() {
    let s = us(
        r#"<div class=tile><div>$24.00</div><div>Amount due</div></div>
        <div class=tile><div>2.9 GB</div><div>Remaining high-speed data</div></div>
        <div class=tile><div>Dec 3</div><div>Due date</div></div>
        <p>Your last bill of $45.20 was due Nov 13, and your next one is due Dec 13.</p>"#,
    );
    assert_eq!(s.amount_due, usd(2400));
    assert_eq!(data(&s).remaining_mb, Some(2969.6));
    assert_eq!(s.next_bill_date, date(2026, 12, 3));
}

#[test]
fn bill_wording_variants() {
    let s = us(
        "<section><h2>Data usage</h2><p>You've used 3.2 GB of your 10 GB</p></section>\
         <section><h3>Hotspot</h3><p>2 GB</p><p>remaining</p></section>\
         <p>Payment due <strong>Dec 15</strong></p><p>Credit balance: -$3.00</p>\
         <p>Questions? Call 1-800-555-0199</p>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 15));
    assert_eq!(s.balance, Some(Money::new(-300, Currency::Usd)));
    let d = data(&s);
    assert_eq!(
        (d.used_mb, d.total_mb, d.remaining_mb),
        (Some(3276.8), Some(10240.0), Some(6963.2))
    );
    assert_eq!(
        s.lines[0].hotspot.clone().unwrap().remaining_mb,
        Some(2048.0)
    );
    assert_eq!(s.lines[0].number_last4, None);
}

/// A generated account page of about `cards` × 25 nodes.
fn big_page(cards: usize) -> String {
    let mut html = String::from(r#"<html lang="en-US"><body><header><nav>"#);
    for i in 0..cards {
        html.push_str(&format!(
            r#"<section class="line-card"><h3 class="line-card__name">Phone {i}</h3><p>(•••) •••-{:04}</p>
            <p class="line-card__plan">Plan {i}</p><div class="usage"><span>Data</span> <span>{}.5 GB used</span>
            <span>of 10 GB</span></div><div role="progressbar" aria-label="Data used" aria-valuetext="{}.5 GB of 10 GB"></div>
            <p>Renews on Dec {}</p><div class="promo">Get 5GB bonus for $10 off</div><ul><li>Help</li><li>Balance $1.00</li></ul></section>"#,
            i % 10_000,
            i % 9,
            i % 9,
            1 + i % 28
        ));
    }
    html.push_str("</nav></header></body></html>");
    html
}

#[test]
#[ignore = "timing; run with --ignored --nocapture"]
fn perf_scaling() {
    for cards in [400usize, 4_000] {
        let html = big_page(cards);
        let page = page_from_html(&html, "https://www.example.com/");
        let t0 = std::time::Instant::now();
        let mut chars = 0usize;
        for n in &page.nodes {
            if let Some(t) = &n.text {
                chars += t.len();
            }
        }
        let bare = t0.elapsed();
        let t1 = std::time::Instant::now();
        let s = extract(&page, &ScanOptions { today: today() });
        let full = t1.elapsed();
        eprintln!(
            "nodes {} chars {chars}: text pass {bare:?}, extract {full:?}, lines {}",
            page.nodes.len(),
            s.lines.len()
        );
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Balance",
        "Amount due",
        "$",
        "12",
        ".34",
        "(•••) •••-",
        "4821",
        "Unlimited",
        "剩余",
        "流量",
        "--",
        "Due",
        "12/31/1969",
        "GB",
        "left",
        "of",
        "Plan",
        "Renews",
        "Dec 9",
        "N/A",
        "Hotspot",
        "AutoPay",
        "On",
        "Off",
        "¥",
        "元",
        "Talk",
        "Sign in",
        "…1234",
        "2.048 MB",
    ];
    const TAGS: &[&str] = &[
        "div", "span", "p", "td", "tr", "table", "th", "time", "li", "br", "a",
    ];
    const CLASSES: &[&str] = &[
        "line-card__name",
        "plan",
        "balance",
        "promo",
        "skeleton",
        "hotspot",
        "x",
    ];

    fn node() -> impl Strategy<Value = (u32, bool, usize, usize, String, bool)> {
        (
            any::<u32>(),
            any::<bool>(),
            0..WORDS.len(),
            0..TAGS.len(),
            "\\PC{0,12}",
            any::<bool>(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn extract_never_panics(nodes in proptest::collection::vec(node(), 1..120), lang in "[a-zA-Z-]{0,8}") {
            let mut page = PageSnapshot {
                url: "https://www.10086.cn/".into(),
                lang: Some(lang),
                ..Default::default()
            };
            for (i, (p, is_text, w, t, junk, block)) in nodes.into_iter().enumerate() {
                let parent = if i == 0 { None } else { Some(p % i as u32) };
                let mut n = PageNode { parent, block, ..Default::default() };
                if is_text && i > 0 {
                    n.tag = "#text".into();
                    n.text = Some(format!("{} {junk}", WORDS[w]));
                } else {
                    n.tag = TAGS[t].into();
                    n.attrs.insert("class", CLASSES[w % CLASSES.len()].into());
                    if w % 4 == 0 {
                        n.attrs.insert("aria-label", WORDS[w].into());
                    }
                }
                page.nodes.push(n);
            }
            let s = extract(&page, &ScanOptions { today: today() });
            prop_assert_eq!(s.schema, 1);
            for l in &s.lines {
                prop_assert!(l.number_last4.as_ref().is_none_or(|n| n.len() == 4));
            }
        }

        #[test]
        fn mangled_fixture_pages_never_panic(pick in 0usize..1000, cuts in proptest::collection::vec((0usize..100_000, 0usize..400), 1..6)) {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Ok(());
            }
            let html = std::fs::read_to_string(&files[pick % files.len()]).unwrap_or_default();
            let mut bytes = html.into_bytes();
            for (at, len) in cuts {
                let at = at % (bytes.len() + 1);
                let end = (at + len).min(bytes.len());
                let piece: Vec<u8> = bytes[at..end].to_vec();
                bytes.drain(at..end);
                let to = (at * 7) % (bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
            let html = String::from_utf8_lossy(&bytes);
            let page = page_from_html(&html, "https://www.t-mobile.com/account");
            prop_assert!(page.validate().is_ok());
            let s = extract(&page, &ScanOptions { today: today() });
            prop_assert_eq!(s.schema, 1);
        }

        #[test]
        fn html_never_panics(html in "\\PC{0,300}") {
            let page = page_from_html(&html, "https://x/");
            prop_assert!(page.validate().is_ok());
            let _ = extract(&page, &ScanOptions { today: today() });
        }
    }
}

#[test]
fn prices_per_amount() {
    assert!(is_price_per_amount(
        "流量日租包 1元/1GB",
        "流量日租包 1元/".len()
    ));
    assert!(is_price_per_amount("Add $10/5GB", "Add $10/".len()));
    assert!(!is_price_per_amount("已用：3/20GB", "已用：3/".len()));
    assert!(!is_price_per_amount("5 GB", 0));
}

#[test]
fn full_numbers_in_line_cards_name_lines_but_support_numbers_do_not() {
    let s = us(
        "<ul><li class=x><div>Jordan (555) 010-3381</div><div>3.2 GB of 5 GB used</div></li>\
         <li class=x><div>Tablet (555) 010-7720</div><div>1.2 GB of 5 GB used</div></li></ul>",
    );
    let lines: Vec<_> = s
        .lines
        .iter()
        .map(|l| (l.number_last4.clone(), l.label.clone()))
        .collect();
    assert_eq!(
        lines,
        [
            (Some("3381".into()), Some("Jordan".into())),
            (Some("7720".into()), Some("Tablet".into()))
        ]
    );
    // A toll-free support number beside the data is not a line.
    let s = us("<div><p>Questions? (800) 937-8997</p><p>3.2 GB of 5 GB used</p></div>");
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4, None);
}

#[test]
fn amounts_split_into_sign_dollars_and_cents_read_whole() {
    let mut page = page_from_html(
        r#"<html lang="en-US"><body><h2>Amount due</h2><div><span>$</span><span>142</span><span>.58</span></div>
           <h2>Balance</h2><div><span>$3</span><sup>.50</sup></div></body></html>"#,
        "https://account.example-mobile.com/",
    );
    // As flex children: every element a block.
    for n in page.nodes.iter_mut().filter(|n| !n.is_text()) {
        n.block = true;
    }
    let s = extract(&page, &ScanOptions { today: today() });
    assert_eq!(s.amount_due, usd(14258));
    assert_eq!(s.balance, usd(350));
}

#[test]
fn an_unlimited_data_plan_on_its_own_row_marks_the_line_unlimited() {
    let s = us("<h1>Your plan</h1><p>Visible+ Pro · Unlimited data</p><p>You've used 31.7 GB this month.</p>");
    let d = data(&s);
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(32460.8));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Visible+ Pro"));
}

#[test]
fn a_value_before_a_label_does_not_cross_the_end_of_a_sentence() {
    let s = us("<p>Current plan active until 12/10/2026 and will renew for $40.00. Account Balance $56.78.</p>");
    assert_eq!(s.balance, usd(5678));
    assert_eq!(s.next_bill_date, date(2026, 12, 10));
}

#[test]
fn table_columns_keep_their_own_bucket_and_line_column() {
    let s = us(
        "<table><thead><tr><th>Line</th><th>Data (MB)</th><th>Minutes</th><th>Expires</th></tr></thead>\
         <tbody><tr><td>(555) 017-8080</td><td>2,874</td><td>N/A</td><td>05/04/2027</td></tr></tbody></table>",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("8080"));
    assert_eq!(data(&s).remaining_mb, Some(2874.0));
    assert_eq!(s.next_bill_date, date(2027, 5, 4));
}

#[test]
fn a_button_offering_to_turn_autopay_on_means_it_is_off() {
    let s = us(
        "<div><h3>Auto-Renew</h3><div>Off</div><button>Turn on auto-renew</button></div>\
         <p>Balance $4.00</p>",
    );
    assert_eq!(s.autopay, Some(false));
    // A toggle that says only its state still shows it.
    let s = us("<div><h3>Auto-Renew</h3><button role=switch>On</button></div><p>Balance $4.00</p>");
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn a_payment_method_phrase_then_its_state() {
    let cases = [
        // A phrase that names AutoPay is off when its state says so.
        ("de-DE", "<ul><li>Zahlart: Überweisung</li><li>SEPA Lastschrift – nicht aktiv</li></ul>", false),
        ("de-DE", "<ul><li>SEPA Lastschrift – aktiv</li></ul>", true),
        // The payment method's own word, its state in a table cell.
        ("de-CH", "<table><tr><th scope=row>Zahlweise</th><td>Lastschriftverfahren: aktiv</td></tr></table>", true),
        ("zh-TW", "<table><tr><th scope=row>代繳</th><td>未辦理 <a href=/x>立即辦理</a></td></tr></table>", false),
        ("de-AT", "<p>Bankeinzug: nicht eingerichtet</p>", false),
    ];
    for (lang, body, on) in cases {
        let s = scan(
            &format!(r#"<html lang="{lang}"><body>{body}<p>Datenvolumen 3 GB</p></body></html>"#),
            "https://www.example.eu/",
        );
        assert_eq!(s.autopay, Some(on), "{body}");
    }
}

#[test]
fn swiss_and_singapore_amounts() {
    let s = scan(
        r#"<html lang="de-CH"><body><table><tr><th scope=row>Rechnungsbetrag</th><td>CHF 81.40</td></tr></table>
        <p>Daten 3 GB</p></body></html>"#,
        "https://www.example.ch/",
    );
    assert_eq!(s.amount_due, Some(Money::new(8140, Currency::Chf)));
    let s = scan(
        r#"<html lang="en-SG"><body><p>Main balance</p><p>S$<span>7</span><sup>.25</sup></p>
        <p>Data left 3 GB</p></body></html>"#,
        "https://www.example.sg/",
    );
    assert_eq!(s.balance, Some(Money::new(725, Currency::Sgd)));
}

#[test]
fn an_aside_after_a_value_labels_nothing() {
    // `(… next bill)` explains the credit above it; it is neither a label for it nor a
    // stop for the caption above.
    let s = scan(
        r#"<html lang="en-GB"><body><dl><div><dt>Upcoming bill</dt><dd>£31.00</dd></div>
        <div><dt>Account credit</dt><dd>£4.50 <span>(deducted from your next bill)</span></dd></div></dl>
        <p>Data left 3GB</p></body></html>"#,
        "https://www.example.co.uk/",
    );
    assert_eq!(s.balance, Some(Money::new(450, Currency::Gbp)));
    assert_eq!(s.amount_due, Some(Money::new(3100, Currency::Gbp)));
    // A carrier's own name for its credit.
    let s = scan(
        "<html lang=en><body><dl><dt>Plan</dt><dd>By The Gig 3GB</dd><dt>US Mobile credit</dt>\
         <dd>$1.25</dd></dl><p>Data left 2 GB</p></body></html>",
        "https://www.usmobile.com/dashboard/line",
    );
    assert_eq!(s.balance, usd(125));
}

#[test]
fn numbers_after_a_sim_word_or_masked_in_groups() {
    let s = scan(
        "<html lang=en-GB><body><p>SIM Only 40GB · number ending 7712</p>\
         <p>Direct Debit · account ending 0917</p><p>Data left 3GB</p></body></html>",
        "https://www.example.co.uk/",
    );
    let last4: Vec<_> = s.lines.iter().map(|l| l.number_last4.as_deref()).collect();
    assert_eq!(last4, [Some("7712")]);
    // The plan written before the number, after a separator.
    assert_eq!(s.lines[0].plan.as_deref(), Some("SIM Only 40GB"));
    let s = scan(
        "<html lang=de-CH><body><p><span>Nummer</span> <span>+41 78 *** 40 06</span></p>\
         <p>Daten 3 GB</p></body></html>",
        "https://www.example.ch/",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4006"));
}

#[test]
fn a_payment_scheduled_with_autopay_means_autopay_is_on() {
    let s = us("<h2>Balance</h2><p>$142.58</p><p>Payment scheduled for Dec 8 with AutoPay</p>");
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
}

#[test]
fn unlimited_alone_in_each_line_card_marks_that_line() {
    let s = us(
        "<h2>Lines</h2>\
         <div><p>Alex</p><p>(425) 555-0132</p><p>Unlimited</p><p>Hotspot: 12.4 GB of 50 GB used</p></div>\
         <div><p>Kid's phone</p><p>(425) 555-0177</p><p>Unlimited</p><p>Hotspot: 0 GB of 15 GB used</p></div>",
    );
    assert_eq!(s.lines.len(), 2);
    for line in &s.lines {
        assert!(line.data.as_ref().is_some_and(|d| d.unlimited), "{line:?}");
        assert!(line
            .hotspot
            .as_ref()
            .is_some_and(|d| !d.unlimited && d.total_mb.is_some()));
    }
    // Outside a line's card a bare `Unlimited` says nothing about data.
    let s = us("<p>Balance $4.00</p><p>Unlimited</p>");
    assert!(s.lines.iter().all(|l| l.data.is_none()));
}

#[test]
fn an_unlimited_line_with_a_premium_bucket_is_unlimited() {
    let s = us(
        "<div class=plan-card><h2>Prepaid Unlimited Plus</h2><p>Unlimited line</p>\
         <p>Premium data 38.2 GB used of 50 GB</p><p>Plan renews on 12/14/2026</p></div>",
    );
    let d = data(&s);
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(39116.8));
}

#[test]
fn unlimited_data_before_talk_and_text_is_data() {
    let s = us("<p>Your next payment of $25.00 is due on Dec 3.</p><p>Plan · Unlimited data, talk &amp; text</p>");
    assert!(data(&s).unlimited);
    let s = us("<p>Balance $4.00</p><p>Data 2 GB left</p><p>Unlimited talk &amp; text</p>");
    assert!(!data(&s).unlimited);
}

#[test]
fn by_after_an_amount_due_labels_its_date() {
    let s = us("<p>Amount due <b>$35.00</b> by Dec 3</p>");
    assert_eq!(s.amount_due, usd(3500));
    assert_eq!(s.next_bill_date, date(2026, 12, 3));
    let s = us("<p>Usage resets on Dec 9</p><p>Data used 3.2 GB of 10 GB</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
}

#[test]
fn a_line_cards_plan_name_class_names_its_plan_not_its_nickname() {
    let s = us(
        "<ul><li class=line-card><p class=line-card__nickname>Alex</p><p class=line-card__msisdn>(425) 555-0132</p>\
         <p class=line-card__planName>Go5G Plus</p><p>Data 2 GB left</p></li>\
         <li class=line-card><p class=line-card__nickname>Sam</p><p class=line-card__msisdn>(425) 555-0177</p>\
         <p class=line-card__planName>Go5G</p><p>Data 3 GB left</p></li></ul>",
    );
    let names: Vec<_> = s
        .lines
        .iter()
        .map(|l| (l.label.as_deref(), l.plan.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            (Some("Alex"), Some("Go5G Plus")),
            (Some("Sam"), Some("Go5G"))
        ]
    );
}

#[test]
fn a_relative_date_starting_inside_its_label_is_read() {
    // The label `Cycle ends in` and the value `in 9 days` share the word `in`.
    let s = scan(
        "<html lang=en><body><p>You've used 18.4 GB this cycle</p><p>Cycle ends in 9 days</p></body></html>",
        "https://fi.google.com/account",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
}

#[test]
fn spanish_line_ending_in_gives_the_last_four() {
    let s = scan(
        "<html lang=es-US><body><p>Línea que termina en 4821</p><p>Saldo de la cuenta $10.00</p></body></html>",
        "https://es.t-mobile.com/account",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4821"));
}

#[test]
fn a_billing_day_sentence_counts_but_a_far_disclaimer_does_not() {
    let page = |tip: &str| {
        format!(
            "<html lang=zh-CN><body><p>话费余额 23.50元</p><p>套餐有效期至 2026年12月31日</p><p>{tip}</p></body></html>"
        )
    };
    let s = scan(
        &page("本月账单将于2026年12月1日出账，请按时缴费。"),
        "https://touch.10086.cn/i/",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 1));
    let s = scan(
        &page("数据更新至11月26日08:00，仅供参考，以实际出账为准。"),
        "https://touch.10086.cn/i/",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 31));
}

#[test]
fn a_fee_charged_on_a_day_is_the_next_bill_date_not_a_renewal() {
    // `月费将于 … 扣除`: the day a monthly fee is taken (red team, round 28b).
    let s = scan(
        "<html lang=zh-CN><body><p>当前号码：139****0087</p><p>当前余额：-5.30元</p>\
         <p>您的全家享套餐月费将于 <b>2026年12月1日</b> 扣除，请保持账户余额充足。</p>\
         <p>共享通用流量：剩余 35.20GB，总量 60GB</p></body></html>",
        "https://shop.10086.cn/i/?f=familynet",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 1));
    assert_eq!(s.lines[0].renews_on, None);
    // A fee already taken (`已扣除`) on a past day is no next bill date.
    let s = scan(
        "<html lang=zh-CN><body><p>当前号码：139****0087</p><p>当前余额：5.30元</p>\
         <p>11月1日 已扣除月费 38元</p></body></html>",
        "https://shop.10086.cn/i/",
    );
    assert_eq!(s.next_bill_date, None);
}

#[test]
fn a_payment_word_before_an_expiry_day_makes_it_the_bill_due_date() {
    // `繳費到期日`, `付款到期日`: the bill's due date, not the plan's expiry (round 28b).
    for label in ["繳費到期日", "付款到期日", "缴费到期日"] {
        let s = scan(
            &format!(
                "<html lang=zh-HK><body><dl><dt>本期賬單</dt><dd>HK$168.00</dd>\
                 <dt>{label}</dt><dd>2026年12月14日</dd><dt>賬單日期</dt><dd>2026年11月24日</dd>\
                 </dl><p>剩餘 12.5GB</p></body></html>"
            ),
            "https://www.hk.chinamobile.com/tc/mycmhk/account",
        );
        assert_eq!(s.next_bill_date, date(2026, 12, 14), "{label}");
        assert_eq!(s.lines.first().and_then(|l| l.renews_on), None, "{label}");
    }
}

#[test]
fn a_role_word_alone_after_a_bucket_figure_is_its_caption() {
    // `本地數據` | `3.2GB` | `剩餘` | `總量 10GB`: the role word is the figure's; the
    // total names its own (red team, round 28b).
    let s = scan(
        "<html lang=zh-HK><body><div><span>本地數據</span><span>3.2GB</span><span>剩餘</span>\
         <span>總量 10GB</span></div></body></html>",
        "https://my.example.com.hk/zh-hk/account",
    );
    assert_eq!(data(&s).remaining_mb, Some(3276.8));
    assert_eq!(data(&s).total_mb, Some(10240.0));
}

#[test]
fn a_sim_card_name_after_the_number_keeps_the_line_but_a_bank_card_does_not() {
    let page = |tail: &str| {
        format!(
            "<html lang=zh-MO><body><div><span>6*** 8765</span> <span>{tail}</span></div>\
             <p>儲值餘額 MOP 45.30</p><p>1,536MB 剩餘數據 · 總額 3GB</p></body></html>"
        )
    };
    let s = scan(
        &page("澳門 5G 儲值卡"),
        "https://my.example.com.mo/zh/prepaid",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("8765"));
    let s = scan(
        &page("工銀澳門 儲蓄卡"),
        "https://my.example.com.mo/zh/prepaid",
    );
    assert_eq!(
        s.lines.first().and_then(|l| l.number_last4.as_deref()),
        None
    );
}

#[test]
fn a_us_carrier_page_machine_translated_into_chinese_reads_the_same() {
    let t = |s: &str| {
        format!(
            r#"<font style="vertical-align: inherit;"><font style="vertical-align: inherit;">{s}</font></font>"#
        )
    };
    let body = format!(
        "<p>{}</p><div><p>{}</p><p>{}</p><p>{}</p></div><p>{}</p><div><p>{}</p><p>{}</p></div>",
        t("线路结尾为 4821"),
        t("剩余高速数据"),
        t("3.42 GB"),
        t("已使用 1.58 GB，共 5 GB"),
        t("计划于 2026 年 12 月 9 日续订"),
        t("自动支付"),
        t("已开启"),
    );
    let s = scan(
        &format!(r#"<html lang="zh-CN" class="translated-ltr"><body>{body}</body></html>"#),
        "https://www.t-mobile.com/account",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4821"));
    assert_eq!(data(&s).remaining_mb, Some(3502.08));
    assert_eq!(data(&s).total_mb, Some(5120.0));
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn a_translated_postpaid_bill_keeps_amount_due_date_and_autopay() {
    let s = scan(
        r#"<html lang="zh-CN" class="translated-ltr"><body><section><h2>帐单摘要</h2>
           <div><p>到期金额</p><p>$142.58</p></div><p>付款定于 12 月 8 日通过自动支付进行</p></section>
           <div><p>(425) 555-0132</p><p>无限</p><p>热点：已使用 12.4 GB，共 50 GB</p></div></body></html>"#,
        "https://www.t-mobile.com/bill/summary",
    );
    assert_eq!(s.amount_due, usd(14258));
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    assert_eq!(s.autopay, Some(true));
    assert!(s.lines[0].renews_on.is_none());
}

#[test]
fn lines_with_their_own_usage_of_a_shared_pool_keep_what_is_left_of_the_pool() {
    let s = scan(
        "<html lang=en><body><div><h2>Shared Data</h2><p><b>12.4 GB</b> of 30 GB remaining</p></div>\
         <div><p>Work iPhone</p><p>(•••) •••-1188</p><p>Used this cycle: 9.8 GB</p></div>\
         <div><p>Tablet</p><p>(•••) •••-5520</p><p>Used this cycle: 7.8 GB</p></div></body></html>",
        "https://dashboard.usmobile.com/app/dashboard",
    );
    let got: Vec<_> = s
        .lines
        .iter()
        .map(|l| {
            l.data
                .as_ref()
                .map(|d| (d.remaining_mb, d.used_mb, d.total_mb))
        })
        .collect();
    assert_eq!(
        got,
        [
            Some((Some(12697.6), Some(10035.2), Some(30720.0))),
            Some((Some(12697.6), Some(7987.2), Some(30720.0))),
        ]
    );
}

#[test]
fn a_past_due_date_gives_way_to_a_renewal_to_come_but_stands_alone() {
    let s = us("<p>Balance $12.00</p><p>Due date 10/01/2026</p><p>Renews Dec 9</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
    // Overdue, with nothing after it: the date stays.
    let s = us("<p>Amount due $40.00</p><p>Due date 11/20/2026</p>");
    assert_eq!(s.next_bill_date, date(2026, 11, 20));
}

#[test]
fn of_a_total_on_its_own_row_is_the_total_whatever_label_reaches_it() {
    let s = us(
        "<section><h2>High-speed data</h2><div><div><div>3.42 GB</div><div>left</div></div>\
         <p>of 5 GB</p></div></section><p>Renews Dec 9</p>",
    );
    let d = data(&s);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(3502.08), Some(5120.0)));
}

#[test]
fn a_group_members_bare_figures_are_their_usage_when_the_group_shows_usage() {
    let s = scan(
        "<html lang=en><body><section><h2>Group data usage</h2><p>4.3 GB used this cycle</p></section>\
         <section><h2>Members</h2>\
         <div><span>Alex</span><span>(555) 010-2231</span><span>3.2 GB</span></div>\
         <div><span>Sam</span><span>(555) 010-8870</span><span>1.1 GB</span></div></section></body></html>",
        "https://fi.google.com/account",
    );
    let got: Vec<_> = s
        .lines
        .iter()
        .map(|l| {
            (
                l.number_last4.as_deref(),
                l.label.as_deref(),
                l.data.as_ref().and_then(|d| d.used_mb),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("2231"), Some("Alex"), Some(3276.8)),
            (Some("8870"), Some("Sam"), Some(1126.4)),
        ]
    );
}

#[test]
fn a_bucket_caption_that_says_used_gives_the_role_of_the_figure_below() {
    let s = us("<p>Balance $4.00</p><div><div>Hotspot used</div><div>1.2 GB of 5 GB</div></div>");
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.remaining_mb), (Some(1228.8), Some(3891.2)));
}

#[test]
fn spanish_plan_expiry_and_auto_renewal_state() {
    let s = scan(
        "<html lang=es-US><body><div><h3>Datos de alta velocidad restantes</h3><p>2.7 GB</p><p>de 5 GB</p></div>\
         <div><h3>Tu plan vence</h3><p>15 de enero de 2027</p></div>\
         <div><h3>Renovación automática</h3><p>Activada</p></div></body></html>",
        "https://my.mintmobile.com/es/",
    );
    assert_eq!(s.lines[0].renews_on, date(2027, 1, 15));
    assert_eq!(s.autopay, Some(true));
    assert_eq!(data(&s).total_mb, Some(5120.0));
}

#[test]
fn a_table_header_naming_a_bucket_and_a_role_gives_both() {
    let s = us(
        "<table><thead><tr><th>Line</th><th>Data used</th><th>Hotspot used</th></tr></thead><tbody>\
         <tr><td>(206) 555-0101</td><td>12.3 GB</td><td>1.1 GB of 15 GB</td></tr>\
         <tr><td>(206) 555-0102</td><td>3.4 GB</td><td>0 GB of 15 GB</td></tr></tbody></table>",
    );
    let hot: Vec<_> = s
        .lines
        .iter()
        .map(|l| l.hotspot.as_ref().map(|h| (h.used_mb, h.remaining_mb)))
        .collect();
    assert_eq!(
        hot,
        [
            Some((Some(1126.4), Some(14233.6))),
            Some((Some(0.0), Some(15360.0)))
        ]
    );
}

#[test]
fn the_other_party_of_a_call_or_text_in_a_usage_log_is_no_line() {
    let s = us(
        "<div>Line <span>(•••) •••-4821</span></div><p><span>3.42 GB</span> remaining of 5 GB</p>\
         <ul><li><span>Oct 1</span> <span>Call to (•••) •••-1000</span> <span>1 min</span></li>\
         <li><span>Oct 2</span> <span>Text to (•••) •••-1014</span> <span>1 msg</span></li></ul>",
    );
    let numbers: Vec<_> = s.lines.iter().map(|l| l.number_last4.as_deref()).collect();
    assert_eq!(numbers, [Some("4821")]);
}

#[test]
fn a_caption_under_a_figure_gives_its_role() {
    let s = us(
        "<div class=item><div class=label>Data</div><div class=value>0.64 GB</div>\
         <div class=sub>used of 2 GB</div></div>",
    );
    let d = data(&s);
    assert_eq!((d.used_mb, d.total_mb), (Some(655.36), Some(2048.0)));
    assert_eq!(d.remaining_mb.map(|x| (x * 100.0).round()), Some(139264.0));
    let s = us("<div><p class=v>750 MB / 2 GB</p><p class=s>used · resets Dec 1</p></div>");
    let d = data(&s);
    assert_eq!((d.used_mb, d.total_mb), (Some(750.0), Some(2048.0)));
}

#[test]
fn a_role_label_over_a_total_still_names_the_figure_above_it() {
    let s = us(
        "<nav><a href=/i>International</a></nav><div class=w><div class=v>4.62 GB</div>\
         <div class=l>Remaining Data</div><div class=s>of 10 GB high-speed</div></div>",
    );
    let d = data(&s);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(4730.88), Some(10240.0)));
}

#[test]
fn words_between_a_total_and_its_role_and_more_autopay_and_due_wording() {
    let s = us("<p>32.1 GB of 50 GB high-speed data used</p>");
    assert_eq!(data(&s).used_mb, Some(32870.4));
    let s =
        us("<p>Amount due</p><p>$0.00</p><p>AutoPay scheduled for Dec 16 · Checking ••••7720</p>");
    assert_eq!(
        (s.autopay, s.next_bill_date),
        (Some(true), date(2026, 12, 16))
    );
    let s = us("<dl><dt>Direct Debit</dt><dd>Active</dd><dt>Tariff</dt><dd>12GB SIM Only</dd><dt>Data left</dt><dd>4.2 GB</dd></dl>");
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.lines[0].plan.as_deref(), Some("12GB SIM Only"));
    let s = us("<div><h3>Your plan</h3><p>Visible+</p><p>$45.00 due 12/09</p></div>");
    assert_eq!(
        (s.amount_due, s.next_bill_date),
        (usd(4500), date(2026, 12, 9))
    );
    let s = us("<p>Plans from $45.00 due today</p>");
    assert_eq!(s.amount_due, None);
}

#[test]
fn a_full_number_in_the_page_footer_is_the_companys() {
    let s = us(
        "<main><p>Phone number</p><p>(973) 555-0144</p><p>Data left: 3.1 GB</p></main>\
         <footer class=footer>Phone: (973) 555-0100 · Example Mobile, Atlanta GA</footer>",
    );
    let numbers: Vec<_> = s.lines.iter().map(|l| l.number_last4.as_deref()).collect();
    assert_eq!(numbers, [Some("0144")]);
    let s = us("<p>Data left: 3.1 GB</p><footer>Phone: (973) 555-0100</footer>");
    assert_eq!(s.lines[0].number_last4, None);
}

#[test]
fn a_relative_day_alone_under_its_label_is_a_date() {
    let s = us(
        "<div class=grid><div>Balance</div><div>Service expires</div>\
         <div class=v>$12.75</div><div class=v>tomorrow</div></div>",
    );
    assert_eq!(s.next_bill_date, date(2026, 11, 27));
    let s = us("<p>Data left: 3.75 GB</p><p>Number (•••) •••-0090 · Plan: Pelican 8GB · Auto refill is on</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Pelican 8GB"));
    let s = us("<nav><a>Today</a></nav><p>Balance: $3.00</p>");
    assert_eq!(s.next_bill_date, None);
}

#[test]
fn a_plan_name_ends_before_a_monthly_rate_but_keeps_its_price_tier() {
    let cn = |body: &str| {
        scan(
            &format!(r#"<html lang="zh-CN"><body>{body}</body></html>"#),
            "https://m.client.10010.com/mobileService/remain.htm",
        )
    };
    let s = cn("<p>当前套餐：5G畅爽冰激凌套餐129元</p><p>剩余通用流量 3.2GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("5G畅爽冰激凌套餐129元"));
    let s = us("<p>Plan: Connect $15/mo</p><p>Data left: 3.1 GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Connect"));
    let s = cn("<p>主套餐：大王卡 19元/月</p><p>剩余通用流量 3.2GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("大王卡"));
    let s = cn("<p>当前套餐：畅享套餐 58元档</p><p>剩余通用流量 3.2GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("畅享套餐 58元档"));
}

#[test]
fn a_unit_in_its_own_element_stays_with_its_number() {
    for body in [
        "<p><span>18.4</span> <span>GB used</span></p>",
        "<div><div>18.4</div><div>GB used</div></div>",
        "<svg><text>18.4</text><text>GB used</text></svg>",
    ] {
        let s = us(&format!("<h2>Usage</h2>{body}"));
        assert_eq!(data(&s).used_mb, Some(18841.6), "{body}");
    }
}

#[test]
fn a_tab_holding_a_lines_number_owns_its_panel() {
    let s = us(
        "<div role=tablist><button role=tab aria-controls=p1 aria-selected=true>Jordan (•••) •••-3381</button>\
         <button role=tab aria-controls=p2>Kid (•••) •••-9020</button></div>\
         <div role=tabpanel id=p1><p>Plan: Go5G</p><p>3.2 GB of 50 GB hotspot data used</p><p>Data left: 4.1 GB</p></div>\
         <div role=tabpanel id=p2 hidden><p>Data left: 9.9 GB</p></div>",
    );
    let lines: Vec<_> = s
        .lines
        .iter()
        .map(|l| {
            (
                l.number_last4.as_deref(),
                l.data.as_ref().and_then(|d| d.remaining_mb),
            )
        })
        .collect();
    assert_eq!(lines, [(Some("3381"), Some(4198.4)), (Some("9020"), None)]);
    let names: Vec<_> = s.lines.iter().map(|l| l.label.as_deref()).collect();
    assert_eq!(names, [Some("Jordan"), Some("Kid")]);
}

#[test]
fn a_money_label_ends_the_run_of_a_voice_bucket() {
    let s = scan(
        r#"<html lang="zh-CN"><body><div><span>139 **** 0457</span></div>
        <div><span>8.52</span><span>GB</span><p>剩余通用流量</p></div>
        <div><span>326</span><span>分钟</span><p>剩余语音</p></div>
        <div><span>-5.30</span><span>元</span><p>话费余额</p></div>
        <div><span>共 30GB</span><span>已用 21.48GB</span></div></body></html>"#,
        "https://touch.10086.cn/i/mobile/home.html",
    );
    let d = data(&s);
    assert_eq!((d.used_mb, d.total_mb), (Some(21995.52), Some(30720.0)));
}

#[test]
fn the_day_a_bill_is_issued_yields_to_the_day_it_is_paid() {
    let s = us(
        "<p>Balance</p><h4>-$12.50</h4><p>Next bill issued December 2, 2026</p>\
         <p>AutoPay scheduled for Dec 16 · Checking ••••7720</p>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 16));
    let s = us("<p>Balance: $3.00</p><p>Next bill issued December 2, 2026</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 2));
}

#[test]
fn an_unlimited_plan_makes_its_lines_data_unlimited_and_the_viewer_is_not_named() {
    let s = us("<h1>Plan: Unlimited Plus</h1><ul>\
         <li><p class=member-name>Arun (you)</p><p>(555) 010-0101</p><p>12.1 GB used</p></li>\
         <li><p class=member-name>Meera</p><p>(555) 010-0102</p><p>30.8 GB used</p></li></ul>");
    let lines: Vec<_> = s
        .lines
        .iter()
        .map(|l| {
            (
                l.label.as_deref(),
                l.plan.as_deref(),
                l.data.as_ref().map(|d| d.unlimited),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (None, Some("Unlimited Plus"), Some(true)),
            (Some("Meera"), Some("Unlimited Plus"), Some(true))
        ]
    );
    let s = us("<p>Plan: Unlimited Talk &amp; Text</p><p>Data left: 2 GB</p>");
    assert!(!data(&s).unlimited);
}

#[test]
fn spanish_amount_owed_and_the_day_data_resets() {
    let s = scan(
        r#"<html lang="es-US"><body><section><p>Saldo adeudado</p><p>$65.00</p><p>Vence el 12/09</p></section>
        <section><h2>(•••) •••-5530</h2><p>Te quedan 2.5 GB de 10 GB</p>
        <p>Los datos se restablecen el 12/08</p></section></body></html>"#,
        "https://es.t-mobile.com/account/overview",
    );
    assert_eq!((s.amount_due, s.balance), (usd(6500), None));
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 8));
    // `Saldo` alone is still a balance.
    let s = scan(
        r#"<html lang="es-ES"><body><p>Saldo</p><p>7,50 €</p></body></html>"#,
        "https://www.example.es/",
    );
    assert_eq!(s.balance, Some(Money::new(750, Currency::Eur)));
}

#[test]
fn hong_kong_amount_owed_payment_day_plan_data_and_a_roaming_bucket() {
    let s = scan(
        r#"<html lang="zh-HK"><body><p>手機號碼 9123 8876</p><div>
        <div><span>本地數據</span><span>剩餘 12.5GB</span></div>
        <div><span>計劃數據</span><span>40GB</span></div>
        <div><span>漫遊數據 (大灣區)</span><span>剩餘 3GB / 5GB</span></div></div>
        <div><div><span>本期結欠</span><span>HK$228.00</span></div>
        <div><span>到期繳款日</span><span>2026年12月15日</span></div>
        <div><span>上期結欠</span><span>HK$31.50</span></div></div></body></html>"#,
        "https://www.example.hk/",
    );
    assert_eq!(s.amount_due, Some(Money::new(22800, Currency::Hkd)));
    assert_eq!(s.next_bill_date, date(2026, 12, 15));
    // The day a bill is paid is not the line's renewal.
    assert_eq!(s.lines[0].renews_on, None);
    let d = data(&s);
    assert_eq!(
        (d.remaining_mb, d.used_mb, d.total_mb),
        (Some(12800.0), Some(28160.0), Some(40960.0))
    );
}

#[test]
fn a_plan_name_label_is_not_part_of_the_name() {
    let s = scan(
        r#"<html lang="zh-CN"><body><p>139****2217</p><div><span>剩余通用流量</span><span>6.82GB</span></div>
        <div><span>套餐名称</span><span>5G智享套餐（个人版）58元</span></div></body></html>"#,
        "https://www.example.cn/",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("5G智享套餐（个人版）58元"));
}

#[test]
fn german_debit_day_reset_day_and_next_tariff_booking() {
    let s = scan(
        r#"<html lang="de-DE"><body><div><span>Rechnungsbetrag</span><span>42,49 €</span></div>
        <div><span>Wird abgebucht am</span><span>08.12.2026</span></div>
        <div><span>Zahlart</span><span>Lastschrift</span></div>
        <div><p>Verbrauch – 0172 •••• 4891</p><p>Noch 13,7 GB von 25 GB</p>
        <p>Ihr Datenvolumen wird am 19.12. zurückgesetzt</p></div></body></html>"#,
        "https://www.example.de/",
    );
    assert_eq!(s.amount_due, Some(Money::new(4249, Currency::Eur)));
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 19));
    // Paid by direct debit: AutoPay. By bank transfer: not said.
    assert_eq!(s.autopay, Some(true));
    let s = scan(
        r#"<html lang="de-DE"><body><p>Rechnungsbetrag 42,49 €</p><p>Zahlart: Überweisung</p></body></html>"#,
        "https://www.example.de/",
    );
    assert_eq!(s.autopay, None);
    // A reset that already happened gives no date (not the same day next year).
    let s = scan(
        r#"<html lang="de-DE"><body><p>Rufnummer 0172 •••• 4891</p><p>Noch 13,7 GB von 25 GB verfügbar</p>
        <p>Ihr Datenvolumen wurde am 19.11. zurückgesetzt</p></body></html>"#,
        "https://www.example.de/",
    );
    assert_eq!((s.lines[0].renews_on, s.next_bill_date), (None, None));
    // Prepaid: the next booking of the tariff is when money is needed, before the
    // volume's validity ends.
    let s = scan(
        r#"<html lang="de-DE"><body><div><p>Verbraucht 3,2 GB von 10 GB</p><p>Gültig bis 31.12.2026</p></div>
        <div><h2>Guthaben</h2><p>14,85 €</p><p>Nächste Tarifbuchung am 02.12.2026: 9,95 €</p></div></body></html>"#,
        "https://www.example.de/",
    );
    assert_eq!(s.balance, Some(Money::new(1485, Currency::Eur)));
    assert_eq!(s.amount_due, Some(Money::new(995, Currency::Eur)));
    assert_eq!(s.next_bill_date, date(2026, 12, 2));
}

#[test]
fn a_price_tag_before_a_plan_name_and_auto_recharge() {
    let s = us(
        "<div><div>Plan</div><div>$49 3-Month Plan · 5GB</div></div>\
         <div>Auto Recharge: <b>Enabled</b></div><p>Remaining Data</p><p>2.2 GB</p>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("3-Month Plan"));
    assert_eq!(s.autopay, Some(true));
    // A plan named by its price keeps it.
    let s = us("<div><div>Plan</div><div>$40 Unlimited Plan</div></div><p>Data left: 2 GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("$40 Unlimited Plan"));
}

#[test]
fn an_amount_of_a_total_without_a_role_word_is_used() {
    let s = us(
        "<table><thead><tr><th>Line</th><th>High-speed data</th></tr></thead>\
         <tbody><tr><td>(•••) •••-1042</td><td>4.1 GB of 50 GB</td></tr></tbody></table>",
    );
    let d = data(&s);
    assert_eq!(d.used_mb, Some(4198.4));
    assert_eq!(d.remaining_mb, Some(47001.6));
    // A role word still wins.
    let s = us("<p>Data</p><p>4.1 GB of 50 GB left</p>");
    assert_eq!(data(&s).remaining_mb, Some(4198.4));
    // So does a label that names the role.
    let s = us("<p>Data remaining</p><p>4.1 GB of 50 GB</p>");
    assert_eq!(data(&s).remaining_mb, Some(4198.4));
}

#[test]
fn a_device_nickname_beside_the_only_number_names_the_line_but_a_person_does_not() {
    let label = |body: &str| us(body).lines[0].label.clone();
    assert_eq!(
        label("<div><span>Work phone</span><span>(213) 555-0194</span></div><p>Data 3 GB left</p>"),
        Some("Work phone".into())
    );
    assert_eq!(
        label("<section><h3>Marco's line</h3><p>(786) 555-0160</p><p>Data: 22.8 GB used</p></section>"),
        Some("Marco's line".into())
    );
    // A bare name beside the only number may be the account holder's: not stored.
    assert_eq!(
        label("<div><span>Kenji</span><span>(415) 555-0137</span></div><p>Data 3 GB left</p>"),
        None
    );
    assert_eq!(
        label("<div>Kenji · (415) 555-0137</div><p>Data 3 GB left</p>"),
        None
    );
    // Nor does a lead-in to the number.
    assert_eq!(
        label("<div><span>Phone ending in</span><span>0137</span></div><p>Data 3 GB left</p>"),
        None
    );
}

#[test]
fn next_charge_and_payment_of_name_the_amount_due() {
    let s = us("<p>Next charge <strong>$88.00</strong> on 12/08/2026 · Auto-pay enabled</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(8800));
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    let s = us("<div><span>Next charge</span><span>$20.00</span><span>Dec 8</span></div><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(2000));
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    let s = us("<p>Your payment of <b>$40.00</b> is due <b>Dec 4</b></p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(4000));
    // A payment already made is not due.
    let s = us("<p>Your last payment of <b>$40.00</b> was received Nov 4</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, None);
}

#[test]
fn data_usage_names_what_was_used_even_in_a_plan_card() {
    let s = us("<div class=row><span>Data usage</span><span>3.4 GB</span></div>");
    assert_eq!(data(&s).used_mb, Some(3481.6));
    assert_eq!(data(&s).remaining_mb, None);
    let s =
        us("<div class=plan><h2>Flexible plan</h2><p>Data usage is 2.84 GB this cycle</p></div>");
    assert_eq!(data(&s).used_mb, Some(2908.16));
    // A number in a plan's name is still no usage.
    let s = us("<div class=plan><h2>Basic 10GB</h2></div><p>Data left</p><p>3 GB</p>");
    assert_eq!(data(&s).total_mb, None);
}

#[test]
fn a_section_heading_is_no_plan_name() {
    let s = us("<section><h2>Plan details</h2><table><tbody>\
         <tr><th scope=row>Line</th><td>(•••) •••-3390</td></tr>\
         <tr><th scope=row>Plan</th><td>Essentials 10GB</td></tr>\
         <tr><th scope=row>Used this cycle</th><td>6.8 GB</td></tr></tbody></table></section>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Essentials 10GB"));
    let s = us("<h2>Plan details</h2><p>Data left 3 GB</p>");
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn a_pool_gives_each_line_its_size_and_never_a_made_up_total() {
    let page = |size: &str| {
        us(&format!(
            "<section><h2>Shared Data</h2>{size}<p><b>18.7 GB</b> remaining</p></section>\
             <table><thead><tr><th>Nickname</th><th>Number</th><th>Used this cycle</th></tr></thead>\
             <tbody><tr><td>Dad</td><td>(646) 555-0121</td><td>12.4 GB</td></tr>\
             <tr><td>Mom</td><td>(646) 555-0147</td><td>8.9 GB</td></tr></tbody></table>"
        ))
    };
    let s = page("<p>50 GB pool</p>");
    let d = data(&s);
    assert_eq!(
        (d.remaining_mb, d.used_mb, d.total_mb),
        (Some(19148.8), Some(12697.6), Some(51200.0))
    );
    // Without the pool's size, left + this line's usage is not a total.
    let s = page("");
    let d = data(&s);
    assert_eq!(
        (d.remaining_mb, d.used_mb, d.total_mb),
        (Some(19148.8), Some(12697.6), None)
    );
}

#[test]
fn figures_laid_out_one_per_element_are_one_amount() {
    let s = us("<div><div>Balance</div><div>\
         <div>$</div><div>2</div><div>1</div><div>.</div><div>0</div><div>4</div></div></div>\
         <div><div>Data remaining</div><div>\
         <div><div>4</div></div><div><div>.</div></div><div><div>7</div></div><div><div>5</div></div>\
         <div><div> GB</div></div></div><div>of 12 GB</div></div>");
    assert_eq!(s.balance, usd(2104));
    assert_eq!(data(&s).remaining_mb, Some(4864.0));
    assert_eq!(data(&s).total_mb, Some(12288.0));
}

#[test]
fn a_plan_after_the_line_number_names_the_plan() {
    let s = us("<p>Line (•••) •••-6604 · Zephyr Basic 10GB</p><p>Data left</p><p>3 GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Zephyr Basic 10GB"));
    // A usage figure after the number is no plan.
    let s = us("<p>(•••) •••-6604 · 3.2 GB used</p>");
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn a_legend_in_the_card_gives_bare_meters_their_role() {
    let s = us(
        "<div class=card><div><span>Data</span><span>1.8 GB</span><span>/ 5.0 GB</span></div>\
         <p>Remaining amounts shown</p></div>",
    );
    assert_eq!(data(&s).remaining_mb, Some(1843.2));
    assert_eq!(data(&s).used_mb, Some(3276.8));
}

#[test]
fn the_page_speaking_of_your_phone_is_no_nickname() {
    let s =
        us("<div><span>Your phone</span><span>(•••) •••-3815</span></div><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].label, None);
}

#[test]
fn the_user_name_step_of_a_sign_in_is_logged_out() {
    let s = us("<h1>Welcome back</h1><p>Sign in to manage your account, pay your bill and check your data.</p>\
         <form><label for=e>Email or phone number</label>\
         <input id=e type=email autocomplete=username><button>Continue</button></form>");
    assert_eq!(s.status, Status::LoggedOut);
}

#[test]
fn a_total_row_of_header_cells_is_no_header() {
    let s = us("<table><tbody><tr><td>Plan</td><td>$95.00</td></tr><tr><td>Credits</td><td>-$3.00</td></tr></tbody>\
         <tfoot><tr><th>Total due</th><th>$92.00</th></tr></tfoot></table><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(9200));
}

#[test]
fn one_word_before_the_only_number_is_its_caption() {
    let s = us("<p>Phone (•••) •••-2046</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].label, None);
}

#[test]
fn a_month_and_a_colon_start_a_history_entry() {
    let s = us("<dl><div><dt>Data left</dt><dd>3 GB</dd></div></dl>\
         <div role=list><div role=listitem aria-label=\"October: 5.10 GB, $52.10\"><span>Oct</span></div>\
         <div role=listitem aria-label=\"Sep 2026: 4.35 GB, $48.75\"><span>Sep</span></div></div>\
         <p>October: 7.2 GB used</p>");
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(3072.0));
    assert_eq!(d.used_mb, None);
    assert_eq!(s.amount_due, None);
    assert_eq!(s.balance, None);
}

#[test]
fn a_figure_saying_used_of_total_beats_a_breakdowns_part() {
    let s = us("<section><h2>Data</h2><div role=img aria-label=\"3.6 GB used of 7 GB\"></div>\
         <ul><li>Plan data <b>5 GB</b></li><li>Top-up <b>2 GB</b></li><li>Used <b>3.6 GB</b></li></ul></section>");
    let d = data(&s);
    assert_eq!((d.used_mb, d.total_mb), (Some(3686.4), Some(7168.0)));
}

#[test]
fn lines_come_in_page_order() {
    let s = us("<div><span class=subscriber>Marisol R.</span><span class=msisdn>(512) 555-0176</span><span>$70.00</span></div>\
         <div><span class=subscriber>Benji</span><span class=msisdn>(512) 555-0193</span><span>$35.00</span></div>\
         <div><span class=msisdn>(512) 555-0176</span><span>Data used: 23.1 GB</span></div>\
         <div><span class=msisdn>(512) 555-0193</span><span>Data used: 4.9 GB</span></div>");
    let order: Vec<_> = s
        .lines
        .iter()
        .map(|l| l.number_last4.clone().unwrap_or_default())
        .collect();
    assert_eq!(order, ["0176", "0193"]);
}

#[test]
fn an_amount_due_label_also_dates_the_bill() {
    for body in [
        "<div><span>$186.44</span><span>Total due Dec 9</span></div>",
        "<p>Total due Dec 9</p><p>$186.44</p>",
        "<p>Total due $186.44 on Dec 9</p>",
    ] {
        let s = us(&format!("{body}<p>Data 3 GB left</p>"));
        assert_eq!(s.amount_due, usd(18644), "{body}");
        assert_eq!(s.next_bill_date, date(2026, 12, 9), "{body}");
    }
}

#[test]
fn what_will_be_charged_is_due() {
    let s = us("<p>Your $25 payment will be charged on Dec 14 with your saved card ending in 4242.</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(2500));
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
    assert_eq!(s.lines[0].number_last4, None);
    let s = us("<p>You will be charged $25.00 on Dec 14</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(2500));
}

#[test]
fn an_allowance_alone_under_a_plan_label_names_the_plan() {
    let s = us("<dl><dt>Plan</dt><dd>15GB</dd><dt>Data left</dt><dd>2.1 GB of 15 GB</dd></dl>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("15GB"));
    assert_eq!(data(&s).remaining_mb, Some(2150.4));
    let s = us("<dl><dt>Plan</dt><dd>Unlimited</dd><dt>Data used</dt><dd>17.3 GB</dd></dl>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Unlimited"));
    // A figure with a role is usage, not a name.
    let s = us("<dl><dt>Plan</dt><dd>3 GB left</dd></dl>");
    assert_eq!(s.lines[0].plan, None);
    // So is an allowance alone in an element whose class names the plan.
    let s = us(r#"<span class="plan-name">15GB</span><p>Data left 8.2 GB</p>"#);
    assert_eq!(s.lines[0].plan.as_deref(), Some("15GB"));
    assert_eq!(data(&s).total_mb, None);
    let s = us(r#"<span class="plan-name">8.2 GB left</span><p>Data left 8.2 GB</p>"#);
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn a_data_reset_yields_to_the_plans_end() {
    let s = us("<p>Data resets Dec 14</p><p>Plan ends Feb 14, 2027</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2027, 2, 14));
    let s = us("<p>Data resets Dec 14</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 14));
}

#[test]
fn a_flat_value_first_run_gives_each_caption_the_figure_above_it() {
    // One element each, no boxes: `3.8 GB` | `Data left` | `1.2 GB` | `Hotspot used`.
    let s = us(
        "<main><h1>My usage</h1><p>Line ending in 4821</p><p>3.8 GB</p><p>Data left</p>\
         <p>1.2 GB</p><p>Hotspot used</p><p>Plan renews Dec 9</p></main>",
    );
    assert_eq!(data(&s).remaining_mb, Some(3891.2));
    assert_eq!(data(&s).used_mb, None);
    let hotspot = s.lines[0].hotspot.clone().unwrap();
    assert_eq!(hotspot.used_mb, Some(1228.8));
    // Read label first when the run starts with a label.
    let s = us(
        "<main><h1>My usage</h1><p>Data left</p><p>3.8 GB</p><p>Hotspot used</p>\
         <p>1.2 GB</p><p>Hotspot limit</p></main>",
    );
    assert_eq!(data(&s).remaining_mb, Some(3891.2));
    assert_eq!(s.lines[0].hotspot.clone().unwrap().used_mb, Some(1228.8));
    // The same inline, one row: a bucket word after a figure is its own, the one before
    // it the previous figure's, in a row that opens with a figure.
    for body in [
        "<div><strong>3.8 GB</strong> <span>Data left</span> <strong>1.2 GB</strong> <span>Hotspot used</span></div>",
        "<div><span>Data left</span> <strong>3.8 GB</strong> <span>Hotspot used</span> <strong>1.2 GB</strong></div>",
    ] {
        let s = us(body);
        assert_eq!(data(&s).remaining_mb, Some(3891.2), "{body}");
        assert_eq!(data(&s).used_mb, None, "{body}");
        assert_eq!(s.lines[0].hotspot.clone().unwrap().used_mb, Some(1228.8), "{body}");
    }
}

#[test]
fn bare_line_figures_adding_up_to_a_pools_use_are_each_lines_usage() {
    let page = |a: &str, b: &str| {
        us(&format!(
            "<main><section><h2>Shared data</h2><p>6.5 GB left of 20 GB</p></section>\
             <section><h2>Lines</h2><div><h3>Alex</h3><p>(555) 010-2231</p><p>{a}</p></div>\
             <div><h3>Sam</h3><p>(555) 010-7788</p><p>{b}</p></div></section></main>"
        ))
    };
    let s = page("8.1 GB", "5.4 GB");
    let d = |i: usize| s.lines[i].data.clone().unwrap();
    assert_eq!(
        (d(0).used_mb, d(0).remaining_mb, d(0).total_mb),
        (Some(8294.4), Some(6656.0), Some(20480.0))
    );
    assert_eq!(d(1).used_mb, Some(5529.6));
    // Figures that do not add up to it say nothing known: every line shows the pool.
    let s = page("3 GB", "2 GB");
    assert_eq!(s.lines[0].data.clone().unwrap().used_mb, Some(13824.0));
    assert_eq!(s.lines[1].data.clone().unwrap().used_mb, Some(13824.0));
}

#[test]
fn data_refreshes_is_a_data_reset_that_yields_to_the_plans_end() {
    // Mint's wording of the monthly reset of a multi-month plan.
    let s = us("<p>Data refreshes Dec 14</p><p>Plan expires Feb 14, 2027</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2027, 2, 14));
    let s = us("<p>Your data refreshes on Dec 14</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 14));
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
    // A refresh already done is a timestamp, no renewal.
    let s = us("<p>Last refreshed Nov 25</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, None);
}

#[test]
fn a_data_reset_under_its_own_heading_after_a_bill_is_no_due_date() {
    // Flat panels (`p` in `div` in `main`): the card two levels up is the whole page (the
    // bill's own due date more than four rows above the reset).
    let s = us(
        "<main><div><h2>Your bill</h2><p>Your next bill of <b>$58.00</b> is due <b>Dec 21</b>.</p>\
         <p>Automatic payments: <b>On</b></p><p>Your bill includes a discount of $2.90.</p></div>\
         <div><h2>Shared data</h2><p>You've used 62% of your 10GB shared data.</p>\
         <p>Data resets Dec 3.</p></div></main>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 21));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 3));
}

#[test]
fn more_renewal_due_and_autopay_wording() {
    let page = |lang: &str, body: &str| {
        scan(
            &format!(r#"<html lang="{lang}"><body>{body}</body></html>"#),
            "https://account.example-mobile.com/",
        )
    };
    let s = page("zh-TW", "<table><tr><th>繳款截止日</th><td>2026/12/10</td></tr><tr><th>代繳狀態</th><td>信用卡自動扣繳</td></tr></table><p>剩餘 3GB</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 10));
    assert_eq!(s.autopay, Some(true));
    let s = page("de", "<p>Ihr Tarif verlängert sich in 3 Tagen</p><p>Zahlungsart: SEPA-Lastschrift</p><p>Datenvolumen: noch 3 GB</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 11, 29));
    assert_eq!(s.autopay, Some(true));
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
    let s = page(
        "es",
        "<p>Te quedan 3 GB</p><p>Se renuevan el 01/12/2026</p>",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 1));
}

#[test]
fn unlimited_alone_is_not_what_was_used() {
    let s = us(
        "<section><div><span>12.6</span><span>GB</span></div><p>Data used this bill cycle</p>\
         <p class=plan-chip>Go5G Plus · Unlimited</p></section>",
    );
    let d = data(&s);
    assert_eq!(d.used_mb, Some(12902.4));
    assert!(d.unlimited);
}

#[test]
fn a_plan_cards_heading_names_the_plan() {
    let plan = |h: &str| {
        us(&format!(
            "<section class=plan-card><h2>{h}</h2><p>Your plan renews Dec 12</p>\
             <p>Auto-renew: On</p></section><p>Data 3 GB left</p>"
        ))
        .lines[0]
            .plan
            .clone()
    };
    assert_eq!(plan("By the Gig 5GB").as_deref(), Some("By the Gig 5GB"));
    assert_eq!(plan("Current plan"), None);
    assert_eq!(plan("Plan details"), None);
}

#[test]
fn a_menu_entry_is_no_plan_label() {
    // `套餐` in a menu, beside another entry, labels nothing.
    let page = r#"<ul><li>首页</li><li>充值交费</li><li>套餐</li><li>我的联通</li></ul>
        <div><span class="phone">186****0417</span> <span class="pkg">腾讯大王卡</span></div>
        <p>剩余通用流量 59.92G</p>"#;
    let s = scan(
        &format!(r#"<html lang="zh-CN"><body>{page}</body></html>"#),
        "https://www.10010.com/net5/011/",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("腾讯大王卡"));
    let s = us("<nav><a>Home</a><span>Plan</span><a>Shop phones</a></nav><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].plan, None);
    // A label and its value in one item of a list are still read.
    let s = us("<ul><li><span>Plan</span><span>Magenta</span></li><li>Data 3 GB left</li></ul>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Magenta"));
}

#[test]
fn a_plan_named_by_its_allowance_and_plan_word_is_the_plan() {
    // `5G 50GB 月費計劃` is a name, not a label above the next section's heading.
    let page = r#"<p>手機號碼</p><p class="msisdn">+852 5123 4567</p><p>5G 50GB 月費計劃</p>
        <h2>賬單</h2><p>已用：18.4GB / 50GB</p>"#;
    let s = scan(
        &format!(r#"<html lang="zh-HK"><body>{page}</body></html>"#),
        "https://www.three.com.hk/my3/zh/account",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("5G 50GB 月費計劃"));
    let s = us("<p>15GB Plan</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("15GB Plan"));
}

#[test]
fn the_innermost_plan_element_names_the_plan() {
    let s = us(
        r#"<div class="line-card__plan"><span class="plan-title">15GB Plan</span><span class="plan-term">3-month term</span></div><p>Data 3 GB left</p>"#,
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("15GB Plan"));
}

#[test]
fn a_data_reset_in_its_own_sentence_yields_to_a_plan_end_below_its_label() {
    let s = us("<p>Data resets Dec 9</p><dl><dt>Plan expires</dt><dd>Jan 9, 2027</dd></dl><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2027, 1, 9));
    assert_eq!(s.next_bill_date, date(2027, 1, 9));
    let s = us("<p>Data resets in 7 days</p><dl><dt>Plan expires</dt><dd>Mar 3, 2027</dd></dl><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2027, 3, 3));
}

#[test]
fn a_word_after_a_figure_in_its_own_element_is_no_unit() {
    // `12/04` `for`: the date keeps its end (it was read as `12/04for`).
    let s = us("<p>Your plan renews on <strong>12/04</strong> for <strong>$40.00</strong>.</p><p>Data 3 GB left</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 4));
    // A unit still stays with its figure.
    let s = us("<p>Data left <span>59.92</span><span>G</span></p>");
    assert_eq!(data(&s).remaining_mb, Some(61358.08));
}

#[test]
fn google_fi_cycle_end_is_the_lines_renewal_and_payment_due_the_bill_date() {
    let page = r#"<html lang="en"><body><h1 class="plan-name">Flexible</h1>
        <div>Cycle ends in <b>9 days</b></div><div>Data usage is <b>3.21 GB</b></div>
        <div><span>Estimated next statement</span><span>$38.75</span></div>
        <div><span>Payment due</span><span>Dec 20</span></div>
        <div><span>Last statement (Nov 20)</span><span>$41.02 · Paid</span></div></body></html>"#;
    let s = scan(page, "https://fi.google.com/account");
    assert_eq!(s.next_bill_date, date(2026, 12, 20));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 5));
    assert_eq!(s.amount_due, usd(3875));
    // Alone, the cycle end is the bill date too.
    let s = scan(
        r#"<html lang="en"><body><div>Cycle ends in <b>9 days</b></div><div>Data usage is <b>3.21 GB</b></div></body></html>"#,
        "https://fi.google.com/account",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
}

#[test]
fn more_wording_for_payments_balances_and_autopay() {
    let s = us("<h2>Airtime credit</h2><p>£6.45</p><p>Data 3 GB left</p>");
    assert_eq!(s.balance.map(|m| m.cents), Some(645));
    let s =
        us("<div><span>Pre-authorized payment</span> <span>Off</span></div><p>Data 3 GB left</p>");
    assert_eq!(s.autopay, Some(false));
    let s = us("<p>Your bill is due Dec 9</p><p>$142.50</p><p>AutoPay is scheduled for Dec 9</p><p>Data 3 GB left</p>");
    assert_eq!(s.autopay, Some(true));
    let s = us("<p>Your plan renews on Dec 14. We'll charge $45.00 to your Visa ending in 4242.</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(4500));
    let s = us("<p>Next AutoPay payment $80.00 on Dec 2</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(8000));
    assert_eq!(s.next_bill_date, date(2026, 12, 2));
    let es = |body: &str| {
        scan(
            &format!(r#"<html lang="es-ES"><body>{body}</body></html>"#),
            "https://clientes.example-movil.es/",
        )
    };
    let s = es("<p>Próximo cargo: <strong>12,90 €</strong> el <strong>05/12/2026</strong></p><p>Pago domiciliado en ES76 **** 4521</p><p>Datos 3 GB restantes</p>");
    assert_eq!(s.amount_due.map(|m| m.cents), Some(1290));
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    assert_eq!(s.autopay, Some(true));
    let s = es("<p>Tu plan <strong>Prepago 15GB</strong> se renovará el <strong>8 de diciembre de 2026</strong>.</p><p>Datos 3 GB restantes</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 8));
}

#[test]
fn a_heading_over_a_kind_of_plan_names_the_plan() {
    let s = us(
        "<div><h1>Unlimited Plus</h1><p>Group plan · 2 members · Renews Dec 11</p>
        <p>13.5 GB used this cycle by your group</p></div>
        <ul><li><div>Dad's Pixel</div><div>(•••) •••-2290</div><div>8.4 GB</div></li>
        <li><div>Rosa's phone</div><div>(•••) •••-6735</div><div>5.1 GB</div></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].plan.as_deref(), Some("Unlimited Plus"));
    assert_eq!(s.lines[1].plan.as_deref(), Some("Unlimited Plus"));
    let s = us(
        "<section><h2>Go5G Plus</h2><p>Your plan</p><p>Line (415) 555-0137 3 GB used</p></section>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Go5G Plus"));
    // A section's heading is no plan, nor is what a plan costs.
    let s = us("<section><h2>Billing</h2><p>Plan charges $80.00</p><p>Line (415) 555-0137 3 GB used</p></section>");
    assert_eq!(s.lines[0].plan, None);
    let s = us("<section><h2>Account overview</h2><p>Your plan: Magenta</p><p>Line (415) 555-0137 3 GB used</p></section>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Magenta"));
}

#[test]
fn a_carriers_plan_name_alone_in_its_element_names_the_plan() {
    let page = r#"<html lang="en"><body><nav><a>Go5G Next</a></nav>
        <div class="line"><p>Kid tablet</p><p>(206) 555-0188</p><p>Tablet Unlimited</p><p>Data: 1.2 GB used</p></div>
        <div class="line"><p>Work phone</p><p>(206) 555-0143</p><p>Go5G Plus® plan</p><p>Data: 23.4 GB used</p></div>
        <div class="promo"><p>Upgrade to Go5G Next</p></div></body></html>"#;
    let s = scan(page, "https://www.t-mobile.com/account/dashboard");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Tablet Unlimited"));
    assert!(data(&s).unlimited);
    assert_eq!(s.lines[1].plan.as_deref(), Some("Go5G Plus"));
    // Inside a sentence, a link or a promotion it names no plan.
    let page = r#"<html lang="en"><body><p>Switch to Go5G Plus today</p><a href="/plans">Go5G Plus</a>
        <p>(206) 555-0143</p><p>Data: 23.4 GB used</p></body></html>"#;
    let s = scan(page, "https://www.t-mobile.com/account/dashboard");
    assert_eq!(s.lines[0].plan, None);
    // Only on the carrier's own pages.
    let s = us("<p>(206) 555-0143</p><p>Go5G Plus</p><p>Data: 23.4 GB used</p>");
    assert_eq!(s.lines[0].plan, None);
    // A plan name inside a labelled plan is part of it, and `Unlimited` keeps its meaning.
    let page = r#"<html lang="en"><body><p><span>Plan</span> <span>T-Mobile Prepaid Connect 5GB</span></p>
        <p>(917) 555-4821</p><p>Data: 3.42 GB remaining</p></body></html>"#;
    let s = scan(page, "https://prepaid.t-mobile.com/myaccount/overview");
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("T-Mobile Prepaid Connect 5GB")
    );
    let page = r#"<html lang="en"><body><p>(206) 555-0143</p><p>Simply Unlimited</p><p>Data: 23.4 GB used</p></body></html>"#;
    let s = scan(page, "https://fi.google.com/account");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Simply Unlimited"));
    assert!(data(&s).unlimited);
}

#[test]
fn a_request_to_pay_by_a_date_gives_the_bill_date() {
    let page = r#"<html lang="zh-CN"><body><p>剩余话费 <b>-3.20</b> 元（已欠费）</p><p>套餐内剩余流量 11.48GB</p>
        <p>请于2026年12月5日前缴费</p></body></html>"#;
    let s = scan(page, "https://www.10010.com/");
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    assert_eq!(s.balance.map(|m| m.cents), Some(-320));
}

#[test]
fn a_caption_in_a_name_element_is_no_name() {
    let s = us(
        r#"<div><span class="line-tile__name">Number</span><span class="line-tile__mdn">(347) 555-0131</span></div><p>Data 3 GB left</p>"#,
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("0131"));
    assert_eq!(s.lines[0].label, None);
    let s = us(
        r#"<div><span class="line-tile__name">Work phone</span><span class="line-tile__mdn">(347) 555-0131</span></div><p>Data 3 GB left</p>"#,
    );
    assert_eq!(s.lines[0].label.as_deref(), Some("Work phone"));
}

#[test]
fn an_amount_and_its_total_in_sibling_elements_are_one_reading() {
    let s = us(
        r#"<div><span>High-speed data</span> <span>4.1 GB</span> <span>of 6 GB used</span></div>"#,
    );
    assert_eq!(data(&s).used_mb, Some(4198.4));
    assert_eq!(data(&s).total_mb, Some(6144.0));
    // On an unlimited bucket a bare amount beside `Unlimited` is usage.
    let s =
        us(r#"<div><span>High-speed data</span><span>41.2 GB</span><span>Unlimited</span></div>"#);
    assert_eq!(data(&s).used_mb, Some(42188.8));
    assert!(data(&s).unlimited);
}

#[test]
fn a_plan_named_only_unlimited_leaves_a_capped_bucket_capped() {
    // Mint's `Unlimited` plan: 40 GB of high-speed data, then slowed down.
    let s = us(
        "<main><div><span>(213) 555-0124</span></div>\
         <section class=plan-box><div class=plan-title>Unlimited</div><div>6-month plan</div></section>\
         <section class=data-box><div><span>8.6</span><span>GB</span></div>\
         <div>High-speed data remaining of 40 GB</div></section></main>",
    );
    let d = data(&s);
    assert!(!d.unlimited);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(8806.4), Some(40960.0)));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Unlimited"));
    // With no allowance on the page the plan's name still says the data is unlimited.
    let s = us(
        "<section class=plan-box><div class=plan-title>Unlimited</div></section>\
         <section class=data-box><p>Data used 18.2 GB</p></section>",
    );
    let d = data(&s);
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(18636.8));
}

#[test]
fn an_amount_alone_in_its_block_and_its_total_in_the_next_are_one_reading() {
    // `<td>` | `3.1 GB` `<br>` `of 8 GB used`.
    let s = us(
        r#"<table><tr><th>Line</th><th>Data</th></tr><tr><th scope=row>Tablet</th><td><span>3.1 GB</span><br><span>of 8 GB used</span></td></tr></table>"#,
    );
    assert_eq!(data(&s).used_mb, Some(3174.4));
    assert_eq!(data(&s).total_mb, Some(8192.0));
    assert_eq!(data(&s).remaining_mb, Some(5017.6));
    // A ring's figure and unit split, its caption a block below with the state word first.
    let s = us(
        r#"<section><h2>Data</h2><div class=ring><span>2.5</span><span>GB</span></div><p>left of 20 GB this cycle</p><p>Add 1GB for $5</p></section>"#,
    );
    assert_eq!(data(&s).remaining_mb, Some(2560.0));
    assert_eq!(data(&s).total_mb, Some(20480.0));
    // A total that does not say what the amount is leaves that to the label above.
    let s = us(
        r#"<section><h3>High-speed data left</h3><p class=big>7.5 GB</p><p class=small>of 10 GB</p></section>"#,
    );
    assert_eq!(data(&s).remaining_mb, Some(7680.0));
    assert_eq!(data(&s).total_mb, Some(10240.0));
}

#[test]
fn an_unlimited_in_a_menu_of_links_is_not_the_data() {
    let page = r#"<main><div class=card><p>Phone (347) 555-0131</p><p>Plan 8GB</p><p>5.5 GB remaining of 8 GB</p></div></main>
        <footer><h2>Plans</h2><ul><li><a href="/p/u">Unlimited</a></li><li><a href="/p/g">Pay by the GB</a></li></ul></footer>"#;
    let s = us(page);
    assert!(!data(&s).unlimited);
    assert_eq!(data(&s).remaining_mb, Some(5632.0));
    assert_eq!(data(&s).total_mb, Some(8192.0));
    // A plan's link in a line card still says its plan is `Unlimited`.
    let s = us(
        r#"<div class=line><p>Work</p> <p>(347) 555-0131</p> <p><a href="/plan">Unlimited</a></p></div>"#,
    );
    assert!(data(&s).unlimited);
}

#[test]
fn unlimited_above_a_caption_of_talk_and_text_is_not_the_data() {
    let s = us(
        r#"<section class=stats><div class=stat>2.2 GB<div class=cap>Remaining Data</div></div><div class=stat>3 GB<div class=cap>Plan Data</div></div><div class=stat>Unlimited<div class=cap>Talk &amp; Text</div></div></section>"#,
    );
    assert!(!data(&s).unlimited);
    assert_eq!(data(&s).remaining_mb, Some(2252.8));
    assert_eq!(data(&s).total_mb, Some(3072.0));
}

#[test]
fn a_threshold_of_google_fis_bill_protection_is_no_allowance() {
    let page = r#"<html lang="en-US"><body><div><p>Data usage is 4.5 GB</p><p>Group total · Bill Protection starts at 15 GB</p></div>
        <ul><li><span>Sam</span> <span>(•••) •••-0312</span><div><span>3 GB</span> <span>data used</span></div></li>
        <li><span>Kit</span> <span>(•••) •••-0313</span><div><span>1.5 GB</span> <span>data used</span></div></li></ul></body></html>"#;
    let s = scan(page, "https://fi.google.com/account");
    assert_eq!(s.lines.len(), 2);
    for (line, used) in s.lines.iter().zip([3072.0, 1536.0]) {
        let d = line.data.clone().unwrap();
        assert_eq!(d.used_mb, Some(used));
        assert_eq!((d.remaining_mb, d.total_mb), (None, None));
    }
}

#[test]
fn a_taiwanese_mobile_data_card_beside_a_talk_card_is_data() {
    let page = r#"<html lang="zh-TW"><body><p>網內通話 免費</p><div class=cards>
        <div class=card><div class=hd>行動上網</div><div class=bd><p>吃到飽</p><p>本期已使用 <strong>12.5</strong> GB</p></div></div>
        <div class=card><div class=hd>網外通話</div><div class=bd><p>剩餘 <strong>10</strong> 分鐘</p><p>已使用 50 分鐘 / 共 60 分鐘</p></div></div>
        </div></body></html>"#;
    let s = scan(page, "https://cs.example.com.tw/member/usage");
    assert_eq!(data(&s).used_mb, Some(12800.0));
    assert!(data(&s).unlimited);
}

#[test]
fn a_balance_note_naming_calls_and_texts_starts_no_talk_bucket() {
    let s = us(
        r#"<div><article><h2>Balance</h2><p>$12.00</p><p>Balance available for calls and texts outside your bundle.</p></article>
        <article><h2>Your bundle</h2><p>Bundle Go 8</p><p>You have <strong>2.5 GB</strong> left of 8 GB to browse.</p></article></div>"#,
    );
    assert_eq!(s.balance, usd(1200));
    assert_eq!(data(&s).remaining_mb, Some(2560.0));
    assert_eq!(data(&s).total_mb, Some(8192.0));
}

#[test]
fn a_german_inclusive_volume_is_the_total() {
    let page = r#"<html lang="de-DE"><body><section><h2>Datenvolumen</h2><dl><dt>Restvolumen</dt><dd>1,5 GB</dd><dt>Inklusiv-Volumen</dt><dd>3 GB</dd></dl></section></body></html>"#;
    let s = scan(page, "https://mein.example.de/konto");
    assert_eq!(data(&s).remaining_mb, Some(1536.0));
    assert_eq!(data(&s).total_mb, Some(3072.0));
    assert_eq!(data(&s).used_mb, Some(1536.0));
}

#[test]
fn an_estimated_total_under_a_bills_items_is_the_amount_due() {
    let s = us(
        "<section><h2>Bill estimate</h2><table><tbody>\
         <tr><th scope=row>Base (3 lines)</th><td>$45.00</td></tr>\
         <tr><th scope=row>Taxes &amp; fees</th><td>$3.10</td></tr></tbody>\
         <tfoot><tr><th scope=row>Estimated total</th><td class=total>$48.10</td></tr></tfoot></table></section>",
    );
    assert_eq!(s.amount_due, usd(4810));
}

#[test]
fn the_day_autopay_will_charge_is_the_bill_date_before_a_cycle_end() {
    let s = scan(
        "<html lang=en><body><p>Cycle ends</p><p>11 days</p><p>Data usage is 2.40 GB</p>\
         <p>Your estimate changes as you use data. Autopay will charge your statement total on Dec 22.</p></body></html>",
        "https://fi.google.com/account",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 22));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 7));
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn autopay_on_a_day_dates_the_bill() {
    let s = scan(
        "<html lang=en><body><p>Cycle ends Dec 10</p><p>Next statement</p><p>$42.00</p>\
         <p>Estimated · Autopay on Dec 18</p></body></html>",
        "https://fi.google.com/account",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 18));
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.amount_due, usd(4200));
}

// ---- drop-downs (the lead) -------------------------------------------------------------

#[test]
fn a_line_picker_names_the_line_it_shows() {
    let s = us("<div class=picker><label for=ln>Line</label><select id=ln>\
         <option>(•••) •••-7310</option><option selected>(•••) •••-5562</option></select></div>\
         <section><h2>Data</h2><p>2.5 GB left of 10 GB</p></section>");
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5562"));
    assert_eq!(data(&s).remaining_mb, Some(2560.0));
}

#[test]
fn a_drop_downs_choice_is_no_account_figure() {
    let s = us(
        "<form><p>Amount due <select><option>$25.00</option><option selected>$50.00</option></select></p>\
         <p>Due date <select><option selected>Dec 12</option></select></p>\
         <p>Data remaining <select><option selected>5 GB</option></select></p>\
         <p>Account balance <select><option selected>--</option></select></p></form>\
         <p>Account balance: $7.10</p>",
    );
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.balance, usd(710));
    assert_eq!(s.amount_due, None);
    assert_eq!(s.next_bill_date, None);
    assert!(s.lines.iter().all(|l| l.data.is_none()));
}

// --- money, currency, amount due, autopay, next bill date (fixer "money") ---------------

#[test]
fn a_dollar_takes_the_currency_of_the_host_country_before_the_language() {
    // A page machine-translated into Chinese keeps its host's country.
    let page = r#"<html lang="zh-CN"><body><dl><dt>账户余额</dt><dd>$7.15</dd></dl></body></html>"#;
    let s = scan(page, "https://self.example-tel.ca/home");
    assert_eq!(s.balance, Some(Money::new(715, Currency::Cad)));
    let page = r#"<html lang="en"><body><p>Account credit $9.80</p></body></html>"#;
    let s = scan(page, "https://my.example.com.au/services");
    assert_eq!(s.balance, Some(Money::new(980, Currency::Aud)));
    let page = r#"<html lang="es-AR"><body><p>Saldo disponible $ 2.310,40</p></body></html>"#;
    let s = scan(page, "https://portal.example.com/inicio");
    assert_eq!(s.balance, Some(Money::new(231_040, Currency::Ars)));
    // A host of no known country keeps the language's currency.
    let s = scan(page, "https://portal.example.io/inicio");
    assert_eq!(s.balance, Some(Money::new(231_040, Currency::Ars)));
}

#[test]
fn an_automatic_top_up_turned_on_is_autopay() {
    let page = r#"<html lang="zh-CN"><body><p>账户余额 ¥20.00</p><div><span>自动充值</span><span>已开通</span></div></body></html>"#;
    let s = scan(page, "https://www.example-tel.cn/account");
    assert_eq!(s.autopay, Some(true));
    let page = r#"<html lang="zh-HK"><body><dl><dt>儲值額</dt><dd>HK$30.00</dd><dt>自動增值</dt><dd>已啟用</dd></dl></body></html>"#;
    let s = scan(page, "https://my.example.hk/account");
    assert_eq!(s.autopay, Some(true));
    let s = us("<p>Balance $4.00</p><p>Auto top-up: Off</p>");
    assert_eq!(s.autopay, Some(false));
}

#[test]
fn a_table_of_bills_by_past_month_is_history() {
    let page = r#"<html lang="zh-CN"><body><p>可用余额 ¥33.10</p><section><h2>账单记录</h2><table>
        <thead><tr><th>月份</th><th>应缴金额</th><th>缴费日期</th></tr></thead><tbody>
        <tr><td>2026年09月</td><td>¥88.00</td><td>2026-09-28</td></tr>
        <tr><td>2026年08月</td><td>¥91.50</td><td>2026-08-29</td></tr></tbody></table></section></body></html>"#;
    let s = scan(page, "https://www.example-tel.cn/account");
    assert_eq!(s.balance, Some(Money::new(3310, Currency::Cny)));
    assert_eq!(s.amount_due, None);
    assert_eq!(s.next_bill_date, None);
    // The month still open is the current bill.
    let page = page.replace("2026年09月", "2026年11月");
    let s = scan(&page, "https://www.example-tel.cn/account");
    assert_eq!(s.amount_due, Some(Money::new(8800, Currency::Cny)));
}

#[test]
fn a_balance_under_a_threshold_is_a_rule_not_the_balance() {
    let page = r#"<html lang="zh-CN"><body><div><p>当前余额</p><p>¥64.20</p></div><div><p>自动充值</p><p>已开通</p></div>
        <p>余额不足20元时自动充值100元</p></body></html>"#;
    let s = scan(page, "https://www.example-tel.cn/account");
    assert_eq!(s.balance, Some(Money::new(6420, Currency::Cny)));
    let s = us("<div><p>Account balance</p><p>$8.15</p></div><p>When your balance falls below $5.00 we add $20.00.</p>");
    assert_eq!(s.balance, usd(815));
}

#[test]
fn a_translated_next_payment_is_the_amount_due() {
    let page = r#"<html lang="zh-CN" class="translated-ltr"><body><p>您的计划将于 12月15日 续订</p>
        <dl><dt>下次扣款</dt><dd>$31.50</dd><dt>扣款日期</dt><dd>2026年12月15日</dd></dl></body></html>"#;
    let s = scan(page, "https://app.example-mobile.com/dashboard");
    assert_eq!(s.amount_due, usd(3150));
    assert_eq!(s.next_bill_date, date(2026, 12, 15));
    let page = r#"<html lang="zh-CN"><body><p>预计下一期账单</p><p>$72.00</p></body></html>"#;
    let s = scan(page, "https://app.example-mobile.com/dashboard");
    assert_eq!(s.amount_due, usd(7200));
}

#[test]
fn a_row_saying_it_was_paid_is_history() {
    let page = r#"<html lang="zh-CN"><body><p>账户余额 $6.10</p><h3>付款记录</h3>
        <p>11月2日 计划续订 $29.00 已付</p><p>10月3日 计划续订 $29.00 已付</p></body></html>"#;
    let s = scan(page, "https://self.example-tel.com/overview");
    assert_eq!(s.balance, usd(610));
    assert_eq!(s.next_bill_date, None);
    let s = us("<p>Balance $6.10</p><h3>Payments</h3><p>Nov 2 Plan renewal $29.00 Paid</p>");
    assert_eq!(s.next_bill_date, None);
    // A state alone is no entry.
    let s = us("<p>Amount due $12.00</p><p>Prepaid</p>");
    assert_eq!(s.amount_due, usd(1200));
}

#[test]
fn a_translated_one_character_toggle_is_a_state() {
    let page = r#"<html lang="zh-CN"><body><dl><dt>账户余额</dt><dd>$2.75</dd><dt>自动付款</dt><dd>开</dd></dl>
        <p>公开信息</p></body></html>"#;
    let s = scan(page, "https://self.example-tel.com/overview");
    assert_eq!(s.autopay, Some(true));
    let s = scan(
        &page.replace("<dd>开</dd>", "<dd>关</dd>"),
        "https://self.example-tel.com/overview",
    );
    assert_eq!(s.autopay, Some(false));
    // The character inside a word is no state.
    let s = scan(
        &page.replace("<dd>开</dd>", "<dd>开具发票</dd>"),
        "https://self.example-tel.com/overview",
    );
    assert_eq!(s.autopay, None);
}

#[test]
fn a_translated_autopay_day_and_an_austrian_due_date() {
    let page = r#"<html lang="zh-CN"><body><p>预计下一期账单 $61.00</p><p>自动付款将于 12月18日（周五）扣款</p></body></html>"#;
    let s = scan(page, "https://app.example-mobile.com/group");
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.next_bill_date, date(2026, 12, 18));
    let page = r#"<html lang="de-AT"><body><dl><dt>Rechnungsbetrag</dt><dd>€ 41,20</dd><dt>Fälligkeit</dt><dd>Mi., 09.12.2026</dd></dl></body></html>"#;
    let s = scan(page, "https://konto.example.at/start");
    assert_eq!(s.amount_due, Some(Money::new(4120, Currency::Eur)));
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
}

#[test]
fn an_argentine_bill_to_pay_and_direct_debit_not_joined() {
    let page = r#"<html lang="es-AR"><body><div><h2>Factura a pagar</h2><p>$&nbsp;21.450,00</p>
        <p>Débito automático: <span>no adherido</span></p></div></body></html>"#;
    let s = scan(page, "https://portal.example.com.ar/home");
    assert_eq!(s.amount_due, Some(Money::new(2_145_000, Currency::Ars)));
    assert_eq!(s.autopay, Some(false));
    let s = scan(
        &page.replace("no adherido", "adherido"),
        "https://portal.example.com.ar/home",
    );
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn cents_after_a_separator_in_elements_of_their_own_are_one_amount() {
    let page = r#"<html lang="es-ES"><body><p>Tu próxima factura</p>
        <p>Importe <span><span class=n>27</span>,<span class=d>15</span>&nbsp;€</span></p></body></html>"#;
    let s = scan(page, "https://area.example.es/inicio");
    assert_eq!(s.amount_due, Some(Money::new(2715, Currency::Eur)));
    // A year after a day and a comma keeps its space.
    let s = us("<p>Plan renews <span>Dec 9</span>,<span>2026</span></p><p>Balance $1.00</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
}

#[test]
fn a_primary_and_a_secondary_card_are_lines_not_payment_cards() {
    let s = scan(
        "<html lang=zh-CN><body><h3>成员</h3>\
         <div><p><span>主卡</span><span>186****3307</span></p><p><span>本月已用</span><b>6.5GB</b></p></div>\
         <div><p><span>副卡</span><span>155****9012</span> <span>备注：爸爸</span></p><p><span>本月已用</span><b>1.5GB</b></p></div>\
         <p>银行卡 尾号 6621</p></body></html>",
        "https://m.example-telecom.cn/family",
    );
    let numbers: Vec<_> = s.lines.iter().map(|l| l.number_last4.as_deref()).collect();
    assert_eq!(numbers, vec![Some("3307"), Some("9012")]);
    assert_eq!(
        s.lines[1].data.as_ref().and_then(|d| d.used_mb),
        Some(1536.0)
    );
}

#[test]
fn a_balance_owing_is_the_amount_due() {
    let s =
        us("<dl><dt>Balance owing</dt><dd>$88.20</dd><dt>Due date</dt><dd>Dec 11, 2026</dd></dl>");
    assert_eq!(s.amount_due, usd(8820));
    assert_eq!(s.balance, None);
}

#[test]
fn a_negated_on_word_is_off() {
    for (lang, row) in [
        (
            "de-CH",
            "<dt>Lastschrift (LSV+)</dt><dd>nicht aktiviert</dd>",
        ),
        ("en-GB", "<dt>Direct Debit</dt><dd>Not activated</dd>"),
        ("es-MX", "<dt>Pago automático</dt><dd>No activado</dd>"),
    ] {
        let s = scan(
            &format!("<html lang={lang}><body><dl><dt>Guthaben / Balance / Saldo</dt><dd>12.00</dd>{row}</dl></body></html>"),
            "https://my.example-mobile.net/",
        );
        assert_eq!(s.autopay, Some(false), "{row}");
    }
}

#[test]
fn a_tip_to_turn_autorenew_on_leaves_it_off() {
    let s = scan(
        "<html lang=zh-CN><body><p>账户余额 $3.00</p><div><span>自动续订</span> <span>关闭</span></div>\
         <p>开启自动续订，避免服务中断。</p></body></html>",
        "https://my.example-mobile.com/",
    );
    assert_eq!(s.autopay, Some(false));
}

// ---- Plan names and line labels (fixnames) ----

#[test]
fn a_plan_word_running_on_into_its_own_text_is_the_names_first_word() {
    let plan = |body: &str| us(body).lines[0].plan.clone();
    assert_eq!(
        plan("<div><span>Your line</span> <span>(555) 201-7788</span> <span>Plan Grande 12 GB</span></div><p>3 GB left of 12 GB</p>")
            .as_deref(),
        Some("Plan Grande 12 GB")
    );
    assert_eq!(
        plan("<article><p>Bundle</p><p>Bundle Vega 150</p><p>2 GB left</p></article>").as_deref(),
        Some("Bundle Vega 150")
    );
    assert_eq!(
        plan("<p>Tariff 20 GB</p><p>2 GB left</p>").as_deref(),
        Some("Tariff 20 GB")
    );
    // A plan word in an element of its own, or before a colon, is the label.
    assert_eq!(
        plan("<div><span>Plan</span> <span>Vega 150</span></div><p>2 GB left</p>").as_deref(),
        Some("Vega 150")
    );
    assert_eq!(
        plan("<p>Plan: Vega 150</p><p>2 GB left</p>").as_deref(),
        Some("Vega 150")
    );
}

#[test]
fn a_label_word_glued_inside_a_cjk_plan_name_is_part_of_it() {
    let page = r#"<html lang="zh-CN"><body><div class=row><span class=k>账户余额</span><span class=v>¥12.00</span></div>
        <div class=row><span class=k>套餐</span><span class=v>欢乐家庭共享卡</span></div><p>剩余通用流量 3.5GB</p></body></html>"#;
    let s = scan(page, "https://m.example-tel.cn/home");
    assert_eq!(s.lines[0].plan.as_deref(), Some("欢乐家庭共享卡"));
}

/// A Chinese page as the browser's translation leaves it: every text in two `<font>`s.
/// A page in British English on a `.co.uk` host.
fn uk(body: &str) -> Snapshot {
    scan(
        &format!(r#"<html lang="en-GB"><body>{body}</body></html>"#),
        "https://my.example-mobile.co.uk/",
    )
}

fn translated(body: &str) -> Snapshot {
    let body = body.replace(
        "{",
        r#"<font style="vertical-align: inherit;"><font style="vertical-align: inherit;">"#,
    );
    let body = body.replace('}', "</font></font>");
    scan(
        &format!(r#"<html lang="zh-CN" class="translated-ltr"><body>{body}</body></html>"#),
        "https://account.example-mobile.com/",
    )
}

#[test]
fn a_translated_plan_label_reaches_its_value_through_the_font_wrappers() {
    let s = translated(
        "<section><dl><div><dt>{套餐}</dt><dd>{Zephyr Lite}</dd></div>\
         <div><dt>{数据}</dt><dd>{剩余 2 GB}</dd></div></dl></section>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Zephyr Lite"));
}

#[test]
fn my_plan_as_a_heading_is_a_label_and_a_sentence_with_a_date_no_name() {
    let s = translated("<section><h2>{我的计划}</h2><div><span>{轻享 8GB}</span></div></section><p>{剩余 2 GB}</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("轻享 8GB"));
    let s = translated("<p>{您的计划将于 12月20日 续订。}</p><p>{剩余 2 GB}</p>");
    assert_eq!(s.lines[0].plan, None);
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 20));
}

#[test]
fn a_member_count_after_a_plan_name_is_not_part_of_it() {
    let s = us("<p>Plan: Everyday Max · 4 members</p><p>2 GB left</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Everyday Max"));
}

#[test]
fn a_device_model_between_a_lines_name_and_its_number_is_not_the_name() {
    let s = translated(
        "<ul><li><div><p>{Rosa}</p><p>{Samsung Galaxy A15}</p><p>{(•••) •••-4410}</p></div><p>{剩余 2 GB}</p></li>\
         <li><div><p>{Tomás}</p><p>{Apple iPhone 15}</p><p>{(•••) •••-4411}</p></div><p>{剩余 3 GB}</p></li></ul>",
    );
    let labels: Vec<_> = s.lines.iter().map(|l| l.label.as_deref()).collect();
    assert_eq!(labels, [Some("Rosa"), Some("Tomás")]);
    // On a single line's page a model beside the number names no one.
    let s = us(
        "<section><h2>Your phone</h2><p>Pixel 8 Pro · (•••) •••-5521</p><p>2 GB left</p></section>",
    );
    assert_eq!(s.lines[0].label, None);
    let s = us("<section><p>Work phone · (•••) •••-5521</p><p>2 GB left</p></section>");
    assert_eq!(s.lines[0].label.as_deref(), Some("Work phone"));
}

#[test]
fn a_page_title_naming_an_allowance_is_every_lines_plan() {
    let s = us(
        "<header><h1>Family Pool 40GB</h1><p>Renews Dec 8</p></header>\
         <section><p>22 GB left in your pool of 40 GB</p></section>\
         <ul><li><p>Ana</p><p>(718) 555-0101</p><p>Used: 9 GB</p></li>\
         <li><p>Ben</p><p>(718) 555-0102</p><p>Used: 9 GB</p></li></ul>",
    );
    let plans: Vec<_> = s.lines.iter().map(|l| l.plan.as_deref()).collect();
    assert_eq!(plans, [Some("Family Pool 40GB"), Some("Family Pool 40GB")]);
    // A title with a role word is a reading, not a name.
    let s = us("<h1>Data left 22 GB</h1><p>Used 18 GB</p>");
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn an_element_whose_class_says_nick_holds_the_lines_nickname() {
    let member = |role: &str, nick: &str, number: &str| {
        format!(
            "<li><div><span class=role>{role}</span><span class=member-nick>{nick}</span></div>\
             <div>{number}</div><div><span>本月已用</span><span>2GB</span></div></li>"
        )
    };
    let page = format!(
        r#"<html lang="zh-CN"><body><p>共 30GB 剩余 12GB</p><ul>{}{}</ul></body></html>"#,
        member("主卡", "工作号", "186****1234"),
        member("副卡", "小宝", "186****5678")
    );
    let s = scan(&page, "https://m.example-tel.cn/family");
    let labels: Vec<_> = s.lines.iter().map(|l| l.label.as_deref()).collect();
    assert_eq!(labels, [Some("工作号"), Some("小宝")]);
}

// ---- data buckets and renewals (fixdata) ----

#[test]
fn an_add_on_is_neither_the_lines_bucket_nor_its_renewal() {
    // A gauge, then bought extras under their own heading: a top-up's amount and a
    // booster's expiry are not the line's.
    let s = us(
        "<section><h2>Data</h2><p>3.1 GB used of 8 GB</p><p>Renews Dec 11</p></section>\
         <section><h3>Extras</h3><p>Weekend booster 1GB</p><p>Bought Nov 20 · expires Dec 2 · 700 MB left</p></section>",
    );
    let d = data(&s);
    assert_eq!((d.used_mb, d.total_mb), (Some(3174.4), Some(8192.0)));
    assert_eq!(d.remaining_mb, Some(8192.0 - 3174.4));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 11));
    let s = us(
        "<section><h2>Add-ons</h2><p>Roaming pass · valid until Dec 4</p>\
         <p>2 GB top-up · 1,500 MB left</p></section><p>Data</p><p>6 GB left of 12 GB</p>",
    );
    assert_eq!(data(&s).remaining_mb, Some(6144.0));
    assert_eq!(s.lines[0].renews_on, None);
}

#[test]
fn an_add_on_named_in_an_aside_a_sentence_or_a_button_leaves_the_bucket_alone() {
    let s = us(
        "<p>Data</p><p>You have 3,300 MB left of 9 GB this cycle (7 GB plan + 2 GB top-up).</p>\
         <p>Spend your credit on add-ons any time.</p><p>Plan renews Dec 6</p>\
         <p>2.5 GB used <button>Top-up</button></p>",
    );
    let d = data(&s);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(3300.0), Some(9216.0)));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 6));
}

#[test]
fn a_deadline_on_a_bill_dates_the_bill_not_the_lines_renewal() {
    // A machine-translated postpaid summary: `截止日期` (`Due date`) is when the bill is paid.
    let s = scan(
        "<html lang=zh-CN><body><p>应付金额 $88.20</p><p>截止日期：2026 年 12 月 14 日</p>\
         <p>(•••) •••-4410</p><p>已使用 3.2 GB</p><p>(•••) •••-5521</p><p>已使用 1.1 GB</p></body></html>",
        "https://account.example-mobile.com/bill",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
    assert_eq!(s.lines.len(), 2);
    assert!(
        s.lines.iter().all(|l| l.renews_on.is_none()),
        "{:?}",
        s.lines
    );
}

#[test]
fn a_year_less_renewal_in_a_history_is_a_past_one_not_the_next() {
    let s = us(
        "<p>Cycle: Nov 14 – Dec 13 · Renews Mon, Dec 14</p><p>Data</p><p>4.1 GB left of 20 GB</p>\
         <h3>History</h3><ul><li><span>Oct 14</span><p>Group 20GB renewal</p><span>$55.00</span></li>\
         <li><span>Sep 14</span><p>Group 20GB renewal</p><span>$55.00</span></li></ul>",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 14));
}

#[test]
fn a_tello_expiry_translated_to_chinese_is_the_renewal() {
    let s = scan(
        "<html lang=zh-CN><body><p>剩余余额</p><p>$3.10</p><p>到期日期</p><p>12/16/2026 23:59</p>\
         <p>剩余 2.4 GB</p><p>共 5 GB</p><h3>历史</h3><p>计划续订 · 5GB</p><p>2026年10月16日</p></body></html>",
        "https://tello.com/account/dashboard",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 16));
}

#[test]
fn a_roaming_packs_expiry_and_a_contracts_end_are_no_renewal() {
    let s = scan(
        "<html lang=zh-HK><body><dl><dt>有效期至</dt><dd>2026年12月20日</dd></dl>\
         <p>8.5GB 餘量</p><table><tr><th>服務</th><th>餘量</th><th>有效期</th></tr>\
         <tr><td>東南亞漫遊數據 2GB</td><td>1.2GB</td><td>2026年12月2日 23:59</td></tr></table></body></html>",
        "https://my.example-mobile.hk/account",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 20));
    assert_eq!(data(&s).remaining_mb, Some(8704.0));
    let s = scan(
        "<html lang=zh-TW><body><p>繳費期限 2026/12/10</p><table><tr><th>門號</th><td>0912-000-123</td></tr>\
         <tr><th>合約到期日</th><td>2027/05/31</td></tr></table><p>本期已使用 12.5 GB</p></body></html>",
        "https://member.example-tel.com.tw/bill",
    );
    assert_eq!(s.lines[0].renews_on, None);
    assert_eq!(s.next_bill_date, date(2026, 12, 10));
}

#[test]
fn a_google_fi_cycle_end_translated_to_chinese_renews_every_line() {
    let s = scan(
        "<html lang=zh-CN><body><p>周期于 12月15日 结束（还剩 19 天）</p>\
         <div><p>(•••) •••-1101</p><p>已使用 2.2 GB</p></div><div><p>(•••) •••-2202</p><p>已使用 4.5 GB</p></div></body></html>",
        "https://fi.google.com/account",
    );
    assert_eq!(s.lines.len(), 2);
    assert!(
        s.lines.iter().all(|l| l.renews_on == date(2026, 12, 15)),
        "{:?}",
        s.lines
    );
}

#[test]
fn a_contracts_end_is_no_renewal_and_a_validity_is() {
    let s = scan(
        "<html lang=zh-TW><body><dl><dt>帳單金額</dt><dd>NT$599</dd><dt>合約到期</dt><dd>2028/02/29</dd></dl></body></html>",
        "https://my.example-tel.com.tw/bill",
    );
    assert!(s.lines.iter().all(|l| l.renews_on.is_none()));
    assert_eq!(s.next_bill_date, None);
    let s = scan(
        "<html lang=es-MX><body><div><p>Saldo</p><p>$40.00</p></div><div><p>Vigencia</p><p>Vence en 5 días</p></div></body></html>",
        "https://micuenta.example-movil.mx/",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 1));
}

// ---- data and renewals (stop 18) ----

#[test]
fn a_translated_rings_figure_above_its_caption_is_the_remaining() {
    // A browser translation wraps every text in two `<font>`s: the figure above its
    // caption is no farther from it than on the untranslated page.
    let s = scan(
        "<html lang=zh-CN><body><section><div><span><font><font>6.25</font></font></span>\
         <span><font><font>GB</font></font></span></div><p><font><font>剩余高速数据</font></font></p>\
         <p><font><font>共 10 GB</font></font></p></section>\
         <section><h2><font><font>需要更多数据？</font></font></h2><div><b><font><font>2GB</font></font></b>\
         <span><font><font>$15</font></font></span></div></section></body></html>",
        "https://www.mintmobile.com/account/",
    );
    assert_eq!(data(&s).remaining_mb, Some(6400.0));
    assert_eq!(data(&s).total_mb, Some(10240.0));
}

#[test]
fn a_cycles_date_range_above_a_renewal_is_no_renewal() {
    let s = scan(
        "<html lang=zh-CN><body><p>已使用 3.1 GB / 8 GB</p><ul><li>周期：10月5日 – 11月4日</li>\
         <li>将于 12月5日（周六）续订</li></ul></body></html>",
        "https://app.usmobile.com/dashboard",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 5));
    let s = us("<p>3.1 GB used of 8 GB</p><ul><li>Cycle: Oct 5 to Nov 4</li><li>Dec 5 (Sat) renewal</li></ul>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 5));
}

#[test]
fn plan_catalogue_cards_are_no_account_values() {
    // Cards alike side by side, each a heading and a price per month: offers.
    let cards = "<article class=tile><h3>Max</h3><p class=price>$60<span>/mo</span></p>\
        <p>per line with AutoPay</p><ul><li>Unlimited talk, text &amp; data</li>\
        <li>20GB high-speed hotspot</li></ul><button>Choose</button></article>\
        <article class=tile><h3>Mid</h3><p class=price>$45<span>/mo</span></p>\
        <p>per line with AutoPay</p><ul><li>Unlimited premium data</li>\
        <li>10GB high-speed hotspot</li></ul><button>Choose</button></article>";
    let page = format!(
        "<html lang=en-US><body><main><h1>Switch plans</h1><section><h2>Your plan today</h2>\
         <p>Line ending in 7781</p><p class=cur-plan>Starter</p><p>Account balance: $4.00</p>\
         </section><section><h2>Plans for you</h2><div class=cards>{cards}</div></section></main></body></html>"
    );
    let s = scan(&page, "https://www.t-mobile.com/account/plans");
    assert_eq!(s.balance, usd(400));
    assert_eq!(s.autopay, None);
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].data, None);
    assert_eq!(s.lines[0].hotspot, None);
}

#[test]
fn plan_catalogue_table_rows_are_no_account_values() {
    // A table of plans for sale, each row a price per period: offers, not the line's data.
    let page = "<html lang=en-US><body><table><tr><th>Line</th><th>Data used</th>\
        <th>Data allowance</th></tr><tr><td>***-***-2210</td><td>2.5 GB</td><td>8 GB</td></tr>\
        </table><h2>Other plans</h2><table><tr><th>Plan</th><th>Data</th><th>Price</th></tr>\
        <tr><td>Basic</td><td>2 GB</td><td>$15 per month</td></tr>\
        <tr><td>Max</td><td>Unlimited</td><td>$55/mo</td></tr></table></body></html>";
    let s = scan(page, "https://my.example-mobile.com/account");
    assert_eq!(s.lines.len(), 1);
    let d = data(&s);
    assert!(!d.unlimited);
    assert_eq!(d.used_mb, Some(2560.0));
    assert_eq!(d.total_mb, Some(8192.0));
    assert_eq!(d.remaining_mb, Some(5632.0));
    // One row with a monthly price is no catalogue: it is the account's own.
    let s = us("<table><tr><th>Plan</th><td>Basic 8GB · $25/mo</td></tr>\
        <tr><th>Data left</th><td>3 GB</td></tr></table>");
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
}

#[test]
fn unlimited_talk_with_a_word_between_heads_no_data() {
    // `Unlimited UK minutes` is talk: the item after it is the bundle's data.
    let page = "<html lang=en-GB><body><p>Your number</p><p>07700 900824</p>\
        <div><span>£</span><span>4</span><span>.35</span></div><div>PAYG credit</div>\
        <ul><li>Unlimited UK minutes</li><li>Unlimited UK texts</li>\
        <li><b>4.2GB</b> used <span>of 15GB</span></li></ul>\
        <p>Get £5 off your first Pay Monthly bill – switch today.</p></body></html>";
    let s = scan(page, "https://my.example-mobile.co.uk/payg");
    let d = data(&s);
    assert!(!d.unlimited);
    assert_eq!(d.used_mb, Some(4300.8));
    assert_eq!(d.total_mb, Some(15360.0));
    assert_eq!(s.balance.map(|m| m.cents), Some(435));
    assert!(s.amount_due.is_none());
}

#[test]
fn an_active_bonos_expiry_is_no_renewal() {
    // `Bonos activos`: add-ons; their `Caduca` dates are theirs, not the tariff's.
    let page = "<html lang=es-ES><body><table><tr><th>Número</th><td>612 45 41 82</td></tr>\
        <tr><th>Vence el</th><td>09/12/2026</td></tr></table>\
        <h2>Bonos activos</h2><table><thead><tr><th>Bono</th><th>Restantes</th>\
        <th>Caduca</th></tr></thead><tbody><tr><td>Bono 1 GB extra</td><td>1.024 MB</td>\
        <td>10/12/2026</td></tr></tbody></table></body></html>";
    let s = scan(page, "https://miarea.example-movil.es/");
    assert_eq!(
        s.lines[0].renews_on.map(|d| d.to_string()).as_deref(),
        Some("2026-12-09")
    );
}

#[test]
fn data_that_does_not_use_the_pool_is_no_pools() {
    // `定向流量…另计，不占用共享流量：剩余 9.2GB`: the zero-rated bucket's, not the pool's.
    let page = "<html lang=zh-CN><body><p>153****2890</p><div><h3>共享国内通用流量</h3>\
        <span>共 <b>80GB</b></span> <span>已用 <b>25.4GB</b></span> \
        <span>剩余 <b>54.6GB</b></span><p>定向流量（天翼视讯）另计，不占用共享流量：\
        剩余 9.2GB / 共 10GB</p></div></body></html>";
    let s = scan(page, "https://my.example-tel.cn/");
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(55910.4));
    assert_eq!(d.total_mb, Some(81920.0));
}

#[test]
fn a_catalogue_priced_per_days_is_offers() {
    // `CHF 19.90 / 30 Tage`: a price per period with a figure, not a price per amount.
    let page = "<html lang=de-CH><body><dl><dt>Paket</dt><dd>Surf Monat</dd>\
        <dt>Übrig</dt><dd>2'350 MB</dd><dt>Inklusive</dt><dd>10'240 MB</dd></dl>\
        <table><tr><th>Paket</th><th>Daten</th><th>Preis</th></tr>\
        <tr><td>Surf Woche</td><td>2 GB</td><td>CHF 7.90 / 7 Tage</td></tr>\
        <tr><td>Surf Max</td><td>unbegrenzt</td><td>CHF 39.90 / 30 Tage</td></tr></table>\
        </body></html>";
    let s = scan(page, "https://kundencenter.example-funk.ch/prepaid");
    let d = data(&s);
    assert!(!d.unlimited);
    assert_eq!(d.remaining_mb, Some(2350.0));
    assert_eq!(d.total_mb, Some(10240.0));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Surf Monat"));
}

#[test]
fn a_renewal_in_a_bill_card_with_its_own_due_date_stays_the_plans() {
    // In a bill's card that names no due date, the expiry is the bill's due date.
    let s = scan(
        "<html lang=zh-CN><body><div class=bill><div><p>应付余额</p><p>$64.00</p></div>\
         <div><p>2026年12月21日到期</p></div></div><p>剩余 3 GB</p></body></html>",
        "https://my.example-mobile.com/account",
    );
    assert_eq!(s.amount_due, usd(6400));
    assert_eq!(s.next_bill_date, date(2026, 12, 21));
    assert_eq!(s.lines[0].renews_on, None);
    // One that names its due date too: the renewal is the plan's.
    let s = us(
        "<div class=sum><div><p>Amount due</p><p>$64.00</p></div><div><p>Plan renews</p>\
         <p>Dec 10</p></div><div><p>Payment due</p><p>Dec 25</p></div></div>\
         <p>Line ending in 4410</p><p>3 GB left</p>",
    );
    assert_eq!(s.amount_due, usd(6400));
    assert_eq!(s.next_bill_date, date(2026, 12, 25));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 10));
}

#[test]
fn a_bucket_name_under_its_figure_is_its_caption() {
    let s = us(
        "<div class=line><p>Line ending in 2291</p><p>Unlimited data · 12.1 GB used</p>\
        <div class=tile><p>2.1 GB of 10 GB</p><p>Hotspot</p></div></div>",
    );
    assert!(data(&s).unlimited);
    assert_eq!(data(&s).used_mb, Some(12390.4));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(2150.4), Some(10240.0)));
    // A name over its figures still heads the ones below it.
    let s = us(
        "<p>Line ending in 2291</p><div><div class=t><p>Data</p><p>5 GB left of 10 GB</p>\
        </div><div class=t><p>Hotspot</p><p>1 GB used of 5 GB</p></div></div>",
    );
    assert_eq!(data(&s).remaining_mb, Some(5120.0));
    assert_eq!(s.lines[0].hotspot.clone().unwrap().used_mb, Some(1024.0));
    // The last row of a card with more above it is no caption of the figure above it.
    let s = us(
        "<div class=card><p>Line ending in 2291</p><p>4 GB left of 10 GB</p>\
        <p>Hotspot</p></div>",
    );
    assert_eq!(data(&s).remaining_mb, Some(4096.0));
    assert_eq!(s.lines[0].hotspot, None);
}

#[test]
fn a_device_tab_or_payoff_is_no_balance() {
    let s = us(
        "<section><div><p>MyTab balance</p><p>$340.00</p></div><div><p>Device payoff</p>\
        <p>$340.00</p></div></section><section><p>Line ending in 5521</p>\
        <p>4.2 GB left of 10 GB</p><p>Plan renews Dec 20</p></section>",
    );
    assert_eq!(s.balance, None);
    assert_eq!(s.amount_due, None);
    // The line's renewal after the device's box, past the line's number, is the line's.
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 20));
    let s = us(
        "<div><p>EIP balance</p><p>$288.00</p></div><p>Line ending in 5521</p>\
        <p>4.2 GB left of 10 GB</p>",
    );
    assert_eq!(s.balance, None);
}

#[test]
fn a_promotional_box_before_the_wallet_does_not_head_it() {
    let s = us(
        "<main><section><p>Line ending in 2291</p><p>3.1 GB left of 10 GB</p></section>\
        <section><h3>Data Pass</h3><p>Data Pass valid until 12/05</p></section><section>\
        <div><span>Account balance</span> <span>$5.00</span></div></section></main>",
    );
    assert_eq!(s.balance, usd(500));
    // A financing card's title still heads its own remaining balance.
    let s = us(
        "<main><section><p>Line ending in 2291</p><p>3.1 GB left of 10 GB</p></section>\
        <section><h3>Phone financing</h3><p>iPhone 15</p><div><span>Remaining balance</span> \
        <span>$629.91</span></div></section></main>",
    );
    assert_eq!(s.balance, None);
}

#[test]
fn offers_priced_after_their_size_and_device_rows_give_no_values() {
    let s = us("<p>Line ending in 3310</p><p>Your plan ends in 77 days</p><p>9.75 GB left</p>\
        <p>15 GB monthly high-speed data</p><h3>Upgrade</h3><p>Unlimited for $30/mo. 20GB for $25/mo.</p>\
        <p>Device: iPhone 15 · $20.84/mo · Balance remaining $354.28</p>");
    let d = data(&s);
    assert!(!d.unlimited);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(9984.0), Some(15360.0)));
    assert_eq!(s.lines[0].renews_on, date(2027, 2, 11));
    assert_eq!(s.balance, None);
}

#[test]
fn a_statement_of_an_amount_due_on_a_day_is_the_bill() {
    let s = us("<p>Your statement of $67.18 is due Dec 21</p><p>Autopay on</p>");
    assert_eq!(s.amount_due, usd(6718));
    assert_eq!(s.next_bill_date, date(2026, 12, 21));
}

#[test]
fn a_daily_usage_list_is_no_cycles_usage() {
    let s = scan(
        "<html lang=en-GB><body><p><span>5.2GB</span> of 10GB left</p><h2>Data used per day</h2>\
         <ol><li><span>Mon 23 Nov</span> <span>300MB</span></li><li><span>Tue 24 Nov</span> \
         <span>1.4GB</span></li></ol></body></html>",
        "https://my.example-mobile.co.uk/account",
    );
    assert_eq!(data(&s).used_mb, Some(4915.2));
}

#[test]
fn a_shared_pools_remaining_is_not_its_total() {
    // `共享` (shared) starts with `共` (of a total): the longer word wins.
    let s = scan(
        "<html lang=zh-CN><body><div><p>18.5GB</p><p>共享流量剩余</p></div>\
         <div><p>30GB</p><p>共享流量总量</p></div></body></html>",
        "https://m.client.10010.com/mobileService/share.html",
    );
    assert_eq!(data(&s).remaining_mb, Some(18944.0));
    assert_eq!(data(&s).total_mb, Some(30720.0));
}

#[test]
fn a_meters_name_labels_no_text_beside_it() {
    for (lang, bar) in [
        (
            "zh-CN",
            "<p>本周期剩余数据</p><p><span>8.2 GB</span> <span>/ 15 GB</span></p>\
             <div role=progressbar aria-valuenow=45 aria-valuemax=100 aria-label=\"已用\"></div>",
        ),
        (
            "en-US",
            "<p>Remaining data</p><p><span>8.2 GB</span> <span>/ 15 GB</span></p>\
             <progress value=45 max=100 aria-label=\"Used\"></progress>",
        ),
    ] {
        let s = scan(
            &format!("<html lang={lang}><body><div>{bar}</div></body></html>"),
            "https://www.mintmobile.com/account/",
        );
        assert_eq!(data(&s).remaining_mb, Some(8396.8), "{lang}");
    }
}

#[test]
fn an_amount_with_its_price_is_an_offer() {
    let s = us(
        "<p>(•••) •••-4410</p><p>Plan renews Dec 9</p><h2>Need more data?</h2>\
         <ul><li>2GB — $15</li><li>5GB for $25</li></ul>",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 9));
    assert_eq!(s.lines[0].data, None);
}

#[test]
fn a_translated_figure_over_its_used_caption_laid_out_as_blocks() {
    // Flex children are blocks in the browser; a translation's `<font>` pairs sit between
    // the figure and the caption under it.
    let b = "style=\"display:block\"";
    let s = scan(
        &format!(
            "<html lang=zh-CN><body><p>电话号码 (•••) •••-5521</p><section><h2><font><font>本月数据</font></font></h2>\
             <div><span {b}><font {b}><font {b}>18.3 GB</font></font></span><span {b}><font {b}>\
             <font {b}>已使用 · 无限数据</font></font></span></div></section></body></html>"
        ),
        "https://www.visible.com/account",
    );
    assert_eq!(data(&s).used_mb, Some(18739.2));
    assert!(data(&s).unlimited);
}

// plan names and labels (stop 18)

#[test]
fn a_sentence_that_begins_with_the_plan_word_is_no_plan_name() {
    let s = scan(
        "<html lang=zh-CN><body><main><p>号码 138****2468</p><p><span class=tier>畅享 20GB 套餐</span></p>\
         <p>剩余 7.5 GB</p></main><footer><p>套餐和服务可能会调整。请参阅服务协议。</p></footer></body></html>",
        "https://my.example-tel.cn/usage",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("畅享 20GB 套餐"));
}

#[test]
fn a_nickname_label_and_colon_after_a_members_number_names_that_line() {
    let s = scan(
        "<html lang=zh-CN><body><div><p><span>主卡</span><span>186****3300</span></p><p>本月已用 6.1GB</p></div>\
         <div><p><span>副卡</span><span>131****7742</span> <span>备注：小宝</span></p><p>本月已用 1.4GB</p></div></body></html>",
        "https://my.example-tel.cn/members",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[1].number_last4.as_deref(), Some("7742"));
    assert_eq!(s.lines[1].label.as_deref(), Some("小宝"));
    assert_eq!(s.lines[0].label, None);
}

#[test]
fn a_family_plans_generic_heading_is_no_plan_name() {
    let s = scan(
        "<html lang=zh-CN><body><h2>家庭套餐</h2><p>家庭套餐将于 2027年3月4日续订</p>\
         <div><p>爸爸 138****5511</p><p>已用 3.3 GB</p></div><div><p>小明 139****6622</p><p>已用 1.2 GB</p></div></body></html>",
        "https://my.example-tel.cn/family",
    );
    assert_eq!(s.lines.len(), 2);
    assert!(s.lines.iter().all(|l| l.plan.is_none()), "{:?}", s.lines);
    assert!(s.lines.iter().all(|l| l.renews_on == date(2027, 3, 4)));
}

#[test]
fn a_german_abo_heading_names_the_plan_below_it() {
    let s = scan(
        "<html lang=de-CH><body><section><h2>Mein Abo</h2><p>bergnetz flex 20</p>\
         <p><span>Rufnummer</span> <span>+41 78 555 12 34</span></p></section><p>Daten 3.1 GB genutzt</p></body></html>",
        "https://www.example-funk.ch/de/konto",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("bergnetz flex 20"));
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("1234"));
}

#[test]
fn an_unlabelled_plan_under_the_lines_number_names_its_plan() {
    let body =
        "<div class=cell><p>Your line</p><p>(415) 555-0177</p><p>Everyday Value 25GB</p></div>\
                <p>9.8 GB used of 25 GB</p>";
    let s = us(body);
    assert_eq!(s.lines[0].plan.as_deref(), Some("Everyday Value 25GB"));
    // Not a usage figure or a labelled amount under the number.
    let s = us("<div class=cell><p>Your line</p><p>(415) 555-0177</p><p>Remaining 12GB</p></div>");
    assert_eq!(s.lines[0].plan, None);
}

// ---- money and numbers (stop 18) ----

/// `page` with every element but the phrasing ones a block, as the browser lays out
/// flex and grid children.
fn scan_as_blocks(html: &str, url: &str) -> Snapshot {
    let mut page = page_from_html(html, url);
    for n in page.nodes.iter_mut().filter(|n| !n.is_text()) {
        if !matches!(n.tag.as_str(), "b" | "strong" | "sup" | "sub" | "small") {
            n.block = true;
        }
    }
    extract(&page, &ScanOptions { today: today() })
}

#[test]
fn an_amount_split_over_adjacent_blocks_reads_whole() {
    // Whole units in the container, cents in an element inside it; the label after.
    let html = r#"<html lang="en-US"><body><section><div><div>$7<span>.15</span></div>
        <div>Account balance</div></div></section></body></html>"#;
    let url = "https://account.example-mobile.com/";
    assert_eq!(scan(html, url).balance, usd(715));
    assert_eq!(scan_as_blocks(html, url).balance, usd(715));
    // Sign, dollars and cents each wrapped twice in a translation's `<font>`.
    let html = r#"<html lang="zh-CN"><body><div><span>应付金额</span><span><span><font><font>$</font></font></span><span><font><font>88</font></font></span><sup><font><font>.05</font></font></sup></span></div></body></html>"#;
    let url = "https://account.example-mobile.com/";
    assert_eq!(scan(html, url).amount_due.map(|m| m.cents), Some(8805));
    assert_eq!(
        scan_as_blocks(html, url).amount_due.map(|m| m.cents),
        Some(8805)
    );
    // Euros and cents in elements, the comma and the sign between and after them.
    let html = r#"<html lang="es-ES"><body><div><span>Importe a pagar</span><span><span>19</span>,<span>95</span>&nbsp;€</span></div></body></html>"#;
    let url = "https://clientes.example-movil.es/";
    let eur = Some(Money::new(1995, Currency::Eur));
    assert_eq!(scan(html, url).amount_due, eur);
    assert_eq!(scan_as_blocks(html, url).amount_due, eur);
    // Whole euros, `,45` and the sign each in its own element, the sign last (r28d
    // de-prepaid-guthaben as flex children).
    let html = r#"<html lang="de-DE"><body><article><h2>Ihr Guthaben</h2><div><span>12</span><span>,45</span> <span>€</span></div></article></body></html>"#;
    let url = "https://mein.example-funk.de/";
    let eur = Some(Money::new(1245, Currency::Eur));
    assert_eq!(scan(html, url).balance, eur);
    assert_eq!(scan_as_blocks(html, url).balance, eur);
}

#[test]
fn figures_in_separate_boxes_stay_separate_amounts() {
    // A comma between two figures with more than two digits after it is a list.
    let html = r#"<html lang="en-US"><body><div><span>Account balance</span><span><span>$12</span>,<span>250 points</span></span></div></body></html>"#;
    let s = scan_as_blocks(html, "https://account.example-mobile.com/");
    assert_eq!(s.balance, usd(1200));
    // Cents far from the dollars (another card) are not theirs.
    let html = r#"<html lang="en-US"><body><div><div><p>Account balance</p><p>$9</p></div></div>
        <div><div><section><p>.75</p></section></div></div></body></html>"#;
    let s = scan_as_blocks(html, "https://account.example-mobile.com/");
    assert_eq!(s.balance, usd(900));
}

#[test]
fn an_add_ons_details_beside_its_name_are_the_add_ons_in_blocks_too() {
    let html = r#"<html lang="en-US"><body><p>Payment due Dec 20</p><ul><li><p>(•••) •••-2291</p>
        <dl><div><dt>Data</dt><dd>12.5 GB left of 20 GB</dd></div></dl>
        <div><span>Travel pass</span><span>3 GB high-speed data · 7 days · expires Dec 1</span></div></li></ul></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, None, "{:?}", s.lines);
        assert_eq!(s.next_bill_date, date(2026, 12, 20));
        assert_eq!(data(&s).remaining_mb, Some(12800.0));
    }
}

#[test]
fn a_no_break_space_between_digits_groups_them_and_a_space_does_not() {
    let s = us("<p>Data left 1&nbsp;024&nbsp;MB of 2&nbsp;048 MB</p>");
    assert_eq!(data(&s).remaining_mb, Some(1024.0));
    assert_eq!(data(&s).total_mb, Some(2048.0));
    let s = scan(
        r#"<html lang="es-ES"><body><p>Importe a pagar 1&nbsp;216,50&nbsp;€</p></body></html>"#,
        "https://clientes.example-movil.es/",
    );
    assert_eq!(s.amount_due, Some(Money::new(121650, Currency::Eur)));
    // An ordinary space, or a no-break space beside one, is no group.
    for body in [
        "<p>Data left 1 024 MB</p>",
        "<p>Data left 1 &nbsp;024 MB</p>",
    ] {
        assert_eq!(data(&us(body)).remaining_mb, Some(24.0), "{body}");
    }
}

// ---- tables and lines (stop 18) ----

#[test]
fn a_transposed_table_gives_each_column_to_its_line() {
    // Numbers across the header row, one column per line; a paused line shows dashes;
    // a later note names it again, and a tip after it names an allowance.
    let s = us("<p>Amount due $95.10</p><p>AutoPay: On</p><table><thead><tr><td></td>\
         <th><span>Dad</span><br><span>(•••) •••-1188</span></th>\
         <th><span>Reading tablet</span><br><span>(•••) •••-2299</span></th>\
         <th><span>Old phone</span><br><span>(•••) •••-3300</span></th></tr></thead><tbody>\
         <tr><th>Plan</th><td>Essentials Saver</td><td>Tablet 8GB</td><td>Essentials Saver</td></tr>\
         <tr><th>Data used</th><td>9.5 GB</td><td>2,048 MB</td><td>—</td></tr>\
         <tr><th>Data left</th><td>Unlimited</td><td>6,144 MB</td><td>—</td></tr>\
         <tr><th>Hotspot used</th><td>1.5 GB</td><td>—</td><td>—</td></tr>\
         <tr><th>Hotspot left</th><td>8.5 GB</td><td>—</td><td>—</td></tr></tbody></table>\
         <div><h2>Paused line</h2><p>The line ending in 3300 is paused.</p></div>\
         <section><h2>Good to know</h2><ul><li>Essentials Saver includes 10GB of hotspot data.</li></ul></section>");
    assert_eq!(s.lines.len(), 3, "{:?}", s.lines);
    let l = |i: usize| &s.lines[i];
    assert_eq!(l(0).number_last4.as_deref(), Some("1188"));
    assert_eq!(l(0).label.as_deref(), Some("Dad"));
    let d0 = l(0).data.clone().unwrap();
    assert!(d0.unlimited);
    assert_eq!(d0.used_mb, Some(9728.0));
    assert_eq!(l(0).hotspot.as_ref().and_then(|h| h.used_mb), Some(1536.0));
    assert_eq!(l(1).number_last4.as_deref(), Some("2299"));
    assert_eq!(l(1).plan.as_deref(), Some("Tablet 8GB"));
    let d1 = l(1).data.clone().unwrap();
    assert_eq!((d1.used_mb, d1.remaining_mb), (Some(2048.0), Some(6144.0)));
    assert!(!d1.unlimited);
    assert_eq!(l(2).number_last4.as_deref(), Some("3300"));
    assert_eq!(l(2).plan.as_deref(), Some("Essentials Saver"));
    assert_eq!(l(2).data, None);
    assert_eq!(l(2).hotspot, None);
}

#[test]
fn a_transposed_tables_headers_name_the_lines_whose_numbers_a_row_shows() {
    // Nicknames in the header row, full numbers in a body row; a payment mandate's masked
    // account digits are no line; a plan named for data is no usage.
    let s = scan(
        "<html lang=en-GB><body><dl><dt>Amount due</dt><dd>£41.00</dd><dt>Direct debit</dt>\
         <dd>Active Lloyds ••• 6120</dd></dl><table><tr><td></td><th>Gran</th><th>Leo</th></tr>\
         <tr><th>Number</th><td>07700 900418</td><td>07700 900533</td></tr>\
         <tr><th>Plan</th><td>Data-only 5GB</td><td>SIM Only 30GB</td></tr>\
         <tr><th>Data used</th><td>—</td><td>12,288 MB</td></tr>\
         <tr><th>Data left</th><td>—</td><td>18,432 MB</td></tr></table></body></html>",
        "https://my.example-mobile.co.uk/family",
    );
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("0418"));
    assert_eq!(s.lines[0].label.as_deref(), Some("Gran"));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Data-only 5GB"));
    assert_eq!(s.lines[0].data, None);
    assert_eq!(s.lines[1].number_last4.as_deref(), Some("0533"));
    assert_eq!(s.lines[1].label.as_deref(), Some("Leo"));
    let d = s.lines[1].data.clone().unwrap();
    assert_eq!((d.used_mb, d.remaining_mb), (Some(12288.0), Some(18432.0)));
}

#[test]
fn a_pool_cards_heading_names_every_lines_plan() {
    let s = us("<section><h2>Family Pool 20GB</h2><p><output>8,192 MB</output> <span>left of 20 GB</span></p>\
         <p>Pool resets Dec. 12th</p></section><section><h2>Lines</h2>\
         <div><h3>Ana</h3><p>(646) 555-0131</p><p>Data used this cycle 7.5 GB used</p></div>\
         <div><h3>Ben</h3><p>(646) 555-0177</p><p>Data used this cycle 4,608 MB used</p></div></section>");
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    for l in &s.lines {
        assert_eq!(l.plan.as_deref(), Some("Family Pool 20GB"), "{:?}", s.lines);
    }
}

#[test]
fn an_expiry_under_a_bills_amount_due_is_its_due_date_and_a_hotspot_column_is_the_hotspots() {
    let s = scan(
        "<html lang=zh-CN><body><section><h2>应付余额</h2><p>$88.20</p><p>1月4日到期</p></section>\
         <section><table><thead><tr><th>线路</th><th>电话号码</th><th>已用数据</th><th>热点</th></tr></thead>\
         <tbody><tr><td>妈妈</td><td>(•••) •••-6161</td><td>已使用 7.5 GB</td><td>已使用 1.5 GB，共 10 GB</td></tr>\
         <tr><td>平板</td><td>(•••) •••-7272</td><td>已使用 3.0 GB</td><td>—</td></tr></tbody></table></section></body></html>",
        "https://www.example-mobile.com/usage",
    );
    assert_eq!(s.next_bill_date, date(2027, 1, 4));
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    assert!(
        s.lines.iter().all(|l| l.renews_on.is_none()),
        "{:?}",
        s.lines
    );
    assert_eq!(data(&s).used_mb, Some(7680.0));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.remaining_mb), (Some(1536.0), Some(8704.0)));
}

// ---- lead (stop 18) ----

#[test]
fn masked_digits_after_a_payment_label_in_the_same_row_are_no_line() {
    let s = scan(
        "<html lang=en-SG><body><div><span>Auto top-up</span><span>On</span> <span>POSB ••• 8812</span></div>\
         <div><p>Number</p><p>+65 9001 5566</p><p>Balance S$12.40</p></div></body></html>",
        "https://www.example-mobile.com.sg/account",
    );
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5566"));
}

// ---- page kinds and gauges (stop 18) ----

#[test]
fn a_payment_confirmed_as_received_is_no_amount_due() {
    // An order confirmation: the amount was paid; the renewal it states still counts.
    let s = us(
        "<h1>All set</h1><p>Your payment of $55 has been processed, your plan renews Jan 4.</p>",
    );
    assert_eq!(s.amount_due, None);
    assert_eq!(s.next_bill_date, date(2027, 1, 4));
    let s = us("<p>Payment of <b>$31.50</b> received. Thanks!</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, None);
    // A payment still to make keeps its amount.
    let s = us("<p>Your payment of <b>$31.50</b> is due Jan 4</p><p>Data 3 GB left</p>");
    assert_eq!(s.amount_due, usd(3150));
}

#[test]
fn on_followed_by_its_object_is_a_preposition_not_a_state() {
    // A feature described in a sentence: `on your renewal date` is no AutoPay state.
    let s = us("<p>Plan renews Jan 4</p><ul><li>Auto-Renew can charge your card automatically on your renewal date.</li></ul>");
    assert_eq!(s.autopay, None);
    let s = us("<p>Plan renews Jan 4</p><p>Auto-Renew charges the card on file on Jan 4.</p>");
    assert_eq!(s.autopay, None);
    // A state after the label stays one.
    let s = us("<p>Plan renews Jan 4</p><p>Auto-Renew: On</p>");
    assert_eq!(s.autopay, Some(true));
    let s = us("<p>Plan renews Jan 4</p><p>Auto-Renew is on for this line</p>");
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn a_bill_taken_by_direct_debit_means_autopay_is_on() {
    let s = scan(
        "<html lang=en-GB><body><dl><dt>Next bill</dt><dd>£22.00 · collected by Direct Debit from 5 Jan</dd></dl></body></html>",
        "https://my.example-mobile.co.uk/account",
    );
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn a_help_article_gives_no_values() {
    let page = "<html lang=en><body><h1>When is my bill due?</h1>\
        <p>Your bill is due 20 days after your statement date.</p>\
        <dl><dt>Amount due</dt><dd>$64.00</dd><dt>Due date</dt><dd>Jan 9</dd><dt>AutoPay</dt><dd>On</dd></dl></body></html>";
    let s = scan(
        page,
        "https://www.example-wireless.com/help/billing/due-date",
    );
    assert_eq!(s.status, Status::NoData);
    assert_eq!(s.amount_due, None);
    assert_eq!(s.autopay, None);
    // The same figures on an account page are the account's.
    let s = scan(page, "https://my.example-wireless.com/account/billing");
    assert_eq!(s.amount_due, usd(6400));
}

#[test]
fn a_labelled_sample_gives_no_values_and_the_account_beside_it_does() {
    let s = us(
        "<p>Balance $7.25</p>\
         <figure><img alt=''><figcaption>Example bill. Amount due: $64.00 · Due Jan 9 · AutoPay: On</figcaption></figure>\
         <p>例如，账单金额 $30.00</p>",
    );
    assert_eq!(s.balance, usd(725));
    assert_eq!(s.amount_due, None);
    assert_eq!(s.autopay, None);
    let s = us("<p>Balance $7.25</p><div class='bill-sample'><p>Amount due</p><p>$64.00</p></div>");
    assert_eq!(s.amount_due, None);
}

#[test]
fn a_heading_naming_what_is_left_gives_a_bare_figure_its_role() {
    // Items labelled only by an icon's name, under a heading that says they are left.
    let s = us(
        "<h2>Plan renews Jan 4</h2><section><h2>Left in this cycle</h2><ul>\
         <li><i aria-label='Data' title='Data'></i> <span>1.2 GB</span> <small>/ 8 GB</small></li>\
         <li><i aria-label='Calls'></i> <span>unlimited minutes</span></li></ul></section>",
    );
    assert_eq!(data(&s).remaining_mb, Some(1228.8));
    assert_eq!(data(&s).total_mb, Some(8192.0));
    // Under a heading that says nothing of a role, the fill of a gauge is usage.
    let s = us(
        "<h2>Plan renews Jan 4</h2><section><h2>This cycle</h2><ul>\
         <li><i aria-label='Data' title='Data'></i> <span>1.2 GB</span> <small>/ 8 GB</small></li></ul></section>",
    );
    assert_eq!(data(&s).used_mb, Some(1228.8));
}

#[test]
fn unlimited_at_a_slowed_speed_after_a_cap_is_no_unlimited_bucket() {
    let s = us(
        "<p>Plan renews Jan 4</p><ul><li>Unlimited talk &amp; text</li>\
         <li>8GB of 5G data, then unlimited at reduced speeds</li></ul>\
         <div><p>2.5 GB left</p><p>of 8GB</p></div>",
    );
    assert!(!data(&s).unlimited);
    assert_eq!(data(&s).remaining_mb, Some(2560.0));
}

// ---- plan names and labels, round 9 (stop 18) ----

fn zh(body: &str) -> Snapshot {
    scan(
        &format!(r#"<html lang="zh-CN"><body>{body}</body></html>"#),
        "https://my.example-tel.cn/home",
    )
}

#[test]
fn a_usage_heading_after_the_plan_word_is_no_plan_name() {
    for (heading, name) in [
        ("套餐余量", "畅聊无限套餐"),
        ("套餐使用明细", "沃享融合套餐"),
        ("套餐用量", "畅聊无限套餐"),
    ] {
        let s = zh(&format!(
            r#"<section><h2>{heading}</h2><p>当前套餐：<b>{name}</b></p>
            <p>剩余通用流量 8.00GB</p></section>"#
        ));
        assert_eq!(s.lines[0].plan.as_deref(), Some(name), "{heading}");
        let s = zh(&format!(
            r#"<section><h2>{heading}</h2><p class="x">{name}</p><p>剩余通用流量 8.00GB</p></section>"#
        ));
        assert_ne!(s.lines[0].plan.as_deref(), Some(&heading[6..]), "{heading}");
    }
}

#[test]
fn an_unset_nickname_and_its_edit_button_are_no_label() {
    let s = zh(
        r#"<ul><li><p><span>177****2041</span> <span>备注名：<em>未设置</em> <a href="/edit">修改</a></span></p>
        <p>本月已用通用流量 3.10GB</p></li>
        <li><p><span>177****9930</span> <span>备注名：<em>小明的平板</em> <button>修改</button></span></p>
        <p>本月已用通用流量 4.20GB</p></li></ul>"#,
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].label, None);
    assert_eq!(s.lines[1].label.as_deref(), Some("小明的平板"));
    let s = us(
        r#"<div><p>(206) 555-0143</p><p>Nickname: <i>Not set</i> <a href="/edit">Edit</a></p>
        <p>Data used 2.5 GB</p></div>"#,
    );
    assert_eq!(s.lines[0].label, None);
}

#[test]
fn a_plan_names_parenthetical_list_of_contents_is_not_part_of_it() {
    let s = zh(
        r#"<div class="pkg"><h2>我的套餐</h2><p class="pkg-name">全家享融合套餐 <span class="tip">（含 500M 宽带 + 3 张手机卡）</span></p>
        <p>剩余 20GB / 共 40GB</p></div>"#,
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("全家享融合套餐"));
    let s = us(
        r#"<div class="plan-card"><p class="plan-name">Family Share (includes 4 lines + hotspot)</p>
        <p>Data used 2.5 GB of 10 GB</p></div>"#,
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Family Share"));
    // A variant in parentheses is part of the name.
    let s = zh(r#"<p class="pkg-name">5G畅享套餐（个人版）</p><p>剩余 20GB / 共 40GB</p>"#);
    assert_eq!(s.lines[0].plan.as_deref(), Some("5G畅享套餐（个人版）"));
}

#[test]
fn a_card_products_tag_beside_the_number_is_the_plan() {
    let s = zh(
        r#"<div><p><span class="no">155****7712</span> <span class="badge">畅越青春卡</span></p>
        <p><span>8.20G</span> <span>剩余通用流量</span></p></div>"#,
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("7712"));
    assert_eq!(s.lines[0].plan.as_deref(), Some("畅越青春卡"));
    // A bank card is no plan.
    let s = zh(
        r#"<div><p><span class="no">155****7712</span> <span>银行卡</span></p>
        <p><span>8.20G</span> <span>剩余通用流量</span></p></div>"#,
    );
    assert_eq!(s.lines[0].plan, None);
}

// ---- add-ons and renewals, round 9 (stop 18) ----

#[test]
fn a_chinese_data_pack_is_an_add_on_not_the_lines_data_or_renewal() {
    let url = "https://m.example-tel.cn/home";
    for pack in [
        "<h3>流量包</h3><p>畅视流量包 2G 剩余 1.5G，有效期至 2026-12-05</p>",
        "<p>夜间加速包 3G 剩余 2.2G，有效期至 2026-12-08</p>",
    ] {
        let html = format!(
            r#"<html lang="zh-CN"><body><p>138****5521</p><h3>通用流量</h3><p>已用8G / 共30G</p>{pack}</body></html>"#
        );
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(data(&s).total_mb, Some(30720.0), "{pack}");
            assert_eq!(s.lines[0].renews_on, None, "{pack}");
            assert_eq!(s.next_bill_date, None, "{pack}");
        }
    }
}

#[test]
fn a_german_roaming_pack_is_an_add_on_and_the_reset_date_renews() {
    let html = r#"<html lang="de-DE"><body><p>Rufnummer 0151 2345 6789</p><p>Daten: 8.5 GB verbleibend von 15 GB</p>
        <p>Ihr Datenvolumen wird am 03.12.2026 zurückgesetzt.</p>
        <ul><li>Roamingpaket Welt 2 GB – noch 1.1 GB, gültig bis 20.12.2026</li></ul></body></html>"#;
    let url = "https://kundencenter.example-funk.de/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 3), "{:?}", s.lines);
        assert_eq!(data(&s).total_mb, Some(15360.0));
    }
}

#[test]
fn allowances_reset_on_a_date_renew_then_and_swiss_digit_groups_read_whole() {
    let s = scan(
        "<html lang=de-CH><body><section><h2>Ihr Abo</h2><p>Verbraucht 3'584 MB von 10 GB</p></section></body></html>",
        "https://www.example-mobile.ch/konto",
    );
    assert_eq!(data(&s).used_mb, Some(3584.0));
    let s = scan(
        "<html lang=en-GB><body><p>Data left 2.5 GB of 8 GB</p><p>Allowances reset on 1st December.</p></body></html>",
        "https://www.example-mobile.co.uk/account",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 1));
    let s = scan(
        "<html lang=zh-TW><body><p>剩餘 3.2 GB</p><dl><dt>自動儲值</dt><dd>已關閉</dd></dl></body></html>",
        "https://www.example-tel.com.tw/member",
    );
    assert_eq!(s.autopay, Some(false));
}

// ---- plan names and line labels, round 10 (stop 19) ----

#[test]
fn a_plan_named_after_a_comma_has_no_leading_comma() {
    let html = r#"<html lang="en-AU"><body><p>Thanks! Your plan, <strong>Value 25GB</strong>, expires on <time>3 January 2027</time>.</p>
        <p>Service 0413 222 908</p></body></html>"#;
    let url = "https://www.example-mobile.com.au/done";
    let s = scan(html, url);
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("Value 25GB"),
        "{:?}",
        s.lines
    );
}

#[test]
fn a_chinese_term_in_brackets_after_the_plan_is_no_part_of_it() {
    for term in ["（6 个月）", "（6个月）", "(6 months)"] {
        let s = zh(&format!(
            r#"<p class="plan"><span>计划：</span><span>30GB</span> <span class="term">{term}</span></p>
            <p>剩余 12.5 GB / 共 30 GB</p>"#
        ));
        assert_eq!(s.lines[0].plan.as_deref(), Some("30GB"), "{term}");
    }
}

#[test]
fn a_kind_of_data_after_the_plan_word_is_no_plan_name() {
    let s = zh(
        r#"<div class="pkg"><p class="pkg-name">悦享5G融合套餐</p><p class="pkg-fee">169元/月</p>
        <p>本月已用国内流量 12.40GB</p><p>套餐国内流量总量 40GB</p></div>"#,
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("悦享5G融合套餐"));
}

#[test]
fn a_transposed_tables_role_and_ordinal_headers_are_no_labels() {
    for (lang, heads, number, plan, left) in [
        ("en-GB", ["Line 1", "Line 2"], "Number", "Plan", "Data left"),
        (
            "es-MX",
            ["Línea 1", "Línea 2"],
            "Número",
            "Plan",
            "Datos restantes",
        ),
        ("zh-CN", ["副卡1", "副卡2"], "号码", "套餐", "剩余流量"),
    ] {
        let html = format!(
            "<html lang={lang}><body><table><tr><td></td><th>{}</th><th>{}</th></tr>\
             <tr><th>{number}</th><td>07700 900418</td><td>07700 900533</td></tr>\
             <tr><th>{plan}</th><td>Flex 10GB</td><td>Flex 20GB</td></tr>\
             <tr><th>{left}</th><td>2.5 GB</td><td>7.5 GB</td></tr></table></body></html>",
            heads[0], heads[1]
        );
        let s = scan(&html, "https://my.example-mobile.com/lines");
        assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
        assert_eq!(s.lines[0].label, None, "{lang}");
        assert_eq!(s.lines[1].label, None, "{lang}");
        assert_eq!(s.lines[1].plan.as_deref(), Some("Flex 20GB"), "{lang}");
    }
}

#[test]
fn a_plan_name_is_never_cut_inside_its_brackets() {
    for plan in ["畅享家庭版（副卡）", "Family Share (Line 1)"] {
        let s = zh(&format!(
            "<p><span>套餐</span> <span>{plan}</span></p><p>剩余 12.5 GB / 共 30 GB</p>"
        ));
        assert_eq!(s.lines[0].plan.as_deref(), Some(plan));
    }
}

#[test]
fn a_taiwanese_plan_caption_names_the_plan_but_not_a_section_heading() {
    let html = "<html lang=zh-TW><body><h2>方案資訊</h2>\
         <div><p>小明的手機</p><p>0912-345-678</p><p>方案 &nbsp; 輕鬆 8GB</p><p>已使用 3.5 GB，共 8 GB</p></div></body></html>";
    let s = scan(html, "https://www.example-tel.com.tw/usage");
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("輕鬆 8GB"),
        "{:?}",
        s.lines
    );
}

// ---- dates, renewals, AutoPay and line numbers, round 10 (fixdata) ----

#[test]
fn an_expiry_beside_a_bills_amount_due_in_its_own_box_is_the_due_date() {
    let html = "<html lang=zh-CN><body><section><h2>账单</h2><div>\
         <div><p>应付金额</p><p>$64.10</p></div><div><p>到期日</p><p>1 月 6 日</p></div>\
         <div><p>自动支付已开启</p></div></div></section>\
         <section><div><h3>爸爸</h3><p>(•••) •••-3141</p><p>已使用 5.5 GB</p></div>\
         <div><h3>平板</h3><p>(•••) •••-2718</p><p>已使用 1.5 GB</p></div></section></body></html>";
    let url = "https://www.example-mobile.com/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, date(2027, 1, 6));
        assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
        assert!(
            s.lines.iter().all(|l| l.renews_on.is_none()),
            "{:?}",
            s.lines
        );
    }
}

#[test]
fn a_deal_for_just_a_price_with_a_deadline_is_no_bill_date() {
    for banner in [
        "<div>黑色星期五：6 个月套餐仅需 $90。截止日期为 12/04。</div>",
        "<div>年终回馈：无限套餐僅需 $25，截止日期 12/06。</div>",
        "<div>Black Friday: a year of data at $150, through 12/03.</div>",
    ] {
        let html = format!(
            "<html lang=zh-CN><body>{banner}<p>号码尾号为 4420 的线路</p>\
             <p>剩余数据 3.1 GB</p><p>计划到期</p><p>2027 年 2 月 14 日</p></body></html>"
        );
        let s = scan(&html, "https://my.example-mobile.com/account");
        assert_eq!(s.next_bill_date, date(2027, 2, 14), "{banner}");
        assert_eq!(s.lines[0].renews_on, date(2027, 2, 14), "{banner}");
    }
}

#[test]
fn data_cleared_to_zero_on_a_date_in_a_sentence_is_the_renewal() {
    for (tip, day) in [
        ("<p>本月国内流量将于 12月3日 清零重置</p>", 3),
        ("<p>套餐内剩余流量将于 12月2日 清零，请及时使用</p>", 2),
    ] {
        let html = format!(
            "<html lang=zh-CN><body><p>139****6620</p><p>剩余通用流量 4.2GB</p><p>已用 5.8GB</p>{tip}</body></html>"
        );
        let s = scan(&html, "https://m.example-tel.cn/home");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, day), "{tip}");
        assert_eq!(s.next_bill_date, s.lines[0].renews_on, "{tip}");
    }
}

#[test]
fn a_state_above_its_label_with_a_bracketed_aside_is_read() {
    for (cap, want) in [
        (
            "<div>已开通</div><p>自动缴费（建设银行 尾号4406）</p>",
            Some(true),
        ),
        (
            "<div>Off</div><p>AutoPay (Visa ending 7731)</p>",
            Some(false),
        ),
    ] {
        let html = format!(
            "<html lang=zh-CN><body><section><div><div>88.00元</div><p>本期应缴</p></div>\
             <div>{cap}</div></section><p>已用 6GB，共 20GB</p></body></html>"
        );
        let s = scan(&html, "https://www.example-tel.cn/bill");
        assert_eq!(s.autopay, want, "{cap}");
    }
}

#[test]
fn plans_that_expire_in_the_plural_give_every_lines_renewal() {
    let html =
        "<html lang=es-PE><body><p>Tus paquetes vencen el <b>04/12/2026</b> (en 8 días).</p>\
         <div><p>Número 987 111 222</p><p>Datos restantes 2,5 GB</p></div>\
         <div><p>Número 912 333 444</p><p>Datos restantes 700 MB</p></div></body></html>";
    let url = "https://mi.example-cel.com.pe/cuenta";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, date(2026, 12, 4));
        assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
        assert!(
            s.lines.iter().all(|l| l.renews_on == date(2026, 12, 4)),
            "{:?}",
            s.lines
        );
    }
}

#[test]
fn a_roaming_option_with_its_own_expiry_is_an_add_on() {
    let html = "<html lang=de-AT><body><dl><dt>Rufnummer</dt><dd>+43 664 123 45 67</dd></dl>\
         <section><h2>Daten Inland</h2><p>2'048 MB von 8'192 MB verbraucht</p></section>\
         <section><h3>Option: Roaming Welt 500 MB</h3><p>Noch 230 MB, gültig bis 11.12.2026</p></section></body></html>";
    let url = "https://kundenportal.example-funk.at/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, None, "{:?}", s.lines);
        assert_eq!(s.next_bill_date, None);
        assert_eq!(data(&s).total_mb, Some(8192.0));
    }
}

#[test]
fn a_service_number_on_a_receipt_is_the_line_and_the_order_number_never() {
    let html = "<html lang=en-AU><body><p>Thanks! Your plan renews on 19 December 2026.</p>\
         <dl><dt>Order number</dt><dd>0498 765 432</dd><dt>Service number</dt><dd>0433 210 987</dd>\
         <dt>Customer service</dt><dd>0455 000 111</dd><dt>Card</dt><dd>Visa ending 3390</dd></dl></body></html>";
    let url = "https://www.example-mobile.com.au/recharge/done";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("0987"));
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 19));
    }
}

// ---- data buckets, add-ons / passes / rollover and their dates (round 11, fixtables) ----

#[test]
fn an_add_on_pass_or_rollover_expiry_is_never_the_plans_renewal() {
    // Rollover data with its own expiry beside the plan's bucket and renewal.
    let html = r#"<html lang="en-US"><body><p>Line ending in 7310</p><dl><dt>Plan renews</dt><dd>Dec 3</dd></dl>
        <h4>Plan data</h4><p>4 GB left of 8 GB</p><h4>Rollover data</h4><p>2 GB · expires Jan 15</p></body></html>"#;
    let url = "https://my.example-wireless.com/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 3), "{:?}", s.lines);
        assert_eq!(s.next_bill_date, date(2026, 12, 3));
        assert_eq!(data(&s).remaining_mb, Some(4096.0));
        assert_eq!(data(&s).total_mb, Some(8192.0));
    }
    // A day pass whose expiry is written with a due word (`vence hoy`).
    let html = r#"<html lang="es-MX"><body><p>Tu número 55 1234 0987</p><p>Vigencia: 15/12/2026</p>
        <p>2 GB disponibles de 5 GB</p><h4>Paquetes</h4><p>Pase diario: 500 MB</p>
        <p>Te quedan 200 MB · vence hoy a las 23:59</p></body></html>"#;
    let url = "https://mi.example-movil.mx/cuenta";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, date(2026, 12, 15), "{:?}", s.lines);
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 15));
    }
    // A Chinese day pack and gift data, a German roaming day pass: no renewal stated.
    for (lang, host, body) in [
        (
            "zh-CN",
            "https://www.example-tel.cn/my",
            "<p>133****4410</p><p>已用 3GB / 共 10GB</p><p>省内流量日包 500MB</p><p>剩余 300MB · 有效期至 2026-11-28 23:59:59</p>",
        ),
        (
            "zh-CN",
            "https://www.example-tel.cn/my",
            "<p>133****4410</p><p>剩余 6GB/ 共 10GB</p><h3>赠送流量</h3><p>剩余 2GB/ 共 2GB</p><p>有效期至 2027-02-28 23:59:59</p>",
        ),
        (
            "de-DE",
            "https://mein.example-funk.de/",
            "<p>Rufnummer 0151 2345 6789</p><p>3 GB von 10 GB genutzt</p><p>Roaming Tagespass 500 MB</p><p>noch 500 MB, gültig bis heute 23:59 Uhr</p>",
        ),
    ] {
        let html = format!(r#"<html lang="{lang}"><body>{body}</body></html>"#);
        for s in [scan(&html, host), scan_as_blocks(&html, host)] {
            assert_eq!(s.lines[0].renews_on, None, "{body}");
            assert_eq!(s.next_bill_date, None, "{body}");
            assert_eq!(data(&s).total_mb, Some(10240.0), "{body}");
        }
    }
}

#[test]
fn an_unlimited_offer_in_a_region_named_promotions_is_not_the_lines_data() {
    let html = r#"<html lang="en-US"><body><div role="region" aria-label="Promotions"><p>Now: unlimited plan $35/mo.</p></div>
        <p>Line ending in 5521</p><h4>Plan data</h4><p>5 GB left of 12 GB</p></body></html>"#;
    let url = "https://my.example-wireless.com/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert!(!data(&s).unlimited, "{:?}", s.lines);
        assert_eq!(data(&s).remaining_mb, Some(5120.0));
        assert_eq!(data(&s).total_mb, Some(12288.0));
    }
}

#[test]
fn figures_over_captions_inside_their_own_elements_keep_their_buckets() {
    // `<div>VALUE<div>CAPTION</div></div>`: the hotspot's figure is over its caption, and
    // the `Unlimited` over `Talk & Text` below it is no hotspot's.
    let html = r#"<html lang="en-US"><body><p>Phone number 305-555-0178</p><section>
        <div class=u>1.2 GB used of <span aria-label="Unlimited">∞</span><div class=c>Data</div></div>
        <div class=u>Unlimited<sup>*</sup><div class=c>Remaining Data</div></div>
        <div class=u>0 B used of 5 GB<div class=c>Hotspot</div></div>
        <div class=u>Unlimited<div class=c>Talk &amp; Text</div></div></section></body></html>"#;
    let url = "https://my.example-wireless.com/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        let hot = s.lines[0].hotspot.clone().unwrap();
        assert!(!hot.unlimited, "{:?}", s.lines);
        assert_eq!((hot.used_mb, hot.total_mb), (Some(0.0), Some(5120.0)));
        assert_eq!(data(&s).used_mb, Some(1228.8));
        assert!(data(&s).unlimited);
    }
}

// ---- which numbers are lines, and line nicknames (round 11, fixkinds) ----

#[test]
fn a_translated_line_ending_in_phrase_names_the_line_not_a_card_ending() {
    // Chrome's Chinese for "Line ending in 3127": the ending words come after the digits.
    let html = r#"<html lang="zh-CN" class="translated-ltr"><body>
        <p><font style="vertical-align: inherit;"><font style="vertical-align: inherit;">以 3127 结尾的线路</font></font></p>
        <p><font><font>剩余 1.20 GB（共 4 GB）</font></font></p>
        <p><font><font>付款方式：以 4242 结尾的 Visa 卡</font></font></p></body></html>"#;
    let url = "https://account.example-mobile.com/prepaid";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("3127"));
        assert_eq!(data(&s).total_mb, Some(4096.0));
    }
    let s = scan(
        "<html lang=zh-TW><body><p>門號末四碼：3127</p><p>剩餘 1.20 GB</p></body></html>",
        "https://www.example-tel.com.tw/member",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("3127"));
}

#[test]
fn a_single_lines_nickname_ending_in_a_phone_maker_is_its_label() {
    // The selected option of a line picker; the other lines are in unselected options and
    // a hidden menu only.
    let html = r#"<html lang="en-US"><body><p>Hi, Alex</p>
        <label for="lp">Showing usage for</label>
        <select id="lp"><option>Alex's Pixel (•••) •••-2210</option>
        <option selected>Kim's Samsung (•••) •••-4410</option></select>
        <ul role="menu" hidden><li>Alex's Pixel · (•••) •••-2210 · 8.1 GB used</li></ul>
        <dl><div><dt>Used this cycle</dt><dd>3.5 GB</dd></div></dl></body></html>"#;
    let url = "https://account.example-mobile.com/usage";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("4410"));
        assert_eq!(s.lines[0].label.as_deref(), Some("Kim's Samsung"));
    }
    // A person's name that is also a maker's is no device.
    let s = us("<p>Honor Smith (•••) •••-4410</p><p>Data used 3.5 GB</p>");
    assert_eq!(s.lines[0].label, None);
}

#[test]
fn an_account_number_in_digit_groups_is_no_line_beside_the_phone_number() {
    let html = r#"<html lang="zh-HK"><body>
        <div><span>午安，李小姐</span> <span>賬戶號碼 6600 2468 1357</span></div>
        <dl><dt>電話號碼</dt><dd>6234 7788</dd><dt>服務計劃</dt><dd>4.5G 10GB 本地數據計劃</dd></dl>
        <p>剩餘 6.2GB</p></body></html>"#;
    let url = "https://my.example-mobile.com.hk/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("7788"));
        assert_eq!(s.lines[0].plan.as_deref(), Some("4.5G 10GB 本地數據計劃"));
    }
}

#[test]
fn a_receipts_service_number_is_the_line_not_its_order_or_support_number() {
    let html = r#"<html lang="en-AU"><body><h1>Thanks! You're all set.</h1>
        <p>Your plan renews on 3 January 2027.</p>
        <dl><dt>Confirmation number</dt><dd>2026 1126 4410</dd>
        <dt>Service number</dt><dd>0423 678 904</dd>
        <dt>Paid with</dt><dd>Mastercard ending 5521</dd></dl>
        <p>Customer service 02 9555 0123</p></body></html>"#;
    let url = "https://www.example-mobile.com.au/recharge/done";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{:?}", s);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("8904"));
    }
}

// ---- round 12b (stop 20) ----

#[test]
fn a_credit_remaining_caption_under_its_amount_is_the_balance() {
    let html = r#"<html lang="en-GB"><body>
        <section><h2>Your credit</h2><p><span>7,25&nbsp;€</span></p><p>Credit remaining</p></section>
        <section><h2>Data</h2><p>3GB left of 20GB</p></section></body></html>"#;
    let url = "https://my.example-mobile.ie/prepay";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.balance, Some(Money::new(725, Currency::Eur)), "{s:?}");
    }
}

#[test]
fn a_spanish_previous_balance_is_no_balance_of_the_account() {
    let html = r#"<html lang="es-AR"><body><section><h2>Tu factura</h2>
        <div><span>Saldo anterior</span> <span>$ 1.300,00</span></div>
        <div><span>Factura de octubre</span> <span>$ 9.100,00</span></div>
        <div><span>Total a pagar</span> <span>$ 10.400,00</span></div></section></body></html>"#;
    let url = "https://mi.example-movil.com.ar/cuenta";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.balance, None, "{s:?}");
        assert_eq!(s.amount_due, Some(Money::new(1_040_000, Currency::Ars)));
    }
}

#[test]
fn a_plans_price_per_month_beside_its_name_is_not_the_name() {
    let html = r#"<html lang="es-AR"><body><section>
        <p class="line-no">Línea <span>11 4021-7736</span></p>
        <p><span class="line-planName">Plan 25 GB</span> · <span class="line-planPrice">$ 21.300 por mes</span></p>
        <p>Te quedan <strong>9,5 GB</strong> de 25 GB</p></section></body></html>"#;
    let url = "https://mi.example-movil.com.ar/cuenta";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].plan.as_deref(), Some("Plan 25 GB"), "{s:?}");
    }
    // A price element alone names no plan.
    let s = us(r#"<p><span class="plan-price">$35 a month</span></p><p>2 GB left</p>"#);
    assert_eq!(s.lines[0].plan, None, "{s:?}");
}

#[test]
fn a_sentence_about_the_plan_and_a_renew_plan_button_name_no_plan() {
    let table = r#"<section><h2>My number</h2><table><tbody>
        <tr><th scope="row">Plan</th><td>Flex 40GB 28-Day</td></tr>
        <tr><th scope="row">Data left</th><td>2 GB</td></tr></tbody></table></section>"#;
    let url = "https://my.example-mobile.com.sg/prepaid";
    for alert in [
        r#"<div role="alert"><p><strong>Your plan has ended.</strong> Top up to keep using data.</p></div>"#,
        r##"<div role="alert"><p>Top up to keep using data.</p><a href="#">Renew plan</a></div>"##,
    ] {
        let html = format!(r#"<html lang="en-SG"><body>{alert}{table}</body></html>"#);
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(
                s.lines[0].plan.as_deref(),
                Some("Flex 40GB 28-Day"),
                "{s:?}"
            );
        }
    }
}

#[test]
fn a_grace_periods_end_is_not_the_expired_plans_renewal() {
    let html = r#"<html lang="en-SG"><body>
        <div role="alert"><p><strong>Your plan ran out.</strong> Your number stays valid until 20/12/2026 (grace period).</p></div>
        <table><tbody><tr><th scope="row">Mobile number</th><td>+65 8123 4410</td></tr>
        <tr><th scope="row">Plan expiry date</th><td>21/11/2026 <span>Expired</span></td></tr></tbody></table>
        </body></html>"#;
    let url = "https://my.example-mobile.com.sg/prepaid";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 11, 21), "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 11, 21));
    }
}

#[test]
fn a_date_before_a_bill_word_in_another_chinese_clause_is_no_due_date() {
    let html = r#"<html lang="zh-CN"><body>
        <div role="note">您于2026年11月20日开户，首月费用按天计算，次月起按月出账。</div>
        <div><div>50.00</div><div>账户余额(元)</div></div></body></html>"#;
    let url = "https://h5.189.cn/my/index.html";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, None, "{s:?}");
        assert_eq!(s.balance, Some(Money::new(5000, Currency::Cny)));
    }
}

#[test]
fn an_autopay_that_takes_effect_next_month_is_not_on_yet() {
    let url = "https://h5.189.cn/my/index.html";
    for (state, want) in [("已开通，次月生效", None), ("已开通", Some(true))] {
        let html = format!(
            r#"<html lang="zh-CN"><body><div><span>银行代扣</span><span>{state}</span></div>
            <div><div>12.00</div><div>账户余额(元)</div></div></body></html>"#
        );
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(s.autopay, want, "{state}: {s:?}");
        }
    }
    let s = us("<p>Direct Debit: Active from next month</p><p>Balance $5.00</p>");
    assert_eq!(s.autopay, None, "{s:?}");
}

#[test]
fn a_full_number_after_a_devices_name_in_a_line_picker_names_the_line() {
    let html = r#"<html lang="en-GB"><body>
        <div><span>Showing</span> <span>Home tablet</span> <span>07911 123456</span></div>
        <h1>Hello Morag</h1>
        <section><h2>Data</h2><p><strong>4.2GB</strong> left of 10GB</p></section>
        <p>Questions? Call 0333 000 1234 from another phone.</p></body></html>"#;
    let url = "https://my.example-mobile.co.uk/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 1, "{s:?}");
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("3456"));
        assert_eq!(s.lines[0].label.as_deref(), Some("Home tablet"));
    }
}

// ---- round 12a (stop 20) ----

#[test]
fn a_part_that_a_total_includes_is_not_the_amount_due() {
    // `Includes $31.10 past due` under the total: the total is due, the part is not.
    let html = r#"<html lang="en-US"><body><section><h2>Your bill</h2>
        <p>Total balance</p><p><sup>$</sup><span>204</span><sup>.55</sup></p>
        <p>Includes <b>$31.10</b> past due</p><p>Due Jan 9</p></section></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.amount_due, usd(20455), "{s:?}");
        assert_eq!(s.next_bill_date, date(2027, 1, 9));
    }
    // Said in one line, the part after the total is still a part.
    let s = us("<p>Total due $88.00, including $12.50 past due. Due Dec 9</p>");
    assert_eq!(s.amount_due, usd(8800));
}

#[test]
fn a_plan_field_saying_there_is_none_names_no_plan() {
    // An expired prepaid line: `No active plan` where the plan's name would be.
    let s = us(
        r#"<div class="card"><span>Phone number (415) 555-0192</span></div>
        <div class="card"><span>Your plan</span> <span>No plan selected</span></div>
        <div class="card"><span>Balance</span> <span>$2.40</span></div>
        <section><h3>Choose a plan</h3><ul><li>3GB · unlimited talk · $10/mo</li>
        <li>Unlimited · $30/mo</li></ul></section>"#,
    );
    assert_eq!(s.lines.len(), 1, "{s:?}");
    assert_eq!(s.lines[0].plan, None);
    // A plan whose name merely holds such a word keeps it.
    let s = us(
        r#"<div class="card"><span>Phone number (415) 555-0192</span></div>
        <div class="card"><span>Your plan</span> <span>Basic No Contract 10</span></div>
        <div class="card"><span>Balance</span> <span>$2.40</span></div>"#,
    );
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("Basic No Contract 10"),
        "{s:?}"
    );
}

#[test]
fn a_first_automatic_payment_being_set_up_is_autopay_on() {
    // `AutoPay: Pending` over the first payment it will make: on; the sentence's `No
    // action needed` is no state.
    let s = us(r#"<p>Balance due</p><p>$61.20</p><p>Due by Jan 5, 2027</p>
        <div><span>AutoPay: Pending</span><p>We're setting up AutoPay. Your next automatic
        payment of $61.20 will be made on Jan 5. No action needed.</p></div>"#);
    assert_eq!(s.autopay, Some(true), "{s:?}");
    // A bare `No` before a word is no toggle's state either.
    let s = us("<p>Balance due $61.20</p><p>AutoPay</p><p>Pending</p><p>No action needed.</p>");
    assert_eq!(s.autopay, None, "{s:?}");
}

#[test]
fn pay_an_amount_by_a_date_is_the_amount_due_and_its_date() {
    let s = us(r#"<div role="alert"><h2>Your line is paused</h2>
        <p>Pay $40.25 by Jan 4, 2027 to restore service.</p></div>
        <table><tr><th>Line</th><td>(303) 555-0171</td></tr><tr><th>Plan</th><td>Value 5</td></tr></table>"#);
    assert_eq!(s.amount_due, usd(4025), "{s:?}");
    assert_eq!(s.next_bill_date, date(2027, 1, 4));
}

// ---- round 13a (stop 20) ----

#[test]
fn an_offer_link_inside_a_sentence_makes_the_whole_sentence_an_offer() {
    // The second line has no hotspot: the tip's `30GB of hotspot data` is what an upgrade
    // would give, after the link, in the same sentence.
    let html = r#"<html lang="en-US"><body><p>Hello, Sam</p>
        <article><h3>Work phone</h3><span>(•••) •••-2041</span>
        <div><span>Data</span> <span>Unlimited</span> <span>8.4 GB used</span></div>
        <div><span>Hotspot</span> <span>2.5 GB of 30 GB used</span></div></article>
        <article><h3>Grandpa</h3><span>(•••) •••-7718</span>
        <div><span>Data</span> <span>Unlimited</span> <span>1.2 GB used</span></div>
        <p>Need a hotspot? <a href="/plan">Upgrade your plan</a> and get 30GB of hotspot data each month.</p>
        </article></body></html>"#;
    // (Inline layout only: a link laid out as a block of its own ends the sentence.)
    let s = scan(html, "https://account.example-mobile.com/");
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    assert_eq!(
        s.lines[0].hotspot.as_ref().and_then(|h| h.used_mb),
        Some(2560.0)
    );
    assert_eq!(s.lines[1].hotspot, None, "{:?}", s.lines[1]);
    assert_eq!(
        s.lines[1].data.as_ref().and_then(|d| d.used_mb),
        Some(1228.8)
    );
    // A link standing beside a figure still leaves the figure alone.
    let s = us("<p>3 GB left <a href=/buy>Upgrade</a></p>");
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
}

#[test]
fn a_history_hint_after_a_tiles_label_and_value_leaves_the_value() {
    // Inline spans: one row, the hint's `Previous balance` opening its own element.
    let s = us("<div><span>Account balance</span> <span>$21.90</span> \
         <span>Previous balance $1.90 + top-up $20.00</span></div>");
    assert_eq!(s.balance, usd(2190));
    assert_eq!(s.sources["balance"].text, "$21.90");
    // A history row on its own is still history.
    let s = us("<p><span>Previous balance</span> <span>$1.90</span></p>");
    assert_eq!(s.balance, None);
}

#[test]
fn passes_for_sale_titled_by_their_data_with_a_price_and_a_button_are_offers() {
    // No price per period: a shop of cards alike, each named by its data amount (or
    // `Unlimited`), with a price and a buy button.
    let html = r#"<html lang="en-US"><body><p>Line (•••) •••-4410</p>
        <section><h2>Your data</h2><p><span>2.5 GB</span> <span>left of 8 GB</span></p></section>
        <section><h2>Buy more</h2><ul>
        <li class="card"><h3>2GB Booster</h3><p>2 GB high-speed data, good for 7 days</p><p>$6</p><button>Buy</button></li>
        <li class="card"><h3>Unlimited Weekend</h3><p>Unlimited data for 48 hours</p><p>$4</p><button>Buy</button></li>
        </ul></section></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        let d = data(&s);
        assert!(!d.unlimited, "{d:?}");
        assert_eq!((d.remaining_mb, d.total_mb), (Some(2560.0), Some(8192.0)));
        assert_eq!(s.lines[0].plan, None);
    }
}

#[test]
fn a_plan_column_beside_a_used_column_holds_the_allowance() {
    let html = r#"<html lang="en-US"><body><p>Phone number (312) 555-0144</p>
        <table><thead><tr><th></th><th>Used</th><th>Plan</th></tr></thead>
        <tbody><tr><th>Data</th><td>1.5 GB</td><td>4 GB</td></tr>
        <tr><th>Talk</th><td>120 min</td><td>Unlimited</td></tr></tbody></table></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        let d = data(&s);
        assert_eq!(
            (d.used_mb, d.total_mb),
            (Some(1536.0), Some(4096.0)),
            "{d:?}"
        );
        assert!(!d.unlimited);
    }
    // A plan's name in that column (`Shared 8GB`) is a name, not each line's allowance.
    let html = r#"<html lang="en-US"><body><p>8.5 GB left of 12 GB</p>
        <table><thead><tr><th>Number</th><th>Plan</th><th>Used this cycle</th></tr></thead>
        <tbody><tr><td>(•••) •••-0172</td><td>Shared 12GB</td><td>2.5 GB</td></tr>
        <tr><td>(•••) •••-5590</td><td>Shared 12GB</td><td>1 GB</td></tr></tbody></table></body></html>"#;
    let s = scan(html, url);
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    for l in &s.lines {
        assert_eq!(l.plan.as_deref(), Some("Shared 12GB"));
        let d = l.data.clone().unwrap();
        assert_eq!(
            (d.remaining_mb, d.total_mb),
            (Some(8704.0), Some(12288.0)),
            "{l:?}"
        );
    }
}

#[test]
fn a_plan_label_over_a_charges_breakdown_names_no_plan() {
    let html = r#"<html lang="en-US"><body><p>Your number (646) 555-0190</p>
        <p>Data used 1.2 GB</p>
        <div><div>Charges so far</div><div>$31.00</div>
        <div>Plan $15.00 · Data $16.00 · Taxes extra</div></div>
        <dl><dt>Plan</dt><dd>Flex Saver</dd></dl></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(
            s.lines[0].plan.as_deref(),
            Some("Flex Saver"),
            "{:?}",
            s.lines
        );
    }
    // A plan named by its price keeps it.
    let s = us("<p>Plan: $40 Unlimited</p><p>Data used 1.2 GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("$40 Unlimited"));
}

#[test]
fn an_amount_alone_above_a_due_date_is_the_amount_due() {
    let html = r#"<html lang="en-US"><body><p>Your number (646) 555-0190</p>
        <div><div>Latest statement · Sep 1 – Sep 30</div><div>$52.75</div><div>Due Nov 30</div></div>
        </body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.amount_due, usd(5275));
        assert_eq!(s.next_bill_date, date(2026, 11, 30));
    }
    // A paid one is history.
    let s = us("<p>(646) 555-0190</p><div><div>$52.75</div><div>Due Oct 30 · Paid</div></div>");
    assert_eq!(s.amount_due, None);
}

#[test]
fn a_caption_of_bucket_and_role_under_its_figure_labels_it() {
    // `Hotspot used · Unlimited` under `2.6 GB`: both words are the caption, so the role
    // word is no word inside a sentence.
    let html = r#"<html lang="en-US"><body><p>•••-•••-3390</p><div>
        <div><p>18.2 GB</p><p>Data used · Unlimited</p></div>
        <div><p>2.6 GB</p><p>Hotspot used · Unlimited</p></div>
        <div><p>340</p><p>Minutes used</p></div></div></body></html>"#;
    let url = "https://account.example-mobile.com/";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        let hot = s.lines[0].hotspot.clone().unwrap();
        assert_eq!(hot.used_mb, Some(2662.4), "{:?}", s.lines);
        assert!(hot.unlimited);
        assert_eq!(data(&s).used_mb, Some(18636.8));
    }
}

// ---- round 13b (stop 20) ----

/// Each line shows its own usage and the pool's left and size.
fn assert_pool_lines(s: &Snapshot, remaining: f64, total: f64, used: &[f64]) {
    assert_eq!(s.lines.len(), used.len(), "{:?}", s.lines);
    for (line, &u) in s.lines.iter().zip(used) {
        let d = line.data.clone().unwrap();
        let got = (d.remaining_mb, d.used_mb, d.total_mb);
        assert_eq!(
            got,
            (Some(remaining), Some(u), Some(total)),
            "{:?}",
            s.lines
        );
    }
}

#[test]
fn a_footer_links_unlimited_beside_a_links_data_words_is_no_pool() {
    // A pool's left and size, each line's own usage, and a footer of plan links in which
    // `Unlimited` sits beside a link that reads like a data label.
    let html = r#"<html lang="en-US"><body>
        <section><h2>Family data</h2><p><strong>7.5 GB</strong> <span>left</span></p>
        <p><span>Pool size</span> <span>25 GB</span></p></section>
        <div class=tile><div>Sam</div><div>(212) 555-0143</div>
        <div><span>Used this cycle</span> <span>6.1 GB</span></div></div>
        <div class=tile><div>Ana</div><div>(212) 555-0177</div>
        <div><span>Used this cycle</span> <span>11.4 GB</span></div></div>
        <footer><div><h4>Plans</h4><a href="/u">Unlimited</a><a href="/f">Family Data</a>
        <a href="/i">International</a></div></footer></body></html>"#;
    let url = "https://account.example-mobile.com/dashboard";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
        let d = s.lines[1].data.clone().unwrap();
        assert!(!d.unlimited, "{:?}", s.lines);
        assert_eq!(
            (d.remaining_mb, d.used_mb, d.total_mb),
            (Some(7680.0), Some(11673.6), Some(25600.0))
        );
    }
}

#[test]
fn sharing_is_no_total_word_before_a_broadband_speed() {
    // `共享` (shared) starts with `共` (of, in all): a family-sharing title is no total's
    // label for the broadband speed of the plan under it.
    let html = r#"<html lang="zh-CN"><body><div>家庭共享</div>
        <p><span class="plan-n">冰激凌融合套餐</span> <span>169元/月 · 含宽带500M</span></p>
        <section><h2>共享通用流量</h2><p><span>剩余</span> <b>20.50</b><span>GB</span></p>
        <div><span>已用 29.50GB</span> <span>共享总量 50GB</span></div></section></body></html>"#;
    let url = "https://m.client.10010.com/family/share";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        let d = data(&s);
        assert_eq!(
            (d.remaining_mb, d.used_mb, d.total_mb),
            (Some(20992.0), Some(30208.0), Some(51200.0)),
            "{:?}",
            s.lines
        );
    }
}

#[test]
fn a_lines_meter_of_the_pools_size_takes_what_is_left_of_the_pool() {
    // Each member card: its own usage of the pool and a meter `used / pool size`.
    let html = r#"<html lang="zh-CN"><body>
        <section><h2>共享通用流量</h2><p><span>剩余</span> <b>12.00</b><span>GB</span></p>
        <div><span>已用 18.00GB</span> <span>共 30GB</span></div></section>
        <article><span>爸爸</span> <span>138****1122</span>
        <div><span>本月已用共享流量</span><span>10.50GB</span></div>
        <div role="progressbar" aria-valuenow="10.5" aria-valuemax="30" aria-valuetext="10.50GB / 30GB"></div></article>
        <article><span>奶奶</span> <span>139****3344</span>
        <div><span>本月已用共享流量</span><span>7.50GB</span></div>
        <div role="progressbar" aria-valuenow="7.5" aria-valuemax="30" aria-valuetext="7.50GB / 30GB"></div></article>
        </body></html>"#;
    let url = "https://m.client.10010.com/family/share";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_pool_lines(&s, 12288.0, 30720.0, &[10752.0, 7680.0]);
    }
}

#[test]
fn a_lines_international_number_again_in_a_usage_card_marks_that_line() {
    // A charges table names each line's number under a `Number` column; further down,
    // each line's usage card repeats the number with no line word near it.
    let html = r#"<html lang="en-GB"><body>
        <table><thead><tr><th>Line</th><th>Number</th><th>Total</th></tr></thead><tbody>
        <tr><th scope="row">Nina</th><td>07700 900512</td><td>£12.00</td></tr>
        <tr><th scope="row">Sol</th><td>07700 900733</td><td>£9.00</td></tr></tbody></table>
        <section><h2>Shared data</h2><p>12.5GB left of 40GB</p>
        <article><h3>Nina</h3><p>07700 900512</p><p>Used this month: <b>20.5GB</b></p></article>
        <article><h3>Sol</h3><p>07700 900733</p><p>Used this month: <b>7GB</b></p></article>
        </section></body></html>"#;
    let url = "https://www.example-mobile.co.uk/my-account/bills";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_pool_lines(&s, 12800.0, 40960.0, &[20992.0, 7168.0]);
    }
}

#[test]
fn a_total_to_pay_collected_by_direct_debit_on_a_date_is_the_bill() {
    let html = r#"<html lang="en-GB"><body><p>Total to pay</p><p>£41.20</p>
        <p>We'll take this by Direct Debit on <b>7 January 2027</b>.</p>
        <dl><dt>Bill date</dt><dd>23 December 2026</dd></dl>
        <p>Your allowance resets on 23 January 2027</p></body></html>"#;
    let url = "https://www.example-mobile.co.uk/my-account/bills/latest";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.amount_due, Some(Money::new(4120, Currency::Gbp)), "{s:?}");
        assert_eq!(s.next_bill_date, date(2027, 1, 7));
        assert_eq!(s.autopay, Some(true));
    }
}

#[test]
fn a_carried_over_buckets_expiry_is_no_renewal_and_its_data_no_main_bucket() {
    // `上月结转` (carried over from last month) is a rollover: an add-on with its own expiry.
    let html = r#"<html lang="zh-CN"><body>
        <div><span>套餐内通用流量</span> <span>剩余 9.10GB</span></div>
        <div><span>已用 5.90GB</span><span>总量 15.00GB</span></div>
        <div><span>上月结转流量 <i>结转</i></span> <span>剩余 2.40GB</span></div>
        <div><span>总量 2.40GB</span><span>有效期至 2026-11-30</span></div></body></html>"#;
    let url = "https://touch.10086.cn/i/mobile/flow.html";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, None, "{s:?}");
        assert_eq!(s.next_bill_date, None);
        assert_eq!(data(&s).remaining_mb, Some(9318.4));
        assert_eq!(data(&s).total_mb, Some(15360.0));
    }
}

#[test]
fn a_plan_word_run_into_a_cjk_word_is_no_label_and_a_colon_makes_one() {
    // `套餐外通话` (calls beyond the plan) and `套餐月基本费` (the plan's monthly fee) are
    // words of their own; `（预付费） 套餐：` is the label of the name after it.
    let html = r#"<html lang="zh-CN"><body><h3>套餐外通话</h3><p>0分钟</p>
        <p>号码： 189****2046 <span>（预付费） 套餐：</span> 天翼畅享融合套餐 月基本费59元</p>
        <table><tr><td>套餐月基本费</td><td>59.00</td></tr></table>
        <p>剩余通用流量 8.20GB</p></body></html>"#;
    let url = "https://www.189.cn/dqmh/my189/bill.html";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(
            s.lines[0].plan.as_deref(),
            Some("天翼畅享融合套餐"),
            "{s:?}"
        );
    }
}

#[test]
fn a_current_plan_heading_and_a_label_ending_a_sentence_name_no_plan() {
    let html = r#"<html lang="zh-HK"><body><h2 class="plan">現有計劃</h2>
        <p class="plan-name">5G 本地數據 30GB 計劃</p><p>剩餘 12GB</p></body></html>"#;
    let url = "https://my.example-mobile.com.hk/prepaid/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(
            s.lines[0].plan.as_deref(),
            Some("5G 本地數據 30GB 計劃"),
            "{s:?}"
        );
    }
    let html = r#"<html lang="de"><body>
        <div class="box warn">Bitte laden Sie bald auf, damit Ihr Tarif weiterläuft.</div>
        <p>Ihr Tarif</p><p class="tarif-name">Flex L</p><p>Noch 3,1 GB von 8 GB verfügbar</p></body></html>"#;
    let url = "https://mein.example-mobil.de/guthaben";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].plan.as_deref(), Some("Flex L"), "{s:?}");
    }
}

// ---- fix14 (round 14a: US renewal-time pages) ----

#[test]
fn a_plan_under_a_header_block_holding_the_number_names_the_line() {
    // The number sits in the card's header block (beside its heading), the plan's name
    // in the element right after that block.
    let s = us(
        "<section><div class=head><h2>Your phone</h2><span>(•••) •••-4519</span></div>\
         <p class=name>Value Prepaid 8GB</p>\
         <p>2.1 GB left of 8 GB</p></section>",
    );
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("Value Prepaid 8GB"),
        "{s:?}"
    );
}

#[test]
fn a_plan_label_joined_to_another_topic_is_a_heading() {
    for heading in ["Plan &amp; extras", "Plan and extras"] {
        let s = us(&format!(
            "<section><p>(•••) •••-6021</p><p>1.3 GB left of 4 GB</p><p class=plan-name>Starter Prepaid 4GB</p></section>\
             <section><h2>{heading}</h2><dl><dt>Plan renews</dt><dd>Dec 5</dd></dl></section>"
        ));
        assert_eq!(
            s.lines[0].plan.as_deref(),
            Some("Starter Prepaid 4GB"),
            "{s:?}"
        );
    }
}

#[test]
fn a_daily_usage_average_is_no_reading() {
    let s = us("<section><h3>Data</h3><p>Unlimited</p><p>9.3 GB used</p></section>\
         <section><h3>Daily data usage</h3><p>Average 0.41 GB per day · Peak Nov 20 (1.2 GB)</p></section>");
    assert_eq!(data(&s).used_mb, Some(9523.2), "{s:?}");
}

#[test]
fn a_history_rows_words_label_nothing() {
    // `Balance` in a past entry's payment-method cell is no label for the entry's amount.
    let s = us("<div class=tiles><div><div class=v>$8.40</div><div class=l>Account balance</div></div></div>\
         <table><thead><tr><th>Date</th><th>Item</th><th>Paid with</th><th>Amount</th></tr></thead>\
         <tbody><tr><td>Oct 2, 2026</td><td>Add-on</td><td>Balance</td><td>$3.00</td></tr></tbody></table>");
    assert_eq!(s.balance, usd(840), "{s:?}");
}

#[test]
fn an_unlimited_plan_on_a_page_without_usage_says_nothing_of_data() {
    let s = us(
        "<p>Line: (•••) •••-7714</p><h2>Your plan</h2><p><b class=plan-name>Unlimited Max</b></p>\
         <p>Account balance: $4.20</p>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Unlimited Max"), "{s:?}");
    assert_eq!(s.lines[0].data, None, "{s:?}");
}

#[test]
fn a_status_badge_after_a_plans_name_is_not_part_of_it() {
    let s = us(
        "<p>(•••) •••-3307</p><div class=row><div class=k>Plan</div><div class=v>\
         <span>Flex Prepaid 20GB</span> <span class=badge>Suspended</span></div></div>\
         <p>3.5 GB left of 20 GB</p>",
    );
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("Flex Prepaid 20GB"),
        "{s:?}"
    );
}

#[test]
fn a_checkout_summarys_due_today_is_no_account_due_date() {
    let s = us(
        "<p>(•••) •••-5150</p><p>Plan ends Feb 3, 2027</p><p>2.6 GB left of 10 GB</p>\
         <aside><h2>Your order</h2><div><span>Due today</span><span>$0.00</span></div></aside>",
    );
    assert_eq!(s.next_bill_date, date(2027, 2, 3), "{s:?}");
    assert_eq!(s.amount_due, None, "{s:?}");
}

// ---- fix14b: round 14b (China / international) and 13b pages ----

/// Asserts that the page, inline and as blocks, gives no renewal and no next bill date.
fn assert_no_renewal(html: &str, url: &str) {
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, None, "{s:?}");
        assert_eq!(s.next_bill_date, None);
    }
}

#[test]
fn a_validity_range_after_its_label_is_no_renewal_date() {
    // `有效期：A 至 B` with no renew / reset wording is a period: its start is no renewal.
    let html = r#"<html lang="zh-CN"><body><p>剩余通用流量 6.40GB</p>
        <p>更新于 2026-11-25 18:30　套餐有效期：2026-11-01 至 2026-11-30</p></body></html>"#;
    let url = "https://shop.10086.cn/i/flow";
    assert_no_renewal(html, url);
}

#[test]
fn an_auto_top_up_named_jiaofei_is_autopay() {
    let html = r#"<html lang="zh-CN"><body><p>账户余额 18.20元</p>
        <div><span>自动交费</span> <span><span>已开通</span></span></div></body></html>"#;
    let url = "https://touch.10086.cn/i/mobile/recharge.html";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, Some(true), "{s:?}");
    }
}

#[test]
fn my_current_plan_as_a_heading_is_the_label_of_the_name_below() {
    // `我的当前套餐` ends in a plan word but is `my` + `current plan`: a caption.
    let html = r#"<html lang="zh-CN"><body><section class="curpkg"><h2>我的当前套餐</h2>
        <div><div><span>冰激凌卡</span> <span>39元/月</span></div><p>含10GB全国通用流量</p></div>
        </section><p>已用 4.5GB / 共 10GB</p></body></html>"#;
    let url = "https://m.client.10010.com/mobileService/plan.htm";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].plan.as_deref(), Some("冰激凌卡"), "{s:?}");
    }
}

#[test]
fn a_day_before_auto_renew_wording_across_a_clause_is_the_renewal() {
    // `将于<b>后天</b>自动续订，续订后…`: the renewal word is the auto-renew phrase before
    // the comma, not the one in the next clause.
    let html = r#"<html lang="zh-CN"><body><p>剩余 3.4GB</p>
        <div role="status"><p>您的套餐将于<b>后天</b>自动续订，续订后套餐内流量将重新计算。</p></div>
        </body></html>"#;
    let url = "https://h5.189.cn/flow/remain";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 11, 28), "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 11, 28));
    }
}

#[test]
fn a_stored_values_validity_and_an_add_ons_expiry_yield_to_the_plans_auto_renewal() {
    // `儲值額有效期至` is the credit's validity; the plan renews `後天（date）` before the
    // auto-renew phrase; the switch's caption `自動續期` reaches no add-on's expiry below.
    let html = r#"<html lang="zh-HK"><body><dl><dt>儲值額餘額</dt><dd>HK$ 62.30</dd>
        <dt>儲值額有效期至</dt><dd>2027年3月14日</dd></dl>
        <h2>本地 4G 10GB 28日計劃</h2><p><strong>3.5GB</strong> 餘量 / 10GB</p>
        <div><p>計劃將於<b>後天（2026年11月28日）</b>自動續期，屆時將從儲值額扣除 HK$78.00。</p>
        <div><span>自動續期</span> <button role="switch" aria-checked="true">已開啟</button></div></div>
        <div><h2>已購買的增值服務</h2><ul><li><p>台灣漫遊數據日費 1GB</p>
        <p>剩餘 0.6GB ・ 有效至 2026年11月29日</p></li></ul></div></body></html>"#;
    let url = "https://my.example-prepaid.hk/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 11, 28), "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 11, 28));
        assert_eq!(s.autopay, Some(true));
    }
}

#[test]
fn an_offer_region_named_in_german_is_promotional() {
    // `<aside aria-label="Angebot">`: an offer's `gültig bis` is no renewal.
    let html = r#"<html lang="de"><body><p>Datenvolumen: noch 2,4 GB von 8 GB</p>
        <p>Ihr Tarif verlängert sich automatisch in 6 Tagen. Der Tarifpreis wird dann von Ihrem Guthaben abgebucht.</p>
        <aside aria-label="Angebot"><p>Jetzt 5 GB extra für nur 1,99 € – einmalig, gültig bis 15.01.2027.</p></aside>
        </body></html>"#;
    let url = "https://mein.example-funk.de/tarif";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 2), "{s:?}");
    }
}

#[test]
fn a_price_per_weeks_or_days_after_a_plan_name_is_not_the_name() {
    for (price, lang) in [("12,49 € / 4 Wochen", "de"), ("HK$ 78 / 28日", "zh-HK")] {
        let html = format!(
            r#"<html lang="{lang}"><body><table><tr><th scope="row">Tarif</th>
            <td>Flex M <span>{price}</span></td></tr><tr><th scope="row">Datenvolumen</th>
            <td>noch 3,5 GB von 10 GB</td></tr></table></body></html>"#
        );
        let url = "https://mein.example-funk.de/tarif";
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(s.lines[0].plan.as_deref(), Some("Flex M"), "{s:?}");
        }
    }
}

#[test]
fn a_booked_options_expiry_column_is_no_renewal() {
    // `Gebuchte Optionen`: a table of add-ons whose `gültig bis` column is their own expiry.
    let html = r#"<html lang="de"><body><h2>Ihr Tarif</h2><p class="tarif-name">Basic L</p>
        <p>Ihr Tarif verlängert sich am <strong>12.12.2026</strong> (in 16 Tagen) um 14,99 €.</p>
        <h3>Datenvolumen</h3><p>Noch <strong>3,3 GB</strong> von 15 GB verfügbar</p>
        <h3>Gebuchte Optionen</h3><table><thead><tr><th>Option</th><th>Rest</th><th>gültig bis</th>
        </tr></thead><tbody><tr><td>Wochenpass 2 GB</td><td>1,1 GB</td><td>01.12.2026</td></tr>
        </tbody></table></body></html>"#;
    let url = "https://mein.example-funk.de/tarif";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 12), "{s:?}");
        assert_eq!(data(&s).remaining_mb, Some(3379.2));
    }
}

#[test]
fn a_plan_renewal_in_a_payments_historys_row_is_no_renewal() {
    let html = r#"<html lang="en-GB"><body><p>Data: 2.2GB left of 8GB</p>
        <h3>Recent payments</h3><table><thead><tr><th>Date</th><th>Description</th>
        <th>Amount</th><th>Status</th></tr></thead><tbody>
        <tr><td>24 Nov 2026</td><td>Plan renewal</td><td>£8.00</td><td>Failed</td></tr>
        <tr><td>25 Oct 2026</td><td>Plan renewal</td><td>£8.00</td><td>Paid</td></tr>
        </tbody></table></body></html>"#;
    let url = "https://www.example-mobile.co.uk/account";
    assert_no_renewal(html, url);
}

#[test]
fn top_up_before_a_date_is_the_next_date_money_is_needed() {
    // `请在 <date> 之前充值并续订`: a deadline to pay, not a renewal.
    let html = r#"<html lang="zh-CN"><body><p>您的套餐已到期，您现在处于 5 天宽限期内。</p>
        <p>请在 2026 年 11 月 30 日之前充值并续订，以保留您的号码。</p></body></html>"#;
    let url = "https://www.example-mobile.co.uk/account";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, date(2026, 11, 30), "{s:?}");
        assert_eq!(s.lines.first().and_then(|l| l.renews_on), None);
    }
}

#[test]
fn a_mexican_card_charge_extra_bags_and_terms_apply_promo() {
    // `Se cobrará $150.00 a tu tarjeta` is the charge; a `Bolsas adicionales` bag's MB is
    // no line data; `Válido hasta … Aplican restricciones.` is an offer's.
    let html = r#"<html lang="es-MX"><body><p>Saldo</p><p>$42.00</p>
        <p>Datos para navegar</p><p>2.5 GB</p><p>disponibles de 6 GB</p>
        <p>Se cobrará $150.00 a tu tarjeta el 04/12/2026 para renovar tu paquete.</p>
        <h3>Bolsas adicionales</h3><p>Bolsa Redes Sociales 2 GB Vence 29/11/2026</p>
        <p>Te quedan 640 MB en esta bolsa.</p>
        <p>¡Recarga $250 y llévate 3 GB extra!</p>
        <p>Válido hasta el 15/01/2027. Aplican restricciones.</p></body></html>"#;
    let url = "https://mi.example-movil.com.mx/inicio";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(
            s.amount_due,
            Some(Money::new(15000, Currency::Mxn)),
            "{s:?}"
        );
        assert_eq!(data(&s).remaining_mb, Some(2560.0));
        assert_ne!(s.lines[0].renews_on, date(2027, 1, 15));
    }
}
// ---- fix16

#[test]
fn a_forms_total_and_a_gift_cards_balance_are_no_account_figures() {
    // A top-up form's chosen amount and its total are what the user is about to pay; a
    // saved gift card's `Card balance` is a payment method's, not the account's.
    // (The form is a part of the page: a form around the whole page is no form's own part.)
    let html = r#"<html lang="en-GB"><body><header><nav><ul><li><a href="/">Home</a></li>
        <li><a href="/plans">Plans</a></li><li><a href="/phones">Phones</a></li>
        <li><a href="/roaming">Roaming</a></li><li><a href="/help">Help</a></li>
        <li><a href="/account">My account</a></li></ul></nav></header>
        <p>Airtime credit</p><p>£1.80</p>
        <main><form><fieldset><legend>Top-up amount</legend>
        <label><input type="radio" name="a"> £10</label>
        <label><input type="radio" name="a" checked> £20</label></fieldset>
        <ul><li><label><input type="radio" name="p"> Gift card •••• 5521
        <span>Card balance: £6.00</span></label></li></ul>
        <div><span>Top-up</span><span>£20.00</span></div>
        <div><strong>Total amount</strong><strong>£20.00</strong></div>
        <button type="submit">Pay</button></form></main>
        <footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li>
        <li><a href="/cookies">Cookies</a></li><li><a href="/contact">Contact us</a></li></ul>
        <p>Example Mobile Ltd</p></footer></body></html>"#;
    let url = "https://my.example-mobile.co.uk/top-up";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.amount_due, None, "{s:?}");
        assert_eq!(s.balance, Some(Money::new(180, Currency::Gbp)));
    }
}

#[test]
fn a_checkouts_total_due_today_and_a_received_payment_are_not_due() {
    let s = us(
        "<h2>Order summary</h2><table><tr><th>Unlimited · 6 months</th><td>$90.00</td></tr>\
        <tfoot><tr><th>Total due today</th><td>$96.40</td></tr></tfoot></table>",
    );
    assert_eq!(s.amount_due, None, "{s:?}");
    let s = us(
        "<p>Thank you! We received your payment of $31.00 on Nov 25, 2026.</p>\
        <p>Next renewal</p><p>Dec 25, 2026</p>",
    );
    assert_eq!(s.amount_due, None, "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 25));
}

#[test]
fn a_charge_with_a_typographic_apostrophe_or_on_the_card_is_the_amount_due() {
    let s = us("<p>Balance</p><p>$2.00</p>\
        <p>We’ll charge $33.00 to your card ending in 7710 on Dec 8.</p>");
    assert_eq!(s.amount_due, usd(3300), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    let s = us("<p>Your card will be charged $61.00 on Dec 11.</p><p>Autopay: on</p>");
    assert_eq!(s.amount_due, usd(6100), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 11));
}

#[test]
fn next_auto_pay_and_saved_cards_expiries() {
    // A saved card's `Expires 11/27` (month / year) is no renewal; `Next auto-pay` labels
    // the next payment's amount and date.
    let s = us(
        "<ul><li><div>Mastercard</div><div>•••• 6120</div><div>Expires 11/27</div></li>\
        <li><div>Visa</div><div>•••• 0441</div><div>Expires 12/29</div></li></ul>\
        <dl><dt>Account credit</dt><dd>$3.25</dd><dt>Next auto-pay</dt>\
        <dd>$47.00 on <time datetime=\"2026-12-06\">Dec 6</time></dd></dl>",
    );
    assert_eq!(s.amount_due, usd(4700), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 6));
    assert!(s.lines.iter().all(|l| l.renews_on.is_none()), "{s:?}");
}

#[test]
fn autopay_offers_choices_and_a_debit_by_lastschrift() {
    // An offer in a part of the page named a recommendation is no AutoPay state.
    let html = r#"<html lang="zh-CN"><body><p>账户余额 <em>52.10</em>元</p>
        <section aria-label="猜你喜欢 · 推荐"><ul><li>流量包 10GB 5元</li>
        <li>开通自动缴费，余额低于 10元 自动充值 30元</li></ul></section></body></html>"#;
    let url = "https://shop.example-mobile.cn/pay/result";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, None, "{s:?}");
    }
    // A payment way offered in a form is a choice; the state is `aus`.
    let html = r#"<html lang="de"><body><table><tr><th>Guthaben</th><td>1,20 €</td></tr>
        <tr><th>Automatische Aufladung</th><td>aus</td></tr></table>
        <main><form><label><input type="radio" name="z"> PayPal</label>
        <label><input type="radio" name="z"> SEPA-Lastschrift (IBAN •••• 2207)</label>
        <button type="submit">Bezahlen</button></form></main></body></html>"#;
    let url = "https://mein.example-prepaid.de/aufladen";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, Some(false), "{s:?}");
    }
    let html = r#"<html lang="de"><body><p>Datenvolumen: 2 GB von 10 GB übrig</p>
        <p>Voraussichtlich 24,99 €, Abbuchung am 04.12.2026 per Lastschrift.</p></body></html>"#;
    let url = "https://mein.example-funk.de/verbrauch";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, Some(true), "{s:?}");
    }
}

#[test]
fn a_page_wrapped_whole_in_a_form_still_gives_its_figures() {
    // ASP.NET pages put all of the body in one form: its amounts are the account's.
    let s = us(
        "<form id=aspnetForm method=post><input type=hidden name=__VIEWSTATE value=x>\
        <div id=content><div class=card><h2>My account</h2>\
        <div class=row><span>Account balance</span><span>$7.15</span></div>\
        <div class=row><span>Plan renews</span><span>12/09/2026</span></div></div></div></form>",
    );
    assert_eq!(s.balance, usd(715));
}

// ---- lead, stop 22: transposed tables with blocks in their cells ----

#[test]
fn a_transposed_tables_cells_holding_blocks_are_one_value_each() {
    // A column-per-line table whose cells (and row headers) wrap their text in a div: each
    // cell is still its row header's value for its column's line.
    let s = us("<table><thead><tr><td></td><th><div>Garage tablet</div></th>\
         <th><div>Nora</div></th></tr></thead><tbody>\
         <tr><th><div>Phone number</div></th><td><div>(415) 555-0102</div></td><td><div>(415) 555-0177</div></td></tr>\
         <tr><th><div>Plan</div></th><td><div>Tablet 3GB</div></td><td><div>Go5G Plus</div></td></tr>\
         <tr><th><div>Data used</div></th><td><div>1,024 MB</div></td><td><div>22.5 GB</div></td></tr>\
         <tr><th><div>Data left</div></th><td><div>2,048 MB</div></td><td><div>Unlimited</div></td></tr>\
         </tbody></table>");
    assert_eq!(s.lines.len(), 2, "{:?}", s.lines);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("0102"));
    assert_eq!(s.lines[0].label.as_deref(), Some("Garage tablet"));
    assert_eq!(s.lines[0].plan.as_deref(), Some("Tablet 3GB"));
    let d0 = s.lines[0].data.clone().unwrap();
    assert_eq!(
        (d0.used_mb, d0.remaining_mb, d0.total_mb),
        (Some(1024.0), Some(2048.0), Some(3072.0))
    );
    assert_eq!(s.lines[1].number_last4.as_deref(), Some("0177"));
    assert_eq!(s.lines[1].label.as_deref(), Some("Nora"));
    assert_eq!(s.lines[1].plan.as_deref(), Some("Go5G Plus"));
    let d1 = s.lines[1].data.clone().unwrap();
    assert!(d1.unlimited);
    assert_eq!(d1.used_mb, Some(23040.0));
}

#[test]
fn a_labelled_amount_equal_to_another_role_is_still_read() {
    // Half of the allowance used: the same figure under `used` and under `left`.
    for body in [
        "<dl><dt>Data used</dt><dd>2.5 GB</dd><dt>Data left</dt><dd>2.5 GB</dd></dl>",
        "<div><p>Remaining data</p><p>1,536 MB</p></div><div><p>Used data</p><p>1,536 MB</p></div>",
    ] {
        let d = data(&us(body));
        let half = d.used_mb.unwrap();
        assert_eq!(
            (d.remaining_mb, d.total_mb),
            (Some(half), Some(2.0 * half)),
            "{body}"
        );
    }
}

// ---- fix15b

#[test]
fn loyalty_points_expiring_is_no_renewal() {
    // `300 积分将于 <date> 清零` / `points expire on`: the points', not the line's, date.
    for (html, url) in [
        (
            r#"<html lang="zh-CN"><body><p>话费余额</p><p>41.20元</p>
            <p>剩余通用流量 6.50GB</p><p>可用积分 1,960</p>
            <p>其中 420 积分将于 2027-01-31 到期</p></body></html>"#,
            "https://touch.example-yidong.cn/my",
        ),
        (
            r#"<html lang="en-GB"><body><p>Balance £6.10</p><p>Data: 2.4 GB left</p>
            <p>Rewards: 880 points</p><p>150 points expiring on 31 Jan 2027</p></body></html>"#,
            "https://my.example-mobile.co.uk/account",
        ),
    ] {
        assert_no_renewal(html, url);
    }
}

#[test]
fn a_night_packs_expiry_in_its_row_is_no_renewal() {
    // A row that leads with a minutes or night-time bucket dates that bucket.
    let html = r#"<html lang="zh-CN"><body><p>可用余额 21.05元</p>
        <p>国内通用流量 共20GB</p><p>剩余 7,168.00MB</p>
        <p>夜间流量 剩余 1.50GB，2026-12-15到期</p></body></html>"#;
    assert_no_renewal(html, "https://h5.example-dianxin.cn/my");
}

#[test]
fn an_aria_grid_labels_its_cells_like_a_table() {
    // `<div role=table>` with `role=row` / `columnheader` / `cell`: its header names the
    // cells below it, per line.
    let html = r#"<html lang="en-GB"><body><h2>Usage this month</h2>
        <div role="table"><div role="row"><span role="columnheader">Name</span>
        <span role="columnheader">Number</span><span role="columnheader">Plan</span>
        <span role="columnheader">Used</span><span role="columnheader">Allowance</span></div>
        <div role="row"><span role="cell">Sam</span><span role="cell">07700 900 418</span>
        <span role="cell">Everyday 20</span><span role="cell">6.5 GB</span>
        <span role="cell">20 GB</span></div>
        <div role="row"><span role="cell">Car</span><span role="cell">07700 900 927</span>
        <span role="cell">Connect Lite</span><span role="cell">250 MB</span>
        <span role="cell">2 GB</span></div></div></body></html>"#;
    let url = "https://my.example-mobile.co.uk/usage";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines.len(), 2, "{s:?}");
        assert_eq!(s.lines[1].number_last4.as_deref(), Some("0927"));
        assert_eq!(s.lines[1].plan.as_deref(), Some("Connect Lite"));
        let d = s.lines[1].data.clone().unwrap_or_default();
        assert_eq!(
            (d.used_mb, d.total_mb),
            (Some(250.0), Some(2048.0)),
            "{s:?}"
        );
    }
}

#[test]
fn an_aria_grid_with_a_column_per_line_reads_like_that_table() {
    // The grid of roles is the table it stands for: a row of nicknames over rows of
    // fields is one card per line, as a `<table>` is (`tables::aria_tables`).
    let html = r#"<html lang="en-US"><body><h2>This month so far</h2>
        <div role="table"><div role="rowgroup"><div role="row"><div role="cell"></div>
        <div role="columnheader">Kitchen iPad</div><div role="columnheader">Leo's phone</div>
        </div></div><div role="rowgroup"><div role="row">
        <div role="rowheader">Phone number</div><div role="cell">(312) 555-0144</div>
        <div role="cell">(312) 555-0981</div></div><div role="row">
        <div role="rowheader">Data used</div><div role="cell">6,144 MB</div>
        <div role="cell">1,024 MB</div></div><div role="row">
        <div role="rowheader">Data left</div><div role="cell">2 GB</div>
        <div role="cell">4,096 MB</div></div></div></div></body></html>"#;
    let s = scan(html, "https://www.t-mobile.com/usage");
    assert_eq!(s.lines.len(), 2, "{s:?}");
    assert_eq!(s.lines[1].label.as_deref(), Some("Leo's phone"), "{s:?}");
    let d = s.lines[1].data.clone().unwrap_or_default();
    assert_eq!(
        (d.used_mb, d.total_mb),
        (Some(1024.0), Some(5120.0)),
        "{s:?}"
    );
}

#[test]
fn a_german_statement_charges_table_and_debit_sentence() {
    // The previous invoice and its payment are history; `wird am <date> per Lastschrift …
    // abgebucht` is the next debit; a charge's row (`Basis S – Grundgebühr | number |
    // amount`) names no line, the list of lines below does.
    let html = r#"<html lang="de"><body><table><tbody>
        <tr><th>Vorheriger Rechnungsbetrag</th><td>27,50 €</td></tr>
        <tr><th>Zahlungseingang am 04.11.2026</th><td>−27,50 €</td></tr>
        <tr><th>Offener Betrag</th><td>33,10 €</td></tr></tbody></table>
        <p>Der Betrag wird am 05.12.2026 per Lastschrift von Ihrem Konto abgebucht.</p>
        <table><thead><tr><th>Position</th><th>Rufnummer</th><th>Betrag</th></tr></thead><tbody>
        <tr><td>Basis S – Grundgebühr</td><td>0152 8765 4401</td><td>19,99 €</td></tr>
        <tr><td>Kids Flat – Grundgebühr</td><td>0157 3456 1288</td><td>13,11 €</td></tr>
        </tbody></table><table><thead><tr><th>Name</th><th>Rufnummer</th><th>Tarif</th></tr>
        </thead><tbody><tr><td>Mama</td><td>0152 8765 4401</td><td>Basis S</td></tr>
        <tr><td>Lena</td><td>0157 3456 1288</td><td>Kids Flat</td></tr></tbody></table>
        </body></html>"#;
    let url = "https://kundenportal.example-funk.de/rechnung";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.amount_due, Some(Money::new(3310, Currency::Eur)), "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 12, 5));
        assert_eq!(s.autopay, Some(true));
        let labels: Vec<_> = s.lines.iter().map(|l| l.label.as_deref()).collect();
        assert_eq!(labels, [Some("Mama"), Some("Lena")]);
    }
}

#[test]
fn spanish_scheduled_top_up_extra_packs_and_card_charge_date() {
    // `Recarga programada: No activa` is AutoPay off; a pack under `Paquetes adicionales`
    // expires on its own; `Se cargará en tu cuenta el <date>` is the next bill's date.
    let html = r#"<html lang="es-MX"><body><p>Saldo de recarga $41.00</p>
        <p>Te quedan 900 MB de 2,048 MB</p><p>Vigencia del paquete: 14/12/2026</p>
        <p>Recarga programada: <b>No activa</b></p><h2>Paquetes adicionales</h2>
        <p>Internet Plus 500 MB</p><p>Disponible: 300 MB · Vence el 29/11/2026</p>
        </body></html>"#;
    let url = "https://mi.example-movil.com.mx/saldo";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, Some(false), "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 12, 14));
    }
    let html = r#"<html lang="es-ES"><body><p>Importe a pagar 36,20 €</p>
        <p>Se cargará en tu cuenta el 03/12/2026.</p></body></html>"#;
    let url = "https://www.example-movil.es/mi-cuenta";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.next_bill_date, date(2026, 12, 3), "{s:?}");
    }
}

// ---- fix15a (US pages: device balances, history usage, hotspot, bill tiles, grids)

#[test]
fn a_device_or_financing_balance_is_not_the_accounts() {
    // An instalment plan's balance (`Device balance`, `Saldo del equipo`, or only
    // `Remaining balance` in a card headed `Tablet financing`) is the device's.
    let url = "https://my.example-wireless.com/home";
    for body in [
        r#"<p>Amount due</p><p>$88.10</p><div><h3>Your equipment</h3><dl>
           <div><dt>Remaining device balance</dt><dd>$401.30</dd></div></dl></div>"#,
        r#"<p>Amount due $88.10</p><p>Saldo del equipo: <strong>$205.00</strong></p>"#,
        r#"<p>Amount due $88.10</p><div class="card"><p class="eyebrow">Tablet financing</p>
           <p>Galaxy Tab · 64GB</p><dl><dt>Remaining balance</dt><dd>$377.15</dd>
           <dt>Payments made</dt><dd>4 of 24</dd></dl></div>"#,
    ] {
        let html = format!(r#"<html lang="en-US"><body>{body}</body></html>"#);
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(s.amount_due, usd(8810), "{s:?}");
            assert_eq!(s.balance, None, "{s:?}");
        }
    }
    // A card's own `Remaining balance` under a plain title is still the balance.
    let s = us(
        r#"<div class="card"><p>Your account</p><p>Phone · 64GB</p><dl>
        <dt>Remaining balance</dt><dd>$12.75</dd></dl></div>"#,
    );
    assert_eq!(s.balance, usd(1275), "{s:?}");
}

#[test]
fn usage_under_a_finished_period_is_history() {
    // A section headed by a period that has ended (yearless, or with its year) holds
    // the past cycle's usage, not the current data.
    let url = "https://my.example-wireless.com/bill";
    for head in [
        "<h2>Usage for this bill (Sep 20 – Oct 19)</h2>",
        "<h2>Last period</h2><p>Oct 21 – Nov 20, 2026</p>",
    ] {
        let html = format!(
            r#"<html lang="en-US"><body><p>Amount due $64.00</p>{head}<div role="table">
            <div role="row"><span role="cell">Ana</span><span role="cell">17.5 GB used</span></div>
            </div></body></html>"#
        );
        for s in [scan(&html, url), scan_as_blocks(&html, url)] {
            assert_eq!(s.amount_due, usd(6400), "{s:?}");
            assert!(s.lines.iter().all(|l| l.data.is_none()), "{s:?}");
        }
    }
    // The current period's range keeps its usage.
    let s = us("<h2>Usage this cycle (Nov 20 – Dec 19)</h2><p>17.5 GB used</p>");
    assert_eq!(data(&s).used_mb, Some(17920.0), "{s:?}");
}

#[test]
fn a_members_role_badge_is_no_label() {
    // `Nana` `Group admin` `•••-4410`: the badge is a role, the name before it the label;
    // a name badged `Owner` is the holder's, never stored.
    let s = us(
        r#"<p>Hello, Priya</p><div class="card"><h3>Nana</h3><span class="tag">Family admin</span>
        <span class="num">(•••) •••-4410</span><p>3.5 GB used of 10 GB</p></div>
        <div class="card"><h3>Theo</h3><span class="tag">Owner</span>
        <span class="num">(•••) •••-9021</span><p>1.5 GB used of 10 GB</p></div>"#,
    );
    assert_eq!(s.lines.len(), 2, "{s:?}");
    assert_eq!(s.lines[0].label.as_deref(), Some("Nana"), "{s:?}");
    assert_eq!(s.lines[1].label, None, "{s:?}");
}

#[test]
fn a_hotspot_drawing_on_the_plan_data_is_no_bucket() {
    // `Plan allowance: 8 GB · Hotspot shares your plan data`: the allowance is the data's.
    let s = us("<p>High-speed data</p><p>1,228.8 MB remaining</p>\
        <p>Plan allowance: 8 GB · Hotspot shares your plan data</p>");
    assert!(s.lines[0].hotspot.is_none(), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(8192.0), "{s:?}");
    assert_eq!(data(&s).remaining_mb, Some(1228.8), "{s:?}");
}

#[test]
fn a_date_range_is_told_apart_from_masks_and_words_by_its_mark_after_a_digit() {
    for yes in [
        "Oct 16 – Nov 15",
        "10/16-11/15",
        "Nov 15, 2026 — Dec 14",
        "11月1日至11月30日",
        "Oct 1 to Oct 31",
        "1.11. ~ 30.11.",
    ] {
        assert!(super::may_name_range(yes), "{yes}");
    }
    for no in [
        "Call to (•••) •••-1234",
        "High-speed data 45.5 MB",
        "Text to Mum",
        "Data session",
    ] {
        assert!(!super::may_name_range(no), "{no}");
    }
}

#[test]
fn a_phrase_of_two_meanings_after_a_label_of_one_takes_that_one() {
    // `vence el` is a bill's due date and a plan's expiry: after `Vigencia:` it is the
    // plan's, also when the two are blocks of their own; after `Fecha de pago:` the bill's.
    let url = "https://mi.example-movil.com.co/inicio";
    let html = r#"<html lang="es-CO"><body><p>Datos disponibles 3,2 GB de 8 GB</p>
        <p><span>Vigencia:</span> vence el 15/12/2026</p></body></html>"#;
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 15), "{s:?}");
    }
    let html = r#"<html lang="es-CO"><body><p>Datos disponibles 3,2 GB de 8 GB</p>
        <p><span>Fecha de pago:</span> vence el 05/12/2026</p></body></html>"#;
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.lines[0].renews_on, None, "{s:?}");
        assert_eq!(s.next_bill_date, date(2026, 12, 5), "{s:?}");
    }
}

#[test]
fn a_dot_before_three_digits_groups_a_decimal_comma_pages_money() {
    // Colombian and Chilean pesos have no cents: `$ 12.500` is twelve thousand five
    // hundred, as `2.048 MB` is two thousand and forty-eight on such a page.
    let s = scan(
        r#"<html lang="es-CO"><body><p>Saldo</p><p>$&nbsp;12.500</p>
        <p>Datos disponibles 2 GB</p></body></html>"#,
        "https://mi.example-movil.com.co/inicio",
    );
    assert_eq!(s.balance, Some(Money::new(1_250_000, Currency::Cop)));
    let s = scan(
        r#"<html lang="es-ES"><body><p>Saldo</p><p>1.234,56 €</p>
        <p>Datos disponibles 2 GB</p></body></html>"#,
        "https://www.example-movil.es/cuenta",
    );
    assert_eq!(s.balance, Some(Money::new(123_456, Currency::Eur)));
}

#[test]
fn an_allowance_that_does_not_use_the_data_is_no_unlimited_data() {
    // Zero-rated apps (`WhatsApp ilimitado · no consume tus datos`) are not the line's data.
    let s = scan(
        r#"<html lang="es-CO"><body><h2>Tus datos</h2><p>Datos disponibles 3,2 GB de 8 GB</p>
        <ul><li>WhatsApp ilimitado (chat) · no consume tus datos</li></ul></body></html>"#,
        "https://mi.example-movil.com.co/inicio",
    );
    assert!(!data(&s).unlimited, "{s:?}");
    assert_eq!(data(&s).remaining_mb, Some(3276.8));
    let s = us("<h2>Your data</h2><p>Data 3 GB left of 10 GB</p>\
        <ul><li>Unlimited music streaming · doesn't count against your data</li></ul>");
    assert!(!data(&s).unlimited, "{s:?}");
    assert_eq!(data(&s).total_mb, Some(10240.0));
}

#[test]
fn a_plans_length_in_days_is_no_date_in_its_name() {
    // `上網30天`, `30 días`: how long the plan lasts, part of its name.
    let s = scan(
        r#"<html lang="zh-TW"><body><table><tr><th>門號</th><td>0935-218-406</td></tr>
        <tr><th>資費</th><td>預付卡 上網30天 5GB</td></tr></table><p>剩餘 3.6GB</p></body></html>"#,
        "https://www.example-tel.com.tw/prepaid",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("預付卡 上網30天 5GB"));
    let s = scan(
        r#"<html lang="es-CO"><body><p>Tu plan: Prepago 30 días</p>
        <p>Datos disponibles 3,2 GB de 8 GB</p></body></html>"#,
        "https://mi.example-movil.com.co/inicio",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Prepago 30 días"));
}

#[test]
fn a_spanish_bono_that_is_the_users_own_names_the_plan() {
    // `Tu bono` is the plan bought (a bundle), `bono` alone a bonus offer.
    let s = scan(
        r#"<html lang="es-ES"><body><h2>Tu bono: La Tarifa 10 GB</h2>
        <p>Te quedan 6,2 GB de 10 GB</p></body></html>"#,
        "https://www.example-movil.es/cuenta",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("La Tarifa 10 GB"));
}

#[test]
fn a_label_ending_an_item_of_a_run_of_items_labels_the_row_below() {
    // `Zahlungsart: eBill · LSV+ Lastschrift:` | `nicht aktiv` (a span laid out as a block).
    let html = r#"<html lang="de-CH"><body><p>Daten: 3 GB übrig von 10 GB</p>
        <p>Zahlungsart: eBill · LSV+ Lastschrift: <span>nicht aktiv</span></p></body></html>"#;
    let url = "https://www.example-mobil.ch/konto";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(s.autopay, Some(false), "{s:?}");
    }
}

#[test]
fn an_of_ending_the_caption_above_makes_a_figure_the_total() {
    // `13’277 MB verbraucht von 20’480 MB` with each piece a block.
    let html = r#"<html lang="de-CH"><body><p>Daten</p><p><span>13’277 MB</span>
        verbraucht von <span>20’480 MB</span></p></body></html>"#;
    let url = "https://www.example-mobil.ch/konto";
    for s in [scan(html, url), scan_as_blocks(html, url)] {
        assert_eq!(data(&s).used_mb, Some(13277.0), "{s:?}");
        assert_eq!(data(&s).total_mb, Some(20480.0), "{s:?}");
    }
}

#[test]
fn internet_names_the_data_bucket() {
    // Latin American pages call the data `Internet` (or `Megas`).
    let s = scan(
        r#"<html lang="es-MX"><body><div><p>Tu paquete</p><h2>Amigo Sin Límite 200</h2>
        <ul><li>Minutos y SMS ilimitados en México</li>
        <li>Redes sociales ilimitadas: WhatsApp, Facebook</li></ul></div>
        <div><p>Internet</p><p><strong>2.8 GB</strong> disponibles de 5 GB</p></div></body></html>"#,
        "https://www.example-cel.com.mx/consumo",
    );
    assert_eq!(data(&s).remaining_mb, Some(2867.2), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(5120.0));
}

#[test]
fn an_autopay_phrase_then_off_in_the_next_cell_is_off() {
    // `信用卡自動扣繳` (a way of paying that names AutoPay) | `未設定`.
    let s = scan(
        r#"<html lang="zh-TW"><body><p>剩餘 3.6GB</p><table><tr><th scope="row">信用卡自動扣繳</th>
        <td>未設定 <a href="/autopay">立即申請</a></td></tr></table></body></html>"#,
        "https://www.example-tel.com.tw/bill",
    );
    assert_eq!(s.autopay, Some(false));
}

#[test]
fn a_figure_before_a_labelled_total_is_the_captions_above() {
    // `剩余通用流量` | `59.92G/ 总量 100G`: the total's own label does not hide the figure
    // before it from the caption.
    let s = scan(
        r#"<html lang="zh-CN"><body><p>剩余通用流量</p><p>59.92G/ 总量 100G</p></body></html>"#,
        "https://iservice.10010.com/e4/query/basic/remain.html",
    );
    assert_eq!(data(&s).remaining_mb, Some(61358.08), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(102400.0));
}

#[test]
fn a_device_plans_end_is_no_renewal() {
    let s = scan(
        r#"<html lang="en-GB"><body><p>Data 18.4GB left of 30GB</p><section><h2>Your device</h2>
        <p>iPhone 15 128GB</p><div><span>Remaining device balance</span><span>£312.00</span></div>
        <p>Plan ends 14/06/2027</p></section></body></html>"#,
        "https://www.example-mobile.co.uk/account",
    );
    assert_eq!(s.lines[0].renews_on, None, "{s:?}");
    assert_eq!(s.next_bill_date, None);
}

#[test]
fn a_plan_named_by_its_plan_word_is_the_item_before_an_aside() {
    // `Mobile number … · Advanced 30GB Plan (Pay Monthly)`: the name ends with its plan
    // word; the bracketed billing type after it and the number's item before are not it.
    let s = scan(
        r#"<html lang="en-GB"><body><p>Mobile number <strong>07700 900461</strong> · Advanced
        30GB Plan (Pay Monthly)</p><p>Data 18.4GB left of 30GB</p></body></html>"#,
        "https://www.example-mobile.co.uk/account",
    );
    assert_eq!(
        s.lines[0].plan.as_deref(),
        Some("Advanced 30GB Plan"),
        "{s:?}"
    );
}

#[test]
fn an_unlimited_badge_after_a_plans_name_is_no_part_of_it() {
    let s = scan(
        r#"<html lang="zh-TW"><body><p>資費方案：4G 月租 999 型 <span class="badge">上網吃到飽</span></p>
        <p>已使用 12.3GB</p></body></html>"#,
        "https://www.example-tel.com.tw/bill",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("4G 月租 999 型"), "{s:?}");
}

#[test]
fn a_billing_cut_off_is_the_bill_date_until_a_pay_by_date_is_shown() {
    // `Fecha de corte` (Mexico, Colombia): the day the bill closes, as 出账日; the pay-by
    // date wins where the page gives one. `Próxima recarga` is the plan's next refill.
    let url = "https://mi.example-movil.com.co/cuenta";
    let page = |rows: &str| {
        scan(
            &[
                r#"<html lang="es-CO"><body><p>Datos disponibles 3,2 GB de 8 GB</p>"#,
                rows,
                "</body></html>",
            ]
            .concat(),
            url,
        )
    };
    let s = page("<p>Total a pagar $ 65.900</p><p>Fecha de corte: 05/12/2026</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    let s = page(
        "<p>Total a pagar $ 65.900</p><p>Fecha de corte: 05/12/2026</p>\
         <p>Fecha límite de pago: 20/12/2026</p>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 20));
    let s = page("<p>Próxima recarga: 15/12/2026</p>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 15));
}

#[test]
fn a_heading_tag_is_h1_to_h6_as_the_word_list_said() {
    for tag in [
        "h1", "h2", "h3", "h4", "h5", "h6", "h0", "h7", "h", "h10", "H1", "hr", "th", "#text", "",
    ] {
        assert_eq!(
            super::names::is_heading(tag),
            super::names::in_list("h1 h2 h3 h4 h5 h6", tag),
            "{tag}"
        );
    }
}

#[test]
fn a_due_or_expiry_word_with_no_bill_on_the_page_is_the_plans_expiry() {
    // `Vence el` means both; with no amount due anywhere it is when the plan runs out.
    let page = "<html lang=es><body><p>Saldo 7,35 €</p><h2>Luna 10GB</h2><p>Vence el 05/12</p>\
        <p>Datos restantes 4,2 GB de 10 GB</p></body></html>";
    let s = scan(page, "https://www.example-movil.es/mi-cuenta");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 5));
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    // Beside an amount due, the same words give the bill's due date, not a renewal.
    let page = "<html lang=es><body><p>Importe a pagar 29,90 €</p><p>Vence el 05/12</p>\
        <p>Datos restantes 4,2 GB de 10 GB</p></body></html>";
    let s = scan(page, "https://www.example-movil.es/mi-cuenta");
    assert_eq!(s.next_bill_date, date(2026, 12, 5));
    assert_eq!(s.lines[0].renews_on, None);
}

#[test]
fn a_card_heading_names_the_plan_when_its_data_is_two_rows_below() {
    let page = "<html lang=es><body><div><h2>Luna 10GB</h2><p>Vence el 05/12</p>\
        <p>Datos restantes 4,2 GB de 10 GB</p></div></body></html>";
    let s = scan(page, "https://www.example-movil.es/mi-cuenta");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Luna 10GB"));
    // Data in another card is not the heading's.
    let page = "<html lang=es><body><div><h2>Luna 10GB</h2><p>Vence el 05/12</p></div>\
        <div><p>Datos restantes 4,2 GB de 10 GB</p></div></body></html>";
    let s = scan(page, "https://www.example-movil.es/mi-cuenta");
    assert_eq!(s.lines[0].plan, None);
}

#[test]
fn a_plan_word_after_a_price_names_the_plan() {
    let page = "<html lang=en-GB><body><h2>£15 goodybag</h2><p>Data 12.3GB left of 20GB</p>\
        <p>Your goodybag renews on 14 December</p><p>Recurring goodybag: On</p></body></html>";
    let s = scan(page, "https://www.example-mobile.co.uk/dashboard");
    assert_eq!(s.lines[0].plan.as_deref(), Some("£15 goodybag"));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 14));
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn province_only_buckets_are_not_the_lines_general_data() {
    let page = "<html lang=zh-CN><body><table><tr><th>资源名称</th><th>总量</th><th>已用</th><th>结余</th></tr>\
        <tr><td>省内通用流量</td><td>10GB</td><td>1.5GB</td><td>8.5GB</td></tr>\
        <tr><td>国内通用流量</td><td>20GB</td><td>6.8GB</td><td>13.2GB</td></tr></table></body></html>";
    let s = scan(page, "https://touch.10086.cn/i/mobile/remain.html");
    assert_eq!(data(&s).total_mb, Some(20480.0));
    assert_eq!(data(&s).remaining_mb, Some(13516.8));
}

#[test]
fn traditional_chinese_bank_transfer_autopay_applied_for() {
    let page = "<html lang=zh-TW><body><table><tr><th>本期應繳金額</th><td>NT$699</td></tr>\
        <tr><th>自動轉帳</th><td>已申請</td></tr></table></body></html>";
    let s = scan(page, "https://member.example.com.tw/bill");
    assert_eq!(s.autopay, Some(true));
    let page = "<html lang=zh-TW><body><table><tr><th>本期應繳金額</th><td>NT$699</td></tr>\
        <tr><th>自動轉帳</th><td>未申請</td></tr></table></body></html>";
    let s = scan(page, "https://member.example.com.tw/bill");
    assert_eq!(s.autopay, Some(false));
}

#[test]
fn a_label_ending_in_the_plan_word_is_a_label_not_a_name() {
    let page = "<html lang=zh-TW><body><ul><li><span>門號</span><span>0955-123-876</span></li>\
        <li><span>上網方案</span><span>4G 30天 10GB</span></li></ul>\
        <p>剩餘流量 <b>4GB</b> / 10GB</p></body></html>";
    let s = scan(page, "https://prepaid.example.com.tw/");
    assert_eq!(s.lines[0].plan.as_deref(), Some("4G 30天 10GB"));
}

/// A unit starting the next table row's first cell (`<td>18/12/2026</td></tr><tr><td>GB
/// de regalo`) does not join the date above it: the row keeps its own name.
#[test]
fn a_unit_in_the_next_table_row_starts_its_own_row() {
    let s = scan(
        r#"<html lang="es-MX"><body><table>
        <tr><th>Beneficio</th><th>Disponible</th><th>Total</th><th>Vence</th></tr>
        <tr><td>Internet</td><td>1.5 GB</td><td>4 GB</td><td>18/12/2026</td></tr>
        <tr><td>GB de regalo</td><td>2 GB</td><td>2 GB</td><td>05/12/2026</td></tr>
        </table></body></html>"#,
        "https://micuenta.ejemplo.mx/",
    );
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(1536.0));
    assert_eq!(d.total_mb, Some(4096.0));
    // The date ending the row above is that row's, not the gift's.
    assert_eq!(s.next_bill_date, date(2026, 12, 18));
    // Laid out as blocks outside a table, a unit after a number is still its unit.
    let s = us("<div><span>Data left</span><div>3.5</div><div>GB</div></div>");
    assert_eq!(data(&s).remaining_mb, Some(3584.0));
}

/// A role label naming data in passing (`剩余流量`) in the list of an add-on just named
/// (`已订购漫游包`) reads the add-on's amount, not the line's; after a priced history entry
/// (`Last top-up £10.00`) it is the line's again.
#[test]
fn a_role_label_in_an_add_ons_list_is_the_add_ons() {
    let s = zh(
        "<div><p>共享通用流量 共 <b>60GB</b>，已用 <b>22.50GB</b>，剩余 <b>37.50GB</b></p></div>\
         <div><h2>已订购漫游包</h2><dl><dt>产品名称</dt><dd>港澳台7天流量包</dd>\
         <dt>剩余流量</dt><dd>800MB</dd><dt>总量</dt><dd>3GB</dd>\
         <dt>有效期至</dt><dd>2026年12月5日</dd></dl></div>",
    );
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(38400.0));
    assert_eq!(d.total_mb, Some(61440.0));
    assert_eq!(s.lines[0].renews_on, None);
    let s = scan(
        r#"<html lang="en-GB"><body><p>Credit balance</p><p>£6.45</p>
        <p>Last top-up £10.00 on 12 Nov</p><div><p>Data left</p><p>2.3 GB of 4 GB</p></div>
        </body></html>"#,
        "https://my.example-mobile.co.uk/",
    );
    assert_eq!(data(&s).remaining_mb, Some(2355.2));
}

/// A date whose label names the plan (`套餐到期`, value first) is the plan's even right
/// after an add-on's rows.
#[test]
fn a_plan_expiry_after_an_add_ons_rows_is_the_plans() {
    let s = zh("<p>189****3321</p>\
         <div><h3>国际漫游流量包</h3><div><p>500MB</p><p>剩余漫游流量</p></div>\
         <div><p>2026年12月6日</p><p>流量包到期</p></div></div>\
         <div><div><p>2026年12月31日</p><p>套餐到期</p></div></div>");
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 31));
    assert_eq!(s.next_bill_date, date(2026, 12, 31));
}

/// A table row named without a label (`Geburtstagsbonus 3 GB`) beside a row naming the
/// data (`Datenvolumen Inland`) is an allowance of its own; in a key / value table a
/// role label's row (`Verbraucht` | `2 GB`) is the data's.
#[test]
fn a_bare_named_table_row_beside_the_data_row_is_not_the_lines_data() {
    let page = |rows: &str| {
        scan(
            &format!(
                r#"<html lang="de-DE"><body><h2>Ihr Datenvolumen</h2><table>
                <thead><tr><th>Volumen</th><th>Verbraucht</th><th>Übrig</th></tr></thead>
                <tbody>{rows}</tbody></table></body></html>"#
            ),
            "https://mein.beispiel.de/",
        )
    };
    let s = page(
        "<tr><th>Geburtstagsbonus 3 GB</th><td>0,5 GB</td><td>2,5 GB</td></tr>\
         <tr><th>Datenvolumen Inland</th><td>11,2 GB</td><td>13,8 GB</td></tr>",
    );
    assert_eq!(data(&s).used_mb, Some(11468.8));
    assert_eq!(data(&s).remaining_mb, Some(14131.2));
    // Alone, the bare row is the data.
    let s = page("<tr><th>Inland 3 GB</th><td>0,5 GB</td><td>2,5 GB</td></tr>");
    assert_eq!(data(&s).used_mb, Some(512.0));
    let s = scan(
        r#"<html lang="de-DE"><body><table>
        <tr><th>Datenvolumen</th><td>5 GB</td></tr><tr><th>Verbraucht</th><td>2 GB</td></tr>
        </table></body></html>"#,
        "https://mein.beispiel.de/",
    );
    assert_eq!(data(&s).used_mb, Some(2048.0));
}

/// An offer or contract word after a separator in one text (`月租扣费日：2026年12月01日　｜
/// 合约到期：2028年06月30日`) makes only what follows it promotional, not the bill date
/// before it.
#[test]
fn a_contract_end_after_a_separator_leaves_the_date_before_it() {
    for sep in ["　｜　", " | ", " · "] {
        let s = zh(&format!(
            "<p>133****4107</p><p>月租扣费日：2026年12月01日{sep}合约到期：2028年06月30日</p>"
        ));
        assert_eq!(s.next_bill_date, date(2026, 12, 1), "{sep}");
        assert_eq!(s.lines[0].renews_on, None);
    }
}

/// A plan word inside an aside or opening a clause (`aktiv (das Paket wird am Ablaufdatum
/// erneuert)`) labels no plan name.
#[test]
fn a_plan_word_inside_an_aside_names_no_plan() {
    let s = scan(
        r#"<html lang="de-CH"><body><p>Rufnummer +41 78 512 46 93</p>
        <p>Automatische Verlängerung: aktiv (das Paket wird am Ablaufdatum erneuert)</p>
        <p>Verbleibende Daten: 1'843 MB</p></body></html>"#,
        "https://my.beispiel.ch/",
    );
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("4693"));
    assert_eq!(s.lines[0].plan, None);
}

/// A UK number alone as a line card's heading, over the card's allowance, names the line;
/// `We'll take £10.00 … on 14 December` is the next payment.
#[test]
fn a_foreign_number_heading_a_line_card_names_the_line() {
    let page = |heading: &str| {
        scan(
            &format!(
                r#"<html lang="en-GB"><body><div class=card>{heading}
                <p>Unlimited Minutes &amp; Texts 20GB</p><p>Your plan renews on 14 December</p></div>
                <div><h2>Data</h2><p><strong>12.3GB</strong> left of 20GB</p></div>
                <p>Auto-renew: On · We'll take £10.00 from your card on 14 December.</p>
                </body></html>"#
            ),
            "https://my.example-mobile.co.uk/",
        )
    };
    let s = page("<h1>07700 900 417</h1>");
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("0417"));
    assert_eq!(s.amount_due, Some(Money::new(1000, Currency::Gbp)));
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
    // Not inside a sentence of a heading (`Call 0800 …`), nor in a plain paragraph.
    for other in [
        "<h1>Call 07700 900 417 for help</h1>",
        "<p>07700 900 417</p>",
    ] {
        assert_eq!(page(other).lines[0].number_last4, None, "{other}");
    }
}

#[test]
fn a_figure_in_its_own_box_takes_the_bucket_named_after_it() {
    // Buckets side by side, each a box: figure, role caption, then the bucket's name.
    let s = us("<div class=card><p>(•••) •••-2093</p><div class=row>\
         <div><div><span>18.4</span><span> GB</span></div><div>used</div><div>Data · Unlimited</div></div>\
         <div><div><span>3.1</span><span> GB</span></div><div>used of 15 GB</div><div>Hotspot</div></div>\
         </div></div>");
    let line = &s.lines[0];
    let d = line.data.clone().unwrap();
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(18841.6));
    let h = line.hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(3174.4), Some(15360.0)));
    // The hotspot's box first: the data's figure after it is named by its own box.
    let s = us("<div class=card><p>(•••) •••-2093</p><div class=row>\
         <div><div>3.1 GB</div><div>used of 15 GB</div><div>Hotspot</div></div>\
         <div><div>22.0 GB</div><div>used</div><div>Data · Unlimited</div></div>\
         </div></div>");
    let d = s.lines[0].data.clone().unwrap();
    assert_eq!((d.used_mb, d.unlimited), (Some(22528.0), true));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(3174.4), Some(15360.0)));
    // The figure's box ends before the next box, whose heading comes first: that
    // heading is the next bucket's, not this figure's caption.
    let s = us(
        "<div class=card><p>(•••) •••-2093</p><h2>Data</h2><div class=row>\
         <div><div>14.8 GB</div><div>used this cycle · Unlimited</div></div>\
         <div><div>Hotspot</div><div>2.4 GB of 5 GB</div></div>\
         </div></div>",
    );
    let d = s.lines[0].data.clone().unwrap();
    assert_eq!((d.used_mb, d.unlimited), (Some(15155.2), true));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(2457.6), Some(5120.0)));
    // A row with figures after it is the next bucket's, no caption.
    let s = us("<div class=card><p>(•••) •••-2093</p><div class=usage>\
         <p>Unlimited</p><p>Hotspot: 12.4 GB of 50 GB used</p></div></div>");
    assert!(s.lines[0].data.clone().unwrap().unlimited);
    let h = s.lines[0].hotspot.clone().unwrap();
    assert!(!h.unlimited);
    assert_eq!(h.total_mb, Some(51200.0));
    // A caption with a speed is still words: `5 Mbps` is no figure of data.
    let s = us("<div class=card><p>(•••) •••-2093</p><div class=row>\
         <div><div>12.9 GB</div><div>used</div><div>Unlimited data</div></div>\
         <div><div>1.1 GB</div><div>used</div><div>Unlimited hotspot · 5 Mbps</div></div>\
         </div></div>");
    assert_eq!(data(&s).used_mb, Some(13209.6));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.unlimited), (Some(1126.4), true));
}

#[test]
fn a_full_number_under_the_plans_label_in_its_own_box_is_the_line() {
    let page = |plan_label: &str| {
        us(&format!(
            "<main><section><div class=grid>\
             <div><div>{plan_label}</div><div>Visible</div><div>(555) 011-8047</div></div>\
             <div><div>Cycle ends</div><div>Dec 2</div></div></div></section>\
             <section><div><div>12.9 GB</div><div>used</div><div>Unlimited data</div></div></section></main>"
        ))
    };
    assert_eq!(
        page("Your plan").lines[0].number_last4.as_deref(),
        Some("8047")
    );
    // Without the plan's label the number is nobody's (a care number, a store's).
    assert_eq!(page("Questions?").lines[0].number_last4, None);
}

#[test]
fn an_unlimited_plan_offered_for_a_price_is_no_pools_data() {
    let s = us(
        "<section><h2>Shared data</h2><p>31.2 GB left of 50 GB</p><p>Renews Dec 15</p></section>\
         <div><p>Mom</p><p>(•••) •••-0418</p><p>Used this cycle: 11.3 GB</p></div>\
         <div><p>Dad</p><p>(•••) •••-6254</p><p>Used this cycle: 7.5 GB</p></div>\
         <p>Switch to Unlimited Premium for $44/mo.</p>",
    );
    assert_eq!(s.lines.len(), 2);
    for (line, used) in s.lines.iter().zip([11571.2, 7680.0]) {
        let d = line.data.clone().unwrap();
        assert!(!d.unlimited);
        assert_eq!(d.used_mb, Some(used));
        assert_eq!((d.remaining_mb, d.total_mb), (Some(31948.8), Some(51200.0)));
    }
}

#[test]
fn a_card_number_in_a_lines_card_does_not_split_it() {
    // A full number under the plan's heading, the payment card's digits further down.
    let card = "<div class=card><h2>Visible+</h2><p>(555) 012-5560</p><p>Plan renews Dec 6</p>\
         <p>Auto-pay: On · Visa ending in 0031</p><p>Data: Unlimited · 7.5 GB used</p></div>";
    let s = us(card);
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5560"));
    // A support number beside data figures is no line.
    let s = us(&format!(
        "{card}<div><p>A 4K stream uses about 7 GB an hour.</p>\
         <p>Call our care team at (555) 013-4400.</p></div>"
    ));
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5560"));
}

#[test]
fn a_class_hint_under_a_promotional_heading_is_no_balance() {
    let s = us(
        "<div class=card><h3>Refer a friend</h3><div class=wallet>$25.00</div>\
         <p>for every friend who joins</p></div>\
         <div class=card><h3>Your plan</h3><p>Expires 12/20/2026</p></div>",
    );
    assert_eq!(s.balance, None);
    // The wallet's own card still gives it.
    let s = us(
        "<div class=card><h3>Refer a friend</h3><div class=wallet>$25.00</div></div>\
         <div class=card><h3>Wallet</h3><div class=wallet>$1.75</div></div>",
    );
    assert_eq!(s.balance, usd(175));
}

#[test]
fn an_offer_opening_a_flat_row_hides_only_its_own_sentence() {
    let s = us(
        "<div class=acct><b>New!</b> Get a $10 bonus when you refill $50 or more. \
         <b>Account balance:</b> $4.50 <b>Plan expires:</b> 12/20/2026</div>",
    );
    assert_eq!(s.balance, usd(450));
    assert_eq!(s.next_bill_date, date(2026, 12, 20));
    // An offer that goes on with its own figures stays an offer.
    let s = us("<div><b>New!</b> Get a $10 bonus when you refill. <b>Plans from</b> $15/mo.</div>");
    assert_eq!(s.balance, None);
    assert_eq!(s.amount_due, None);
    // So does one whose only label after it is its own expiry.
    let s =
        us("<p><b>New!</b> Get a 5GB bonus with any refill. <em>Valid until 12/31/2026.</em></p>");
    assert_eq!(s.next_bill_date, None);
}

#[test]
fn a_lines_own_usage_of_a_pool_under_a_line_usage_label() {
    let s = us(
        "<section><h2>Shared data</h2><p>31.2 GB left of 50 GB</p></section>\
         <div><p>Mom</p><p>(•••) •••-0418</p><p>Line usage: 11.3 GB</p></div>\
         <div><p>Dad</p><p>(•••) •••-6254</p><p>This line used 7.5 GB</p></div>",
    );
    for (line, used) in s.lines.iter().zip([11571.2, 7680.0]) {
        let d = line.data.clone().unwrap();
        assert_eq!(d.used_mb, Some(used));
        assert_eq!((d.remaining_mb, d.total_mb), (Some(31948.8), Some(51200.0)));
    }
}

#[test]
fn unlimited_in_a_list_of_priced_plans_is_an_offer() {
    let card = "<div><h2>Your line</h2><p>(•••) •••-0418</p><p>Data used this cycle</p>\
         <p>2.1 GB</p><p>Renews Dec 15</p></div>";
    let s = us(&format!(
        "{card}<section><h3>Plans for every need</h3><ul><li>Unlimited Starter · $25/mo</li>\
         <li>Unlimited Premium · $44/mo</li></ul></section>"
    ));
    let d = data(&s);
    assert_eq!((d.used_mb, d.unlimited), (Some(2150.4), false));
    // A list of the account's facts with one plan price is no catalogue.
    let s = us(&format!(
        "{card}<ul><li>Plan: Unlimited · $30/mo</li><li>Balance: $5.00</li></ul>"
    ));
    assert!(data(&s).unlimited);
    // One plan priced per month beside passes priced once (`Data Pass 1GB — $5`) is one.
    let s = us(&format!(
        "{card}<ul><li>Prepaid Unlimited Plus — 50GB premium data — $60/mo</li>\
         <li>International Pass 15GB — $50 for 30 days</li><li>Data Pass 1GB — $5</li></ul>"
    ));
    assert_eq!(
        (data(&s).used_mb, data(&s).unlimited),
        (Some(2150.4), false)
    );
}

#[test]
fn a_rate_follows_a_price_in_its_first_words() {
    for tail in [
        "/mo",
        "/mo · 5G",
        "per month, taxes included",
        "a month.",
        "/ 30 days",
    ] {
        assert!(names::rate_follows(tail), "{tail}");
    }
    for tail in [
        "",
        "for 30 days",
        "off your first month",
        "· Paid",
        "credit per line",
    ] {
        assert!(!names::rate_follows(tail), "{tail}");
    }
}

#[test]
fn talk_and_text_items_do_not_take_the_data_item_beside_them() {
    // One row: the items run together with separators.
    let s = uk(
        "<p><span>Unlimited minutes</span> · <span>Unlimited texts</span> · \
         <span><b>3.9GB</b> left</span> <span>of 12GB</span></p>",
    );
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(3993.6));
    assert_eq!(d.total_mb, Some(12288.0));
    assert!(!d.unlimited);
    // A list of items, one a row: an item stating its own allowance heads nothing.
    let s = uk("<ul><li>500 mins</li><li>Unlimited texts</li><li><strong>5.2GB</strong> remaining of 8GB</li></ul>");
    assert_eq!(data(&s).remaining_mb, Some(5324.8));
    // Zero-rated data named in a row of its own still heads the figures under it.
    let s = uk(
        "<p>Data: 1 GB left of 4 GB</p><p>Social media data (doesn't count against your data)</p>\
         <p>3 GB left</p>",
    );
    assert_eq!(data(&s).remaining_mb, Some(1024.0));
}

#[test]
fn a_bare_credit_caption_is_the_balance() {
    let s = uk(
        r#"<section><div><span>£</span><span>7</span><span>.40</span></div>
        <div>Credit</div><a href="/top-up">Top up</a></section>
        <p>International credit £5.00</p>"#,
    );
    assert_eq!(s.balance, Some(Money::new(740, Currency::Gbp)));
    // Only as an element's whole text: not inside a sentence.
    let s = uk("<p>Get £10 credit when you refer a friend.</p>");
    assert_eq!(s.balance, None);
}

#[test]
fn a_foreign_number_opening_the_row_of_its_plan_names_the_line() {
    let page = |head: &str| {
        scan(
            &format!(
                r#"<html lang="es-ES"><body><section class=card><div class=row>{head}</div>
                <p>Has consumido 10,4 GB de 20 GB</p></section></body></html>"#
            ),
            "https://clientes.example-movil.es/",
        )
    };
    let s = page("<span>612 45 78 90</span><span>Tarifa 20 GB</span>");
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("7890"));
    let s = page(r#"<span>712 345 678</span> <span class="plan-name">Contrato Sol</span>"#);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5678"));
    // Not beside anything else, nor after other words in its text.
    for other in [
        "<span>912 345 678</span><span>Atención al cliente</span>",
        "<span>Llámanos al 912 345 678</span><span>Tarifa 20 GB</span>",
        "<span>Tarifa 20 GB</span><span>612 45 78 90</span>",
    ] {
        assert_eq!(page(other).lines[0].number_last4, None, "{other}");
    }
}

#[test]
fn a_plan_word_between_a_capitalised_word_and_a_size_is_part_of_the_name() {
    let s = uk(r#"<p>Your number 07700 900582</p>
        <p class="bundle-name">Big Bundle 12GB <span class="price">£10 / 30 days</span></p>
        <p>Data left 4.6GB of 12GB</p>
        <ul><li>05/11/2026 — Big Bundle 12GB bought — £10.00</li></ul>"#);
    assert_eq!(s.lines[0].plan.as_deref(), Some("Big Bundle 12GB"));
    // A label standing between other fields still labels what follows it.
    let s = uk(
        "<p>Your number 07700 900582 Plan Talk &amp; Text + 1GB</p><p>Data left 0.5GB of 1GB</p>",
    );
    assert_eq!(s.lines[0].plan.as_deref(), Some("Talk & Text + 1GB"));
}

#[test]
fn a_lower_case_role_caption_under_a_figure_is_that_figures() {
    let de = |body: &str| {
        scan(
            &format!(r#"<html lang="de-DE"><body><section>{body}</section></body></html>"#),
            "https://mein.example-mobil.de/",
        )
    };
    let s = de(
        "<p>Rufnummer 0157 3456 7812</p><div><b>3,4 GB</b></div><div>verbleibend</div>\
         <div><b>6 GB</b></div><div>Inklusivvolumen</div><p>Tarif: Smart 6</p>",
    );
    let d = data(&s);
    assert_eq!(d.remaining_mb, Some(3481.6));
    assert_eq!(d.total_mb, Some(6144.0));
    // A term of a list labels its definition, whatever its case.
    let s = de(
        "<p>Rufnummer 0157 3456 7812</p><dl><dt>Restvolumen</dt><dd>6,2 GB</dd>\
         <dt>verbraucht</dt><dd>3,8 GB</dd></dl>",
    );
    assert_eq!(data(&s).used_mb, Some(3891.2));
}

#[test]
fn an_add_on_named_beside_its_size_keeps_it_in_a_data_column() {
    // A roaming pass written in the line's `Data` cell, its size in its name: not the
    // line's data (remaining is from used and total, not the pass's `1 GB`).
    let s = us(
        "<table><thead><tr><th>Line</th><th>Plan</th><th>Data</th></tr></thead><tbody><tr>\
         <td>(555) 013-4821</td><td>Unlimited 50</td><td><progress max=50 value=31.2></progress>\
         <div>31.2 GB of 50 GB high-speed data used</div><div>Then unlimited at 512 kbps</div>\
         <div>US Roaming 1 GB pass: 0.6 GB left · expires Dec 2</div></td></tr></tbody></table>",
    );
    let d = data(&s);
    assert_eq!(d.total_mb, Some(51200.0));
    assert_eq!(d.used_mb, Some(31948.8));
    assert_eq!(d.remaining_mb, Some(19251.2));
    // `Unlimited 50` in the `Plan` column is the plan's name (a tier, not an allowance).
    assert_eq!(s.lines[0].plan.as_deref(), Some("Unlimited 50"));
}

#[test]
fn a_gift_named_in_a_compound_is_an_add_on_and_a_package_active_until_renews() {
    let s = scan(
        "<html lang=de-AT><body><div><p>Guthaben</p><p>€ 14,60</p></div>\
         <div><h2>Mein Paket</h2><p>Surf 15</p><p>Paket aktiv bis <b>Dienstag, 8. Dezember 2026</b></p></div>\
         <div><p><b>Adventgeschenk 3 GB</b> – noch 3 GB verfügbar, gültig bis 24.12.2026</p></div>\
         <h3>Datenvolumen</h3><dl><dt>Verbraucht</dt><dd>6,8 GB</dd><dt>Verfügbar</dt><dd>8,2 GB</dd></dl></body></html>",
        "https://mein.example.at/konto",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 8));
    assert_eq!(data(&s).remaining_mb, Some(8396.8));
}

#[test]
fn a_plan_name_holding_unlimited_yields_to_the_allowance_shown() {
    // `Basic Unlimited Plan` over `3.2 GB of 8 GB`: capped at 8 GB.
    for (lang, name, usage) in [
        (
            "en-US",
            "Basic Unlimited Plan",
            "You have used <b>3.2 GB</b> of 8 GB",
        ),
        (
            "es-MX",
            "Plan Ilimitado Básico",
            "Has usado <b>3.2 GB</b> de 8 GB",
        ),
    ] {
        let s = scan(
            &format!(
                "<html lang={lang}><body><p>(555) 013-8217</p><h2>{name}</h2><p>{usage}</p></body></html>"
            ),
            "https://account.example-mobile.com/",
        );
        let d = data(&s);
        assert!(!d.unlimited, "{name}");
        assert_eq!(d.total_mb, Some(8192.0), "{name}");
        assert_eq!(d.remaining_mb, Some(4915.2), "{name}");
    }
    // With usage and no allowance the plan's name still says the data is unlimited.
    let s = us("<p>(555) 013-8217</p><h2>Basic Unlimited Plan</h2><p>You have used 3.2 GB</p>");
    assert!(data(&s).unlimited);
    assert_eq!(data(&s).used_mb, Some(3276.8));
}

#[test]
fn calls_stated_unlimited_after_a_plan_name_head_no_data_rows() {
    // `Tarifa Ola 25GB · Llamadas ilimitadas`: the calls' item states its own allowance, so
    // the figures below are the line's data; `Has gastado` is usage.
    let s = scan(
        "<html lang=es-ES><body><article><h3>Móvil <span>*** ** 54 12</span></h3>\
         <p>Tarifa Ola 25GB · Llamadas ilimitadas</p><p>Te quedan <b>10,6 GB</b> de 25 GB</p></article>\
         <article><h3>Tablet <span>*** ** 80 03</span></h3><p>Datos ilimitados</p>\
         <p>Has gastado <b>48,37 GB</b></p></article></body></html>",
        "https://clientes.example.es/",
    );
    assert_eq!(s.lines.len(), 2);
    assert_eq!(data(&s).remaining_mb, Some(10854.4));
    assert_eq!(data(&s).total_mb, Some(25600.0));
    let d = s.lines[1].data.clone().unwrap();
    assert!(d.unlimited);
    assert_eq!(d.used_mb, Some(49530.88));
}

#[test]
fn a_bank_accounts_tail_in_traditional_chinese_is_no_line() {
    let s = scan(
        "<html lang=zh-Hant-TW><body><dl><dt>繳費方式</dt><dd>銀行帳戶自動扣繳 <b>已申請</b>（台灣銀行 ****3128）</dd>\
         <dt>門號</dt><dd>0932-415-168</dd></dl><p>已使用 26.84GB</p></body></html>",
        "https://member.example.com.tw/",
    );
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("5168"));
    assert_eq!(s.autopay, Some(true));
}

#[test]
fn a_bare_name_column_beside_the_lines_column_holds_nicknames() {
    let table = |first: &str| {
        us(&format!(
            "<table><thead><tr><th>{first}</th><th>Name</th><th>Data</th></tr></thead><tbody>\
             <tr><td>416-555-0142</td><td>Dad's phone</td><td>4.1 GB left of 10 GB</td></tr>\
             <tr><td>647-555-0199</td><td>Maya</td><td>2 GB left of 5 GB</td></tr></tbody></table>"
        ))
    };
    let s = table("Line");
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].label.as_deref(), Some("Dad's phone"));
    assert_eq!(s.lines[1].label.as_deref(), Some("Maya"));
    // Without a lines column a `Name` column names nothing of a line.
    let s = us(
        "<table><thead><tr><th>Name</th><th>Data</th></tr></thead><tbody>\
         <tr><td>Maya</td><td>2 GB left of 5 GB</td></tr></tbody></table>",
    );
    assert!(s.lines.iter().all(|l| l.label.is_none()));
}

#[test]
fn a_share_alone_in_its_block_is_that_share_of_the_total_after_it() {
    // A ring: the share, its caption, then the total, each a block.
    let s = us("<div class=card><p>(•••) •••-2290</p><div class=ring>\
         <div>62%</div><div>Remaining High-Speed Data</div><div>of 15 GB</div></div>\
         <p>Plan expires Mar 3, 2027</p></div>");
    let d = data(&s);
    assert_eq!((d.remaining_mb, d.total_mb), (Some(9523.2), Some(15360.0)));
    assert_eq!(d.used_mb, Some(5836.8));
    // A meter: the share, then what it is a share of.
    let s = us(
        "<p>Phone number 555-013-2577</p><div class=gauge><div role=meter>68%</div>\
         <div><div>of your 10 GB data used</div><div>Minutes: unlimited</div></div></div>",
    );
    let d = data(&s);
    assert_eq!((d.used_mb, d.remaining_mb), (Some(6963.2), Some(3276.8)));
    assert!(!d.unlimited);
    // A share with no total after it is no figure.
    let s = us(
        "<p>Phone number 555-013-2577</p><div>62%</div><div>Remaining data</div>\
         <p>Plan renews Dec 9</p>",
    );
    assert_eq!(s.lines[0].data, None);
}

#[test]
fn in_a_flat_row_of_pairs_a_value_right_after_a_label_is_that_labels() {
    let s = us("<p>(•••) •••-7736</p><p>3.2 GB left of 8 GB</p>\
         <p><span>Account balance</span> <span>$5.00</span> <span>Amount due</span> \
         <span>$20.00</span> <span>Due date</span> <span>Dec 9</span></p>");
    assert_eq!((s.balance, s.amount_due), (usd(500), usd(2000)));
    assert_eq!(s.next_bill_date, date(2026, 12, 9));
    // The plan's name ends before the next field's label.
    let s = us("<p><span>Phone:</span> <span>(555) 012-9034</span> <span>Plan:</span> \
         <span>Basic 6GB</span> <span>Status:</span> <span>Active</span></p><p>3.2 GB left of 6 GB</p>");
    assert_eq!(s.lines[0].plan.as_deref(), Some("Basic 6GB"));
    // A value first, its label after, stays so (`$5.00 Balance`).
    let s = us("<p>(•••) •••-7736</p><p>3.2 GB left of 8 GB</p><p>$5.00 Balance</p>");
    assert_eq!(s.balance, usd(500));
}

#[test]
fn a_bill_under_its_heading_is_its_total_row_not_its_first_item() {
    let bill = "<h2>Current bill</h2><table><tr><td>Unlimited · 2 lines</td><td>$80.00</td></tr>\
        <tr><td>Taxes</td><td>$9.10</td></tr><tr><td>Credit</td><td>-$5.00</td></tr>\
        <tfoot><tr><th>Total</th><th>$84.10</th></tr></tfoot></table>";
    assert_eq!(us(bill).amount_due, usd(8410));
    // Item and amount side by side in one row.
    let rows = "<h2>Your bill</h2><div><span>Starter plan</span> <span>$30.00</span></div>\
        <div><span>Total</span> <span>$33.25</span></div>";
    assert_eq!(us(rows).amount_due, usd(3325));
    // A history's `Total` column under another heading is no amount due.
    let history = "<h2>Order history</h2><table><tr><th>Date</th><th>Total</th></tr>\
        <tr><td>Nov 2, 2026</td><td>$10.00</td></tr></table>";
    assert_eq!(us(history).amount_due, None);
}

#[test]
fn a_plan_label_running_on_in_one_lower_case_word_names_no_plan() {
    let page = "<div><span>Plan started</span> <span>Oct 18, 2026</span></div>\
        <p>3 GB left of 5 GB</p>";
    assert_eq!(us(page).lines[0].plan, None);
    let s = scan_as_blocks(
        "<html lang=\"en-US\"><body><div><span>Plan purchased</span><span>11/16/2026</span></div>\
         <p>3 GB left of 5 GB</p></body></html>",
        "https://account.example-mobile.com/",
    );
    assert_eq!(s.lines[0].plan, None);
}

fn es_us(body: &str) -> Snapshot {
    scan(
        &format!(r#"<html lang="es-US"><body>{body}</body></html>"#),
        "https://account.example-mobile.com/",
    )
}

#[test]
fn a_bare_figure_on_an_unlimited_line_is_its_usage() {
    // r28c google-fi-es: a member list, each member's figure beside its `Ilimitado`.
    let s = es_us(
        "<ul><li><span>Tú</span> <span>(•••) •••-4512</span> <span>14.2 GB</span> \
         <span>Ilimitado</span></li><li><span>Mateo</span> <span>(•••) •••-0388</span> \
         <span>3.05 GB</span> <span>Ilimitado</span></li></ul>",
    );
    assert_eq!(s.lines.len(), 2);
    for (line, used) in s.lines.iter().zip([14540.8, 3123.2]) {
        let d = line.data.clone().unwrap();
        assert!(d.unlimited);
        assert_eq!(
            (d.used_mb, d.remaining_mb, d.total_mb),
            (Some(used), None, None)
        );
    }
}

#[test]
fn spanish_next_automatic_payment_and_scheduled_autopay() {
    // r28c boost-es: `Próximo pago automático` is the next payment's amount and day.
    let s = es_us(
        "<dl><div><dt>Próximo pago automático</dt><dd>$25.00 el 14 dic.</dd></div></dl>\
         <p>(•••) •••-3097</p><p>7.35 GB restantes de 15 GB</p>",
    );
    assert_eq!(s.amount_due, usd(2500));
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
    // r28c google-fi-es: `Factura actual` and a scheduled automatic payment.
    let s = es_us(
        "<div><div>Factura actual</div><div>$78.40</div>\
         <div>Pago automático programado para el 16 de dic.</div></div>\
         <p>(•••) •••-4512</p><p>3.2 GB usados</p>",
    );
    assert_eq!(s.amount_due, usd(7840));
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.next_bill_date, date(2026, 12, 16));
}

#[test]
fn the_first_item_under_an_add_ons_heading_named_with_a_plan_word_is_an_add_on() {
    // r28c lyca-es: the pack's `vence el 5 dic.` is no bill date nor the plan's end.
    let s = es_us(
        "<p>+1 (786) 555-0429</p><p>3.27 GB</p><p>Datos restantes</p>\
         <p>Tu plan vence en <b>12 días</b></p><h3>Paquetes adicionales</h3>\
         <div><div>Paquete México 1 GB</div><div>0.62 GB restantes · vence el 5 dic.</div></div>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 8));
    assert_eq!(data(&s).remaining_mb, Some(3348.48));
}

#[test]
fn a_tables_auto_renew_column_states_autopay() {
    // r28c redpocket: `Auto-Renew` | `On` per line.
    let s = us(
        "<table><thead><tr><th>Phone Number</th><th>Data Balance (MB)</th>\
         <th>Expiry Date</th><th>Auto-Renew</th></tr></thead><tbody>\
         <tr><td>818-555-0144</td><td>2,874</td><td>01/04/2027</td><td><span>On</span></td></tr>\
         </tbody></table>",
    );
    assert_eq!(s.autopay, Some(true));
    assert_eq!(data(&s).remaining_mb, Some(2874.0));
}

#[test]
fn middle_dots_mask_a_number_and_a_role_word_after_the_bucket_word() {
    // r28c total-wireless: `Dad ·· 5830`, and `hotspot left until Dec 21` in a sentence.
    let s = us(
        "<div><h2>Dad <span>·· 5830</span></h2><p>Unlimited high-speed data. You've used \
         <b>31.4 GB</b> this month.</p><p>You have <b>9.25 GB</b> of your 15 GB hotspot left \
         until Dec 21.</p></div><div><h2>Lily <span>·· 1907</span></h2><p>You have \
         <b>3.2 GB</b> of your 15 GB high-speed data left until Dec 21.</p></div>",
    );
    let last4: Vec<_> = s.lines.iter().map(|l| l.number_last4.clone()).collect();
    assert_eq!(last4, [Some("5830".into()), Some("1907".into())]);
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.remaining_mb, h.used_mb), (Some(9472.0), Some(5888.0)));
    assert_eq!(s.lines[1].data.clone().unwrap().remaining_mb, Some(3276.8));
}

#[test]
fn a_legend_item_after_the_lines_items_is_the_pools_not_the_last_lines() {
    // r28c consumer-cellular: a donut's legend lists each phone's usage, then `Remaining`.
    let s = us("<p>6.2 GB remaining of 10 GB</p><ul>\
         <li><span>Maria's phone</span> <span>(•••) •••-2231</span> <span>2.1 GB used</span></li>\
         <li><span>Jorge flip</span> <span>(•••) •••-8075</span> <span>1.7 GB used</span></li>\
         <li><span>Remaining</span> <span>6.2 GB</span></li></ul>");
    assert_eq!(s.lines.len(), 2);
    for (line, used) in s.lines.iter().zip([2150.4, 1740.8]) {
        let d = line.data.clone().unwrap();
        assert_eq!(
            (d.used_mb, d.remaining_mb, d.total_mb),
            (Some(used), Some(6348.8), Some(10240.0))
        );
    }
}

#[test]
fn a_pack_named_with_a_data_word_under_an_add_on_heading_is_the_add_on() {
    // `Travel Data Europa 1 GB` in a `Roaming-Pakete` box: its figure and its expiry are
    // the pack's, not the line's (r28d ch-abo-chf); a data label of the line's own box
    // before it stays the line's.
    let html = "<html lang=en-GB><body><section><h2>Your plan</h2><p>Phone number 07700 900123</p>\
         <div><span>Data</span> <span>Unlimited</span></div><p>Used since 1 Nov: 23.7 GB</p></section>\
         <section><header><h2>Roaming packs</h2></header><div><span>Travel Data Europe 1 GB</span>\
         <span>0.6 GB left</span><span>valid until 12 December 2026</span></div></section></body></html>";
    let url = "https://www.example-mobile.co.uk/account";
    let s = scan(html, url);
    assert_eq!(s.lines[0].renews_on, None, "{:?}", s.lines);
    assert_eq!(data(&s).remaining_mb, None, "{:?}", s.lines);
    assert!(data(&s).unlimited);
}

#[test]
fn a_price_per_unit_of_data_or_line_is_no_amount_due() {
    // `you pay $10 per GB` beside `your group owes $41.18` (red team, round 28e): a rate,
    // whatever label precedes it.
    for tail in [
        "per GB",
        "/GB",
        "/line",
        " per line.",
        "a line",
        "each",
        "line fee",
        "por GB",
        "/ 5GB",
    ] {
        assert!(names::price_rate_follows(&tail.to_lowercase()), "{tail}");
    }
    for tail in [
        "",
        ", and autopay will charge it",
        "per cycle so far",
        "on dec 21",
        "in your wallet",
    ] {
        assert!(!names::price_rate_follows(tail), "{tail}");
    }
    for body in [
        "<p>So far this cycle your group owes <span>$41.18</span>.</p><p>On Flexible you pay $10 per GB.</p>",
        "<p>You pay $10/GB after 6 GB.</p><p>Your household owes $41.18 this cycle.</p>",
        "<p>Lines are $20 a line.</p><p>You currently owe $41.18.</p>",
    ] {
        let s = us(body);
        assert_eq!(s.amount_due, usd(4118), "{body}");
    }
}

#[test]
fn a_status_chip_with_an_offer_word_leaves_the_line_heading_before_it() {
    // `Ellie's phone` `(***) ***-0938` `Expired · grace period` (red team, round 28e).
    for chip in ["Expired · grace period", "Upgrade offer", "Offer available"] {
        let s = us(&format!(
            r#"<div><div><span>Kid tablet</span> <span>(***) ***-0938</span> <span class="chip">{chip}</span></div>
            <dl><dt>Remaining data</dt><dd>2 GB of 5 GB</dd></dl></div>"#
        ));
        assert_eq!(s.lines.len(), 1, "{chip}: {s:?}");
        assert_eq!(
            s.lines[0].number_last4.as_deref(),
            Some("0938"),
            "{chip}: {s:?}"
        );
    }
}

#[test]
fn prose_usage_of_a_possessive_total_and_what_it_leaves() {
    // `has used 4.3 GB of its 12 GB so far this cycle, leaving 7.7 GB` (red team, round 28e).
    for body in [
        "<p>The line ending in 2087 has used 4.3 GB of its 12 GB so far this cycle, leaving 7.7 GB.</p>",
        "<p>The line ending in 2087 has used 4.3 GB of their 12 GB.</p>",
        "<p>Line ending in 2087: you have used 4.3 GB so far, leaving 7.7 GB.</p>",
    ] {
        let s = us(body);
        assert_eq!(
            (data(&s).remaining_mb, data(&s).total_mb),
            (Some(7884.8), Some(12288.0)),
            "{body}"
        );
    }
}

#[test]
fn a_caption_opening_a_row_of_items_takes_the_figure_above_and_a_speed_limit_stays_unlimited() {
    // `Hotspot` | `1.4 GB` | `used · Unlimited at up to 5 Mbps, one device at a time`
    // (red team, round 29a): `used` is the caption of its item; the speed limit of an
    // unlimited bucket leaves it unlimited.
    for caption in [
        "used · Unlimited at up to 5 Mbps, one device at a time",
        "used · Unlimited at 3 Mbps",
        "used | Unlimited at up to 5 Mbps · SD video",
    ] {
        let s = us(&format!(
            "<p>(•••) •••-7042</p><div><h2>Hotspot</h2><p>1.4 GB</p><p>{caption}</p></div>\
             <div><h2>Data</h2><p>4 GB</p><p>used this cycle · Unlimited</p></div>"
        ));
        let h = s.lines[0].hotspot.clone().unwrap();
        assert_eq!(
            (h.used_mb, h.remaining_mb, h.unlimited),
            (Some(1433.6), None, true),
            "{caption}"
        );
    }
    // `left · Renews Dec 3, 2026 · 5G`: the caption before the other items.
    let s = us("<p>(•••) •••-7042</p><div><h2>Data</h2><p>2.1 GB</p><p>left · Renews Dec 3, 2026 · 5G</p></div>");
    assert_eq!(data(&s).remaining_mb, Some(2150.4));
    // A slowed speed after a cap is still no unlimited bucket.
    for text in [
        "8GB high-speed data, unlimited at 2G speeds after",
        "Unlimited at up to 128kbps after 8GB",
    ] {
        let s = us(&format!(
            "<ul><li>{text}</li></ul><div><p>2.5 GB left</p><p>of 8GB</p></div>"
        ));
        assert!(!data(&s).unlimited, "{text}");
    }
}

#[test]
fn plan_names_end_with_their_sentence_and_keep_a_greeting_word_inside() {
    // `Plan: <span>15GB</span>. 3 of 12 months remaining.`, `Unlimited Welcome`, a history
    // table's `Plan / Item` header (red team, round 29a).
    for (body, plan) in [
        ("<p>(•••) •••-1234</p><p>Plan: <span>Starter 15GB</span>. 3 of 12 months remaining.</p><p>2 GB left</p>", "Starter 15GB"),
        ("<p>(•••) •••-1234</p><p>Plan: <span>Basic 5GB</span>. Running low? <a href=\"/a\">Add 1GB for $10</a></p><p>2 GB left</p>", "Basic 5GB"),
        ("<p>(•••) •••-1234</p><p>Plan: Starter 10GB. Renews monthly.</p><p>2 GB left</p>", "Starter 10GB"),
        ("<p>(•••) •••-1234</p><p class=\"plan\">Unlimited Welcome</p><p>27.5 GB used · Unlimited data</p>", "Unlimited Welcome"),
        ("<p>(•••) •••-1234</p><p>Plan name</p><p>Prepaid Hello 5GB</p><p>2 GB left</p>", "Prepaid Hello 5GB"),
    ] {
        let s = us(body);
        assert_eq!(s.lines[0].plan.as_deref(), Some(plan), "{body}");
    }
    let s = us("<p>(•••) •••-1234</p><p>2 GB left</p><table><tr><th>Date</th><th>Plan / Item</th><th>Paid</th></tr>\
        <tr><td>11/04/2026</td><td>Starter (30 days)</td><td>$29.00</td></tr></table>");
    assert_ne!(s.lines[0].plan.as_deref(), Some("/ Item"), "{s:?}");
}

#[test]
fn a_nickname_ending_in_the_line_word_names_its_line() {
    // `<b>Studio line</b><span>(•••) •••-4410</span>` (red team, round 29a).
    for name in ["Studio line", "Work line", "Kids line"] {
        let s = us(&format!(
            "<div><div><b>{name}</b><span>(•••) •••-4410</span></div><p>2 GB used</p></div>\
             <div><div><b>Marco's phone</b><span>(•••) •••-4411</span></div><p>3 GB used</p></div>"
        ));
        assert_eq!(s.lines[0].label.as_deref(), Some(name), "{s:?}");
    }
    // A caption is still no name.
    let s = us(
        "<div><div><b>My line</b><span>(•••) •••-4410</span></div><p>2 GB used</p></div>\
        <div><div><b>Marco's phone</b><span>(•••) •••-4411</span></div><p>3 GB used</p></div>",
    );
    assert_eq!(s.lines[0].label, None, "{s:?}");
}

#[test]
fn an_emphasised_name_before_the_plan_word_in_a_sentence_names_the_plan() {
    // `On the <b>Lakeshore 12GB</b> plan, the line ending in 2087 has used …` (red team,
    // round 28e).
    for (body, plan) in [
        ("<p>On the <b>Lakeshore 12GB</b> plan, the line ending in 2087 has used 4.3 GB of its 12 GB.</p>", Some("Lakeshore 12GB")),
        ("<p>(•••) •••-1234</p><p>You're on the <b>Basic 5GB</b> plan.</p><p>2 GB left</p>", Some("Basic 5GB")),
        ("<p>(•••) •••-1234</p><p>You're on the <strong>Everyday 8GB</strong> plan.</p><p>2 GB left</p>", Some("Everyday 8GB")),
        // Not an offer's, nor a section word.
        ("<p>(•••) •••-1234</p><p>Upgrade to the <b>Unlimited Premium</b> plan today!</p><p>2 GB left</p>", None),
        ("<p>(•••) •••-1234</p><p>Change <b>your</b> plan anytime.</p><p>2 GB left</p>", None),
    ] {
        let s = us(body);
        assert_eq!(s.lines[0].plan.as_deref(), plan, "{body}");
    }
}

// ---- stop 29, international fixer ----

#[test]
fn a_masked_account_number_is_no_line() {
    // r28f ct-fuka-gongxiang: `宽带账号 0755****8812` under the members' cards is the
    // broadband account's, not a fourth line; so are a customer or contract number shaped
    // like a masked phone number, in other languages.
    let cards = r#"<div><p>主卡 189****0416</p><p>本月已用流量 15.20GB</p></div>
        <div><p>副卡 133****7782</p><p>本月已用流量 9.50GB</p></div>"#;
    for (lang, account) in [
        ("zh-CN", "<p>宽带账号 0755****8812 · 千兆 · 正常使用</p>"),
        ("zh-CN", "<p>登录帐号：0755****8812</p>"),
        ("zh-TW", "<p>寬頻帳號 0755****8812</p>"),
        ("de-DE", "<p>Kundennummer 0755****8812</p>"),
        ("es-ES", "<p>Número de cliente: 0755****8812</p>"),
        ("en-GB", "<p>Customer number 0755****8812</p>"),
    ] {
        let s = scan(
            &format!(r#"<html lang="{lang}"><body>{cards}{account}</body></html>"#),
            "https://my.example-tel.cn/home",
        );
        let numbers: Vec<_> = s.lines.iter().map(|l| l.number_last4.clone()).collect();
        assert_eq!(
            numbers,
            [Some("0416".to_string()), Some("7782".to_string())],
            "{account}"
        );
    }
}

#[test]
fn a_table_of_add_ons_gives_neither_figures_nor_renewal() {
    // r28f cm-tingji-liuliangbao and de-congstar-prepaid: a table listing packs (its first
    // column headed `流量包`, or a heading naming add-ons right above it) holds the packs'
    // figures and expiry dates, not the line's.
    let cases = [
        (
            "zh-CN",
            "<p>套餐到期 2026-12-31</p><p>已用 18.20GB，剩余 11.80GB，共 30GB</p>\
             <table><thead><tr><th>流量包</th><th>剩余</th><th>总量</th><th>到期时间</th></tr></thead>\
             <tbody><tr><td>10GB国内流量月包</td><td>6.20GB</td><td>10GB</td><td>2026-11-30</td></tr></tbody></table>",
            (2026, 12, 31),
        ),
        (
            "de-DE",
            "<p>Dein Tarif läuft bis <b>31.12.2026</b>.</p><p>Noch 11,8 GB von 30 GB übrig.</p>\
             <section><h2>Gebuchte Optionen</h2><table><tr><th>Option</th><th>Volumen</th><th>gültig bis</th></tr>\
             <tr><td>Daten-Speedpass 10 GB</td><td>noch 6,2 GB</td><td>30.11.2026</td></tr></table></section>",
            (2026, 12, 31),
        ),
        (
            "en-GB",
            "<p>Plan renews 31 December 2026</p><p>11.8 GB left of 30 GB</p>\
             <section><header><h2>Your bolt-ons</h2></header><table>\
             <tr><th>Name</th><th>Remaining</th><th>Expires</th></tr>\
             <tr><td>Weekend Data 10GB</td><td>6.2 GB</td><td>30 November 2026</td></tr></table></section>",
            (2026, 12, 31),
        ),
        (
            "es-ES",
            "<p>Tu tarifa se renueva el 31/12/2026</p><p>Te quedan 11,8 GB de 30 GB</p>\
             <h3>Bonos contratados</h3><table><tr><th>Bono</th><th>Restante</th><th>Caduca</th></tr>\
             <tr><td>Bono Gigas 10 GB</td><td>6,2 GB</td><td>30/11/2026</td></tr></table>",
            (2026, 12, 31),
        ),
    ];
    for (lang, body, (y, m, d)) in cases {
        let s = scan(
            &format!(r#"<html lang="{lang}"><body>{body}</body></html>"#),
            "https://my.example-tel.com/home",
        );
        assert_eq!(s.lines[0].renews_on, date(y, m, d), "{lang}: {:?}", s.lines);
        let d = data(&s);
        assert_eq!(
            (d.remaining_mb, d.total_mb),
            (Some(12083.2), Some(30720.0)),
            "{lang}"
        );
    }
}

#[test]
fn a_plan_that_runs_until_a_date_renews_then() {
    // r28f de-congstar-prepaid: `Dein Tarif läuft bis 14.12.2026 und verlängert sich
    // automatisch um 4 Wochen`: the term's end is the renewal; `um 4 Wochen` is the
    // length of the next term, no date.
    for (lang, text) in [
        (
            "de-DE",
            "Dein Tarif läuft bis 14.12.2026 und verlängert sich automatisch um 4 Wochen.",
        ),
        (
            "en-GB",
            "Your plan runs until 14 December 2026, then is extended by 28 days.",
        ),
        ("es-ES", "Tu tarifa está activa hasta el 14/12/2026."),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><p>{text}</p><p>3,2 GB / 5 GB</p></body></html>"#
            ),
            "https://my.example-tel.com/home",
        );
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 14), "{text}");
    }
}

#[test]
fn a_number_masked_with_two_marks_names_a_line() {
    // r29b twm-family-table, fet-prepaid-keepnumber, ctm-macau-postpaid: Taiwan and Macau
    // mask two digits only (`0912-**5-631`, `+853 66** 1854`); a line's number all the same.
    for (lang, html, want) in [
        (
            "zh-TW",
            "<p>預付卡門號：<span>0910-**8-842</span></p><p>剩餘 512MB</p>",
            "8842",
        ),
        (
            "zh-Hant",
            "<div><span>流動電話號碼</span><strong>+853 66** 1854</strong></div><p>剩餘 18.25GB</p>",
            "1854",
        ),
        (
            "en-HK",
            "<p>Mobile number 9**8 7654 3210</p><p>3.2 GB left</p>",
            "3210",
        ),
    ] {
        let s = scan(
            &format!(r#"<html lang="{lang}"><body>{html}</body></html>"#),
            "https://my.example-tel.com/home",
        );
        assert_eq!(s.lines[0].number_last4.as_deref(), Some(want), "{html}");
    }
}

#[test]
fn a_bank_account_after_an_autopay_state_is_no_line() {
    // r29b cmhk-postpaid-trad: `自動轉賬 已登記（銀行戶口 ****-**-3381）` is the bank's
    // account (Hong Kong's word 戶口), not a second line.
    for note in [
        "已登記（銀行戶口 ****-**-3381）",
        "已登记（银行户口 ****-**-3381）",
        "已登記（戶口號碼 ****-**-3381）",
    ] {
        let s = scan(
            &format!(
                r#"<html lang="zh-HK"><body><p>手機號碼 <span>+852 9128 2917</span></p>
                <dl><dt>自動轉賬</dt><dd>{note}</dd></dl><p>12.5GB 餘量</p></body></html>"#
            ),
            "https://my.example-tel.hk/home",
        );
        assert_eq!(s.lines.len(), 1, "{note}: {:?}", s.lines);
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("2917"));
        assert_eq!(s.autopay, Some(true));
    }
}

#[test]
fn in_a_flat_row_of_pairs_a_label_with_its_own_value_captions_nothing_before_it() {
    // r29b csl-two-lines: `本地數據 無限數據 · 本期已用 86.3GB 通話分鐘 無限 本期月費
    // HK$298.00` (key and value spans inline): `通話分鐘` labels `無限` after it, not the
    // 86.3GB before it, which stays the line's usage.
    for row in [
        r#"<span class="k">本地數據</span><span class="v">無限數據 · 本期已用 86.3GB</span>
           <span class="k">通話分鐘</span><span class="v">無限</span>
           <span class="k">本期月費</span><span class="v">HK$298.00</span>"#,
        r#"<span>Local data</span> <span>Unlimited · 86.3GB used</span>
           <span>Voice minutes</span> <span>Unlimited</span>"#,
        r#"<span>Datos</span> <span>Ilimitados · 86,3 GB usados</span>
           <span>Minutos</span> <span>Ilimitados</span>"#,
    ] {
        let s = scan(
            &format!(
                r#"<html lang="zh-HK"><body><h3>5*** 3317</h3><div>{row}</div></body></html>"#
            ),
            "https://my.example-tel.hk/home",
        );
        let d = data(&s);
        assert_eq!((d.used_mb, d.unlimited), (Some(88371.2), true), "{row}");
    }
}

#[test]
fn an_offer_word_in_an_autopay_note_leaves_the_autopay_state() {
    // r29b ct-value-first: `话费自动充值：已开通（…从绑定的翼支付账户自动充值）`: the
    // wallet's name, an offer word at China Telecom, only says where the money comes from.
    let s = scan(
        r#"<html lang="zh-CN"><body><p><b>189****7716</b></p>
        <p>话费自动充值：<b>已开通</b> <span>（余额低于设定值时将从绑定的翼支付账户自动充值）</span></p>
        <p>翼支付账户余额：¥200.00</p><p>42.67元 账户余额</p></body></html>"#,
        "https://www.189.cn/dqmh/my189/initMy189home.do",
    );
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.balance, Some(Money::new(4267, Currency::Cny)));
}

#[test]
fn a_bill_named_in_a_sentence_gives_its_amount() {
    // r28f de-o2-rechnung: `Deine Rechnung für November über <span>39</span>,<span>99</span>
    // € wird am 03.12.2026 per SEPA-Lastschrift … abgebucht.`: the bill's amount is due.
    for (lang, sentence) in [
        (
            "de-DE",
            "Deine Rechnung für November über <span><span>39</span>,<span>99</span> €</span> wird am 03.12.2026 per SEPA-Lastschrift abgebucht.",
        ),
        (
            "de-AT",
            "Ihre Rechnung für November in Höhe von 39,99 € wird am 03.12.2026 abgebucht.",
        ),
        (
            "fr-FR",
            "Votre facture de novembre de 39,99 € sera prélevée le 03/12/2026.",
        ),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><p>Rufnummer 0176 •••• 8231</p><p>{sentence}</p></body></html>"#
            ),
            "https://www.example-tel.de/rechnung",
        );
        assert_eq!(
            s.amount_due,
            Some(Money::new(3999, Currency::Eur)),
            "{sentence}"
        );
    }
}

#[test]
fn full_numbers_alone_in_cards_of_one_shape_are_lines() {
    // r28f es-pepephone-familia: each member's card shows `<span class=line_num>612 458
    // 341</span>` beside an alias, then its usage: a list of lines, though no line word
    // names them.
    for (lang, a, b) in [
        ("es-ES", "612 458 341", "655 901 276"),
        ("fr-FR", "06 12 34 56 78", "07 98 76 54 32"),
        ("en-GB", "07700 900417", "07700 900 652"),
    ] {
        let card = |n: &str, used: &str| {
            format!(
                r#"<article class="card"><header><span class="alias">Name</span><span class="num">{n}</span></header>
                <p>{used} GB</p></article>"#
            )
        };
        let html = format!(
            r#"<html lang="{lang}"><body><p>62.5 GB left of 100 GB</p>{}{}</body></html>"#,
            card(a, "18.3"),
            card(b, "12.7")
        );
        let s = scan(&html, "https://www.example-tel.es/cuenta");
        assert_eq!(s.lines.len(), 2, "{lang}: {:?}", s.lines);
        // One such number alone is no line.
        let html = format!(
            r#"<html lang="{lang}"><body><p>62.5 GB left of 100 GB</p>{}</body></html>"#,
            card(a, "18.3")
        );
        let s = scan(&html, "https://www.example-tel.es/cuenta");
        assert_eq!(s.lines[0].number_last4, None, "{lang}");
    }
}

#[test]
fn a_numbers_expiry_before_the_day_to_top_up_by_is_its_renewal() {
    // r29b fet-prepaid-keepnumber: `門號即將到期：請於 2026/12/03 前儲值`: the day to top
    // up by is when the prepaid number expires, its renewal as well as the due date.
    for (lang, alert) in [
        (
            "zh-TW",
            "<strong>門號即將到期</strong>：請於 <b>2026/12/03</b> 前儲值，以免門號停用。",
        ),
        ("zh-CN", "您的号码即将到期，请于2026年12月3日前充值。"),
        ("zh-HK", "號碼即將到期：請於 2026年12月3日 前增值。"),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><p>門號：<span>0910-**8-842</span></p>
                <div role="alert">{alert}</div><p>剩餘 512MB</p></body></html>"#
            ),
            "https://www.example-tel.tw/prepaid",
        );
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 3), "{alert}");
        assert_eq!(s.next_bill_date, date(2026, 12, 3), "{alert}");
    }
}

#[test]
fn a_role_word_before_a_total_still_captions_the_figure_before_it() {
    // r28c metro-es-lineas after stop 29's merge: `Hotspot` | `2.3 GB` | `restantes de 5 GB`
    // in one row that opens with a label. `restantes` is followed by a figure, but only
    // through `de`: that figure is the total, and `restantes` captions the 2.3 GB before.
    for (lang, figure, role) in [
        ("es-US", "2.3 GB", "restantes de 5 GB"),
        ("en-US", "2.3 GB", "left of 5 GB"),
        ("de-DE", "2,3 GB", "verbleibend von 5 GB"),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><h3>(•••) •••-6610</h3>
                <div><span>Hotspot</span> <span>{figure}</span> <span>{role}</span></div>
                </body></html>"#
            ),
            "https://my.example-wireless.com/account",
        );
        let h = s.lines[0].hotspot.as_ref().expect(role);
        assert_eq!(
            (h.remaining_mb, h.total_mb),
            (Some(2355.2), Some(5120.0)),
            "{role}"
        );
    }
}

/// r29c tmobile-es-prepago: `vence el` (a due date and an expiry) right before its own date
/// in an add-on's row took, as the due date, the `hoy` of `Actualizado hoy a las 8:12` below.
#[test]
fn label_with_its_own_value_does_not_reach_the_next_row() {
    let es = |body: &str| {
        scan(
            &format!(r#"<html lang="es-US"><body>{body}</body></html>"#),
            "https://account.example-mobile.com/",
        )
    };
    for (pack, row, stamp) in [
        (
            "Pase de datos internacional",
            "Quedan 1.5 GB de 2 GB · vence el 3 de dic.",
            "Actualizado hoy a las 8:12 a. m. Después de usar tus datos de alta velocidad, \
             la velocidad se reduce a 128 kbps.",
        ),
        (
            "Bono de datos",
            "500 MB disponibles · vence el 3 de dic.",
            "Datos actualizados hoy, 8:12 a. m. Velocidad de 128 kbps al agotar tus datos.",
        ),
    ] {
        let s = es(&format!(
            "<p>Saldo $12.40</p><p>Tu plan se renueva el <b>9 de diciembre</b> por $40.00.</p>\
             <div><p>{pack}</p><p>{row}</p></div><p>{stamp}</p>"
        ));
        assert_eq!(s.next_bill_date, date(2026, 12, 9), "{pack}");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 9), "{pack}");
    }
}

/// r29c mint-es-familia: `Tu plan familiar de 3 meses vence el 15 de enero de 2027` is the
/// plan's end (its renewal), not a bill's due date; a data top-up's row (`Recarga de datos
/// 1 GB` · `1 GB disponible` · `vence 12 dic.`, the period only a month's abbreviation) is an
/// add-on, so neither its date nor its gigabyte is the line's.
#[test]
fn a_plan_that_expires_renews_and_a_data_top_up_is_an_add_on() {
    let es = |body: &str| {
        scan(
            &format!(r#"<html lang="es-US"><body>{body}</body></html>"#),
            "https://account.example-mobile.com/",
        )
    };
    let s = es(
        "<p>Tu plan familiar de <b>3 meses</b> vence el <b>15 de enero de 2027</b>.</p>\
         <p>Los datos de alta velocidad se restablecen el 12 de dic.</p>\
         <div><p>Plan</p><p>Ilimitado</p><p>Datos usados: 27.4 GB</p>\
         <div><span>Recarga de datos 1 GB</span> <span>1 GB disponible</span> \
         <span>vence 12 dic.</span></div></div>",
    );
    assert_eq!(s.next_bill_date, date(2027, 1, 15));
    assert_eq!(s.lines[0].renews_on, date(2027, 1, 15));
    assert_eq!(data(&s).remaining_mb, None);
    let s = es(
        "<p>Saldo $3.10</p><p>El plan de 12 meses vence el 3 de marzo de 2027.</p>\
         <div><p>Plan</p><p>Ilimitado</p><p>Datos usados: 27.4 GB</p>\
         <p>Paquete internacional · 500 MB disponibles · vence el 5 dic.</p></div>",
    );
    assert_eq!(s.lines[0].renews_on, date(2027, 3, 3));
    assert_eq!(data(&s).remaining_mb, None);
    assert!(data(&s).unlimited);
}

/// r29c metro-es-two-lines: a figure and, in the next element, its state and total in
/// Spanish (`<span>4.6 GB</span> <span>usados de 15 GB</span>`) are one reading, as in
/// English (`used of 15 GB`).
#[test]
fn a_figure_and_its_state_and_total_in_the_next_element_in_spanish() {
    let es = |body: &str| {
        scan(
            &format!(r#"<html lang="es-US"><body>{body}</body></html>"#),
            "https://account.example-mobile.com/",
        )
    };
    let row = |name: &str, figure: &str, rest: &str| {
        format!(
            "<section><p>(•••) •••-2210</p><div><span>{name}</span> <span>{figure}</span> \
             <span>{rest}</span></div></section>"
        )
    };
    let s = es(&row("Hotspot", "4.6 GB", "usados de 15 GB"));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(4710.4), Some(15360.0)));
    let s = es(&row("Hotspot", "4.6 GB", "utilizados de 15 GB"));
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!((h.used_mb, h.total_mb), (Some(4710.4), Some(15360.0)));
    let s = es(&row("Datos", "3 GB", "disponibles de tus 5 GB"));
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
    assert_eq!(data(&s).total_mb, Some(5120.0));
}

/// A talk or text word inside the plan's name (`You're on the Talk Saver plan`, `Plan:
/// Text Saver`) heads no talk bucket: the data figure after it is the line's.
#[test]
fn a_talk_word_in_the_plan_name_is_no_talk_bucket() {
    for body in [
        "<p>You're on the <strong>Talk Saver</strong> plan.</p><p>2 GB left</p>",
        "<p>You're on the <strong>Text Saver</strong> plan.</p><p>2 GB left</p>",
        "<p>Plan: Talk Saver</p><p>2 GB left</p>",
    ] {
        let s = us(body);
        assert_eq!(s.lines.len(), 1, "{body}");
        assert_eq!(data(&s).remaining_mb, Some(2048.0), "{body}");
    }
}

/// The date of a stamp saying when the figures were read (`Usage as of Nov 28, 2026`,
/// `Actualizado hoy a las 8:12`, `Last updated: 11/25/2026`) is no renewal or bill date,
/// even under a caption with no value of its own.
#[test]
fn a_stamp_of_when_figures_were_read_is_no_bill_date() {
    for body in [
        "<p>Balance $12.40</p><p>Renewal date</p><p>Usage as of Nov 28, 2026 8:12 PM</p>",
        "<p>Saldo $12.40</p><p>Fecha de renovación</p><p>Actualizado hoy a las 8:12 a. m.</p>",
        "<p>Balance $12.40</p><p>Renews</p><p>Last updated: 11/25/2026 8:12 AM</p>",
    ] {
        let s = us(body);
        assert_eq!(s.next_bill_date, None, "{body}");
        assert!(s.lines.iter().all(|l| l.renews_on.is_none()), "{body}");
    }
}

#[test]
fn a_caption_under_a_figure_names_its_role_and_total() {
    for (t, r, tot) in [
        ("4,096 MB|verfügbar von 10,240 MB", 4096.0, 10240.0),
        ("4 GB|left of 10 GB", 4096.0, 10240.0),
        ("2 GB|restantes de 5 GB", 2048.0, 5120.0),
    ] {
        let d = parse::parse_data(t).unwrap();
        assert_eq!((d.remaining_mb, d.total_mb), (Some(r), Some(tot)), "{t}");
    }
}

#[test]
fn french_pages_units_and_words() {
    let d = parse::parse_data("Il vous reste 4,6 Go sur 10 Go").unwrap();
    assert_eq!((d.remaining_mb, d.total_mb), (Some(4710.4), Some(10240.0)));
    let d = parse::parse_data("500 Mo utilisés sur 2 Go").unwrap();
    assert_eq!((d.used_mb, d.total_mb), (Some(500.0), Some(2048.0)));
    // `12 mo` is a term, `go` a word: no units.
    assert!(parse::find_data("12 mo contract, go online").is_empty());
    let s = scan(
        r#"<html lang="fr-CA"><body><div><h2>Solde à payer</h2><p>64,20 $</p><p>Date d'échéance : 18 déc.</p></div>
        <div><h2>Paiements automatiques</h2><p>Activés – carte de crédit se terminant par 5521</p></div>
        <div><span>Numéro de téléphone</span> <strong>(514) •••-2290</strong></div>
        <div><h2>Données</h2><p>Il vous reste <b>4,6 Go</b> sur 10 Go</p><p>Votre cycle se termine dans 21 jours.</p></div></body></html>"#,
        "https://www.example-mobile.ca/fr/compte",
    );
    assert_eq!(s.amount_due, Some(Money::new(6420, Currency::Cad)));
    assert_eq!(s.next_bill_date, date(2026, 12, 18));
    assert_eq!(s.autopay, Some(true));
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].number_last4.as_deref(), Some("2290"));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 17));
    assert_eq!(data(&s).remaining_mb, Some(4710.4));
}

#[test]
fn a_term_of_a_description_list_names_only_the_values_after_it() {
    let s = scan(
        r#"<html lang="de-DE"><body><article><h2>Ihr Tarif</h2><p>Prepaid M</p><dl>
        <dt>Tarifpreis</dt><dd>9,95 € / 4 Wochen</dd><dt>Tarif gültig bis</dt><dd>14.12.2026</dd>
        <dt>Nächste Abbuchung vom Guthaben</dt><dd>14.12.2026</dd></dl></article></body></html>"#,
        "https://www.example-mobil.de/prepaid",
    );
    assert_eq!(s.amount_due, None);
    assert_eq!(s.next_bill_date, date(2026, 12, 14));
}

#[test]
fn the_last_row_of_the_card_before_says_nothing_of_a_masked_number() {
    // Blocks, as the browser lays out flex items: the payment row of the bill card stands
    // right above the next card's number.
    let s = scan(
        r#"<html lang="zh-HK"><body><section><div><div>自動轉賬</div><div>已登記（信用卡 Visa 尾號 4417）</div></div></section>
        <section><div><h3>5*** 3317</h3><div>5G 月費計劃</div></div><div><div>本地數據</div><div>已用 8GB / 20GB</div></div></section>
        <section><div><h3>6*** 0458</h3><div>4.5G 月費計劃</div></div><div><div>本地數據</div><div>已用 4GB / 20GB</div></div></section></body></html>"#,
        "https://www.example-mobile.hk/tc/my-account/",
    );
    let nums: Vec<_> = s.lines.iter().map(|l| l.number_last4.clone()).collect();
    assert_eq!(nums, [Some("3317".into()), Some("0458".into())]);
}

#[test]
fn an_item_caption_takes_the_figure_above_not_an_aside_below() {
    // `Offener Betrag · fällig am 15.12.2026` under the figure; an instalment below, in
    // brackets after words, with `1/1` (a count, not 1 January).
    let s = scan(
        r#"<html lang="de-CH"><body><div class="card"><div>Rechnung November</div>
        <div><span>CHF</span> <span>1'084.20</span></div>
        <div>Offener Betrag · fällig am 15.12.2026</div>
        <div>Enthält Teilzahlung 1/1 iPhone 17 (CHF 929.00)</div></div></body></html>"#,
        "https://www.example-mobile.ch/de/uebersicht",
    );
    assert_eq!(
        s.amount_due,
        Some(Money::new(108420, Currency::Chf)),
        "{s:?}"
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 15), "{s:?}");
}

// ---- stop 30, US fixer ------------------------------------------------------------------

#[test]
fn a_nickname_naming_a_bucket_labels_no_figure() {
    // `Cabin hotspot` under `Name` names the line: the line's usage is no hotspot bucket.
    for name in ["Cabin hotspot", "Travel data SIM", "Spare hotspot"] {
        let s = us(&format!(
            "<p>26.3 GB used of 40 GB shared data</p><table><thead><tr><th>Line</th><th>Name</th>\
             <th>Plan</th><th>Used this cycle</th></tr></thead><tbody>\
             <tr><td>(307) 555-0142</td><td>Dad's flip</td><td>Family Share 40GB</td><td>11.2 GB</td></tr>\
             <tr><td>(307) 555-0116</td><td>{name}</td><td>Family Share 40GB</td><td>0 MB</td></tr>\
             </tbody></table>"
        ));
        assert_eq!(s.lines.len(), 2, "{name}: {s:?}");
        assert!(s.lines.iter().all(|l| l.hotspot.is_none()), "{name}: {s:?}");
        assert_eq!(s.lines[1].label.as_deref(), Some(name));
        assert_eq!(
            s.lines[1].data.as_ref().and_then(|d| d.used_mb),
            Some(0.0),
            "{name}"
        );
        assert_eq!(
            s.lines[0].data.as_ref().and_then(|d| d.used_mb),
            Some(11468.8),
            "{name}"
        );
    }
}

#[test]
fn a_side_menus_entry_heads_no_bucket() {
    // `Add-ons` in a side menu of plain items names a page: the date after it is the
    // account's renewal, not an add-on's expiry.
    for menu in [
        "<aside><ul><li>Dashboard</li><li>Payments</li><li>Add-ons</li><li>Settings</li></ul></aside>",
        "<div><ul><li>Overview</li><li>Add-ons</li><li>Profile</li></ul></div>",
        "<nav><a href=/a>Home</a> <a href=/b>Add-ons</a></nav>",
    ] {
        let s = us(&format!(
            "{menu}<h1>Account</h1><div><span>Service End Date</span><br><span>12/21/2026</span></div>\
             <h2>Line 1 · ***-***-7731</h2><p>Data</p><p>2.5 GB left</p>"
        ));
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 21), "{menu}: {s:?}");
        assert_eq!(s.next_bill_date, date(2026, 12, 21), "{menu}");
    }
    // A menu's `Hotspot` entry does not make the figure after the menu a hotspot's.
    let s =
        us("<ul><li>Overview</li><li>Hotspot</li><li>Billing</li></ul><p>3 GB left of 10 GB</p>");
    assert!(s.lines[0].hotspot.is_none(), "{s:?}");
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
}

#[test]
fn data_left_until_a_day_yields_to_a_plans_end() {
    // How long the data lasts is the data's cycle: a plan of several months ends later.
    for sentence in [
        "You have 3.2 GB left until Dec 14.",
        "3.2 GB remaining until Dec 14",
        "Your data lasts until Dec 14",
    ] {
        let s = us(&format!(
            "<p>{sentence}</p><dl><dt>Plan</dt><dd>6-Month 8GB</dd><dt>Plan ends</dt>\
             <dd>Mar 3, 2027</dd></dl>"
        ));
        assert_eq!(s.lines[0].renews_on, date(2027, 3, 3), "{sentence}: {s:?}");
        assert_eq!(s.next_bill_date, date(2027, 3, 3), "{sentence}");
        // Alone, it is the renewal.
        let s = us(&format!("<p>{sentence}</p>"));
        assert_eq!(
            s.lines[0].renews_on,
            date(2026, 12, 14),
            "{sentence}: {s:?}"
        );
    }
}

#[test]
fn a_credit_applied_to_the_bill_is_no_balance() {
    for item in [
        "Account credit applied −$22.40",
        "Account credit used -$22.40",
        "Wallet balance applied: -$22.40",
    ] {
        let s = us(&format!(
            "<div><h2>Current bill</h2><p>Flexible plan $35.00</p><p>{item}</p>\
             <p>Total $12.60</p></div>"
        ));
        assert_eq!(s.balance, None, "{item}: {s:?}");
        assert_eq!(s.amount_due, usd(1260), "{item}");
    }
    // An account credit still to spend stays the balance.
    let s = us("<p>Account credit $5.00</p>");
    assert_eq!(s.balance, usd(500));
}

#[test]
fn a_balance_under_a_devices_title_is_the_devices() {
    for title in [
        "Equipment installment plans",
        "Device financing",
        "Your devices",
    ] {
        let s = us(&format!(
            "<section><p>Balance due $156.22</p></section><section><h2>{title}</h2>\
             <ul><li>Pixel 10 on line (212) 555-0148: $18.75/mo · 14 of 24 payments left · \
             Remaining balance $262.50</li></ul></section>"
        ));
        assert_eq!(s.balance, None, "{title}: {s:?}");
        assert_eq!(s.amount_due, usd(15622), "{title}");
    }
}

#[test]
fn money_in_your_account_is_the_balance() {
    for (text, cents) in [
        ("$0.00 in your account · no refill needed until renewal", 0),
        ("You have $12.50 in your wallet.", 1250),
    ] {
        let s = us(&format!("<p>{text}</p><p>Data left 2 GB</p>"));
        assert_eq!(s.balance, usd(cents), "{text}: {s:?}");
    }
}

#[test]
fn a_cycles_end_under_the_current_bill_is_the_renewal() {
    // Google Fi: `Cycle ends` in the bill's card is the plan's cycle (every line's
    // renewal); the payment date, when shown, is the bill's.
    let card = |pay: &str| {
        format!(
            "<div><p>Current bill</p><p>$58.40</p><p>{pay}</p><p>Cycle ends</p><p>12 days</p></div>\
             <div><p>Pixel 10 ••• ••• 1184</p><p>Data usage 2.84 GB</p></div>\
             <div><p>Leo's Pixel 9a ••• ••• 6620</p><p>Data usage 0.96 GB</p></div>"
        )
    };
    let fi = |body: String| {
        scan(
            &format!("<html lang=en-US><body>{body}</body></html>"),
            "https://fi.google.com/account",
        )
    };
    for pay in [
        "Autopay will pay this on Dec 14",
        "Your card will be charged on Dec 14",
        "Payment due Dec 14",
    ] {
        let s = fi(card(pay));
        assert_eq!(s.next_bill_date, date(2026, 12, 14), "{pay}: {s:?}");
        assert!(
            s.lines.iter().all(|l| l.renews_on == date(2026, 12, 8)),
            "{pay}: {s:?}"
        );
    }
    // With no payment date, the cycle's end is the bill date too.
    let s = fi(card("Autopay on"));
    assert_eq!(s.next_bill_date, date(2026, 12, 8), "{s:?}");
    assert!(
        s.lines.iter().all(|l| l.renews_on == date(2026, 12, 8)),
        "{s:?}"
    );
}

#[test]
fn a_line_named_after_the_holder_has_no_label() {
    // The greeted holder's first name, and the last name the page shows beside it, are
    // never stored, also inside a line's name; other people's names stay.
    let s = us(
        "<header><p>Hi, Thomas</p></header><section><p>Thomas Aebi</p><p>Member since 2019</p></section>\
         <div><h3>Aebi Handy</h3><p>(415) 555-1234</p><p>Data left 2 GB</p></div>\
         <div><h3>Thomas Handy</h3><p>(415) 555-4321</p><p>Data left 3 GB</p></div>\
         <div><h3>Mia's iPad</h3><p>(415) 555-5678</p><p>Data left 1 GB</p></div>\
         <div><h3>Dad</h3><p>(415) 555-8765</p><p>Data left 1 GB</p></div>",
    );
    let labels: Vec<Option<&str>> = s.lines.iter().map(|l| l.label.as_deref()).collect();
    assert_eq!(
        labels,
        [None, None, Some("Mia's iPad"), Some("Dad")],
        "{s:?}"
    );
    // An account holder named by a label, not greeted.
    for holder in [
        "<dl><dt>Account holder</dt><dd>Priya Raman</dd></dl>",
        "<p>Account holder: Priya Raman</p>",
    ] {
        let s = us(&format!(
            "{holder}<div><h3>Raman work phone</h3><p>(415) 555-1234</p><p>Data left 2 GB</p></div>\
             <div><h3>Priya's phone</h3><p>(415) 555-4321</p><p>Data left 2 GB</p></div>\
             <div><h3>Dad</h3><p>(415) 555-5678</p><p>Data left 1 GB</p></div>"
        ));
        let labels: Vec<Option<&str>> = s.lines.iter().map(|l| l.label.as_deref()).collect();
        assert_eq!(labels, [None, None, Some("Dad")], "{holder}: {s:?}");
    }
}

#[test]
fn a_pools_size_in_each_lines_card_is_no_remainder() {
    // US Mobile: the plan's name with the pool's size in every line's card; each line's
    // own usage beside the pool's remainder and size.
    for plan in ["Shared Data 50GB", "Data 50 GB", "Shared Data: 50GB"] {
        let s = scan(
            &format!(
                "<html lang=en-US><body><section><p>Shared Data Pool</p><p>21.4 GB left of 50 GB</p>\
                 <p>Pool renews Dec 18</p></section><h2>Lines on this pool</h2>\
                 <div><h3>Kai</h3><p>•••-1184</p><p>{plan}</p><p>Used this cycle: <b>9.8 GB</b></p></div>\
                 <div><h3>Lena</h3><p>•••-2290</p><p>{plan}</p><p>Used this cycle: <b>6.1 GB</b></p></div>\
                 </body></html>"
            ),
            "https://dashboard.usmobile.com/app/dashboard",
        );
        assert_eq!(s.lines.len(), 2, "{plan}: {s:?}");
        for (l, used) in s.lines.iter().zip([10035.2, 6246.4]) {
            let d = l.data.clone().unwrap();
            assert_eq!(d.remaining_mb, Some(21913.6), "{plan}: {s:?}");
            assert_eq!(d.total_mb, Some(51200.0), "{plan}");
            assert_eq!(d.used_mb, Some(used), "{plan}");
        }
    }
}

#[test]
fn a_copyright_lines_fine_print_is_no_reading() {
    let s = us(
        "<h2>Prepaid Unlimited Plus</h2><p>Data</p><p>Unlimited</p><p>Mobile hotspot</p>\
         <p>9.3 GB left of 15 GB high-speed hotspot</p>\
         <footer><p>© 2026 Carrier USA, Inc. Prepaid plans: taxes and fees included. Unlimited \
         plans include 15GB hotspot; Unlimited talk.</p></footer>",
    );
    let h = s.lines[0].hotspot.clone().unwrap();
    assert_eq!(h.remaining_mb, Some(9523.2), "{s:?}");
    assert_eq!(h.total_mb, Some(15360.0));
    assert!(!h.unlimited);
}

#[test]
fn a_row_opening_with_a_finished_period_is_history() {
    for entry in [
        "Oct 28 – Nov 20: 21.4 GB used · Refill $50.00 on Oct 28",
        "10/01/2026 - 10/31/2026: 21.4 GB used",
    ] {
        let s = us(&format!(
            "<p>(•••) •••-6194</p><p>Plan renews Dec 4</p><p>Last cycle</p><p>{entry}</p>"
        ));
        assert_eq!(s.lines[0].data, None, "{entry}: {s:?}");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 4));
    }
    // A period still running is the current cycle's.
    let s = us("<p>Nov 20 – Dec 19: 4.2 GB used of 10 GB</p>");
    assert_eq!(data(&s).used_mb, Some(4300.8), "{s:?}");
}

#[test]
fn italian_and_polish_pages_read_with_the_generic_words() {
    // (Red team 29f: WINDTRE and Play pages read as no_data: the generic reader had no
    // words in either language. Other wordings of the same pages.)
    let s = scan(
        r#"<html lang="it"><body><div><h2>Giga</h2><p>Ti restano <b>12,5 GB</b> di 50 GB</p></div>
        <div><span>Credito</span> <b>7,45 €</b></div><p>L'offerta si rinnova il 12/12/2026</p>
        <p>Linea 333 ••• 1234</p></body></html>"#,
        "https://www.example-mobile.it/area-clienti",
    );
    assert_eq!(s.balance, Some(Money::new(745, Currency::Eur)), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 12), "{s:?}");
    assert_eq!(data(&s).remaining_mb, Some(12800.0), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(51200.0), "{s:?}");
    let s = scan(
        r#"<html lang="it"><body><div><p>Internet</p><p>Consumati: 3,2 GB su 120 GB</p></div>
        <p>Minuti e SMS illimitati</p></body></html>"#,
        "https://www.example-mobile.it/conso",
    );
    assert_eq!(data(&s).used_mb, Some(3276.8), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(122880.0), "{s:?}");
    assert!(!data(&s).unlimited, "{s:?}");
    let s = scan(
        r#"<html lang="pl"><body><dl><dt>Stan konta</dt><dd>12,00 zł</dd>
        <dt>Pakiet ważny do</dt><dd>20.12.2026</dd></dl>
        <p>Wykorzystano 1,5 GB z 10 GB</p></body></html>"#,
        "https://www.example-mobile.pl/konto",
    );
    assert_eq!(s.balance, Some(Money::new(1200, Currency::Pln)), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 20), "{s:?}");
    assert_eq!(data(&s).used_mb, Some(1536.0), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(10240.0), "{s:?}");
}

#[test]
fn a_pass_priced_after_its_duration_is_no_line_data() {
    // (Red team 29f: `Giga Illimitati per 24 ore a 2,99 €` in an offers card made the
    // line unlimited.)
    for offer in [
        "Unlimited data for 24 hours at $2.99",
        "Datos ilimitados por 24 horas por 1,99 €",
        "Giga illimitati per 7 giorni a 4,99 €",
    ] {
        let s = us(&format!(
            "<div><h3>Data</h3><p>2 GB left of 10 GB</p></div><div><p>{offer}</p></div>"
        ));
        assert!(!data(&s).unlimited, "{offer}: {s:?}");
        assert_eq!(data(&s).remaining_mb, Some(2048.0), "{offer}: {s:?}");
    }
}

#[test]
fn bilingual_captions_after_their_figures_stay_with_them() {
    // (Red team 30b: a Macau prepaid page's list of `figure 中文標題 Legenda portuguesa`
    // items: the translation made each caption a sentence, and the last caption of a
    // row took the next row's figure.) Other wordings: English translations.
    let s = scan(
        r#"<html lang="zh-HK"><body><div>號碼 Number: 6***4410</div><ul>
        <li><span>HK$ 45.80</span> <span>餘額 Balance</span></li>
        <li><span>3,072 MB</span> <span>剩餘數據 Remaining data</span></li>
        <li><span>2,048 MB</span> <span>已用數據 Data used</span></li>
        <li><span>2026年12月14日</span> <span>計劃有效期至 Valid until</span></li></ul></body></html>"#,
        "https://www.example-mobile.mo/prepaid",
    );
    assert_eq!(data(&s).remaining_mb, Some(3072.0), "{s:?}");
    assert_eq!(data(&s).used_mb, Some(2048.0), "{s:?}");
    assert_eq!(s.next_bill_date, date(2026, 12, 14), "{s:?}");
}

#[test]
fn traditional_chinese_switch_states_without_a_prefix() {
    // (Red team 30b: `自動續期` | `開啟` read no AutoPay: only `已開啟` and the
    // simplified `开启` were on words.)
    for (html, on) in [
        ("<div><label>自動續期</label><span>開啟</span></div>", true),
        ("<div><label>自動增值</label><span>啟用</span></div>", true),
        ("<div><label>自動增值</label><span>停用</span></div>", false),
    ] {
        let s = scan(
            &format!(r#"<html lang="zh-HK"><body><p>儲值餘額 HK$45.80</p>{html}</body></html>"#),
            "https://www.example-mobile.hk/tc/prepaid",
        );
        assert_eq!(s.autopay, Some(on), "{html}: {s:?}");
    }
}

#[test]
fn a_sign_in_page_that_lists_plans_is_logged_out() {
    let form = "<form><label>Email or phone number</label><input type=text name=username>\
        <label>Password</label><input type=password name=password>\
        <button>Sign in</button></form>";
    for (lang, plans) in [
        (
            "es-US",
            "<h2>Recarga rápida sin iniciar sesión</h2><ul><li>Total Base 5G – $30/mes · 5 GB</li>\
             <li>Total 5G Unlimited – $40/mes</li><li>Total 5G+ – $55/mes · 15 GB hotspot</li></ul>",
        ),
        (
            "en-US",
            "<h2>Our plans</h2><ul><li>Starter – $15/mo · 3 GB</li><li>Unlimited – $40/mo · \
             10 GB hotspot</li><li>Unlimited Plus – $50/mo</li></ul>",
        ),
        (
            "en-US",
            "<div class=card><h3>Value 10GB</h3><p>10 GB high-speed data</p><p>$25 a month</p></div>",
        ),
    ] {
        let s = scan(
            &format!(r#"<html lang="{lang}"><body><h1>Sign in</h1>{form}{plans}</body></html>"#),
            "https://www.example-wireless.com/",
        );
        assert_eq!(s.status, Status::LoggedOut, "{plans}: {s:?}");
    }
    // A reading of what is left is an account's, form or not.
    let s = us(&format!("{form}<p>Data left</p><p>3.2 GB</p>"));
    assert_eq!(s.status, Status::Ok);
}

#[test]
fn an_example_in_help_text_is_no_reading() {
    for note in [
        "Ejemplo: si tu plan vence el 15 de diciembre, recarga antes. Saldo de ejemplo: $0.00.",
        "Example: if your plan renews on Dec 15, refill before. Sample balance: $0.00.",
        "Beispiel: Ihr Tarif endet am 15. Dezember.",
    ] {
        let s = us(&format!(
            "<p>Account balance $12.00</p><p class=note>{note}</p>"
        ));
        assert_eq!(s.balance, usd(1200), "{note}: {s:?}");
        assert_eq!(s.next_bill_date, None, "{note}: {s:?}");
    }
}

#[test]
fn a_packs_expiry_under_an_additional_data_title_is_no_renewal() {
    for (title, pack) in [
        (
            "Datos adicionales",
            "Paquete 2 GB · quedan 1.9 GB · vence el 10 de dic.",
        ),
        (
            "Additional data",
            "2 GB pack · 1.9 GB left · expires Dec 10",
        ),
        ("Add-ons", "Data pack 2 GB · 1.9 GB left · expires Dec 10"),
    ] {
        let s = us(&format!(
            "<p>Plan renews Dec 5</p><p>Data left</p><p>6.75 GB</p>\
             <article><h3>{title}</h3><p>{pack}</p></article>"
        ));
        assert_eq!(s.next_bill_date, date(2026, 12, 5), "{pack}: {s:?}");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 5), "{pack}");
    }
    // A label that names the plan under an add-on's values is the plan's.
    let s = us("<h3>Add-ons</h3><p>Travel pass 1 GB</p><p>Plan expires Dec 9</p>");
    assert_eq!(s.next_bill_date, date(2026, 12, 9), "{s:?}");
}

#[test]
fn a_count_of_days_left_is_no_data_label() {
    for days in [
        "<span>27</span> <span>days left</span> · Service End Date: <b>Dec 26</b>",
        "27 days remaining · Service ends Dec 26",
        "Te quedan 27 días · Service End Date: Dec 26",
    ] {
        let s = us(&format!(
            "<p>Galaxy A15 ending in 3914</p><div class=plan>Silver Unlimited Plan</div>\
             <div>{days}</div><p>Data</p><p>12.3 GB of 30 GB</p>"
        ));
        let d = data(&s);
        assert!(!d.unlimited, "{days}: {s:?}");
        assert_eq!(d.total_mb, Some(30720.0), "{days}: {s:?}");
    }
}

#[test]
fn a_sentences_role_after_the_bucket_name_is_the_figures() {
    for (text, remaining, used) in [
        ("You have <strong>12.3 GB</strong> of high-speed data remaining out of 30 GB this cycle.", Some(12595.2), Some(18124.8)),
        ("You've used 18 GB of data used this cycle", None, Some(18432.0)),
        ("Tienes 3 GB de datos restantes", Some(3072.0), None),
    ] {
        let s = us(&format!("<p>Plan renews Dec 26</p><div class=usage-card><p>{text}</p></div>"));
        let d = data(&s);
        assert_eq!(d.remaining_mb, remaining, "{text}: {s:?}");
        assert_eq!(d.used_mb, used, "{text}: {s:?}");
    }
}

#[test]
fn a_data_card_in_an_add_on_box_is_no_line_reading() {
    for pack in [
        "5GB Data Card — 5 GB available, expires with service on Dec 26",
        "Bonus 2GB Data Pack · 2 GB available",
    ] {
        let s = us(&format!(
            "<p>Data</p><p>12.3 GB left of 30 GB</p>\
             <div><h4>Data Add-Ons</h4><p>{pack}</p></div>"
        ));
        assert_eq!(data(&s).remaining_mb, Some(12595.2), "{pack}: {s:?}");
    }
}

#[test]
fn an_auto_refill_charge_is_the_amount_due() {
    for row in [
        "Next Auto-Refill charge: <b>$55.00</b> on Dec 26 to Mastercard ending in 8820",
        "Next AutoPay charge: $55.00 on Dec 26",
        "AutoPay amount: $55.00",
    ] {
        let s = us(&format!(
            "<h3>Auto-Refill</h3><p>Status: Enrolled</p><p>{row}</p>"
        ));
        assert_eq!(s.amount_due, usd(5500), "{row}: {s:?}");
    }
}

#[test]
fn an_odometer_of_inline_figures_is_one_amount() {
    for odo in [
        r#"<span class=d>1</span><span class=d>.</span><span class=d>8</span><span class=d>7</span><span class=u> GB</span>"#,
        r#"<i>4</i><i>,</i><i>2</i><i>5</i><i>GB</i>"#,
    ] {
        let s = us(&format!(
            "<p>Line (•••) •••-5530</p><div class=odo aria-label=\"data left\">{odo}</div>\
             <div class=odo-cap>left of your 10 GB</div>"
        ));
        let d = data(&s);
        assert!(
            matches!(d.remaining_mb, Some(x) if (1900.0..4400.0).contains(&x)),
            "{odo}: {s:?}"
        );
        assert_eq!(d.total_mb, Some(10240.0), "{odo}: {s:?}");
    }
    // Page links `1 2 3` stay apart.
    let s = us("<p>Data left 3 GB</p><nav><a>1</a><a>2</a><a>3</a></nav>");
    assert_eq!(data(&s).remaining_mb, Some(3072.0));
}

#[test]
fn a_line_named_a_sim_is_still_a_line() {
    for name in ["Spare SIM", "Travel eSIM", "Data SIM"] {
        let s = us(&format!(
            "<div class=card><span>Kitchen phone</span><span>(415) 555-2971</span>\
             <p>Data Balance</p><p>2,874 MB</p></div>\
             <div class=card><span>{name}</span><span>(415) 555-4406</span>\
             <p>Data Balance</p><p>N/A</p></div>"
        ));
        let nums: Vec<_> = s.lines.iter().map(|l| l.number_last4.clone()).collect();
        assert!(nums.contains(&Some("4406".into())), "{name}: {s:?}");
    }
    // A SIM card's own number is no line.
    let s = us("<p>Line (415) 555-2971</p><p>Data left 2 GB</p><p>SIM 8901260412345678901</p>");
    assert_eq!(s.lines.len(), 1, "{s:?}");
}

#[test]
fn a_bill_cards_heading_names_its_total_row() {
    // (Red team 30d: a Swiss `Offene Rechnung` card of item rows ending in `Total CHF
    // 1'049.80` read no amount due: the heading was no bill word.) Other wordings of an
    // open or current bill's card.
    let s = scan(
        r#"<html lang="de-CH"><body><section><h2>Offene Rechnung</h2><table>
        <tr><td>Abo, Dezember</td><td>CHF 65.00</td></tr>
        <tr><td>Handy (Einmalkauf)</td><td>CHF 984.80</td></tr>
        <tr><th>Total</th><th>CHF 1'049.80</th></tr></table>
        <p>zahlbar bis 14.12.2026</p></section></body></html>"#,
        "https://www.example-mobile.ch/uebersicht",
    );
    assert_eq!(
        s.amount_due,
        Some(Money::new(104980, Currency::Chf)),
        "{s:?}"
    );
    let s = us(
        "<section><h2>Unpaid bill</h2><table><tr><td>Plan, December</td><td>$45.00</td></tr>\
         <tr><td>Device (one-off)</td><td>$120.00</td></tr><tr><th>Total</th><th>$165.00</th></tr>\
         </table><p>Due by Dec 14, 2026</p></section>",
    );
    assert_eq!(s.amount_due, usd(16500), "{s:?}");
    let s = scan(
        r#"<html lang="fr"><body><div><h2>Facture en cours</h2>
        <div><span>Forfait</span> <span>19,99 €</span></div>
        <div><span>Options</span> <span>5,00 €</span></div>
        <div><span>Total</span> <span>24,99 €</span></div></div></body></html>"#,
        "https://www.example-mobile.fr/espace-client",
    );
    assert_eq!(s.amount_due, Some(Money::new(2499, Currency::Eur)), "{s:?}");
}

#[test]
fn a_devices_plan_end_in_a_lines_card_is_not_its_renewal() {
    // (Red team 30d: `iPhone 16 device plan · £1,240.00 remaining · device plan ends
    // 14/08/2027` in a line's card gave the line that renewal.) Other wordings.
    for (device, plan, want) in [
        (
            "iPhone 16 device plan · £1,240.00 remaining · device plan ends 14/08/2027",
            "<p>Allowances reset on 15 Dec.</p>",
            date(2026, 12, 15),
        ),
        (
            "Handset plan ends 14 Aug 2027",
            "<p>Plan renews 15 Dec 2026</p>",
            date(2026, 12, 15),
        ),
        (
            "Financing: Pixel 9 · ends 14/08/2027",
            "<p>Plan renews 15/12/2026</p>",
            date(2026, 12, 15),
        ),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="en-GB"><body>{plan}<article><h3>Tablet</h3>
                <p>Mobile number 07700 900917</p><p>Unlimited data · 41.6GB used so far</p>
                <div><p>{device}</p></div></article></body></html>"#
            ),
            "https://www.example-mobile.co.uk/overview",
        );
        assert_eq!(s.lines[0].renews_on, want, "{device}: {s:?}");
    }
    let s = scan(
        r#"<html lang="de"><body><div><p>Tarif gültig bis 20.12.2026</p>
        <p>Gerät: Ratenzahlung läuft bis 31.08.2027</p><p>3,1 GB von 10 GB verbraucht</p>
        </div></body></html>"#,
        "https://www.example-mobile.de/kundencenter",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 20), "{s:?}");
}

#[test]
fn a_balances_validity_named_after_the_word_is_not_the_plans() {
    // (Red team 30d: `Vigencia de saldo: 12/01/2027` under a prepaid balance won over
    // `Vigencia del paquete: 08/12/2026`.) Other wordings: the validity word first and the
    // balance's after a short connective.
    for (html, url, want) in [
        (
            r#"<html lang="es-MX"><body><div><p>Saldo disponible</p><p>$85.50</p>
            <p>Vigencia de saldo: 12/01/2027</p></div><div><p>Tu paquete</p>
            <p>Vigencia del paquete: 08/12/2026</p><p>Internet 2.1 GB disponibles de 3 GB</p></div>
            </body></html>"#,
            "https://www.example-mobile.mx/inicio",
            date(2026, 12, 8),
        ),
        (
            r#"<html lang="en-GB"><body><div><p>Credit</p><p>£4.20</p>
            <p>Expiry of your credit: 12/01/2027</p></div><div><p>Your bundle</p>
            <p>Bundle expires 08/12/2026</p><p>2.1 GB left of 3 GB</p></div></body></html>"#,
            "https://www.example-mobile.co.uk/dashboard",
            date(2026, 12, 8),
        ),
        (
            r#"<html lang="fr"><body><div><p>Solde</p><p>8,50 €</p>
            <p>Date d'expiration du solde : 12/01/2027</p></div><div><p>Votre forfait</p>
            <p>Valable jusqu'au 08/12/2026</p><p>2,1 Go restants sur 3 Go</p></div></body></html>"#,
            "https://www.example-mobile.fr/compte",
            date(2026, 12, 8),
        ),
    ] {
        let s = scan(html, url);
        assert_eq!(s.next_bill_date, want, "{url}: {s:?}");
    }
}

#[test]
fn figures_drawn_one_per_inline_element_are_one_figure() {
    // (Red team 30d: an odometer of inline spans, `2` `7` `.` `5` `GB`, read as `2 7. 5GB`:
    // 5 GB left.) Other layouts: a decimal comma, money.
    let s = scan(
        r#"<html lang="en-GB"><body><div><div aria-label="Data left"><span>2</span><span>7</span><span>.</span><span>5</span><span>GB</span></div>
        <div>data left of 40GB</div></div></body></html>"#,
        "https://www.example-mobile.co.uk/dashboard",
    );
    assert_eq!(data(&s).remaining_mb, Some(28160.0), "{s:?}");
    assert_eq!(data(&s).total_mb, Some(40960.0), "{s:?}");
    let s = scan(
        r#"<html lang="de"><body><p>Verbleibend: <b><span>1</span><span>2</span><span>,</span><span>5</span></b> GB von 20 GB</p></body></html>"#,
        "https://www.example-mobile.de/kundencenter",
    );
    assert_eq!(data(&s).remaining_mb, Some(12800.0), "{s:?}");
    let s = us("<p>Balance: $<span>4</span><span>.</span><span>2</span><span>0</span></p>");
    assert_eq!(s.balance, usd(420), "{s:?}");
}

fn lang_page(lang: &str, body: &str) -> Snapshot {
    scan(
        &format!(r#"<html lang="{lang}"><body>{body}</body></html>"#),
        "https://my.example-mobile.eu/account",
    )
}

#[test]
fn a_past_date_never_beats_one_to_come() {
    // (Red team 30f: a travel eSIM's expired packs table, `2026/10/12`, over the pack in
    // use, `到期時間 2026/12/04`.)
    let s = lang_page(
        "zh-TW",
        "<section><h2>東京出差</h2><p>日本 7天 5GB</p><p><b>3.2GB</b><small>剩餘</small></p>\
         <ul><li><span>總流量</span><span>5GB</span></li><li><span>到期時間</span><span>2026/12/04</span></li></ul></section>\
         <section><h2>已過期</h2><table><tr><th>方案</th><th>使用流量</th><th>到期日</th><th>狀態</th></tr>\
         <tr><td>韓國 10天 10GB</td><td>6.8GB / 10GB</td><td>2026/10/12</td><td>已過期</td></tr>\
         <tr><td>泰國 8天 無限流量</td><td>4.1GB</td><td>2026/07/21</td><td>已過期</td></tr></table></section>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 4));
    let d = data(&s);
    assert_eq!(
        (d.remaining_mb, d.total_mb, d.unlimited),
        (Some(3276.8), Some(5120.0), false)
    );
    // The same in English, an expired pass's row beside the plan's expiry.
    let s = us("<p>Plan expires: 12/20/2026</p><p>Data left: 2 GB</p>\
         <table><tr><th>Pass</th><th>Data</th><th>Expiry date</th></tr>\
         <tr><td>EU Pass</td><td>1 GB</td><td>10/02/2026</td></tr></table>");
    assert_eq!(s.next_bill_date, date(2026, 12, 20));
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 20));
    // A date gone by alone is no next date, but on a page that says the bill is late.
    let s = zh("<p>缴费截止日 2026-11-20</p><p>剩余流量 2.00GB</p>");
    assert_eq!(s.next_bill_date, None);
    let s =
        zh("<p>缴费截止日 2026-11-20</p><p>您的账单已逾期，请尽快缴费</p><p>剩余流量 2.00GB</p>");
    assert_eq!(s.next_bill_date, date(2026, 11, 20));
    let s =
        us("<p>Payment due 11/20/2026</p><p>Your payment is past due.</p><p>Data left: 2 GB</p>");
    assert_eq!(s.next_bill_date, date(2026, 11, 20));
}

#[test]
fn a_plan_naming_talk_and_data_heads_its_data() {
    // (Red team 30f: Digi's `Llamadas ilimitadas + 500 MB` over `Consumido: 120 MB de 500
    // MB`, Lowi's `Tarifa 30 GB + Llamadas ilimitadas` over `Te quedan 18,4 GB de 30 GB`.)
    for (lang, plan, reading, want) in [
        (
            "es-ES",
            "Llamadas ilimitadas + 500 MB",
            "Consumido: 120 MB de 500 MB",
            (380.0, 120.0),
        ),
        (
            "es-ES",
            "Tarifa 30 GB + Llamadas ilimitadas",
            "Te quedan 18,4 GB de 30 GB",
            (18841.6, 11878.4),
        ),
        (
            "en-GB",
            "Unlimited minutes + 1GB",
            "Used 200 MB of 1 GB",
            (824.0, 200.0),
        ),
        (
            "en-GB",
            "Talk &amp; Text + 5GB",
            "3 GB left of 5 GB",
            (3072.0, 2048.0),
        ),
    ] {
        let s = lang_page(
            lang,
            &format!("<div><p>+34 641 220 903</p><h6>{plan}</h6><p>{reading}</p></div>"),
        );
        let d = data(&s);
        assert_eq!(
            (d.remaining_mb, d.used_mb),
            (Some(want.0), Some(want.1)),
            "{plan}"
        );
    }
}

#[test]
fn a_paid_status_in_its_own_element_ends_a_history_row() {
    // (Red team 30f: a 171 MVNO's `2026年10月` `应缴 51.00元` `已缴清`.)
    let s = zh(
        "<p>账户余额 <span>20.00元</span></p><ul><li><span>2026年10月</span><span>应缴 51.00元</span><span>已缴清</span></li>\
         <li><span>2026年09月</span><span>应缴 49.00元</span><span>已缴清</span></li></ul>",
    );
    assert_eq!(s.amount_due, None);
    let s = us("<p>Balance <b>$20.00</b></p><ul><li><span>October</span> <span>Amount due $51.00</span> <span>Paid</span></li></ul>");
    assert_eq!(s.amount_due, None);
    let s = lang_page(
        "de",
        "<p>Guthaben <b>20,00 €</b></p><ul><li><span>Oktober</span> <span>Rechnungsbetrag 24,50 €</span> <span>bezahlt</span></li></ul>",
    );
    assert_eq!(s.amount_due, None);
}

#[test]
fn a_plans_expiry_in_a_card_in_arrears_stays_the_plans() {
    // (Red team 30f: `账户余额 -5.30元 已欠费` above `套餐有效期至 2026年12月31日`: the plan's
    // end, every line's renewal, not a bill's due date.)
    let s = zh(
        "<section><div><span>账户余额</span><span>-5.30元</span><span>已欠费</span></div>\
         <div><span>套餐有效期至</span><span>2026年12月31日</span></div></section>\
         <table><tr><th>号码</th><th>剩余流量</th></tr><tr><td>171****0418</td><td>7.70GB</td></tr>\
         <tr><td>171****7752</td><td>512MB</td></tr></table>",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 31));
    assert_eq!(s.lines.len(), 2);
    assert!(s.lines.iter().all(|l| l.renews_on == date(2026, 12, 31)));
    assert_eq!(s.amount_due, None);
    let s = us(
        "<section><div><span>Balance</span> <span>-$5.30</span> <span>Amount overdue</span></div>\
         <div><span>Plan expires</span> <span>Dec 31, 2026</span></div></section><p>Data left: 2 GB</p>",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 31));
}

#[test]
fn a_status_tag_after_a_balance_labels_nothing_else() {
    // (Red team 31b: `话费余额 -5.30元 已欠费` took `158元` of the plan's name above.)
    let s = zh(
        "<div><span>品牌套餐</span><span>全球通畅享套餐 158元档</span></div>\
         <div><span>话费余额</span><span>-5.30元</span><span>已欠费</span></div>\
         <div><span>本月实时话费</span><span>91.30元</span></div>",
    );
    assert_eq!(s.balance, Some(Money::new(-530, Currency::Cny)));
    assert_eq!(s.amount_due, None);
    let s = us("<p>Plan $40 Unlimited</p><p><span>Balance</span> <span>-$4.20</span> <span>(due)</span></p><p>Spent this month $12.00</p>");
    assert_eq!(s.balance, usd(-420));
    assert_eq!(s.amount_due, None);
}

#[test]
fn a_bare_amount_says_nothing_against_a_whole_reading() {
    // (Red team 30f: congstar's `4,7 GB von 12 GB verbraucht`, and `+5 GB` in an offer
    // under `Mehr Daten gefällig?` read as what is left.)
    let s = lang_page(
        "de",
        "<article><p>Rufnummer 0151 ••• ••6092</p><p><span>4,7 GB</span> von <span>12 GB</span> verbraucht</p></article>\
         <section><h2>Mehr Daten gefällig?</h2><p>Hol dir die Option: +5 GB mehr im Monat.</p></section>",
    );
    let d = data(&s);
    assert_eq!(
        (d.used_mb, d.total_mb, d.remaining_mb),
        (Some(4812.8), Some(12288.0), Some(7475.2))
    );
    let s = us(
        "<p>2.1 GB of 10 GB used</p><section><h2>Need more data?</h2><p>Get 5 GB more each month.</p></section>",
    );
    assert_eq!(data(&s).remaining_mb, Some(8089.6));
}

#[test]
fn an_add_ons_validity_under_a_roaming_bucket_is_not_the_lines() {
    // (Red team 31b: csl's `大灣區數據 (附加)` | `3.2GB` | `剩餘 / 5GB · 有效期至 2026年12月20日`.)
    let s = lang_page(
        "zh-HK",
        "<div>號碼 <strong>9876 5432</strong></div><div><div>本地數據</div><div>無限</div><div>本期已用 48.3GB</div></div>\
         <div><div>大灣區數據 (附加)</div><div>3.2GB</div><div>剩餘 / 5GB · 有效期至 2026年12月20日</div></div>\
         <div><div>賬單金額</div><div>HK$238.00</div><div>繳費日期：2026年12月8日</div></div>",
    );
    assert_eq!(s.lines[0].renews_on, None);
    assert_eq!(s.next_bill_date, date(2026, 12, 8));
}

#[test]
fn end_words_and_switch_states_in_other_wordings() {
    // (Red team 30f: Aldi Talk's `Paket-Ende: 14.12.2026`; Telcel's `Recarga automática:
    // Inactiva`; a travel eSIM's `自動續購 關閉`; 31b: `信用卡自動代繳 已申辦`, `上網用量將於
    // 2026/12/01 重新計算`.)
    for end in [
        "Paket-Ende: 14.12.2026",
        "Paketende 14.12.2026",
        "Ihr Paket endet am 14.12.2026",
    ] {
        let s = lang_page(
            "de",
            &format!(
                "<p>Rufnummer 0176 43218765</p><p>Noch 3,21 GB von 10 GB verfügbar</p><p>{end}</p>"
            ),
        );
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 14), "{end}");
    }
    for (lang, text, want) in [
        ("es-MX", "<p>Recarga automática: <b>Inactiva</b></p>", false),
        ("es-ES", "<p>Pagos automáticos: <b>Activos</b></p>", true),
        (
            "zh-TW",
            "<ul><li><span>自動續購</span><span>關閉</span></li></ul>",
            false,
        ),
        (
            "zh-TW",
            "<table><tr><th>信用卡自動代繳</th><td>已申辦（卡號末四碼 0921）</td></tr></table>",
            true,
        ),
    ] {
        let s = lang_page(lang, &format!("<p>Saldo $10.00</p>{text}"));
        assert_eq!(s.autopay, Some(want), "{text}");
    }
    let s = lang_page(
        "zh-TW",
        "<div><div>行動上網</div><div><span>剩餘</span><span>8.76GB</span></div><div>上網用量將於 2026/12/01 重新計算</div></div>",
    );
    assert_eq!(s.lines[0].renews_on, date(2026, 12, 1));
}

#[test]
fn a_partly_paid_bill_is_due_for_what_is_left() {
    // (Red team 30e: a bill of $92.40 with $40.00 paid, `Remaining balance due $52.40`
    // read as a balance with the full bill as due.) Other wordings: a card of pairs, a
    // sentence-free list with `Amount still due`, `Left to pay`, and es-US.
    let s = us(
        "<table><tr><th>Bill amount</th><th>Paid</th><th>Remaining balance due</th><th>Due date</th></tr>\
         <tr><td>$92.40</td><td>$40.00</td><td>$52.40</td><td>12/03/2026</td></tr></table>",
    );
    assert_eq!(s.amount_due, usd(5240), "{s:?}");
    assert_eq!(s.balance, None, "{s:?}");
    let s = us(
        "<div><p>Statement balance</p><p>$92.40</p></div><div><p>Payments received</p>\
         <p>-$40.00</p></div><div><p>Amount still due</p><p>$52.40</p></div>",
    );
    assert_eq!(s.amount_due, usd(5240), "{s:?}");
    let s = us("<dl><dt>Bill total</dt><dd>$92.40</dd><dt>Left to pay</dt><dd>$52.40</dd></dl>");
    assert_eq!(s.amount_due, usd(5240), "{s:?}");
    let s = scan(
        r#"<html lang="es-US"><body><div><p>Total de la factura</p><p>$92.40</p></div>
        <div><p>Saldo restante a pagar</p><p>$52.40</p></div></body></html>"#,
        "https://cuenta.example-movil.com/",
    );
    assert_eq!(s.amount_due, usd(5240), "{s:?}");
    assert_eq!(s.balance, None, "{s:?}");
}

#[test]
fn a_past_due_balance_and_its_fees_are_no_balance() {
    // (Red team 30e: `Past due balance (Nov bill)` over a breakdown whose `Late payment
    // fee $7.00` was read as the balance.) Other wordings: `Overdue balance`, `Unpaid
    // balance`.
    for head in [
        "Past due balance (Nov bill)",
        "Overdue balance",
        "Unpaid balance",
    ] {
        let s = us(&format!(
            "<div><p>Total amount due</p><p>$187.40</p></div><table><tr><th>Item</th><th>Amount</th></tr>\
             <tr><td>{head}</td><td>$124.78</td></tr><tr><td>Late payment fee</td><td>$7.00</td></tr>\
             <tr><td>Total due</td><td>$187.40</td></tr></table>"
        ));
        assert_eq!(s.balance, None, "{head}: {s:?}");
        assert_eq!(s.amount_due, usd(18740), "{head}: {s:?}");
    }
}

#[test]
fn the_day_autopay_drafts_the_bill_is_the_next_bill_date() {
    // (Red team 30e: a credit-balance page whose only date is `AutoPay draft date` | `Dec
    // 8`.) Other wordings: a sentence, a withdrawal date, es-US.
    for body in [
        "<div><p>Credit balance</p><p>$12.50</p></div><div><p>AutoPay draft date</p><p>Dec 8</p></div>",
        "<p>Amount due $53.50</p><p>Your AutoPay drafts on 12/08/2026 from checking ••5530.</p>",
        "<dl><dt>Amount due</dt><dd>$53.50</dd><dt>Withdrawal date</dt><dd>Dec 8, 2026</dd></dl>",
    ] {
        let s = us(body);
        assert_eq!(s.next_bill_date, date(2026, 12, 8), "{body}: {s:?}");
    }
    let s = scan(
        r#"<html lang="es-US"><body><div><p>Monto a pagar</p><p>$53.50</p></div>
        <div><p>Fecha de débito</p><p>8 de dic. de 2026</p></div></body></html>"#,
        "https://cuenta.example-movil.com/",
    );
    assert_eq!(s.next_bill_date, date(2026, 12, 8), "{s:?}");
}

#[test]
fn members_bare_figures_under_a_used_only_pool_are_their_usage() {
    // (Red team 30e: Google Fi Flexible, `Data usage is 7.23 GB` over members whose
    // `<div class=fi-member__data>` figures lay too far below the heading: only the first
    // read as used.) Other layouts: a `Data` caption beside each figure, a table column.
    let members = [
        ("0148", "3.40", 3481.6),
        ("0173", "2.91", 2979.84),
        ("0199", "0.92", 942.08),
    ];
    let mut hinted = String::from("<h2>Data usage this cycle</h2><p>Data usage is 7.23 GB</p>");
    let mut captioned = String::from("<h2>Group usage</h2><p>7.23 GB used this cycle</p><ul>");
    let mut table = String::from(
        "<p>Your group used 7.23 GB this cycle</p><table><tr><th>Member</th><th>Number</th><th>Data</th></tr>",
    );
    for (i, (last4, gb, _)) in members.iter().enumerate() {
        hinted += &format!(
            "<div class=member><div class=member-name>Member {i}</div><div>(415) 555-{last4}</div>\
             <div class=member-data>{gb} GB</div></div>"
        );
        captioned += &format!(
            "<li>Member {i} (415) 555-{last4} · <span>Data</span> <span>{gb} GB</span></li>"
        );
        table += &format!("<tr><td>Member {i}</td><td>(415) 555-{last4}</td><td>{gb} GB</td></tr>");
    }
    for body in [hinted, captioned + "</ul>", table + "</table>"] {
        let s = us(&body);
        assert_eq!(s.lines.len(), 3, "{body}: {s:?}");
        for (line, (last4, _, mb)) in s.lines.iter().zip(members) {
            assert_eq!(line.number_last4.as_deref(), Some(last4), "{body}: {s:?}");
            let d = line.data.clone().unwrap();
            assert_eq!(
                (d.used_mb, d.remaining_mb, d.total_mb),
                (Some(mb), None, None),
                "{body}: {s:?}"
            );
        }
    }
}

#[test]
fn unlimited_at_a_slowed_speed_after_a_cap_in_other_wordings() {
    // (Red team 31a: an es-US prepaid page, `Usados: 2.5 GB de 10 GB` then `Después, datos
    // ilimitados a velocidades de hasta 128 kbps.`, read as unlimited.) Other wordings:
    // `Luego, datos ilimitados a velocidad reducida`, `After that, unlimited data at 512
    // kbps`, `Then unlimited data at 2G speeds`.
    for (lang, caption, note) in [
        (
            "es-US",
            "Usados: 2.5 GB de 10 GB",
            "Después, datos ilimitados a velocidades de hasta 128 kbps.",
        ),
        (
            "es-US",
            "Usados: 2.5 GB de 10 GB",
            "Luego, datos ilimitados a velocidad reducida.",
        ),
        (
            "en-US",
            "2.5 GB used of 10 GB",
            "After that, unlimited data at 512 kbps.",
        ),
        (
            "en-US",
            "2.5 GB used of 10 GB",
            "Then unlimited data at 2G speeds.",
        ),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><div class="panel"><p>Datos / Data</p><p>{caption}</p>
                <p>{note}</p></div></body></html>"#
            ),
            "https://account.example-mobile.com/",
        );
        let d = data(&s);
        assert!(!d.unlimited, "{note}: {s:?}");
        assert_eq!(
            (d.used_mb, d.total_mb),
            (Some(2560.0), Some(10240.0)),
            "{note}: {s:?}"
        );
    }
    // A speed limit of an unlimited bucket stays unlimited.
    let s = us("<p>Data</p><p>Unlimited data at up to 5 Mbps</p><p>12.1 GB used</p>");
    assert!(data(&s).unlimited, "{s:?}");
}

#[test]
fn a_scheduled_plan_change_tells_nothing_of_the_line_now() {
    // (Red team 30e: `Plan change scheduled. Starting 12/09/2026 your plan changes to
    // Prepaid Unlimited … with unlimited high-speed data` made a 10 GB line unlimited.)
    // Other wordings: `Your plan will change to …`, `Upcoming plan change`, es-US.
    for (lang, notice, used, left) in [
        ("en-US", "<b>Plan change scheduled.</b> Starting 12/09/2026 your plan changes to <b>Unlimited</b> with unlimited high-speed data.", "7.35 GB used", "2.65 GB remaining"),
        ("en-US", "Your plan will change to Unlimited Plus (unlimited data) on Dec 9.", "7.35 GB used", "2.65 GB remaining"),
        ("en-US", "Upcoming plan change: Unlimited Premium, unlimited data, on Dec 9", "7.35 GB used", "2.65 GB remaining"),
        ("es-US", "Cambio de plan programado: a partir del 9 de dic. tu plan cambiará a Ilimitado con datos ilimitados.", "7.35 GB usados", "2.65 GB restantes"),
    ] {
        let s = scan(
            &format!(
                r#"<html lang="{lang}"><body><div role="status">{notice}</div>
                <div><p>Prepaid 10GB</p><p>Line (•••) •••-5127</p></div>
                <div><p>{used}</p><p>{left}</p></div></body></html>"#
            ),
            "https://account.example-mobile.com/",
        );
        let d = data(&s);
        assert!(!d.unlimited, "{notice}: {s:?}");
        assert_eq!(d.remaining_mb, Some(2713.6), "{notice}: {s:?}");
        assert_eq!(d.total_mb, Some(10240.0), "{notice}: {s:?}");
    }
}

#[test]
fn a_bare_expiry_noun_beside_a_bill_is_its_due_date() {
    // (Red team 31d: Personal's `Total a pagar $ 38.450,00` | `Vencimiento 10/12/2026`, the
    // lines' `Tus GB se renuevan el 01/12/2026` below.)
    for due in [
        "<p>Total a pagar $ 38.450,00</p><p>Vencimiento 10/12/2026</p>",
        "<table><tr><th>Total a pagar</th><td>$ 9.000,00</td></tr><tr><th>1er vencimiento</th><td>10/12/2026</td></tr><tr><th>2do vencimiento</th><td>17/12/2026</td></tr></table>",
        "<p>Tu factura: $ 9.000,00 · Vto. 10/12/2026</p>",
    ] {
        let s = lang_page(
            "es-AR",
            &format!(
                "{due}<p>Línea 11 4832-7719</p><p>Te quedan 3 GB de 8 GB</p><p>Tus GB se renuevan el 01/12/2026</p>"
            ),
        );
        assert_eq!(s.next_bill_date, date(2026, 12, 10), "{due}");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 1), "{due}");
    }
}

#[test]
fn banked_data_is_not_used_and_a_recharge_date_is_the_lines() {
    // (Red team 31d: Telstra's `Data left this recharge` | `22.4 GB of 40 GB`, `Data bank`
    // | `18.6 GB banked (used after …)`, `Recharge by` | `16/12/2026`, a table's rows.)
    for body in [
        "<table><tr><th>Data left this recharge</th><td>5 GB of 20 GB</td></tr><tr><th>Data bank</th><td>3 GB banked (used after your recharge data runs out)</td></tr><tr><th>Recharge by</th><td>16/12/2026</td></tr></table>",
        "<dl><dt>Data left</dt><dd>5 GB of 20 GB</dd><dt>Banked data</dt><dd>3 GB</dd><dt>Top up by</dt><dd>16 Dec 2026</dd></dl>",
        "<div>Remaining 5 GB of 20 GB</div><div>Data bank: 3 GB saved for later</div><div>Recharge before 16/12/2026</div>",
    ] {
        let s = scan(
            &format!(
                r#"<html lang="en-AU"><body><p>Mobile number 0412 349 886</p>{body}</body></html>"#
            ),
            "https://my.example-mobile.com.au/prepaid",
        );
        let d = data(&s);
        assert_eq!(d.used_mb, Some(15360.0), "{body}");
        assert_eq!(d.total_mb, Some(20480.0), "{body}");
        assert_eq!(s.lines[0].renews_on, date(2026, 12, 16), "{body}");
    }
}

#[test]
fn a_data_items_unlimited_is_not_a_later_roaming_items() {
    // (Red team 31d: Swisscom's `Daten Schweiz` | `Unlimitiert · 23.6 GB verbraucht` |
    // `Daten Roaming (Europa)` | `0.4 GB von 1 GB verbraucht`, items run into one row.)
    for (lang, body) in [
        ("de-CH", "<p>Rufnummer: +41 79 312 45 67</p><div><span>Daten Schweiz</span><span>Unlimitiert · 23.6 GB verbraucht</span><span>Daten Roaming (Europa)</span><span>0.4 GB von 1 GB verbraucht · Option «Travel Data Europe» bis 05.12.2026</span></div>"),
        ("de-CH", "<p>Rufnummer: +41 79 312 45 67</p><div><span>Daten Inland</span><span>Unbegrenzt · 23.6 GB genutzt</span><span>Daten EU-Roaming</span><span>0.4 GB von 1 GB genutzt</span></div>"),
        ("fr-CH", "<p>Numéro : +41 79 312 45 67</p><div><span>Données Suisse</span><span>Illimité · 23.6 Go utilisés</span><span>Données Roaming (Europe)</span><span>0.4 Go sur 1 Go utilisés</span></div>"),
    ] {
        let d = data(&lang_page(lang, body));
        assert!(d.unlimited, "{body}");
        assert_eq!(d.used_mb, Some(24166.4), "{body}");
    }
}

#[test]
fn another_countrys_number_under_a_plans_label_and_name_is_the_lines() {
    // (Red team 31d: EE's `Your plan` | `Full Works 25GB SIM` | `07700 900417 · 24-month
    // contract`, the data in a card of its own; a name ending in `SIM` is no SIM label.)
    for (lang, body) in [
        ("en-GB", "<div><p>Your plan</p><p>Full Works 25GB SIM</p><p>07700 900417 · 24-month contract</p></div><div><p>Data</p><p>7.3GB used of 25GB</p></div>"),
        ("en-GB", "<div><p>Your plan</p><p>Essentials 10GB</p><p>+44 7700 900417</p></div><div><p>Data</p><p>7.3GB used of 25GB</p></div>"),
        ("de", "<div><p>Ihr Tarif</p><p>MagentaMobil M</p><p>0176 1234 0417 · Laufzeit 24 Monate</p></div><div><p>Datenvolumen</p><p>7,3 GB von 25 GB verbraucht</p></div>"),
    ] {
        let s = lang_page(lang, body);
        assert_eq!(s.lines.len(), 1, "{body}");
        assert_eq!(s.lines[0].number_last4.as_deref(), Some("0417"), "{body}");
    }
}
