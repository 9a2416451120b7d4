#![cfg(target_arch = "wasm32")]
//! A technician group's Settings tab, mounted with a stand-in for the server: dirty state,
//! the notes, the impact sentence, saves, conflicts and the read-only state after a 403.

#![warn(missing_docs)]

mod support;

use leptos::prelude::*;
use support::{Mounted, mount_in, settle, wait_until};
use twostep_admin::api::ApiError;
use twostep_admin::groups::GroupSettingsForm;
use twostep_admin::groups::group_draft::{GroupDraft, GroupSaveOutcome, GroupSaveRequest};
use twostep_admin::i18n::Locale;
use twostep_admin::ui::UnsavedChanges;
use twostep_contract::{GroupUpdate, TechnicianGroup, TechniciansPolicy as T};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn tier1(force_two_step: bool, technicians: u64, revision: i64) -> TechnicianGroup {
    TechnicianGroup {
        id: 1,
        parent_id: None,
        name: "Tier 1".into(),
        description: "First-line support for every customer".into(),
        force_two_step,
        technicians,
        technicians_not_enrolled: 1,
        revision,
    }
}

struct Form {
    page: Mounted,
    draft: GroupDraft,
    sent: RwSignal<Vec<GroupSaveRequest>>,
    /// The next save's outcome; `None` answers like a server that accepts the save.
    reply: RwSignal<Option<GroupSaveOutcome>>,
    technicians: RwSignal<Option<T>>,
    unsaved: RwSignal<Option<UnsavedChanges>>,
}

async fn mount_form(locale: Locale, saved: TechnicianGroup, master: bool) -> Form {
    let draft = GroupDraft::new(saved);
    let sent = RwSignal::new(Vec::new());
    let reply = RwSignal::new(None::<GroupSaveOutcome>);
    let technicians = RwSignal::new(Some(T::SelectedGroups));
    let unsaved = RwSignal::new(None);
    let page = mount_in(locale, move || {
        unsaved.set(Some(UnsavedChanges::provide()));
        let save = Action::new_local(move |request: &GroupSaveRequest| {
            sent.update(|sent| sent.push(*request));
            let outcome = reply.get_untracked().unwrap_or_else(|| {
                let saved = untrack(|| draft.saved());
                GroupSaveOutcome::Saved(TechnicianGroup {
                    force_two_step: request.update.force_two_step,
                    revision: request.revision + 1,
                    ..saved
                })
            });
            async move { outcome }
        });
        view! {
            <GroupSettingsForm draft save technicians link_global_settings=master />
        }
    });
    settle().await;
    Form { page, draft, sent, reply, technicians, unsaved }
}

impl Form {
    fn checkbox(&self, label: &str) -> HtmlInputElement {
        self.page.labelled(label).unchecked_into()
    }

    fn button(&self, name: &str) -> HtmlButtonElement {
        self.page.button(name).unwrap_or_else(|| panic!("no button {name:?}")).unchecked_into()
    }

    async fn tick_box(&self) {
        let checkbox = self.checkbox("Force two-step verification");
        let ticked = !checkbox.checked();
        checkbox.click();
        let draft = self.draft;
        wait_until(
            "the draft to follow the box",
            move || draft.edited_untracked(),
            |edited| *edited == ticked,
        )
        .await;
    }

    fn impact(&self) -> String {
        self.page.text(".group-impact")
    }
}

#[wasm_bindgen_test]
async fn the_tab_shows_the_group_and_is_dirty_only_while_changed() {
    let form = mount_form(Locale::En, tier1(false, 12, 1), true).await;
    assert_eq!(form.page.text(".group-description"), "First-line support for every customer");
    assert_eq!(form.page.text("h2"), "Two-step verification");
    let checkbox = form.checkbox("Force two-step verification");
    assert!(!checkbox.checked());
    assert!(!checkbox.disabled());
    assert!(form.button("Save changes").disabled());
    assert!(form.button("Discard changes").disabled());
    assert_eq!(form.page.text(".revision"), "Revision 1");
    let unsaved = form.unsaved.get_untracked().unwrap();
    assert!(!unsaved.is_dirty());

    form.tick_box().await;
    assert!(!form.button("Save changes").disabled());
    assert!(!form.button("Discard changes").disabled());
    assert!(unsaved.is_dirty());

    form.tick_box().await;
    assert!(form.button("Save changes").disabled(), "back to the saved value");
    assert!(!unsaved.is_dirty());

    form.tick_box().await;
    form.button("Discard changes").click();
    wait_until(
        "the box to be unticked",
        || form.checkbox("Force two-step verification").checked(),
        |ticked| !ticked,
    )
    .await;
    assert!(!form.checkbox("Force two-step verification").checked());
    assert!(!unsaved.is_dirty());
}

#[wasm_bindgen_test]
async fn the_impact_sentence_says_who_the_change_requires_or_releases() {
    let form = mount_form(Locale::En, tier1(false, 12, 1), true).await;
    assert_eq!(form.impact(), "", "nothing changed, nothing to say");
    form.tick_box().await;
    assert_eq!(
        form.impact(),
        "Saving will require 12 technicians of this group to use two-step verification."
    );
    assert_eq!(
        form.page.find(".group-impact").get_attribute("aria-live").as_deref(),
        Some("polite")
    );

    let form = mount_form(Locale::En, tier1(true, 1, 1), true).await;
    form.tick_box().await;
    assert_eq!(
        form.impact(),
        "Saving will release 1 technician of this group from two-step verification."
    );

    let form = mount_form(Locale::Fr, tier1(false, 3, 1), true).await;
    form.page.labelled("Forcer la vérification en deux étapes").click();
    wait_until("the impact sentence", || form.impact(), |impact| !impact.is_empty()).await;
    assert_eq!(
        form.impact(),
        "L’enregistrement obligera 3 techniciens de ce groupe à utiliser la vérification en \
         deux étapes."
    );
}

