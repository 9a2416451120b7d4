//! What every check works with: the backend, the four people of the test organizations signed
//! in, the options, and a note of what could not be put back.

use std::fmt;
use std::process::Command;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::http::{Actor, Http, Reply};
use crate::report::{Finding, Verdict};
use crate::totp;

/// Gives the current second-step code of an account: `(email, method)` → code, `None` when it
/// has none. For a program that runs the suite as a library next to its own backend.
pub type CodeSource = Arc<dyn Fn(&str, &str) -> Option<String> + Send + Sync>;

/// What the suite may do beyond reading and reversible writes.
#[derive(Clone, Default)]
pub struct Options {
    /// Whether checks may reset members' two-step verification (a method change confirmed, a
    /// member reset that succeeds). Nothing can put a setup back, so only on a test organization.
    pub allow_reset: bool,
    /// A shell command printing the current second-step code of an account, with `{email}` and
    /// `{method}` replaced (also in `TWOSTEP_CONFORMANCE_EMAIL`/`_METHOD`).
    pub code_command: Option<String>,
    /// Asked for a code before the code command is.
    pub code_source: Option<CodeSource>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("allow_reset", &self.allow_reset)
            .field("code_command", &self.code_command)
            .field("code_source", &self.code_source.as_ref().map(|_| "a function"))
            .finish()
    }
}

/// A pending second step, started.
pub struct StartedStep {
    /// The method started.
    pub method: String,
    /// The code that completes it.
    pub code: String,
    /// Whether it is a set-up (which the suite made with an authenticator app).
    pub set_up: bool,
}

/// The backend and the people the checks act as.
pub struct Ctx {
    /// The API.
    pub http: Http,
    /// What the checks may do.
    pub options: Options,
    /// A master administrator of the test organization.
    pub master: Actor,
    /// An administrator (not master) of at least one technician group of the test organization.
    pub admin: Actor,
    /// A technician of the test organization who is not an administrator.
    pub technician: Actor,
    /// A master administrator of a second organization.
    pub other: Actor,
    left_changed: Mutex<Vec<String>>,
}

impl Ctx {
    /// The context of a run; nobody is signed in yet.
    pub fn new(
        http: Http,
        options: Options,
        master: Actor,
        admin: Actor,
        technician: Actor,
        other: Actor,
    ) -> Ctx {
        Ctx { http, options, master, admin, technician, other, left_changed: Mutex::default() }
    }

    /// The four people, for checks that go through each.
    pub fn people(&self) -> [&Actor; 4] {
        [&self.master, &self.admin, &self.technician, &self.other]
    }

    /// Notes a change the suite made and cannot put back; the report lists it.
    pub fn left_changed(&self, what: impl Into<String>) {
        self.left_changed.lock().unwrap().push(what.into());
    }

    /// What was noted by [`Ctx::left_changed`].
    pub fn changes_left(&self) -> Vec<String> {
        self.left_changed.lock().unwrap().clone()
    }

    /// A new browser for the same account, not signed in.
    pub fn fresh(&self, like: &Actor) -> Actor {
        Actor::new(like.label, &like.email, &like.password, &self.http)
    }

    /// Signs `actor` in, through the second step when the backend asks for one: a code from the
    /// code command to verify, or, for an account that must set up, an authenticator app the
    /// suite sets up itself (noted as left changed).
    pub fn sign_in(&self, actor: &Actor) -> Verdict {
        actor.forget();
        let reply = self.post_sign_in(actor)?;
        match reply.status {
            200 => {
                actor.set_session(reply.json_with(200)?);
                Ok(())
            }
            202 => self.second_step(actor, &reply.json()?),
            429 => Err(Finding::Skipped(format!(
                "{} ({}) may not sign in yet: {} answered 429 (too many failed sign-ins); run \
                 again after {} s",
                actor.label,
                actor.email,
                reply.what,
                reply.header("retry-after").unwrap_or("a while")
            ))),
            _ => Err(Finding::Failed(format!(
                "{} ({}) could not sign in with the password given: {} answered {}: {}",
                actor.label,
                actor.email,
                reply.what,
                reply.status,
                reply.excerpt()
            ))),
        }
    }

    /// `POST /session` with the actor's email and password.
    pub fn post_sign_in(&self, actor: &Actor) -> Result<Reply, Finding> {
        let body = json!({"email": actor.email, "password": actor.password});
        actor.send(&actor.request("POST", "/session").json(&body))
    }

    /// Completes a pending second step (the 202 answer `pending`).
    pub fn second_step(&self, actor: &Actor, pending: &Value) -> Verdict {
        let step = self.start_step(actor, pending)?;
        let done = actor.send(
            &actor
                .request("POST", "/session/second-step/complete")
                .json(&json!({"code": step.code})),
        )?;
        let done = done.json_with(200)?;
        actor.set_session(done["session"].clone());
        if step.set_up {
            self.left_changed(format!(
                "{} had to set up two-step verification to sign in; the suite set up an \
                 authenticator app for them",
                actor.email
            ));
        }
        Ok(())
    }

