//! A pending second step: the one the server started after a right password, to sign in or to
//! change the password.

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_contract::{PendingSecondStep, SecondStepKind, Session};

use super::{SecondStep, StepCalls};
use crate::api::{ApiClient, ApiError};
use crate::i18n::Text;

/// The second step of `step`, its calls bound to the step's CSRF token
/// (`/session/second-step/...`); "Cancel" gives the step up on the server too.
#[component]
pub fn PendingStep(
    /// The step the server started.
    step: PendingSecondStep,
    /// The section's heading when verifying (a set-up has its own).
    verify_heading: Text,
    /// Called once the step succeeded (and, after a set-up, its recovery codes were saved),
    /// with the session the server answered.
    #[prop(into)]
    on_finished: Callback<Option<Session>>,
    /// Called when the step ended on the server: the person must start over from their
    /// password.
    #[prop(into)]
    on_ended: Callback<ApiError>,
    /// Called when the person gives up, once the server was asked to forget the step.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>().for_second_step(&step);
    let opened = StoredValue::new(None);
    let calls = StepCalls::pending(client.clone(), opened);
    let heading: Text = match step.step {
        SecondStepKind::SetUp => |t| t.second_step_set_up_heading,
        SecondStepKind::Verify => verify_heading,
    };
    view! {
        <SecondStep
            kind=step.step
            methods=step.methods
            heading
            calls
            on_finished=move |()| on_finished.run(opened.get_value())
            on_ended
            on_cancel=move |()| {
                let client = client.clone();
                // Left alone, the step expires by itself: a failure here needs no answer.
                spawn_local(async move {
                    let _ = client.cancel_second_step().await;
                });
                on_cancel.run(());
            }
        />
    }
}
