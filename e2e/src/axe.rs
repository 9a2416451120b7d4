//! Accessibility checks with axe-core, injected into the page under test.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::browser::Browser;
use crate::workspace_root;

/// Where axe-core is read from: `TWOSTEP_AXE_JS`, or the copy `cargo xtask test` installs
/// from npm into `tools/node_modules`.
pub fn axe_path() -> PathBuf {
    std::env::var_os("TWOSTEP_AXE_JS")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("tools/node_modules/axe-core/axe.min.js"))
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "cannot read axe-core at {} ({error}); run `cargo xtask test`, which installs \
                 it (or `cd tools && npm install axe-core@4`, or set TWOSTEP_AXE_JS)",
                path.display()
            )
        })
    })
}

impl Browser {
    /// Makes `window.axe` available in the current page, injecting axe-core if the page does
    /// not have it yet (after every full page load).
    ///
    /// # Panics
    /// If axe-core cannot be read or does not define `window.axe`.
    #[track_caller]
    pub fn inject_axe(&self) {
        if self.injected_axe().is_none() {
            panic!("{}: the page unloaded while axe-core was being injected", self.kind());
        }
    }

    /// Like [`Self::inject_axe`], but `None` when a page load cut it short: the caller looks
    /// again on the new page.
    #[track_caller]
    pub(crate) fn injected_axe(&self) -> Option<()> {
        let present =
            "return typeof window.axe === 'object' && typeof window.axe.run === 'function';";
        if self.execute_in_page(present, Vec::new())? == Value::Bool(true) {
            return Some(());
        }
        self.execute_in_page(axe_source(), Vec::new())?;
        assert_eq!(
            self.execute_in_page(present, Vec::new())?,
            Value::Bool(true),
            "{}: axe-core did not define window.axe",
            self.kind()
        );
        Some(())
    }

    /// Runs axe-core's WCAG 2.1 A and AA rules on the current page and fails, listing every
    /// violation (rule, impact, help and the offending elements), if there is any.
    /// `page_name` names the page in that message.
    ///
    /// # Panics
    /// If there are violations, or axe cannot run.
    #[track_caller]
    pub fn assert_axe_clean(&self, page_name: &str) {
        let violations = self.axe_violations();
        if violations.is_empty() {
            return;
        }
        let report: Vec<String> = violations.iter().map(ToString::to_string).collect();
        panic!(
            "{}: {page_name} has {} accessibility violation(s):\n{}",
            self.kind(),
            violations.len(),
            report.join("\n")
        );
    }

    /// The WCAG 2.1 A and AA violations axe-core finds on the current page.
    ///
    /// # Panics
    /// If axe cannot run.
    #[track_caller]
    pub fn axe_violations(&self) -> Vec<AxeViolation> {
        self.inject_axe();
        let result = self.execute_async(include_str!("js/run_axe.js"), Vec::new());
        if let Some(error) = result.get("error") {
            panic!("{}: axe-core failed: {error}", self.kind());
        }
        serde_json::from_value(result["violations"].clone())
            .unwrap_or_else(|error| panic!("unexpected axe result ({error}): {result}"))
    }
}

/// One rule that axe-core found broken, with the elements that break it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AxeViolation {
    /// The rule, like `label` or `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// What the rule asks for.
    pub help: String,
    /// Where the rule is explained.
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// CSS selectors of the offending elements.
    pub targets: Vec<String>,
}

impl std::fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "- {} ({}): {} <{}>\n    at {}",
            self.id,
            self.impact.as_deref().unwrap_or("unknown impact"),
            self.help,
            self.help_url,
            self.targets.join(", ")
        )
    }
}
