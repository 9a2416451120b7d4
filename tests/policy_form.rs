#![cfg(target_arch = "wasm32")]
//! The policy form of Global Settings, mounted with stand-ins for the server: what it sends,
//! when it asks first, and what it shows, in English and in French.

#![warn(missing_docs)]

mod support;

use std::time::Duration;

use leptos::prelude::*;
use support::{Mounted, mount_in, settle, sleep, wait_until};
use twostep_admin::api::ApiError;
use twostep_admin::i18n::Locale;
use twostep_admin::settings::PolicyForm;
use twostep_admin::settings::impact_preview::ImpactPreview;
use twostep_admin::settings::policy_draft::{PolicyDraft, SaveOutcome, SaveRequest};
use twostep_admin::ui::UnsavedChanges;
use twostep_contract::{
    AdministratorsPolicy as A, FieldError, MemberFacts, MemberSnapshot, Policy, PolicyImpact,
    PolicySettings, PolicyUpdated, PrimaryMethod as M, TechnicianGroup, TechniciansPolicy as T,
    impact,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlDialogElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn settings(administrators: A, technicians: T, primary_method: M) -> PolicySettings {
    PolicySettings { administrators, technicians, primary_method }
}

fn policy(settings: PolicySettings, revision: i64) -> Policy {
    Policy { settings, revision, updated_at: "2026-01-01T00:00:00Z".into() }
}

/// The seed's policy: all administrators, the technicians of forced groups, authenticator app.
fn seed() -> PolicySettings {
    settings(A::All, T::SelectedGroups, M::AuthenticatorApp)
}

/// Five members: two administrators (one also a technician), three technicians, one of them on
/// an old Technician Console.
fn members() -> Vec<MemberSnapshot> {
    let member = |admin, tech, forced, enrolled, console: Option<&str>| MemberSnapshot {
        facts: MemberFacts {
            is_administrator: admin,
            is_technician: tech,
            group_forces_two_step: forced,
        },
        enrolled,
        console_version: console.map(str::to_owned),
    };
    vec![
        member(true, false, false, true, None),
        member(true, true, true, true, Some("7.52.1000")),
        member(false, true, true, false, Some("7.50.3572")),
        member(false, true, false, false, Some("7.51.0001")),
        member(false, true, false, true, None),
    ]
}

fn group(id: i64, name: &str, force_two_step: bool, technicians: u64) -> TechnicianGroup {
    TechnicianGroup {
        id,
        parent_id: None,
        name: name.into(),
        description: String::new(),
        force_two_step,
        technicians,
        technicians_not_enrolled: 0,
        revision: 1,
    }
}

/// How the stand-in server answers previews.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previews {
    /// At once.
    Quick,
    /// The saved policy's answer comes late, after the answers for later candidates.
    SavedOneLate,
    /// Never.
    Never,
}

/// How the stand-in server words a preview's answer, from the impact the contract's rule gives.
type PreviewWording = fn(PolicyImpact) -> Result<PolicyImpact, ApiError>;

struct Form {
    page: Mounted,
    draft: PolicyDraft,
    sent: RwSignal<Vec<SaveRequest>>,
    /// The next save's outcome; `None` answers like a server that accepts the save.
    reply: RwSignal<Option<SaveOutcome>>,
    unsaved: RwSignal<Option<UnsavedChanges>>,
    /// The candidates whose impact was asked for, in order.
    previewed: RwSignal<Vec<PolicySettings>>,
    /// How the next previews answer; `Ok` unchanged by default.
    wording: RwSignal<PreviewWording>,
}

fn mount_form(locale: Locale, saved: PolicySettings, previews: Previews) -> Form {
    let groups = vec![group(3, "Tier 1", false, 12), group(4, "Tier 2", true, 5)];
    mount_form_with(locale, saved, previews, groups)
}

