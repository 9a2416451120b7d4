//! The recovery codes, shown once.

use leptos::prelude::*;

use crate::i18n::tr;

/// "Save your recovery codes", the codes in `<ol id="recovery-codes">`, and "I have saved these
/// codes" (`#recovery-codes-done`).
#[component]
pub fn RecoveryCodeList(
    /// The codes.
    codes: Vec<String>,
    /// Called on "I have saved these codes".
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let items = codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view();
    view! {
        <div class="recovery-codes">
            <h3 id="recovery-codes-heading" tabindex="-1">{tr(|t| t.recovery_codes_heading)}</h3>
            <p>{tr(|t| t.recovery_codes_text)}</p>
            <ol id="recovery-codes">{items}</ol>
            <button
                type="button"
                id="recovery-codes-done"
                class="primary"
                on:click=move |_| on_done.run(())
            >
                {tr(|t| t.recovery_codes_done)}
            </button>
        </div>
    }
}
