#![cfg(not(target_arch = "wasm32"))]
//! What saving a settings form means, as plain logic: when the policy's save asks first, what
//! a policy or group save sends, and how the two copies of a draft behave around a save.

#![warn(missing_docs)]

use twostep_admin::groups::group_draft::{GroupDraft, GroupSaveRequest};
use twostep_admin::i18n::{EN, Locale, install};
use twostep_admin::settings::policy_draft::{PolicyDraft, SavePlan, SaveRequest, save_plan};
use twostep_admin::settings::reset_count::dialog_count;
use twostep_contract::{
    AdministratorsPolicy as A, GroupUpdate, Policy, PolicySettings, PolicyUpdate,
    PrimaryMethod as M, TechnicianGroup, TechniciansPolicy as T,
};

fn settings(administrators: A, technicians: T, primary_method: M) -> PolicySettings {
    PolicySettings { administrators, technicians, primary_method }
}

/// The seed's policy: all administrators, the technicians of forced groups, authenticator app.
fn seed() -> PolicySettings {
    settings(A::All, T::SelectedGroups, M::AuthenticatorApp)
}

fn policy(settings: PolicySettings, revision: i64) -> Policy {
    Policy { settings, revision, updated_at: "2026-01-01T00:00:00Z".into() }
}

fn tier2(force_two_step: bool, revision: i64) -> TechnicianGroup {
    TechnicianGroup {
        id: 4,
        parent_id: None,
        name: "Tier 2".into(),
        description: String::new(),
        force_two_step,
        technicians: 4,
        technicians_not_enrolled: 1,
        revision,
    }
}

#[test]
fn the_save_plan_asks_first_only_when_the_method_changes() {
    let saved = seed();
    assert_eq!(save_plan(&saved, &saved), SavePlan::Nothing);
    let who = settings(A::None, T::All, M::AuthenticatorApp);
    assert_eq!(save_plan(&saved, &who), SavePlan::Save);
    let method = settings(A::All, T::SelectedGroups, M::Sms);
    assert_eq!(
        save_plan(&saved, &method),
        SavePlan::ConfirmReset { from: M::AuthenticatorApp, to: M::Sms }
    );
    let both = settings(A::None, T::None, M::Email);
    assert_eq!(
        save_plan(&saved, &both),
        SavePlan::ConfirmReset { from: M::AuthenticatorApp, to: M::Email }
    );
}

#[test]
fn the_policy_draft_plans_and_sends_the_edited_settings_over_the_saved_revision() {
    let draft = PolicyDraft::new(policy(seed(), 7));
    assert!(!draft.is_dirty());
    assert_eq!(draft.plan(), SavePlan::Nothing);

    draft.edit(|edited| edited.administrators = A::None);
    assert!(draft.is_dirty());
    assert_eq!(draft.plan(), SavePlan::Save);
    let who = settings(A::None, T::SelectedGroups, M::AuthenticatorApp);
    assert_eq!(
        draft.request(None),
        SaveRequest { update: PolicyUpdate { settings: who, confirm_reset: None }, revision: 7 }
    );

    draft.edit(|edited| edited.primary_method = M::Sms);
    assert_eq!(draft.plan(), SavePlan::ConfirmReset { from: M::AuthenticatorApp, to: M::Sms });
    assert_eq!(draft.request(Some(true)).update.confirm_reset, Some(true));

    draft.discard();
    assert!(!draft.is_dirty());
    assert_eq!(draft.edited_untracked(), seed());
    assert_eq!(draft.plan(), SavePlan::Nothing);
}

#[test]
fn someone_elses_save_moves_the_revision_and_keeps_the_persons_edits() {
    let draft = PolicyDraft::new(policy(seed(), 7));
    draft.edit(|edited| edited.technicians = T::All);
    let theirs = settings(A::None, T::SelectedGroups, M::AuthenticatorApp);
    draft.saved_is(policy(theirs, 8));
    assert_eq!(draft.revision_untracked(), 8);
    assert_eq!(draft.saved_settings(), theirs);
    assert_eq!(draft.edited_untracked(), settings(A::All, T::All, M::AuthenticatorApp));
    assert!(draft.is_dirty());
    assert_eq!(draft.request(None).revision, 8, "the next save replaces their revision");

    draft.saved_is(policy(draft.edited_untracked(), 9));
    assert!(!draft.is_dirty(), "saved: the two copies agree");
}

#[test]
fn the_group_draft_sends_the_edited_setting_over_the_saved_revision() {
    let draft = GroupDraft::new(tier2(false, 3));
    assert!(!draft.is_dirty());
    draft.edit(|force| *force = true);
    assert!(draft.is_dirty());
    assert_eq!(
        draft.request(),
        GroupSaveRequest { update: GroupUpdate { force_two_step: true }, revision: 3 }
    );
    draft.saved_is(tier2(false, 4));
    assert!(draft.edited_untracked(), "a conflict keeps the person's choice");
    assert_eq!(draft.request().revision, 4);
    draft.saved_is(tier2(true, 5));
    assert!(!draft.is_dirty());
    draft.edit(|force| *force = false);
    draft.discard();
    assert!(draft.edited_untracked());
    assert!(!draft.is_dirty());
}

#[test]
fn the_dialog_counts_the_preview_then_the_refusal_then_nobody_in_particular() {
    assert_eq!(dialog_count(Some(12), Some(9)), Some(12), "the preview of this candidate first");
    assert_eq!(dialog_count(Some(0), Some(9)), Some(9), "a preview that counts no reset");
    assert_eq!(dialog_count(None, Some(9)), Some(9), "no preview, or a failed one");
    assert_eq!(dialog_count(None, Some(0)), None, "nobody to reset is no count");
    assert_eq!(dialog_count(Some(0), None), None);
    assert_eq!(dialog_count(None, None), None);
}

#[test]
fn the_dialog_reads_well_with_a_count_of_one_or_without_a_count() {
    let text = |t: &twostep_admin::i18n::Messages, members| {
        t.reset_dialog("Authenticator app", "SMS verification", members)
    };
    let fr = install(Locale::Fr, include_str!("../i18n/fr.json")).expect("the French catalog");
    assert!(text(&EN, Some(12)).contains(". All 12 members of your organization must set up"));
    assert!(text(&EN, Some(1)).contains(". The only member of your organization must set up"));
    assert!(text(&EN, None).contains(". Every member of your organization must set up"));
    assert!(text(fr, Some(12)).contains(". Les 12 membres de votre organisation devront"));
    assert!(text(fr, Some(1)).contains("Le seul membre de votre organisation devra configurer"));
    assert!(text(fr, Some(1)).ends_with("à sa prochaine connexion."));
    assert!(text(fr, None).contains(". Tous les membres de votre organisation devront"));
    assert!(!text(&EN, None).contains("  ") && !text(fr, None).contains("  "));
}
