//! One change in the audit log table.

use leptos::prelude::*;
use twostep_contract::AuditEvent;

use crate::audit::audit_text::audit_cells;
use crate::i18n::Messages;
use crate::i18n::intl::TimeStyle;

/// A row of the audit log: when (to the minute, in the person's time zone, and in UTC on
/// hover), who, what changed, and the values before
/// and after, each value on its own line.
#[component]
pub fn AuditRow(
    /// The change.
    event: AuditEvent,
    /// The language's strings (the table renders its rows again when the language changes).
    t: &'static Messages,
) -> impl IntoView {
    let cells = audit_cells(t, &event.change);
    let who = event.actor.map_or_else(|| t.former_member.to_owned(), |actor| actor.name);
    let when = t.time(&event.at, TimeStyle::Minute);
    let utc = t.time(&event.at, TimeStyle::MinuteUtc);
    // One line per value; the cells keep the line breaks (`white-space: pre-line`).
    view! {
        <tr>
            <td>
                <time datetime=event.at title=utc>{when}</time>
            </td>
            <td>{who}</td>
            <td>{cells.what.join("\n")}</td>
            <td>{cells.before.join("\n")}</td>
            <td>{cells.after.join("\n")}</td>
        </tr>
    }
}
