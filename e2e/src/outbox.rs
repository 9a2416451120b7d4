//! The reference server's outbox: the folder where its default sender writes every SMS, email
//! and push notification as a text file, which the tests read as the member's phone or mailbox
//! would.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::wait::wait_until;

/// How long a message may take to arrive in the outbox.
const ARRIVAL: Duration = Duration::from_secs(20);

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// A text message.
    Sms,
    /// An email.
    Email,
    /// A notification to the LastPass Authenticator app, with an approval link.
    Push,
}

impl Channel {
    /// The channel's name in the outbox's file names and `Channel:` headers.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Email => "email",
            Self::Push => "push",
        }
    }
}

/// A moment in the outbox: the messages written before it are not "new" for
/// [`Outbox::message`]. Take it before the action that sends, so that a message sent at once
/// is not missed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxMark {
    /// The last file name (they sort by time) in the outbox when the mark was taken.
    last: Option<String>,
}

/// One message, as read from its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Its file.
    pub path: PathBuf,
    /// The `Channel:` header.
    pub channel: String,
    /// The `To:` header: a phone number in E.164 form, or an email address.
    pub to: String,
    /// The `Subject:` header.
    pub subject: String,
    /// The text after the headers.
    pub body: String,
}

impl OutboxMessage {
    /// Reads a message file: `Name: value` headers, a blank line, the body; `None` when the file
    /// is not a whole message (yet: the server may be writing it).
    pub fn parse(path: &Path, text: &str) -> Option<Self> {
        let (head, body) = text.split_once("\n\n")?;
        let header = |name: &str| {
            head.lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
                .map(str::to_owned)
        };
        Some(Self {
            path: path.to_owned(),
            channel: header("Channel")?,
            to: header("To")?,
            subject: header("Subject")?,
            body: body.to_owned(),
        })
    }

    /// The verification code in the body (its first token of six digits), if any.
    pub fn code(&self) -> Option<String> {
        self.body
            .split_whitespace()
            .map(|token| token.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
            .find(|token| token.len() == 6 && token.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_owned)
    }

    /// The link in the body (its first token starting with `http`), if any.
    pub fn link(&self) -> Option<String> {
        self.body.split_whitespace().find(|token| token.starts_with("http")).map(str::to_owned)
    }
}

/// The outbox folder of one server.
#[derive(Clone, Debug)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox in `dir` (which the server creates with its first message).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The moment now, to wait for messages sent after it.
    pub fn mark(&self) -> OutboxMark {
        OutboxMark { last: self.names().pop() }
    }

    /// Waits for the newest message of `channel` to `to` (any recipient when `None`) written
    /// after `since`, and returns it once it holds a code or a link.
    ///
    /// # Panics
    /// If no such message arrives within 20 seconds; the message lists what the outbox holds.
    #[track_caller]
    pub fn message(&self, channel: Channel, to: Option<&str>, since: &OutboxMark) -> OutboxMessage {
        self.message_within(channel, to, since, ARRIVAL)
    }

    #[track_caller]
    fn message_within(
        &self,
        channel: Channel,
        to: Option<&str>,
        since: &OutboxMark,
        timeout: Duration,
    ) -> OutboxMessage {
        let what = format!(
            "{} message to {} in {}",
            channel.name(),
            to.unwrap_or("anyone"),
            self.dir.display()
        );
        let found = wait_until(&what, timeout, || {
            let names = self.names();
            let newest = names
                .iter()
                .rev()
                .filter(|name| since.last.as_ref().is_none_or(|last| *name > last))
                .filter(|name| name.ends_with(&format!("-{}.txt", channel.name())))
                .filter_map(|name| {
                    let path = self.dir.join(name);
                    let text = std::fs::read_to_string(&path).ok()?;
                    OutboxMessage::parse(&path, &text)
                })
                .find(|message| to.is_none_or(|to| same_recipient(&message.to, to)));
            match newest {
                Some(message) if message.code().is_some() || message.link().is_some() => {
                    Ok(message)
                }
                _ => Err(names),
            }
        });
        found.unwrap_or_else(|timed_out| {
            panic!("still no {what} after {:?}; it holds {:?}", timed_out.waited, timed_out.last)
        })
    }

    /// The file names in the outbox, oldest first (none when it does not exist yet).
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|entry| entry.file_name().into_string().ok())
                    .filter(|name| name.ends_with(".txt"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

/// Whether `header` (as written) and `wanted` (as the test typed it) name the same recipient:
/// phone numbers without their spaces, email addresses whatever their case.
fn same_recipient(header: &str, wanted: &str) -> bool {
    let compact = |text: &str| -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
    };
    compact(header) == compact(wanted)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use super::{Channel, Outbox, OutboxMessage};

    const SMS: &str = "Channel: sms\nTo: +447700900123\nSubject: Your Twostep Admin verification \
                       code\n\nYour Twostep Admin verification code is 123456. It expires in 10 \
                       minutes.\n";
    const PUSH: &str = "Channel: push\nTo: leo@northwind.example\nSubject: Approve your sign-in \
                        to Twostep Admin\n\nSomeone is signing in to Twostep Admin as \
                        leo@northwind.example. To approve or deny it, open:\n\
                        http://127.0.0.1:4000/api/v1/push-approvals/abc_DEF-1\nThe link works \
                        for 10 minutes.\n";

    #[test]
    fn reads_the_headers_the_code_and_the_link() {
        let sms = OutboxMessage::parse(Path::new("a-sms.txt"), SMS).expect("a message");
        assert_eq!((sms.channel.as_str(), sms.to.as_str()), ("sms", "+447700900123"));
        assert_eq!(sms.code().as_deref(), Some("123456"));
        assert_eq!(sms.link(), None);
        let push = OutboxMessage::parse(Path::new("b-push.txt"), PUSH).expect("a message");
        assert_eq!(
            push.link().as_deref(),
            Some("http://127.0.0.1:4000/api/v1/push-approvals/abc_DEF-1")
        );
        assert_eq!(push.code(), None);
        assert_eq!(OutboxMessage::parse(Path::new("c.txt"), "Channel: sms\nTo: +44"), None);
    }

    #[test]
    fn finds_the_newest_message_after_the_mark() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let outbox = Outbox::new(dir.path().join("outbox"));
        let empty = outbox.mark();
        std::fs::create_dir(outbox.dir()).expect("the outbox");
        let write = |name: &str, text: &str| {
            std::fs::write(outbox.dir().join(name), text).expect("a message file");
        };
        write("20260101T000000-000000-sms.txt", SMS);
        let after_first = outbox.mark();
        write("20260101T000001-000001-sms.txt", &SMS.replace("123456", "654321"));
        write("20260101T000001-000002-push.txt", PUSH);

        let newest = outbox.message(Channel::Sms, Some("+44 7700 900123"), &empty);
        assert_eq!(newest.code().as_deref(), Some("654321"));
        let push = outbox.message(Channel::Push, Some("LEO@northwind.example"), &after_first);
        assert!(push.link().is_some());
        let failure = std::panic::catch_unwind(|| {
            let last = outbox.mark();
            outbox.message_within(Channel::Email, None, &last, Duration::from_millis(50));
        });
        assert!(failure.is_err(), "no email was sent");
    }
}