fn mount_form_with(
    locale: Locale,
    saved: PolicySettings,
    previews: Previews,
    groups: Vec<TechnicianGroup>,
) -> Form {
    let draft = PolicyDraft::new(policy(saved, 1));
    let sent = RwSignal::new(Vec::new());
    let reply = RwSignal::new(None::<SaveOutcome>);
    let unsaved = RwSignal::new(None);
    let previewed = RwSignal::new(Vec::new());
    let as_computed: PreviewWording = Ok;
    let wording = RwSignal::new(as_computed);
    let page = mount_in(locale, move || {
        unsaved.set(Some(UnsavedChanges::provide()));
        let fetch = move |candidate: PolicySettings| {
            let saved = untrack(|| draft.saved_settings());
            previewed.update(|previewed| previewed.push(candidate));
            let wording = wording.get_untracked();
            async move {
                match previews {
                    Previews::Never => std::future::pending::<()>().await,
                    // A slow server: its answer comes after the next candidate's.
                    Previews::SavedOneLate if candidate == saved => sleep(150).await,
                    Previews::Quick | Previews::SavedOneLate => {}
                }
                wording(impact(&saved, &candidate, &members()))
            }
        };
        let preview = ImpactPreview::new(draft, fetch, Duration::from_millis(10));
        let save = Action::new_local(move |request: &SaveRequest| {
            sent.update(|sent| sent.push(*request));
            let outcome = reply.get_untracked().unwrap_or_else(|| {
                SaveOutcome::Saved(PolicyUpdated {
                    policy: policy(request.update.settings, request.revision + 1),
                    enrollments_reset: 0,
                })
            });
            async move { outcome }
        });
        let groups = Signal::derive(move || Some(Ok(groups.clone())));
        view! { <PolicyForm draft save preview groups /> }
    });
    Form { page, draft, sent, reply, unsaved, previewed, wording }
}

/// A backend whose preview says nothing about a reset, even for a method change.
fn no_reset_said(impact: PolicyImpact) -> Result<PolicyImpact, ApiError> {
    Ok(PolicyImpact { method_changes: false, enrollments_reset: 0, members_reset: 0, ..impact })
}

/// A backend whose preview counts seven members to reset for a method change.
fn seven_reset(impact: PolicyImpact) -> Result<PolicyImpact, ApiError> {
    let members_reset = if impact.method_changes { 7 } else { 0 };
    Ok(PolicyImpact { members_reset, ..impact })
}

/// A backend whose previews fail.
fn preview_fails(_: PolicyImpact) -> Result<PolicyImpact, ApiError> {
    Err(ApiError::Network("offline".into()))
}

impl Form {
    fn radio(&self, label: &str) -> HtmlInputElement {
        self.page.labelled(label).unchecked_into()
    }

    fn button(&self, name: &str) -> HtmlButtonElement {
        self.page.button(name).unwrap_or_else(|| panic!("no button {name:?}")).unchecked_into()
    }

    fn dialog(&self) -> HtmlDialogElement {
        self.page.find("dialog").unchecked_into()
    }

    /// Chooses an option as a person does, then lets the form and the preview catch up.
    async fn choose(&self, label: &str) {
        self.radio(label).click();
        self.let_the_preview_start().await;
        self.preview_settled().await;
    }

    /// Lets the preview's debounce (10 ms) start a read. A fixed wait: a quick stand-in answers
    /// within it, so "Updating the impact…" may come and go between two looks.
    async fn let_the_preview_start(&self) {
        sleep(20).await;
    }

    /// Waits until the impact panel has its latest answer.
    async fn preview_settled(&self) {
        wait_until(
            "the impact preview to settle",
            || self.page.try_find(".impact-panel [role=status]").map(|_| self.impact_status()),
            Option::is_none,
        )
        .await;
    }

    fn impact_status(&self) -> String {
        self.page.text_or_empty(".impact-panel [role=status]")
    }

    /// Clicks, then lets the handlers and the stand-in answer (tasks of their own) run: the
    /// callers check what a click may do, including nothing, so there is no one thing to wait for.
    async fn click(&self, name: &str) {
        self.button(name).click();
        sleep(20).await;
    }

    fn impact_labels(&self) -> Vec<String> {
        self.page.texts(".impact-panel dt")
    }

    /// The impact panel's figure labelled `label`, if it shows one.
    fn impact_figure(&self, label: &str) -> Option<String> {
        let labels = self.impact_labels();
        let at = labels.iter().position(|shown| shown == label)?;
        self.page.texts(".impact-panel dd").get(at).cloned()
    }

