//! The typed client of the REST contract v1.

use std::sync::Arc;

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use twostep_contract::{
    Account, AccountSetUp, AuditPage, AuditQuery, CSRF_HEADER, GroupUpdate, MemberPage,
    MemberQuery, MembersReset, MembersResetRequest, Paging, PasswordChange, PendingSecondStep,
    Policy, PolicyImpact, PolicySettings, PolicyUpdate, PolicyUpdated, Problem, RecoveryCodes,
    SecondStepAnswer, SecondStepChallenge, SecondStepDone, SecondStepStart, Session, SignIn,
    TechnicianGroup, etag_for_revision,
};

use super::ApiError;
use super::outgoing::Outgoing;
use crate::routes::with_query;

const POLICY_PATH: &str = "/two-step-verification/policy";
const SECOND_STEP_PATH: &str = "/session/second-step";

/// The answer of a request that a second step may have to finish: signing in, or changing the
/// password of a member who must use two-step verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrSecondStep<T> {
    /// Done at once (`200` or `204`).
    Done(T),
    /// `202`: the password was right; the second step must finish it.
    SecondStep(PendingSecondStep),
}

/// A client of one backend; cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base_url: Arc<str>,
}

impl ApiClient {
    /// A client of the API whose base URL is `base_url` (such as `/api/v1`).
    pub fn new(base_url: &str) -> ApiClient {
        ApiClient { base_url: base_url.trim_end_matches('/').into() }
    }

    /// The base URL every request path is appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `GET /session`: who is signed in.
    pub async fn get_session(&self) -> Result<Session, ApiError> {
        let response = send(self.request(Outgoing::get, "/session").build()).await?;
        read_json(response).await
    }

    /// `POST /session`: signs in, or, for a member who must use two-step verification, starts
    /// the second step. A 401 here means the credentials are wrong.
    pub async fn sign_in(&self, credentials: &SignIn) -> Result<OrSecondStep<Session>, ApiError> {
        let response = send(self.request(Outgoing::post, "/session").json(credentials)).await?;
        if response.status() == 202 {
            return read_json(response).await.map(OrSecondStep::SecondStep);
        }
        read_json(response).await.map(OrSecondStep::Done)
    }

    /// `GET /session/second-step`: the pending second step, after a reload;
    /// [`ApiError::SecondStepExpired`] when there is none.
    pub async fn get_second_step(&self) -> Result<PendingSecondStep, ApiError> {
        read_json(send(self.request(Outgoing::get, SECOND_STEP_PATH).build()).await?).await
    }

    /// `GET /account`: the signed-in person's own two-step verification.
    pub async fn get_account(&self) -> Result<Account, ApiError> {
        read_json(send(self.request(Outgoing::get, "/account").build()).await?).await
    }

    /// This client, bound to a pending second step: its writes carry the step's CSRF token.
    pub fn for_second_step(&self, pending: &PendingSecondStep) -> SessionClient {
        SessionClient { client: self.clone(), csrf_token: pending.csrf_token.as_str().into() }
    }

    /// `GET /two-step-verification/policy`: the organization's policy.
    pub async fn get_policy(&self) -> Result<Policy, ApiError> {
        let response = send(self.request(Outgoing::get, POLICY_PATH).build()).await?;
        read_json(response).await
    }

    /// `GET /technician-groups`: the groups the caller may see, as a flat list.
    pub async fn list_technician_groups(&self) -> Result<Vec<TechnicianGroup>, ApiError> {
        let response = send(self.request(Outgoing::get, "/technician-groups").build()).await?;
        read_json(response).await
    }

    /// `GET /technician-groups/{id}`: one group; [`ApiError::NotFound`] when the caller may not
    /// see it.
    pub async fn get_technician_group(&self, id: i64) -> Result<TechnicianGroup, ApiError> {
        let path = format!("/technician-groups/{id}");
        read_json(send(self.request(Outgoing::get, &path).build()).await?).await
    }

    /// `GET /members`: one page of the members `query` asks for.
    pub async fn list_members(&self, query: &MemberQuery) -> Result<MemberPage, ApiError> {
        let path = with_query("/members", &query.to_pairs());
        read_json(send(self.request(Outgoing::get, &path).build()).await?).await
    }

