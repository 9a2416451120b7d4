//! One option of a radio group.

use leptos::prelude::*;

/// A native radio input with its label and, optionally, a one-line description (linked with
/// `aria-describedby`) and a note under it.
///
/// Put the options of one group in a `<fieldset>` whose `<legend>` names the group; the
/// browser then moves between them with the arrow keys.
#[component]
pub fn RadioOption(
    /// The name shared by the options of the group.
    name: &'static str,
    /// This option's value; `name` and `value` make the input's id.
    value: &'static str,
    /// The label (reactive, so that it follows the locale).
    #[prop(into)]
    label: Signal<&'static str>,
    /// Whether this option is the chosen one.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called when the person chooses this option.
    #[prop(into)]
    on_choose: Callback<()>,
    /// What choosing this option means, in one line.
    #[prop(optional, into)]
    description: Option<Signal<&'static str>>,
    /// A note under the description, or `None`.
    #[prop(optional_no_strip)]
    note: Option<Signal<&'static str>>,
) -> impl IntoView {
    let id = format!("{name}-{value}");
    let description_id = description.map(|_| format!("{id}-description"));
    let description = description.map(|text| {
        view! {
            <p id=description_id.clone() class="option-description">
                {text}
            </p>
        }
    });
    let note = note.map(|text| view! { <p class="option-note">{text}</p> });
    view! {
        <div class="radio-option">
            <input
                type="radio"
                id=id.clone()
                name=name
                value=value
                prop:checked=checked
                aria-describedby=description_id.clone()
                on:change=move |_| on_choose.run(())
            />
            <div class="option-text">
                <label for=id>{label}</label>
                {description}
                {note}
            </div>
        </div>
    }
}