    /// Waits until the warning dialog is open, and answers its text.
    async fn dialog_opens(&self) -> String {
        wait_until("the warning dialog", || self.dialog().open(), |open| *open).await;
        self.page.text("dialog p")
    }

    fn focused_text(&self) -> String {
        let focused = document().active_element().expect("something has the focus");
        focused.text_content().unwrap_or_default().trim().to_owned()
    }
}

#[wasm_bindgen_test]
async fn the_form_shows_the_saved_policy_with_its_descriptions_and_notes() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    assert_eq!(form.page.text("h2"), "Two-step verification");
    assert_eq!(
        form.page.texts("legend"),
        ["Administrators", "Technicians", "Primary verification method"]
    );
    assert!(form.radio("All administrators").checked());
    assert!(form.radio("Members of selected technician groups").checked());
    assert!(form.radio("Authenticator app").checked());
    assert!(!form.radio("No administrators").checked());

    let sms = form.radio("SMS verification");
    let description = sms.get_attribute("aria-describedby").expect("a description");
    assert_eq!(
        form.page.text(&format!("#{description}")),
        "Members enter a code sent to their mobile phone by text message."
    );
    let notes = form.page.texts(".option-note");
    assert_eq!(notes.len(), 2);
    assert!(notes[0].starts_with("Any TOTP authenticator app works;"));
    assert!(notes[1].starts_with("Technician Console 7.50.3572 and earlier do not support"));
    assert_eq!(
        form.page.text(".important-note"),
        "Important: an administrator who also holds a technician licence must use two-step \
         verification if these settings apply to them as administrator or as technician."
    );
    assert_eq!(form.page.text(".revision"), "Revision 1");
}

#[wasm_bindgen_test]
async fn buttons_are_enabled_only_while_something_changed_and_discard_restores() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    assert!(form.button("Save changes").disabled());
    assert!(form.button("Discard changes").disabled());
    let unsaved = form.unsaved.get_untracked().unwrap();
    assert!(!unsaved.is_dirty());

    form.choose("All technicians").await;
    assert!(!form.button("Save changes").disabled());
    assert!(!form.button("Discard changes").disabled());
    assert!(unsaved.is_dirty());

    form.choose("Members of selected technician groups").await;
    assert!(form.button("Save changes").disabled(), "back to the saved value: nothing changed");

    form.choose("No administrators").await;
    form.choose("Email verification").await;
    assert!(!form.button("Save changes").disabled());
    form.click("Discard changes").await;
    assert!(form.button("Save changes").disabled());
    assert!(form.button("Discard changes").disabled());
    assert!(form.radio("All administrators").checked());
    assert!(!form.radio("No administrators").checked());
    assert!(form.radio("Authenticator app").checked());
    assert!(!form.radio("Email verification").checked());
    assert!(!unsaved.is_dirty());
    assert!(form.sent.get_untracked().is_empty());
}

#[wasm_bindgen_test]
async fn a_save_that_keeps_the_method_is_sent_without_a_dialog() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    form.choose("All technicians").await;
    form.click("Save changes").await;

    assert!(!form.dialog().open());
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].revision, 1);
    assert_eq!(sent[0].update.settings, settings(A::All, T::All, M::AuthenticatorApp));
    assert_eq!(sent[0].update.confirm_reset, None);

    assert_eq!(
        form.page.text("[role=status].success"),
        "Settings applied to the selected users of your organization."
    );
    assert!(form.radio("All technicians").checked());
    assert!(form.button("Save changes").disabled());
    assert_eq!(form.page.text(".revision"), "Revision 2");
    assert_eq!(form.draft.revision(), 2);
    assert_eq!(
        form.focused_text(),
        "Settings applied to the selected users of your organization.",
        "focus moves to the confirmation, not to the page, when Save changes is disabled"
    );
}