#[wasm_bindgen_test]
async fn outside_selected_groups_the_tab_says_the_checkbox_has_no_effect_yet() {
    let form = mount_form(Locale::En, tier1(false, 12, 1), true).await;
    assert!(form.page.try_find(".important-note").is_none());
    form.technicians.set(Some(T::All));
    settle().await;
    assert_eq!(
        form.page.text(".important-note"),
        "This setting has no effect until Global Settings › Technicians is set to “Members of \
         selected technician groups”. Open Global Settings"
    );
    let link = form.page.find(".important-note a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/organization/global-settings"));
    form.tick_box().await;
    assert!(form.checkbox("Force two-step verification").checked(), "still editable");
    assert_eq!(form.impact(), "", "no count while groups do not matter");

    let form = mount_form(Locale::En, tier1(false, 12, 1), false).await;
    form.technicians.set(Some(T::None));
    settle().await;
    assert!(form.page.try_find(".important-note").is_some());
    assert!(form.page.try_find(".important-note a").is_none(), "no link for administrators");
}

#[wasm_bindgen_test]
async fn a_save_sends_the_setting_with_its_revision_and_says_so() {
    let form = mount_form(Locale::En, tier1(false, 12, 4), true).await;
    form.tick_box().await;
    form.button("Save changes").click();
    wait_until(
        "the save's message",
        || form.page.text_or_empty("[role=status]"),
        |said| !said.is_empty(),
    )
    .await;
    assert_eq!(
        form.sent.get_untracked(),
        [GroupSaveRequest { update: GroupUpdate { force_two_step: true }, revision: 4 }]
    );
    let status = form.page.find("[role=status]");
    assert_eq!(
        status.text_content().unwrap().trim(),
        "Settings applied to the technicians of this group."
    );
    let focused = document().active_element().unwrap();
    assert!(focused.contains(Some(&status)), "focus moves to the message");
    assert_eq!(form.page.text(".revision"), "Revision 5");
    assert!(form.button("Save changes").disabled());
    assert!(form.checkbox("Force two-step verification").checked());
    assert!(!form.draft.is_dirty());
}

#[wasm_bindgen_test]
async fn a_conflict_keeps_the_edited_value_and_takes_their_revision() {
    let form = mount_form(Locale::En, tier1(false, 12, 1), true).await;
    form.reply.set(Some(GroupSaveOutcome::ChangedMeanwhile(TechnicianGroup {
        description: "Changed by Leo".into(),
        ..tier1(false, 12, 3)
    })));
    form.tick_box().await;
    form.button("Save changes").click();
    let alert = wait_until(
        "the conflict notice",
        || form.page.text_or_empty(".conflict-notice [role=alert]"),
        |alert| !alert.is_empty(),
    )
    .await;
    assert!(
        alert.starts_with(
            "Someone else changed this group's settings while you were editing. Their setting"
        ),
        "{alert}"
    );
    assert_eq!(form.page.text(".conflict-notice p + p"), "Force two-step verification: Off");
    assert!(form.checkbox("Force two-step verification").checked(), "the edit is kept");
    assert_eq!(form.page.text(".revision"), "Revision 3");
    assert!(!form.button("Save changes").disabled(), "the edit can be saved over theirs");

    form.reply.set(None);
    form.button("Save changes").click();
    wait_until("the second save", || form.sent.get_untracked().len(), |sent| *sent == 2).await;
    assert_eq!(form.sent.get_untracked()[1].revision, 3);
}

#[wasm_bindgen_test]
async fn a_refused_save_turns_the_checkbox_read_only_with_the_reason() {
    let form = mount_form(Locale::En, tier1(false, 12, 1), false).await;
    let reason = "You may change only the technician groups assigned to you.";
    form.reply.set(Some(GroupSaveOutcome::Failed(ApiError::Forbidden {
        detail: Some(reason.into()),
        errors: vec![],
    })));
    form.tick_box().await;
    form.button("Save changes").click();
    wait_until(
        "the box to turn read-only",
        || form.checkbox("Force two-step verification").disabled(),
        |disabled| *disabled,
    )
    .await;
    let checkbox = form.checkbox("Force two-step verification");
    assert!(checkbox.disabled());
    assert!(!checkbox.checked(), "the unsaveable change is dropped");
    let described = checkbox.get_attribute("aria-describedby").expect("the reason");
    assert_eq!(
        form.page.text(&format!("#{described} p")),
        "You are not allowed to do this. Ask a master administrator if you need access."
    );
    assert_eq!(form.page.text(&format!("#{described} .problem-detail")), reason);
    assert!(form.button("Save changes").disabled());
    assert!(!form.unsaved.get_untracked().unwrap().is_dirty());

    let form = mount_form(Locale::En, tier1(false, 12, 1), false).await;
    form.reply
        .set(Some(GroupSaveOutcome::Failed(ApiError::Forbidden { detail: None, errors: vec![] })));
    form.tick_box().await;
    form.button("Save changes").click();
    wait_until(
        "the refusal",
        || form.page.text_or_empty("[role=alert]"),
        |alert| !alert.is_empty(),
    )
    .await;
    assert!(form.page.text("[role=alert]").starts_with("You are not allowed to do this."));
}
