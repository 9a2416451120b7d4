//! The state a run starts from, and putting it back afterwards: the policy's settings and each
//! group's "Force two-step verification".

use serde_json::{Value, json};

use crate::context::{Ctx, settings_of};
use crate::report::Finding;

/// What the run may change and can put back.
pub struct Snapshot {
    settings: Value,
    forced: Vec<(i64, bool)>,
}

impl Snapshot {
    /// Reads the policy and the groups the master administrator sees.
    pub fn take(ctx: &Ctx) -> Result<Snapshot, Finding> {
        let (policy, _) = ctx.policy()?;
        let forced = ctx
            .groups(&ctx.master)?
            .iter()
            .filter_map(|g| Some((g["id"].as_i64()?, g["force_two_step"].as_bool()?)))
            .collect();
        Ok(Snapshot { settings: settings_of(&policy), forced })
    }

    /// Puts the policy and the groups back as they were, noting what it could not.
    pub fn restore(&self, ctx: &Ctx) {
        if let Err(why) = self.restore_policy(ctx) {
            ctx.left_changed(format!("the policy: {} (it was {})", explain(&why), self.settings));
        }
        for &(id, forced) in &self.forced {
            if let Err(why) = restore_group(ctx, id, forced) {
                ctx.left_changed(format!(
                    "technician group {id}: {} (\"force_two_step\" was {forced})",
                    explain(&why)
                ));
            }
        }
    }

    fn restore_policy(&self, ctx: &Ctx) -> Result<(), Finding> {
        let (policy, etag) = ctx.policy()?;
        if settings_of(&policy) == self.settings {
            return Ok(());
        }
        let mut body = self.settings.clone();
        if policy["primary_method"] != self.settings["primary_method"] {
            if !ctx.options.allow_reset {
                return Err(Finding::Skipped(format!(
                    "its primary method is {}; putting back {} would reset every member's \
                     two-step verification, which needs --allow-reset",
                    policy["primary_method"], self.settings["primary_method"]
                )));
            }
            body["confirm_reset"] = json!(true);
        }
        ctx.put_policy(&ctx.master, &body, Some(&etag))?.expect_status(200)
    }
}

fn restore_group(ctx: &Ctx, id: i64, forced: bool) -> Result<(), Finding> {
    let path = format!("/technician-groups/{id}");
    let reply = ctx.master.get(&path)?;
    let group = reply.json_with(200)?;
    if group["force_two_step"] == forced {
        return Ok(());
    }
    let etag = reply.header("etag").unwrap_or_default().to_string();
    let request =
        ctx.master.request("PATCH", &path).json(&json!({"force_two_step": forced})).if_match(&etag);
    ctx.master.send(&request)?.expect_status(200)
}

fn explain(finding: &Finding) -> &str {
    match finding {
        Finding::Failed(why) | Finding::Skipped(why) => why,
    }
}