#[wasm_bindgen_test]
async fn a_method_change_opens_the_dialog_naming_both_methods_and_the_members() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    assert!(!form.dialog().open());
    form.choose("SMS verification").await;
    form.click("Save changes").await;

    let dialog = form.dialog();
    assert!(dialog.open());
    assert!(form.sent.get_untracked().is_empty(), "nothing is sent before confirming");
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        form.page.text(&format!("#{title_id}")),
        "Reset two-step verification for everyone?"
    );
    assert_eq!(
        form.page.text("dialog p"),
        "You are changing the primary verification method from Authenticator app to SMS \
         verification. All 5 members of your organization must set up two-step verification \
         again at their next sign-in."
    );
    assert_eq!(form.focused_text(), "Cancel");
    let danger = form.button("Change method and reset");
    assert!(danger.class_list().contains("danger"));
}

#[wasm_bindgen_test]
async fn cancel_and_escape_close_the_dialog_send_nothing_and_return_focus_to_save() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    form.choose("Email verification").await;
    form.click("Save changes").await;
    assert!(form.dialog().open());

    form.click("Cancel").await;
    assert!(!form.dialog().open());
    assert_eq!(form.focused_text(), "Save changes");
    assert!(form.radio("Email verification").checked(), "the choice stays in the form");

    form.click("Save changes").await;
    assert!(form.dialog().open());
    // Escape closes a modal dialog the way `close()` does: without a return value.
    form.dialog().close();
    wait_until(
        "the dialog's close event",
        || form.focused_text(),
        |focused| focused == "Save changes",
    )
    .await;
    assert!(!form.dialog().open());
    assert_eq!(form.focused_text(), "Save changes");
    assert!(form.sent.get_untracked().is_empty());
}

#[wasm_bindgen_test]
async fn confirming_saves_with_confirm_reset() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    form.choose("LastPass Authenticator app notification").await;
    form.click("Save changes").await;
    form.click("Change method and reset").await;

    assert!(!form.dialog().open());
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].update.confirm_reset, Some(true));
    assert_eq!(sent[0].update.settings.primary_method, M::LastpassNotification);
    assert!(form.page.try_find("[role=status].success").is_some());
    assert!(form.button("Save changes").disabled());
}

#[wasm_bindgen_test]
async fn without_a_preview_the_servers_refusal_brings_the_count_into_the_dialog() {
    let form = mount_form(Locale::En, seed(), Previews::Never);
    form.let_the_preview_start().await;
    form.reply.set(Some(SaveOutcome::ResetConfirmationRequired(Some(43))));
    form.radio("SMS verification").click();
    wait_until(
        "the draft to take the method",
        || form.draft.edited_untracked().primary_method,
        |method| *method == M::Sms,
    )
    .await;
    form.click("Save changes").await;

    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].update.confirm_reset, None);
    // The preview asked again never answers either: after a while, the refusal's count.
    assert!(form.dialog_opens().await.contains("All 43 members"));

    form.reply.set(None);
    form.click("Change method and reset").await;
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].update.confirm_reset, Some(true));
}

#[wasm_bindgen_test]
async fn a_conflict_shows_their_settings_and_keeps_the_edited_choices() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    let theirs = policy(settings(A::None, T::SelectedGroups, M::AuthenticatorApp), 2);
    form.reply.set(Some(SaveOutcome::ChangedMeanwhile(theirs)));
    form.choose("All technicians").await;
    form.click("Save changes").await;

    assert_eq!(
        form.page.text(".conflict-notice [role=alert]"),
        "Someone else changed these settings while you were editing. Their settings are listed \
         below; your choices are still in the form. Save changes applies your choices over \
         theirs; Discard changes shows theirs."
    );
    assert_eq!(
        form.page.texts(".conflict-notice dd"),
        ["No administrators", "Members of selected technician groups", "Authenticator app"]
    );
    assert!(form.radio("All technicians").checked());
    assert!(form.radio("All administrators").checked());
    assert!(!form.button("Save changes").disabled());
    assert_eq!(form.page.text(".revision"), "Revision 2");

    form.reply.set(None);
    form.click("Save changes").await;
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].revision, 2, "the second save names their revision");
    assert_eq!(sent[1].update.settings, settings(A::All, T::All, M::AuthenticatorApp));
    assert!(form.page.try_find(".conflict-notice").is_none());
    assert!(form.page.try_find("[role=status].success").is_some());
}