    /// Starts the pending second step `pending` of `actor` and gets the code that completes
    /// it: the member's method and a code from the code source, or, for a member who must set
    /// up, an authenticator app the suite sets up and its code.
    pub fn start_step(&self, actor: &Actor, pending: &Value) -> Result<StartedStep, Finding> {
        actor.set_csrf(pending["csrf_token"].as_str().map(str::to_string));
        let set_up = pending["step"] == "set_up";
        let method = if set_up {
            "authenticator_app".to_string()
        } else {
            pending["methods"][0].as_str().unwrap_or_default().to_string()
        };
        if method == "lastpass_notification" {
            return Err(Finding::Skipped(format!(
                "{} verifies with a LastPass notification, which the suite cannot approve",
                actor.email
            )));
        }
        let start = actor.send(
            &actor.request("POST", "/session/second-step/start").json(&json!({"method": method})),
        )?;
        let challenge = start.json_with(200)?;
        let code = if set_up {
            let key = challenge["authenticator"]["key"].as_str().unwrap_or_default();
            totp::code_now(key).ok_or_else(|| {
                Finding::Failed(format!(
                    "the authenticator key `{key}` set up for {} is not base32",
                    actor.email
                ))
            })?
        } else {
            self.code_for(actor, &method)?
        };
        Ok(StartedStep { method, code, set_up })
    }

    /// The current code of `actor` for `method`, from the code source, else the code command.
    pub fn code_for(&self, actor: &Actor, method: &str) -> Result<String, Finding> {
        if let Some(code) = self.options.code_source.as_ref().and_then(|s| s(&actor.email, method))
        {
            return Ok(code);
        }
        let Some(template) = &self.options.code_command else {
            return Err(Finding::Skipped(format!(
                "{} ({}) must verify with {method}: pass --code-command to supply the code",
                actor.label, actor.email
            )));
        };
        let command =
            template.replace("{email}", &shell_word(&actor.email)).replace("{method}", method);
        let output = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .env("TWOSTEP_CONFORMANCE_EMAIL", &actor.email)
            .env("TWOSTEP_CONFORMANCE_METHOD", method)
            .output()
            .map_err(|e| {
                Finding::Skipped(format!("the code command `{command}` did not start: {e}"))
            })?;
        let code = String::from_utf8_lossy(&output.stdout).trim().to_string();
        if !output.status.success() || code.is_empty() {
            return Err(Finding::Skipped(format!(
                "the code command `{command}` gave no code ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        Ok(code.lines().last().unwrap_or_default().trim().to_string())
    }

    /// The policy (body, ETag), read by the master administrator.
    pub fn policy(&self) -> Result<(Value, String), Finding> {
        let reply = self.master.get("/two-step-verification/policy")?;
        let body = reply.json_with(200)?;
        let etag = reply
            .header("etag")
            .ok_or_else(|| Finding::Failed("GET /two-step-verification/policy: no ETag".into()))?;
        Ok((body, etag.to_string()))
    }

    /// `PUT /two-step-verification/policy` as `actor` with these settings (and `If-Match`).
    pub fn put_policy(
        &self,
        actor: &Actor,
        settings: &Value,
        if_match: Option<&str>,
    ) -> Result<Reply, Finding> {
        let mut request = actor.request("PUT", "/two-step-verification/policy").json(settings);
        if let Some(etag) = if_match {
            request = request.if_match(etag);
        }
        actor.send(&request)
    }

    /// Every member `actor` may see that matches `query` (`role=technician&…`, or empty),
    /// reading every page of 200.
    pub fn all_members(&self, actor: &Actor, query: &str) -> Result<Vec<Value>, Finding> {
        let mut members = Vec::new();
        for page in 1.. {
            let separator = if query.is_empty() { "" } else { "&" };
            let body =
                actor.get_json(&format!("/members?{query}{separator}page={page}&per_page=200"))?;
            let items = body["items"].as_array().cloned().unwrap_or_default();
            let total = body["total"].as_u64().unwrap_or(0);
            let done = items.is_empty() || members.len() + items.len() >= total as usize;
            members.extend(items);
            if done || page > 10_000 {
                break;
            }
        }
        Ok(members)
    }

    /// The technician groups `actor` may see.
    pub fn groups(&self, actor: &Actor) -> Result<Vec<Value>, Finding> {
        let body = actor.get_json("/technician-groups")?;
        let list = body.as_array().or_else(|| body["items"].as_array()).cloned();
        list.ok_or_else(|| Finding::Failed(format!("GET /technician-groups: not a list: {body}")))
    }
}

/// `text` as one word of `sh`: as it is when it holds only the characters of a plain email
/// address, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@._+-".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The three settings of a policy body, as `PUT` takes them.
pub fn settings_of(policy: &Value) -> Value {
    json!({
        "administrators": policy["administrators"],
        "technicians": policy["technicians"],
        "primary_method": policy["primary_method"],
    })
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn an_email_goes_into_the_code_command_as_one_word() {
        assert_eq!(shell_word("maya@northwind.example"), "maya@northwind.example");
        assert_eq!(shell_word("a b@x.example"), "'a b@x.example'");
        assert_eq!(shell_word("o'neil;rm@x.example"), r"'o'\''neil;rm@x.example'");
    }
}
