//! One `<select>` of a list's filters.

use leptos::{html, prelude::*};

use crate::i18n::{Text, tr};

/// A labelled `<select>`: it shows the option whose value is `value`, and choosing another calls
/// `on_choose` with that option's value.
#[component]
pub fn FilterSelect(
    /// The select's id, which its label points to.
    id: &'static str,
    /// The label.
    label: Text,
    /// Each option's value and text, in order (they follow the language, and lists that load).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The value of the option shown.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the value of the option the person chooses.
    #[prop(into)]
    on_choose: Callback<String>,
) -> impl IntoView {
    let select = NodeRef::<html::Select>::new();
    // The address can change the value without re-rendering the options (Back, Forward).
    Effect::new(move |_| {
        let value = value.get();
        if let Some(select) = select.get() {
            select.set_value(&value);
        }
    });
    let options = move || {
        let chosen = value.get_untracked();
        options
            .get()
            .into_iter()
            .map(|(value, text)| {
                let selected = value == chosen;
                view! { <option value=value selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="filter">
            <label for=id>{tr(label)}</label>
            <select
                id=id
                node_ref=select
                on:change=move |event| on_choose.run(event_target_value(&event))
            >
                {options}
            </select>
        </div>
    }
}
