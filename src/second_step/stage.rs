//! Where the second step is, and where it starts.

use twostep_contract::{PrimaryMethod, SecondStepChallenge, SecondStepKind, Vocabulary};

/// What the second step shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Set up: the choice of a method (and, for SMS, the phone number).
    Choose,
    /// A code to enter: from the authenticator app (with its new key when setting up), or sent
    /// by SMS or email.
    Code(SecondStepChallenge),
    /// Waiting for the notification to be approved on the phone.
    Waiting(SecondStepChallenge),
    /// Verify: a recovery code instead of the method.
    Recovery,
    /// After a set-up: the new recovery codes, shown once.
    Codes(Vec<String>),
}

impl Stage {
    /// The stage that follows `start` answering `challenge`.
    pub fn after_start(challenge: SecondStepChallenge) -> Stage {
        if challenge.method == PrimaryMethod::LastpassNotification {
            Stage::Waiting(challenge)
        } else {
            Stage::Code(challenge)
        }
    }

    /// The id of the element that gets the focus when the stage shows: its first field, or
    /// the section's heading when the stage has no field of its own to start with.
    pub fn focus_id(&self) -> &'static str {
        match self {
            Stage::Code(_) => "second-step-code",
            Stage::Recovery => "second-step-recovery-code",
            Stage::Codes(_) => "recovery-codes-heading",
            Stage::Choose | Stage::Waiting(_) => "second-step-heading",
        }
    }
}

/// The stage a step starts at, and whether it must call `start` first: a set-up starts with
/// the method choice; a verify goes straight to the code of an authenticator app, and sends
/// the code or notification of the other methods.
pub fn first_stage(kind: SecondStepKind, methods: &[PrimaryMethod]) -> (Stage, bool) {
    let method = methods.first().copied();
    match (kind, method) {
        (SecondStepKind::SetUp, _) | (_, None) => (Stage::Choose, false),
        (SecondStepKind::Verify, Some(method)) => {
            let challenge = SecondStepChallenge {
                method,
                sent_to: None,
                resend_after_seconds: None,
                code_expires_at: None,
                authenticator: None,
            };
            (Stage::after_start(challenge), method != PrimaryMethod::AuthenticatorApp)
        }
    }
}

/// Every method, `primary` first, then the others in their usual order: the choice My account
/// offers when setting up.
pub fn methods_primary_first(primary: PrimaryMethod) -> Vec<PrimaryMethod> {
    let order = [
        PrimaryMethod::AuthenticatorApp,
        PrimaryMethod::Sms,
        PrimaryMethod::Email,
        PrimaryMethod::LastpassNotification,
    ];
    let mut methods = vec![primary];
    methods.extend(order.into_iter().filter(|method| *method != primary));
    debug_assert_eq!(methods.len(), PrimaryMethod::ALL.len());
    methods
}
