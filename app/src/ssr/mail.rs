//! Outgoing mail. Production and tests talk SMTP (lettre); in development, without an SMTP
//! server, each message is written as an `.eml` file under the data directory.

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Directory(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mailer {
    /// `smtp://host:port` (plain, for a relay on localhost), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` — lettre's URL syntax.
    pub fn smtp(url: &str) -> Result<Self, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|builder| Mailer::Smtp(builder.build()))
            .map_err(|err| format!("invalid SMTP URL: {err}"))
    }

    /// Sends one message; the error says why, for the outbox's record (no secrets in it:
    /// lettre's errors name the relay's answer, not the message).
    pub async fn send(&self, from: &str, email: Email) -> Result<(), String> {
        let message = build(from, &email).map_err(|err| {
            tracing::error!(%err, "cannot build e-mail");
            format!("invalid message: {err}")
        })?;
        match self {
            Mailer::Smtp(transport) => {
                transport.send(message).await.map_err(|err| {
                    tracing::warn!(%err, "SMTP delivery failed");
                    format!("SMTP: {err}")
                })?;
            }
            Mailer::Directory(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
                let name = format!(
                    "{}-{}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S"),
                    uuid::Uuid::now_v7()
                );
                let path = dir.join(name);
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(io_error)?;
                tracing::info!(path = %path.display(), "e-mail written to file");
            }
        }
        Ok(())
    }
}

fn io_error(err: std::io::Error) -> String {
    tracing::error!(%err, "cannot write e-mail file");
    format!("mail directory: {err}")
}

fn build(from: &str, email: &Email) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("from: {e}"))?;
    let to: Mailbox = email.to.parse().map_err(|e| format!("to: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())
        .map_err(|e| e.to_string())
}
