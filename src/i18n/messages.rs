//! The catalog type: one field per string the app shows, generated from the English catalog
//! (`en.rs`), which is both the English text and the list of keys every language has.

use twostep_contract::{
    AdministratorsPolicy, PrimaryMethod, RequirementReason, Role, TechniciansPolicy,
};

use super::intl;
use crate::api::ApiError;

/// The forms of a text that depends on a number, one per plural category the languages use.
/// A form a language does not have is empty, and `other` stands in for it.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct Forms {
    /// The form for one (and, in French and Portuguese, zero).
    pub one: &'static str,
    /// The form for large round numbers in French, Italian, Spanish and Portuguese: "de".
    pub many: &'static str,
    /// The form for every other number.
    pub other: &'static str,
}

impl Forms {
    const NONE: Forms = Forms { one: "", many: "", other: "" };
}

/// Generates, from the English catalog: [`Messages`] with one field per key, the English
/// catalog [`EN`], and an accessor per text with values (`t.revision("3")`,
/// `t.technician_count(2)`) that fills them in.
macro_rules! catalog {
    ($( $(#[$doc:meta])* $key:ident $([$count:ident])? $(($($arg:ident),*))? : $value:tt ),* $(,)?) => {
        /// Every user-visible string of the app in one language. Texts with values in them
        /// are read through the accessor of the same name, which fills them in.
        ///
        /// Every field is text (`&'static str`, or three of them in [`Forms`]), in C layout:
        /// a catalog is also an array of its texts in order, which is how
        /// [`Messages::from_entries`] fills it in one loop.
        #[repr(C)]
        pub struct Messages {
            /// The language tag whose plural rules and number format the texts follow.
            pub tag: &'static str,
            $( $(#[$doc])* pub $key: catalog!(@type $value), )*
        }

        /// The English catalog, compiled in: the fallback for any text a catalog lacks.
        pub const EN: Messages = Messages { tag: "en", $( $key: catalog!(@english $value), )* };

        impl Messages {
            $( catalog!(@accessor $(#[$doc])* $key [$($count)?] ($($($arg),*)?) $value); )*
        }
    };
    (@type { $($form:ident : $text:literal),* $(,)? }) => { Forms };
    (@type $text:literal) => { &'static str };
    (@english { $($form:ident : $text:literal),* $(,)? }) => {
        Forms { $($form: $text,)* ..Forms::NONE }
    };
    (@english $text:literal) => { $text };
    (@accessor $(#[$doc:meta])* $key:ident [] () $text:literal) => {};
    (@accessor $(#[$doc:meta])* $key:ident [] ($($arg:ident),+) $text:literal) => {
        $(#[$doc])*
        pub fn $key(&self, $($arg: &str),+) -> String {
            fill(self.$key, &[$((stringify!($arg), $arg)),+])
        }
    };
    (@accessor $(#[$doc:meta])* $key:ident [$count:ident] ($($arg:ident),*) $forms:tt) => {
        $(#[$doc])*
        pub fn $key(&self, $count: u64, $($arg: &str),*) -> String {
            self.counted(&self.$key, stringify!($count), $count, &[$((stringify!($arg), $arg)),*])
        }
    };
}

include!("en.rs");

/// The version of the catalog's keys, which `build.rs` derives from the English catalog and
/// `cargo xtask` writes first in each shipped catalog: a page and a catalog file from two
/// different versions of the console never read each other's texts.
pub const CATALOG_ID: &str = env!("TWOSTEP_CATALOG_ID");

/// How many texts a catalog holds: its fields, each plural's forms counted one by one.
const TEXTS: usize = size_of::<Messages>() / size_of::<&str>();

/// A catalog seen as its texts, in field order.
type Texts = [&'static str; TEXTS];

impl Messages {
    /// The catalog of `tag` from its shipped texts: the version of the catalog's keys
    /// ([`CATALOG_ID`]), then every text in the English catalog's order, plurals as their
    /// `one`, `many` and `other` forms, an empty text where a language has no `many` form.
    /// The keys are not in the wasm (`build.rs` checks them, and their order); texts of
    /// another version of the console are refused, saying why.
    pub fn from_texts(tag: &'static str, shipped: Vec<String>) -> Result<Messages, String> {
        let mut shipped = shipped.into_iter();
        if shipped.next().as_deref() != Some(CATALOG_ID) {
            return Err("the catalog's version".to_owned());
        }
        if shipped.len() != TEXTS - 1 {
            return Err(format!("{} texts where this console has {}", shipped.len(), TEXTS - 1));
        }
        // SAFETY: `Messages` and `Forms` are `repr(C)` structs whose fields are all
        // `&'static str` (and `transmute` refuses types of different sizes), so a catalog and
        // the array of its texts have the same layout; English is read, not moved.
        let mut texts: Texts = unsafe { *std::ptr::from_ref(&EN).cast::<Texts>() };
        texts[0] = tag;
        for (text, found) in texts.iter_mut().skip(1).zip(shipped) {
            if !found.is_empty() {
                *text = leak(found);
            }
        }
        // SAFETY: as above.
        Ok(unsafe { std::mem::transmute::<Texts, Messages>(texts) })
    }
}

/// The shipped texts of a catalog file as translators write it (`i18n/<tag>.json`: keys and
/// texts, in order), as `cargo xtask` ships it: the version of the keys, then the texts, an
/// empty one where a plural has `one` and `other` but no `many`.
pub fn shipped_texts(entries: impl IntoIterator<Item = (String, String)>) -> Vec<String> {
    let mut texts = vec![CATALOG_ID.to_owned()];
    let mut entries = entries.into_iter().peekable();
    while let Some((key, text)) = entries.next() {
        texts.push(text);
        if key.ends_with(".one") && !entries.peek().is_some_and(|(next, _)| next.ends_with(".many"))
        {
            texts.push(String::new());
        }
    }
    texts
}

/// Keeps a loaded text for the life of the page: each language is loaded at most once.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// `template` with each `{name}` replaced by the value of `name` in `values`; a name it does
/// not know stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values.iter().find(|(name, _)| *name == &after[..close]).map(|v| (close, v.1))
        });
        match value {
            Some((close, value)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

impl Messages {
    /// The name of an administrators setting.
    pub fn administrators_policy(&self, value: AdministratorsPolicy) -> &'static str {
        match value {
            AdministratorsPolicy::None => self.administrators_none,
            AdministratorsPolicy::All => self.administrators_all,
        }
    }

    /// The name of a technicians setting.
    pub fn technicians_policy(&self, value: TechniciansPolicy) -> &'static str {
        match value {
            TechniciansPolicy::None => self.technicians_none,
            TechniciansPolicy::All => self.technicians_all,
            TechniciansPolicy::SelectedGroups => self.technicians_selected_groups,
        }
    }

    /// The name of a primary verification method.
    pub fn primary_method_name(&self, value: PrimaryMethod) -> &'static str {
        match value {
            PrimaryMethod::LastpassNotification => self.method_lastpass_notification,
            PrimaryMethod::AuthenticatorApp => self.method_authenticator_app,
            PrimaryMethod::Sms => self.method_sms,
            PrimaryMethod::Email => self.method_email,
        }
    }

    /// The one-line description of a primary verification method.
    pub fn primary_method_description(&self, value: PrimaryMethod) -> &'static str {
        match value {
            PrimaryMethod::LastpassNotification => self.method_lastpass_notification_description,
            PrimaryMethod::AuthenticatorApp => self.method_authenticator_app_description,
            PrimaryMethod::Sms => self.method_sms_description,
            PrimaryMethod::Email => self.method_email_description,
        }
    }

    /// The note under a primary verification method, for the methods that have one.
    pub fn primary_method_note(&self, value: PrimaryMethod) -> Option<&'static str> {
        match value {
            PrimaryMethod::AuthenticatorApp => Some(self.authenticator_app_note),
            PrimaryMethod::Email => Some(self.email_note),
            PrimaryMethod::LastpassNotification | PrimaryMethod::Sms => None,
        }
    }

    /// The name of a role, as the members table shows it.
    pub fn role_name(&self, role: Role) -> &'static str {
        match role {
            Role::MasterAdministrator => self.role_master_administrator,
            Role::Administrator => self.role_administrator,
            Role::Technician => self.role_technician,
        }
    }

    /// Why a member must use two-step verification; `group` names their group.
    pub fn reason(&self, reason: RequirementReason, group: &str) -> String {
        match reason {
            RequirementReason::AdministratorPolicy => self.reason_administrator_policy.to_owned(),
            RequirementReason::AllTechnicians => self.technicians_all.to_owned(),
            RequirementReason::Group => self.reason_group(group),
        }
    }

    /// What to tell a person about a failed request: what happened and what to do next, in
    /// the console's own words. A server's `detail` is never put in their place (it may be in
    /// another language); [`crate::ui::ErrorAlert`] shows it under this message.
    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_session_ended.to_owned(),
            ApiError::Forbidden { .. } => self.error_forbidden.to_owned(),
            ApiError::NotFound(_) => self.error_not_found.to_owned(),
            // The server's messages about each field are in its own words, which
            // [`crate::ui::ErrorAlert`] lists under its own sentence when they are English.
            ApiError::Validation(_) => self.error_not_accepted.to_owned(),
            ApiError::Conflict(_) => self.error_conflict.to_owned(),
            ApiError::PreconditionFailed(_) => self.error_changed_meanwhile.to_owned(),
            ApiError::PreconditionRequired(_) => self.error_precondition_required.to_owned(),
            ApiError::TooManyRequests { retry_after_seconds } => self
                .error_too_many_requests(&self.wait(*retry_after_seconds, self.wait_few_minutes)),
            ApiError::Busy { retry_after_seconds } => {
                self.error_busy(&self.wait(*retry_after_seconds, self.wait_few_seconds))
            }
            ApiError::Network(_) | ApiError::Server(_) => self.error_unreachable.to_owned(),
            ApiError::InvalidResponse(_) => self.error_unreadable_answer.to_owned(),
            ApiError::Unexpected(problem) => self.error_unexpected(&problem.status.to_string()),
            ApiError::WrongCode { attempts_left } => match attempts_left {
                Some(left) => self.error_wrong_code((*left).into()),
                None => self.error_wrong_code_no_count.to_owned(),
            },
            ApiError::CodeExpired => self.error_code_expired.to_owned(),
            ApiError::TooManyAttempts { .. } => self.error_too_many_attempts.to_owned(),
            ApiError::SecondStepExpired => self.error_second_step_expired.to_owned(),
            ApiError::ResendTooSoon { retry_after_seconds } => match retry_after_seconds {
                Some(seconds) => self.error_resend_too_soon(&seconds.to_string()),
                None => self.error_resend_too_soon_no_count.to_owned(),
            },
            // Only while waiting for an approval, which the console keeps doing.
            ApiError::ApprovalPending => self.loading.to_owned(),
            ApiError::ApprovalDenied => self.error_approval_denied.to_owned(),
            ApiError::StartRequired => self.error_start_required.to_owned(),
            ApiError::NotSetUp => self.error_not_set_up.to_owned(),
        }
    }

    /// What to tell a person whose sign-in failed; a 401 here means wrong credentials.
    pub fn sign_in_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unauthorized { .. } => self.error_invalid_credentials.to_owned(),
            ApiError::TooManyRequests { retry_after_seconds } => self
                .error_too_many_sign_in_attempts(
                    &self.wait(*retry_after_seconds, self.wait_few_minutes),
                ),
            other => self.api_error(other),
        }
    }
}

impl Messages {
    /// `n` as the language writes numbers: 1,234 or 1 234.
    pub fn number(&self, n: u64) -> String {
        intl::number(self.tag, n)
    }

    /// An RFC 3339 time as the language writes it, in the person's time zone unless `style`
    /// says UTC.
    pub fn time(&self, rfc3339: &str, style: intl::TimeStyle) -> String {
        intl::time(self.tag, rfc3339, style)
    }

    /// The form of `forms` the language's plural rules choose for `count`, with `count`
    /// written as the language writes numbers in the placeholder `name`, and `values` in theirs.
    fn counted(&self, forms: &Forms, name: &str, count: u64, values: &[(&str, &str)]) -> String {
        let form = match intl::plural_category(self.tag, count) {
            intl::Category::One => forms.one,
            intl::Category::Many => forms.many,
            intl::Category::Other => forms.other,
        };
        let form = if form.is_empty() { forms.other } else { form };
        let number = self.number(count);
        let mut all = vec![(name, number.as_str())];
        all.extend_from_slice(values);
        fill(form, &all)
    }

    /// How long to wait, from a Retry-After in seconds, as words: "30 seconds", "2 minutes";
    /// `unknown` when the server did not say.
    pub fn wait(&self, seconds: Option<u32>, unknown: &'static str) -> String {
        match seconds {
            None => unknown.to_owned(),
            Some(seconds) if seconds < 60 => intl::duration(self.tag, seconds, intl::Unit::Second),
            Some(seconds) => intl::duration(self.tag, seconds.div_ceil(60), intl::Unit::Minute),
        }
    }

    /// The warning dialog's text for a method change from `old` to `new`, with the number of
    /// members who must set up again when the console knows it.
    pub fn reset_dialog(&self, old: &str, new: &str, members: Option<u64>) -> String {
        match members {
            Some(1) => self.reset_dialog_text_only_member(old, new),
            Some(members) => self.reset_dialog_text(members, old, new),
            None => self.reset_dialog_text_every_member(old, new),
        }
    }

    /// A group's "Force two-step verification" setting as the tree's details show it.
    pub fn force_two_step_state(&self, on: bool) -> &'static str {
        if on { self.force_two_step_on } else { self.force_two_step_off }
    }

    /// What to do while a notification waits for approval on the phone `to`, when known.
    pub fn approve_on(&self, to: Option<&str>) -> String {
        match to {
            Some(to) => self.approve_on_phone(to),
            None => self.approve_on_phone_no_target.to_owned(),
        }
    }
}