#[wasm_bindgen_test]
async fn discard_after_a_conflict_shows_their_settings() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    let theirs = policy(settings(A::None, T::None, M::AuthenticatorApp), 2);
    form.reply.set(Some(SaveOutcome::ChangedMeanwhile(theirs)));
    form.choose("All technicians").await;
    form.click("Save changes").await;
    form.click("Discard changes").await;
    assert!(form.radio("No administrators").checked());
    assert!(form.radio("No technicians").checked());
    assert!(form.button("Save changes").disabled());
}

#[wasm_bindgen_test]
async fn refused_saves_say_why_and_keep_the_choices() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    form.reply.set(Some(SaveOutcome::Failed(ApiError::Validation(vec![
        FieldError { field: "administrators".into(), message: "Choose none or all.".into() },
        FieldError { field: "primary_method".into(), message: "Choose a method.".into() },
    ]))));
    form.choose("No technicians").await;
    form.click("Save changes").await;
    assert!(form.page.text("[role=alert]").starts_with("Some values were not accepted."));
    assert_eq!(form.page.texts("[role=alert] li"), ["Choose none or all.", "Choose a method."]);
    assert!(form.radio("No technicians").checked());
    assert!(!form.button("Save changes").disabled());

    let detail = "Only master administrators can change the two-step verification policy.";
    form.reply.set(Some(SaveOutcome::Failed(ApiError::Forbidden {
        detail: Some(detail.into()),
        errors: vec![],
    })));
    form.click("Save changes").await;
    assert_eq!(
        form.page.text("[role=alert] p"),
        "You are not allowed to do this. Ask a master administrator if you need access.",
        "the console's own message, not the server's, comes first"
    );
    assert_eq!(form.page.text("[role=alert] .problem-detail"), detail);

    form.reply.set(Some(SaveOutcome::Failed(ApiError::Network("offline".into()))));
    form.click("Save changes").await;
    assert_eq!(
        form.page.text("[role=alert]"),
        "Twostep Admin cannot reach the server. Check your connection and try again."
    );
    assert!(form.radio("No technicians").checked());
}

#[wasm_bindgen_test]
async fn the_impact_panel_shows_method_rows_on_a_method_change_and_the_console_row_for_email() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    assert_eq!(form.page.text(".impact-panel h3"), "Impact of these settings");
    let base = [
        "Members in the organization",
        "Required to use two-step verification",
        "Required but not set up yet",
        "Newly required",
        "No longer required",
    ];
    assert_eq!(form.impact_labels(), base);
    // The seed policy requires both administrators and the technician of the forced group.
    assert_eq!(form.page.texts(".impact-panel dd"), ["5", "3", "1", "0", "0"]);

    form.choose("All technicians").await;
    assert_eq!(form.impact_labels(), base);
    assert_eq!(form.page.texts(".impact-panel dd"), ["5", "5", "2", "2", "0"]);

    form.choose("SMS verification").await;
    let mut method_change = base.map(str::to_owned).to_vec();
    method_change.push("Two-step verification setups reset by the method change".into());
    method_change.push("Members who must set up two-step verification again".into());
    assert_eq!(form.impact_labels(), method_change);
    assert_eq!(form.page.texts(".impact-panel dd")[5..], ["3", "5"]);

    form.choose("Email verification").await;
    let mut email = method_change.clone();
    email.push("Technicians on Technician Console 7.50.3572 or earlier (cannot use email)".into());
    assert_eq!(form.impact_labels(), email);
    assert_eq!(form.page.texts(".impact-panel dd")[7], "1");

    form.choose("Authenticator app").await;
    assert_eq!(form.impact_labels(), base);
}

#[wasm_bindgen_test]
async fn the_email_row_shows_without_a_method_change_when_email_is_saved() {
    let form = mount_form(Locale::En, settings(A::All, T::All, M::Email), Previews::Quick);
    form.preview_settled().await;
    let labels = form.impact_labels();
    assert_eq!(labels.len(), 6);
    assert_eq!(
        labels[5],
        "Technicians on Technician Console 7.50.3572 or earlier (cannot use email)"
    );
}

