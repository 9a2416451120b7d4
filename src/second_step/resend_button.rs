//! "Send a new code", with its countdown.

use leptos::prelude::*;

use crate::i18n::use_t;

/// The button `#second-step-resend`: disabled, saying how many seconds are left, until the
/// server allows sending again.
#[component]
pub fn ResendButton(
    /// Whether a call is running.
    #[prop(into)]
    busy: Signal<bool>,
    /// The seconds left before sending again.
    resend_in: RwSignal<u32>,
    /// Sends again.
    #[prop(into)]
    on_resend: Callback<()>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <button
            type="button"
            id="second-step-resend"
            disabled=move || { busy.get() || resend_in.get() > 0 }
            on:click=move |_| on_resend.run(())
        >
            {move || match resend_in.get() {
                0 => t().resend_code.to_owned(),
                seconds => { let t = t(); t.resend_code_in(&t.number(seconds.into())) },
            }}
        </button>
    }
}