    /// `GET /audit-events`: one page of the audit log `query` asks for (master administrators).
    pub async fn list_audit_events(&self, query: &AuditQuery) -> Result<AuditPage, ApiError> {
        let path = with_query("/audit-events", &query.to_pairs());
        read_json(send(self.request(Outgoing::get, &path).build()).await?).await
    }

    /// The address of `GET /members/export`: every member `query` matches, as CSV.
    pub fn members_export_url(&self, query: &MemberQuery) -> String {
        let every_page = MemberQuery { paging: Paging::default(), ..query.clone() };
        format!("{}{}", self.base_url, with_query("/members/export", &every_page.to_pairs()))
    }

    /// The address of `GET /audit-events/export`: every event `query` matches, as CSV.
    pub fn audit_export_url(&self, query: &AuditQuery) -> String {
        let every_page = AuditQuery { paging: Paging::default(), ..query.clone() };
        format!("{}{}", self.base_url, with_query("/audit-events/export", &every_page.to_pairs()))
    }

    fn request(&self, method: fn(&str) -> Outgoing, path: &str) -> Outgoing {
        method(&format!("{}{path}", self.base_url)).header("Accept", "application/json")
    }
}

/// A client bound to a signed-in session, or to a pending second step: its writes carry their
/// CSRF token. Reads go
/// through the [`ApiClient`] it derefs to; cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionClient {
    client: ApiClient,
    csrf_token: Arc<str>,
}

impl std::ops::Deref for SessionClient {
    type Target = ApiClient;

    fn deref(&self) -> &ApiClient {
        &self.client
    }
}

impl ApiClient {
    /// This client, bound to `session`: its writes carry the session's CSRF token.
    pub fn bound_to(&self, session: &Session) -> SessionClient {
        SessionClient { client: self.clone(), csrf_token: session.csrf_token.as_str().into() }
    }
}

