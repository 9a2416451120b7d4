//! One member in the members table.

use leptos::prelude::*;
use twostep_contract::{EnrollmentStatus, Member};

use crate::i18n::Messages;
use crate::i18n::intl::TimeStyle;

/// What the table shows for a missing value.
const NONE: &str = "—";

/// A row of the members table: the selection checkbox ("Select <name>"), then the member's
/// name, email, roles, group, whether two-step verification is required and why, whether they
/// have set it up, the method, the date and their Technician Console.
///
/// A member the person may not reset keeps a disabled checkbox that says why.
#[component]
pub fn MemberRow(
    /// The member.
    member: Member,
    /// The ids of the selected members of the page; the checkbox adds and removes this one.
    selected: RwSignal<Vec<i64>>,
    /// Whether the person may reset this member (administrators who are not master
    /// administrators may not reset anyone holding an administrator licence).
    selectable: bool,
    /// Whether a newer page is being read: the checkbox is disabled meanwhile.
    busy: Signal<bool>,
    /// The language's strings (the table renders its rows again when the language changes).
    t: &'static Messages,
) -> impl IntoView {
    let id = member.id;
    let checked = move || selected.with(|selected| selected.contains(&id));
    let toggle = move |_| {
        selected.update(|selected| match selected.iter().position(|other| *other == id) {
            Some(at) => {
                selected.remove(at);
            }
            None => selected.push(id),
        });
    };
    let group = member.group.as_ref().map(|group| group.name.as_str());
    let roles: Vec<&str> = member.roles.iter().map(|role| t.role_name(*role)).collect();
    let reasons: Vec<String> =
        member.reasons.iter().map(|reason| t.reason(*reason, group.unwrap_or(""))).collect();
    let set_up = member.status == EnrollmentStatus::Enrolled;
    view! {
        <tr>
            <td class="select-cell">
                <input
                    type="checkbox"
                    aria-label=t.select_member(&member.name)
                    title=(!selectable).then_some(t.only_master_resets_administrators)
                    prop:checked=checked
                    disabled=move || !selectable || busy.get()
                    on:change=toggle
                />
            </td>
            <th scope="row">{member.name.clone()}</th>
            <td>{member.email.clone()}</td>
            <td>{roles.join(", ")}</td>
            <td>{group.unwrap_or(NONE).to_owned()}</td>
            <td>
                {if member.required { t.required } else { t.not_required }.to_owned()}
                " "
                <span class="reasons">{reasons.join(", ")}</span>
            </td>
            <td>{if set_up { t.set_up } else { t.not_set_up }.to_owned()}</td>
            <td>{member.method.map_or(NONE, |method| t.primary_method_name(method)).to_owned()}</td>
            <td>
                {member
                    .enrolled_at
                    .as_deref()
                    .map(|at| {
                        view! { <time datetime=at.to_owned()>{t.time(at, TimeStyle::Date)}</time> }
                    })}
                {member.enrolled_at.is_none().then_some(NONE)}
            </td>
            <td>{member.console_version.unwrap_or_else(|| NONE.to_owned())}</td>
        </tr>
    }
}
