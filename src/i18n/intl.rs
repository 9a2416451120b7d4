//! Numbers, plural categories, durations and times as a language writes them, through the
//! browser's `Intl`: the wasm carries no locale tables.
//!
//! Native builds (the unit tests) have no `Intl`; there the same functions fall back to plain
//! rules that are right for the app's seven languages in the cases the tests use.

/// A CLDR plural category, of those the app's languages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// One (French and Portuguese: zero and one).
    One,
    /// Large round numbers in French, Italian, Spanish and Portuguese.
    Many,
    /// Every other number.
    Other,
}

/// A unit of time for [`duration`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
}

/// How a time is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStyle {
    /// The day only, in the person's time zone.
    Date,
    /// The day and the minute, in the person's time zone, with its name.
    Minute,
    /// The day and the minute in UTC, saying so.
    MinuteUtc,
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::js_sys::{Array, Date, Function, Intl, JSON, Object, Reflect};

    use super::{Category, TimeStyle, Unit};

    thread_local! {
        /// Formatters by (tag, kind): building one is slow, and a list formats many numbers.
        static CACHE: RefCell<Vec<(String, &'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
    }

    /// The `Intl` formatter of `kind` for `tag`, made once by `make` with `options` (JSON).
    fn formatter(
        tag: &str,
        kind: &'static str,
        options: &str,
        make: fn(&Array, &Object) -> JsValue,
    ) -> JsValue {
        let cached = CACHE.with(|cache| {
            let cache = cache.borrow();
            cache.iter().find(|(t, k, _)| t == tag && *k == kind).map(|(_, _, found)| found.clone())
        });
        if let Some(found) = cached {
            return found;
        }
        // Made with the cache released: a constructor that throws leaves it usable.
        let options = JSON::parse(options).unwrap_or_else(|_| Object::new().into());
        let made = make(&Array::of1(&JsValue::from_str(tag)), options.unchecked_ref());
        CACHE.with(|cache| cache.borrow_mut().push((tag.to_owned(), kind, made.clone())));
        made
    }

    fn number_format(locales: &Array, options: &Object) -> JsValue {
        Intl::NumberFormat::new(locales, options).into()
    }

    fn date_time_format(locales: &Array, options: &Object) -> JsValue {
        Intl::DateTimeFormat::new(locales, options).into()
    }

    /// Calls the `format` of a `NumberFormat` or `DateTimeFormat` on `value`.
    fn format(formatter: &JsValue, value: &JsValue) -> Option<String> {
        let format = Reflect::get(formatter, &JsValue::from_str("format")).ok()?;
        format.dyn_ref::<Function>()?.call1(formatter, value).ok()?.as_string()
    }

    pub fn number(tag: &str, n: u64) -> String {
        let formatter = formatter(tag, "number", "{}", number_format);
        format(&formatter, &JsValue::from_f64(n as f64)).unwrap_or_else(|| n.to_string())
    }

    pub fn plural_category(tag: &str, n: u64) -> Category {
        let rules = formatter(tag, "plural", "{}", |locales, options| {
            Intl::PluralRules::new(locales, options).into()
        });
        match String::from(rules.unchecked_into::<Intl::PluralRules>().select(n as f64)).as_str() {
            "one" => Category::One,
            "many" => Category::Many,
            _ => Category::Other,
        }
    }

    pub fn duration(tag: &str, n: u32, unit: Unit) -> String {
        let (kind, options) = match unit {
            Unit::Second => ("second", r#"{"style":"unit","unit":"second","unitDisplay":"long"}"#),
            Unit::Minute => ("minute", r#"{"style":"unit","unit":"minute","unitDisplay":"long"}"#),
        };
        let formatter = formatter(tag, kind, options, number_format);
        format(&formatter, &JsValue::from(n)).unwrap_or_else(|| format!("{n} {kind}"))
    }

    pub fn time(tag: &str, rfc3339: &str, style: TimeStyle) -> Option<String> {
        let date = Date::new(&JsValue::from_str(rfc3339));
        if date.get_time().is_nan() {
            return None;
        }
        // `dateStyle` cannot be combined with `timeZoneName`, hence the parts spelled out.
        let (kind, options) = match style {
            TimeStyle::Date => ("date", r#"{"dateStyle":"medium"}"#),
            TimeStyle::Minute => (
                "minute",
                r#"{"year":"numeric","month":"short","day":"numeric","hour":"2-digit","minute":"2-digit","timeZoneName":"short"}"#,
            ),
            TimeStyle::MinuteUtc => (
                "minute-utc",
                r#"{"year":"numeric","month":"short","day":"numeric","hour":"2-digit","minute":"2-digit","timeZoneName":"short","timeZone":"UTC"}"#,
            ),
        };
        format(&formatter(tag, kind, options, date_time_format), &date)
    }
}

/// `n` as `tag` writes numbers: 1,234 in English, 1 234 in French.
pub fn number(tag: &str, n: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::number(tag, n);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = tag;
        group_digits(n, ",")
    }
}

/// The plural category `tag`'s rules give `n`.
pub fn plural_category(tag: &str, n: u64) -> Category {
    #[cfg(target_arch = "wasm32")]
    return browser::plural_category(tag, n);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let zero_is_one = matches!(tag.split('-').next(), Some("fr" | "pt"));
        if n == 1 || (zero_is_one && n == 0) { Category::One } else { Category::Other }
    }
}

/// `n` seconds or minutes, as words of `tag`: "30 seconds", "2 Minuten".
pub fn duration(tag: &str, n: u32, unit: Unit) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::duration(tag, n, unit);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = tag;
        let unit = match (unit, n) {
            (Unit::Second, 1) => "second",
            (Unit::Second, _) => "seconds",
            (Unit::Minute, 1) => "minute",
            (Unit::Minute, _) => "minutes",
        };
        format!("{n} {unit}")
    }
}

/// An RFC 3339 time as `tag` writes it in `style`; the text as given when it is not a time.
pub fn time(tag: &str, rfc3339: &str, style: TimeStyle) -> String {
    #[cfg(target_arch = "wasm32")]
    let shown = browser::time(tag, rfc3339, style);
    #[cfg(not(target_arch = "wasm32"))]
    let shown = {
        let _ = tag;
        native_time(rfc3339, style)
    };
    shown.unwrap_or_else(|| rfc3339.to_owned())
}

/// Natively there is no time zone database: the day, or the minute in UTC, as written.
#[cfg(not(target_arch = "wasm32"))]
fn native_time(rfc3339: &str, style: TimeStyle) -> Option<String> {
    let (day, rest) = rfc3339.split_once('T')?;
    Some(match style {
        TimeStyle::Date => day.to_owned(),
        TimeStyle::Minute | TimeStyle::MinuteUtc => format!("{day} {} UTC", rest.get(..5)?),
    })
}

/// `n` with its digits grouped by threes with `separator`: 1234567 as "1,234,567".
#[cfg(not(target_arch = "wasm32"))]
fn group_digits(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}