impl SessionClient {
    /// `DELETE /session`: signs out.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        send(self.write(Outgoing::delete, "/session").build()).await?;
        Ok(())
    }

    /// `DELETE /sessions`: signs out everywhere, ending every session of the signed-in person,
    /// this one included.
    pub async fn sign_out_everywhere(&self) -> Result<(), ApiError> {
        send(self.write(Outgoing::delete, "/sessions").build()).await?;
        Ok(())
    }

    /// `PUT /two-step-verification/policy`: replaces the policy whose revision is `revision`.
    ///
    /// Someone else's change since that revision gives [`ApiError::PreconditionFailed`]; a method
    /// change without `confirm_reset` gives [`ApiError::Conflict`]
    /// ([`ApiError::requires_reset_confirmation`], with [`ApiError::members_reset`]).
    pub async fn put_policy(
        &self,
        update: &PolicyUpdate,
        revision: i64,
    ) -> Result<PolicyUpdated, ApiError> {
        let request = self
            .write(Outgoing::put, POLICY_PATH)
            .header("If-Match", &etag_for_revision(revision))
            .json(update);
        read_json(send(request).await?).await
    }

    /// `POST /two-step-verification/policy/preview`: what saving `settings` would do; nothing is
    /// saved.
    pub async fn preview_policy(
        &self,
        settings: &PolicySettings,
    ) -> Result<PolicyImpact, ApiError> {
        let path = format!("{POLICY_PATH}/preview");
        let request = self.write(Outgoing::post, &path).json(settings);
        read_json(send(request).await?).await
    }

    /// `PATCH /technician-groups/{id}`: changes the Settings tab of the group whose revision is
    /// `revision`, and answers the group as saved.
    ///
    /// Someone else's change since that revision gives [`ApiError::PreconditionFailed`]; a group
    /// the caller may not see gives [`ApiError::NotFound`], one they may not change
    /// [`ApiError::Forbidden`].
    pub async fn patch_technician_group(
        &self,
        id: i64,
        update: &GroupUpdate,
        revision: i64,
    ) -> Result<TechnicianGroup, ApiError> {
        let path = format!("/technician-groups/{id}");
        let request = self
            .write(Outgoing::patch, &path)
            .header("If-Match", &etag_for_revision(revision))
            .json(update);
        read_json(send(request).await?).await
    }

    /// `POST /members/two-step-reset`: deletes the two-step verification setups of the members
    /// `member_ids`, all or none.
    ///
    /// A member the caller may not manage gives [`ApiError::Forbidden`], an id that is no member
    /// of the organization [`ApiError::Validation`]; both name each refused member.
    pub async fn reset_members(&self, member_ids: &[i64]) -> Result<MembersReset, ApiError> {
        let body = MembersResetRequest { member_ids: member_ids.to_vec() };
        let request = self.write(Outgoing::post, "/members/two-step-reset").json(&body);
        read_json(send(request).await?).await
    }

    /// `DELETE /session/second-step`: gives up the pending second step.
    pub async fn cancel_second_step(&self) -> Result<(), ApiError> {
        send(self.write(Outgoing::delete, SECOND_STEP_PATH).build()).await?;
        Ok(())
    }

    /// `POST /session/second-step/start`: chooses the method of the pending step and sends what
    /// it needs (a code, a notification, or a new authenticator key).
    pub async fn start_second_step(
        &self,
        start: &SecondStepStart,
    ) -> Result<SecondStepChallenge, ApiError> {
        let path = format!("{SECOND_STEP_PATH}/start");
        read_json(send(self.write(Outgoing::post, &path).json(start)).await?).await
    }

    /// `POST /session/second-step/complete`: answers the pending step. While a notification
    /// waits for approval the server answers [`ApiError::ApprovalPending`]: call again.
    pub async fn complete_second_step(
        &self,
        answer: &SecondStepAnswer,
    ) -> Result<SecondStepDone, ApiError> {
        let path = format!("{SECOND_STEP_PATH}/complete");
        read_json(send(self.write(Outgoing::post, &path).json(answer)).await?).await
    }

    /// `POST /account/two-step/start`: starts setting up (or changing to) a method.
    pub async fn start_account_two_step(
        &self,
        start: &SecondStepStart,
    ) -> Result<SecondStepChallenge, ApiError> {
        let request = self.write(Outgoing::post, "/account/two-step/start").json(start);
        read_json(send(request).await?).await
    }

    /// `POST /account/two-step/complete`: finishes the set-up started; answers the new setup
    /// with its recovery codes. [`ApiError::ApprovalPending`] means: call again.
    pub async fn complete_account_two_step(
        &self,
        answer: &SecondStepAnswer,
    ) -> Result<AccountSetUp, ApiError> {
        let request = self.write(Outgoing::post, "/account/two-step/complete").json(answer);
        read_json(send(request).await?).await
    }

    /// `POST /account/recovery-codes`: ten new recovery codes, replacing all the old ones.
    pub async fn regenerate_recovery_codes(&self) -> Result<RecoveryCodes, ApiError> {
        read_json(send(self.write(Outgoing::post, "/account/recovery-codes").build()).await?).await
    }

    /// `POST /account/password`: changes the password at once (`204`), or, for a member who
    /// must use two-step verification, after the second step it starts (`202`).
    pub async fn change_password(
        &self,
        change: &PasswordChange,
    ) -> Result<OrSecondStep<()>, ApiError> {
        let response = send(self.write(Outgoing::post, "/account/password").json(change)).await?;
        if response.status() == 202 {
            return read_json(response).await.map(OrSecondStep::SecondStep);
        }
        Ok(OrSecondStep::Done(()))
    }

    fn write(&self, method: fn(&str) -> Outgoing, path: &str) -> Outgoing {
        self.client.request(method, path).header(CSRF_HEADER, &self.csrf_token)
    }
}

async fn send(request: Result<Request, ApiError>) -> Result<Response, ApiError> {
    let request = request?;
    let response = request.send().await.map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() { Ok(response) } else { Err(error_from_response(response).await) }
}

async fn error_from_response(response: Response) -> ApiError {
    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let problem = match response.json::<Problem>().await {
        Ok(problem) => problem,
        Err(_) => ApiError::stand_in_problem(status, &response.status_text()),
    };
    ApiError::from_answer(status, problem, retry_after.as_deref())
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|error| ApiError::InvalidResponse(error.to_string()))
}