#[wasm_bindgen_test]
async fn the_panel_says_it_is_updating_and_drops_answers_for_older_candidates() {
    let form = mount_form(Locale::En, seed(), Previews::SavedOneLate);
    settle().await;
    assert_eq!(form.page.text(".impact-panel [role=status]"), "Updating the impact…");
    form.radio("No administrators").click();
    form.let_the_preview_start().await;
    form.preview_settled().await;
    // The answer for the new candidate is shown...
    assert_eq!(form.page.texts(".impact-panel dd")[1], "2");
    assert!(form.page.try_find(".impact-panel [role=status]").is_none());
    // ...and the saved policy's late answer, for an older candidate, does not replace it: a
    // fixed wait, past that answer's 150 ms, proves that nothing happens.
    sleep(200).await;
    assert_eq!(form.page.texts(".impact-panel dd")[1], "2");
}

#[wasm_bindgen_test]
async fn selected_groups_list_the_forced_groups_with_links() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.preview_settled().await;
    assert_eq!(
        form.page.text(".forced-groups p"),
        "Two-step verification then applies to the technicians of the groups whose Settings tab \
         has “Force two-step verification” ticked:"
    );
    assert_eq!(form.page.texts(".forced-groups li"), ["Tier 2 — 5 technicians"]);
    let link = form.page.find(".forced-groups a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/groups/4/settings"));
    assert_eq!(link.text_content().as_deref(), Some("Tier 2"));

    form.choose("All technicians").await;
    assert!(form.page.try_find(".forced-groups").is_none());
    form.choose("Members of selected technician groups").await;
    assert!(form.page.try_find(".forced-groups").is_some());
}

#[wasm_bindgen_test]
async fn without_forced_groups_the_form_says_so() {
    let groups = vec![group(3, "Tier 1", false, 12)];
    let form = mount_form_with(Locale::En, seed(), Previews::Quick, groups);
    form.preview_settled().await;
    assert_eq!(
        form.page.texts(".forced-groups p")[1],
        "No technician group has “Force two-step verification” ticked yet."
    );
    assert!(form.page.try_find(".forced-groups a").is_none());
}

#[wasm_bindgen_test]
async fn the_french_form_is_translated() {
    let form = mount_form(Locale::Fr, seed(), Previews::Quick);
    form.preview_settled().await;
    assert_eq!(form.page.text("h2"), "Vérification en deux étapes");
    assert_eq!(
        form.page.texts("legend"),
        ["Administrateurs", "Techniciens", "Méthode de vérification principale"]
    );
    assert!(form.radio("Application d’authentification").checked());
    // The original French page's own labels, word for word.
    for label in [
        "Aucun administrateur",
        "Tous les administrateurs",
        "Aucun technicien",
        "Tous les techniciens",
        "Membres du ou des groupes de techniciens sélectionnés",
        "Notification de l’App LastPass Authenticator",
        "Vérification par SMS",
        "vérification par e-mail",
    ] {
        assert_eq!(form.radio(label).type_(), "radio", "{label}");
    }
    assert!(form.page.texts("p").iter().any(|p| p.contains("Console d’assistance")));
    assert_eq!(form.page.texts(".forced-groups li"), ["Tier 2 — 5 techniciens"]);
    assert_eq!(form.page.text(".impact-panel h3"), "Effet de ces paramètres");
    assert!(form.page.text(".important-note").starts_with("Important\u{a0}: un administrateur"));
    assert!(form.button("Enregistrer les modifications").disabled());

    form.choose("Vérification par SMS").await;
    form.click("Enregistrer les modifications").await;
    assert_eq!(
        form.page.text("dialog h2"),
        "Réinitialiser la vérification en deux étapes pour tout le monde\u{a0}?"
    );
    assert_eq!(
        form.page.text("dialog p"),
        "Vous remplacez la méthode de vérification principale «\u{a0}Application \
         d’authentification\u{a0}» par «\u{a0}Vérification par SMS\u{a0}». Les 5 membres de \
         votre organisation devront configurer de nouveau la vérification en deux étapes à leur \
         prochaine connexion."
    );
    assert!(form.page.button("Changer de méthode et réinitialiser").is_some());
    form.click("Annuler").await;
    form.click("Annuler les modifications").await;
    assert!(form.radio("Application d’authentification").checked());
}

const MEMBERS_RESET: &str = "Members who must set up two-step verification again";

