//! A new authenticator app key: its QR code and the key as text.

use leptos::prelude::*;
use twostep_contract::AuthenticatorSetup;

use crate::i18n::tr;

/// The server's QR code (`#second-step-qr`, an image named "QR code of your key") and the key
/// in groups of four (`#second-step-key`).
#[component]
pub fn AuthenticatorKey(
    /// The key, as the server made it.
    setup: AuthenticatorSetup,
) -> impl IntoView {
    // The SVG is our own server's answer to this very request, drawn from the key it made.
    view! {
        <div class="authenticator-key">
            <div
                id="second-step-qr"
                class="qr-code"
                role="img"
                aria-label=tr(|t| t.qr_code_label)
                inner_html=setup.qr_svg
            ></div>
            <p>
                {tr(|t| t.key_label)}
                " "
                <code id="second-step-key" class="key-text">
                    {setup.key}
                </code>
            </p>
        </div>
    }
}
