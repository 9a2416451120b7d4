//! `/organization/audit-log`: the Audit log tab.

use leptos::prelude::*;

use crate::audit::AuditLogTab;
use crate::i18n::tr;
use crate::session::use_session;

/// The audit log. Master administrators only; others are told so, and nothing is requested.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let session = use_session();
    move || {
        let may_see =
            session.session().is_some_and(|session| session.user.is_master_administrator());
        if may_see {
            view! { <AuditLogTab /> }.into_any()
        } else {
            view! { <p class="hint">{tr(|t| t.audit_log_master_only)}</p> }.into_any()
        }
    }
}