#[wasm_bindgen_test]
async fn the_dialog_and_the_panel_count_the_same_members_reset_of_this_candidate() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    // A backend whose count of members to reset differs from its count of members.
    form.wording.set(seven_reset);
    form.preview_settled().await;
    form.choose("SMS verification").await;
    assert_eq!(form.impact_figure("Members in the organization").as_deref(), Some("5"));
    assert_eq!(form.impact_figure(MEMBERS_RESET).as_deref(), Some("7"));

    form.click("Save changes").await;
    assert!(form.dialog().open());
    assert!(form.sent.get_untracked().is_empty(), "the preview counted: ask first");
    assert_eq!(
        form.page.text("dialog p"),
        "You are changing the primary verification method from Authenticator app to SMS \
         verification. All 7 members of your organization must set up two-step verification \
         again at their next sign-in."
    );
    form.click("Change method and reset").await;
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].update.confirm_reset, Some(true));
    assert_eq!(sent[0].update.settings.primary_method, M::Sms);
}

#[wasm_bindgen_test]
async fn a_refusal_after_a_preview_that_said_no_reset_asks_the_preview_again() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.wording.set(no_reset_said);
    form.preview_settled().await;
    form.choose("SMS verification").await;
    assert_eq!(form.impact_figure(MEMBERS_RESET), None, "the preview said nothing of a reset");

    // The server refuses the unconfirmed save; asked again, its preview counts the reset.
    form.reply.set(Some(SaveOutcome::ResetConfirmationRequired(Some(43))));
    form.wording.set(seven_reset);
    let asked_before = form.previewed.get_untracked().len();
    form.click("Save changes").await;
    let text = form.dialog_opens().await;
    assert!(text.contains("All 7 members"), "the new preview's count: {text:?}");
    assert_eq!(
        form.previewed.get_untracked()[asked_before..],
        [settings(A::All, T::SelectedGroups, M::Sms)],
        "the preview of exactly the refused candidate was asked again"
    );
    assert_eq!(form.impact_figure(MEMBERS_RESET).as_deref(), Some("7"), "the panel agrees");
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].update.confirm_reset, None);

    form.reply.set(None);
    form.click("Change method and reset").await;
    let sent = form.sent.get_untracked();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].update.confirm_reset, Some(true));
    assert_eq!(sent[1].update.settings, settings(A::All, T::SelectedGroups, M::Sms));
    assert!(form.page.try_find("[role=status].success").is_some());
}

#[wasm_bindgen_test]
async fn when_the_new_preview_still_counts_no_reset_the_refusals_count_is_used() {
    let form = mount_form(Locale::En, seed(), Previews::Quick);
    form.wording.set(no_reset_said);
    form.preview_settled().await;
    form.choose("Email verification").await;
    form.reply.set(Some(SaveOutcome::ResetConfirmationRequired(Some(43))));
    form.click("Save changes").await;
    assert!(form.dialog_opens().await.contains("All 43 members"));
}

#[wasm_bindgen_test]
async fn when_nothing_counts_the_dialog_opens_without_a_number() {
    for (locale, save, expected) in [
        (
            Locale::En,
            "Save changes",
            "You are changing the primary verification method from Authenticator app to SMS \
             verification. Every member of your organization must set up two-step verification \
             again at their next sign-in.",
        ),
        (
            Locale::Fr,
            "Enregistrer les modifications",
            "Vous remplacez la méthode de vérification principale «\u{a0}Application \
             d’authentification\u{a0}» par «\u{a0}Vérification par SMS\u{a0}». Tous les membres \
             de votre organisation devront configurer de nouveau la vérification en deux étapes \
             à leur prochaine connexion.",
        ),
    ] {
        let form = mount_form(locale, seed(), Previews::Quick);
        form.wording.set(no_reset_said);
        form.preview_settled().await;
        let sms = if locale == Locale::En { "SMS verification" } else { "Vérification par SMS" };
        form.choose(sms).await;
        // The refusal counts nobody, and the preview asked again fails.
        form.reply.set(Some(SaveOutcome::ResetConfirmationRequired(None)));
        form.wording.set(preview_fails);
        form.click(save).await;
        assert_eq!(form.dialog_opens().await, expected, "{locale:?}");
        assert_eq!(form.sent.get_untracked().len(), 1);
    }
}
