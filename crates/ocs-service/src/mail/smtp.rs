//! Sending one message: [`MailTransport`] and its SMTP implementation over `lettre` (tokio;
//! plain, STARTTLS or implicit TLS with rustls). Every message carries the RFC 8058
//! one-click unsubscribe headers.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncTransport, Tokio1Executor};

/// One message ready to go.
#[derive(Clone)]
pub struct OutgoingMail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body (UTF-8).
    pub body: String,
    /// The one-click unsubscribe URL (`List-Unsubscribe`).
    pub unsubscribe_url: String,
}

impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutgoingMail(..)")
    }
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (server down, 4xx answer, timeout).
    #[error("temporary: {0}")]
    Temporary(String),
    /// Will never work (the server refused the recipient for good, a malformed address).
    #[error("permanent: {0}")]
    Permanent(String),
}

/// Where messages go. The SMTP transport in production; the tests use a real SMTP server
/// too.
#[async_trait]
pub trait MailTransport: Send + Sync {
    /// Sends one message.
    async fn send(&self, mail: &OutgoingMail) -> Result<(), SendError>;
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on the same machine or a test server on loopback.
    None,
    /// STARTTLS, required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The SMTP server and the sender identity.
#[derive(Clone)]
pub struct SmtpSettings {
    /// Host name of the SMTP server.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Connection protection.
    pub security: SmtpSecurity,
    /// User name and password, if the server wants them.
    pub credentials: Option<(String, String)>,
    /// `From:` (for example `ECI Clean Air <updates@example.eu>`).
    pub sender: String,
    /// `Reply-To:`, if any.
    pub reply_to: Option<String>,
    /// How long one SMTP exchange may take.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("credentials", &self.credentials.as_ref().map(|_| "***"))
            .field("sender", &self.sender)
            .finish_non_exhaustive()
    }
}

/// Sends over SMTP with `lettre`.
pub struct SmtpTransport {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    sender: Mailbox,
    reply_to: Option<Mailbox>,
}

/// A setting of the SMTP transport is unusable.
#[derive(Debug, thiserror::Error)]
#[error("mail setting {field}: {reason}")]
pub struct SmtpConfigError {
    /// Which setting.
    pub field: &'static str,
    /// What is wrong.
    pub reason: String,
}

impl SmtpTransport {
    /// Builds the transport (no connection is made until the first message).
    pub fn new(settings: &SmtpSettings) -> Result<Self, SmtpConfigError> {
        let sender: Mailbox = settings.sender.parse().map_err(|e| SmtpConfigError {
            field: "sender",
            reason: format!("{e}"),
        })?;
        let reply_to = settings
            .reply_to
            .as_deref()
            .map(str::parse::<Mailbox>)
            .transpose()
            .map_err(|e| SmtpConfigError {
                field: "reply_to",
                reason: format!("{e}"),
            })?;
        let tls_error = |e: lettre::transport::smtp::Error| SmtpConfigError {
            field: "security",
            reason: e.to_string(),
        };
        let tls = match settings.security {
            SmtpSecurity::None => Tls::None,
            SmtpSecurity::Starttls => {
                Tls::Required(TlsParameters::new(settings.host.clone()).map_err(tls_error)?)
            }
            SmtpSecurity::Tls => {
                Tls::Wrapper(TlsParameters::new(settings.host.clone()).map_err(tls_error)?)
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port)
                .tls(tls)
                .timeout(Some(settings.timeout));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
            sender,
            reply_to,
        })
    }

    fn build(&self, mail: &OutgoingMail) -> Result<Message, SendError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| SendError::Permanent("recipient address refused by lettre".to_owned()))?;
        let header = |name: &'static str, value: String| {
            HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
        };
        let mut builder = Message::builder()
            .from(self.sender.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .raw_header(header(
                "List-Unsubscribe",
                format!("<{}>", mail.unsubscribe_url),
            ))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".to_owned(),
            ));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        builder
            .body(mail.body.clone())
            .map_err(|_| SendError::Permanent("building the message failed".to_owned()))
    }
}

#[async_trait]
impl MailTransport for SmtpTransport {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), SendError> {
        let message = self.build(mail)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(SendError::Permanent(describe(&error))),
            Err(error) => Err(SendError::Temporary(describe(&error))),
        }
    }
}

/// What went wrong, for the log: the kind and the SMTP code, never the server's text (it may
/// quote the recipient's address).
fn describe(error: &lettre::transport::smtp::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_tls() {
        "tls"
    } else if error.is_response() {
        "smtp answer"
    } else if error.is_client() {
        "client"
    } else {
        "connection"
    };
    match error.status() {
        Some(code) => format!("{kind} {code}"),
        None => kind.to_owned(),
    }
}
