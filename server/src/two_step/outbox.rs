//! Sending codes and approval requests: one [`Sender`] interface, and the reference server's
//! default sender, an outbox folder of files. A real SMS, mail or push gateway is one more
//! implementation of [`Sender`].

use std::fmt::Debug;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::contact::{mask_email, mask_phone};
use crate::db;
use crate::error::{Error, Result};

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// A text message to a phone number.
    Sms,
    /// An email.
    Email,
    /// A notification to the LastPass Authenticator app (simulated by the reference server).
    Push,
}

impl Channel {
    /// The channel's name in file names and headers.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Push => "push",
        }
    }
}

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboundMessage {
    /// How it travels.
    pub channel: Channel,
    /// The phone number (E.164) or email address it goes to.
    pub to: String,
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub body: String,
}

impl OutboundMessage {
    /// A verification code, by SMS or email.
    pub fn code(channel: Channel, to: &str, code: &str) -> OutboundMessage {
        OutboundMessage {
            channel,
            to: to.to_owned(),
            subject: "Your Twostep Admin verification code".into(),
            body: format!(
                "Your Twostep Admin verification code is {code}. It expires in 10 minutes.\nIf you did not try to sign in, change your password."
            ),
        }
    }

    /// A request to approve a sign-in, with the link that approves or denies it.
    pub fn approval(to_email: &str, link: &str) -> OutboundMessage {
        OutboundMessage {
            channel: Channel::Push,
            to: to_email.to_owned(),
            subject: "Approve your sign-in to Twostep Admin".into(),
            body: format!(
                "Someone is signing in to Twostep Admin as {to_email}. To approve or deny it, open:\n{link}\nThe link works for 10 minutes."
            ),
        }
    }

    /// The recipient, partly hidden, for log lines.
    pub fn masked_recipient(&self) -> String {
        match self.channel {
            Channel::Sms => mask_phone(&self.to),
            Channel::Email | Channel::Push => mask_email(&self.to),
        }
    }
}

/// Sends messages. Implementations must not log the body (it holds codes and links).
pub trait Sender: Send + Sync + Debug {
    /// Sends `message`; an error when it could not be handed over.
    fn send<'a>(
        &'a self,
        message: &'a OutboundMessage,
    ) -> Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;
}

/// A sender shared by every handler.
pub type SharedSender = Arc<dyn Sender>;

/// The default sender: writes each message as a text file in a folder, and logs where.
#[derive(Debug)]
pub struct FileOutbox {
    dir: PathBuf,
    sequence: AtomicU64,
}

impl FileOutbox {
    /// An outbox writing into `dir` (created on the first message).
    pub fn new(dir: PathBuf) -> FileOutbox {
        FileOutbox { dir, sequence: AtomicU64::new(0) }
    }

    /// The file's text: headers, a blank line, the body.
    fn render(message: &OutboundMessage) -> String {
        format!(
            "Channel: {}\nTo: {}\nSubject: {}\n\n{}\n",
            message.channel.name(),
            message.to,
            message.subject,
            message.body
        )
    }

    /// `<yyyymmddThhmmss>-<sequence>-<channel>.txt`, which sorts by time.
    fn file_name(&self, channel: Channel) -> String {
        let stamp: String =
            db::rfc3339(db::now()).chars().filter(|c| c.is_ascii_digit() || *c == 'T').collect();
        let sequence = self.sequence.fetch_add(1, Ordering::Relaxed) % 1_000_000;
        format!("{stamp}-{sequence:06}-{}.txt", channel.name())
    }
}

impl Sender for FileOutbox {
    fn send<'a>(
        &'a self,
        message: &'a OutboundMessage,
    ) -> Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>> {
        Box::pin(async move {
            let path = self.dir.join(self.file_name(message.channel));
            tokio::fs::create_dir_all(&self.dir).await.map_err(|e| {
                Error::io(format!("cannot create the outbox {}", self.dir.display()), e)
            })?;
            tokio::fs::write(&path, Self::render(message))
                .await
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            tracing::info!(
                "{} message for {} written to {}",
                message.channel.name(),
                message.masked_recipient(),
                path.display()
            );
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_message_is_one_file_named_by_time_and_channel() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = FileOutbox::new(dir.path().join("outbox"));
        outbox.send(&OutboundMessage::code(Channel::Sms, "+447700900123", "123456")).await.unwrap();
        let link = "http://127.0.0.1:8080/api/v1/push-approvals/abc";
        outbox.send(&OutboundMessage::approval("ines@northwind.example", link)).await.unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("outbox"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 2);
        assert!(names[0].ends_with("-000000-sms.txt") && names[1].ends_with("-000001-push.txt"));
        let sms = std::fs::read_to_string(dir.path().join("outbox").join(&names[0])).unwrap();
        assert!(sms.starts_with("Channel: sms\nTo: +447700900123\nSubject: "));
        assert!(sms.contains("code is 123456."));
        let push = std::fs::read_to_string(dir.path().join("outbox").join(&names[1])).unwrap();
        assert!(push.lines().any(|line| line == link));
    }

    #[test]
    fn log_lines_name_the_recipient_partly_hidden() {
        let sms = OutboundMessage::code(Channel::Sms, "+447700900123", "123456");
        assert_eq!(sms.masked_recipient(), "+44 •••• ••• 123");
    }
}
