//! [`EmailAddress`]: an address a signer gives for optional e-mail updates, checked enough to
//! be worth a confirmation message (the double opt-in is the real check).

use std::fmt;

use crate::ErrorCode;

/// Longest address SMTP can carry (RFC 5321 §4.5.3.1.3: a path is 256 octets with `<>`).
pub const MAX_ADDRESS_LEN: usize = 254;
/// Longest local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL_LEN: usize = 64;

/// A syntactically usable e-mail address: `local@domain`, trimmed, the domain in lower case.
/// The local part keeps its case (RFC 5321 lets a server tell them apart), but
/// [`EmailAddress::normalized`] folds it for look-ups, as practically every mailbox does.
#[derive(Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses what a signer typed. Refuses an empty value with
    /// [`ErrorCode::MailAddressMissing`] and anything that is not one `local@domain.tld`
    /// without spaces, control characters, quotes or angle brackets with
    /// [`ErrorCode::MailAddressInvalid`].
    pub fn parse(text: &str) -> Result<Self, ErrorCode> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ErrorCode::MailAddressMissing);
        }
        let invalid = ErrorCode::MailAddressInvalid;
        if text.len() > MAX_ADDRESS_LEN {
            return Err(invalid);
        }
        let (local, domain) = text.split_once('@').ok_or(invalid)?;
        if local.is_empty() || local.len() > MAX_LOCAL_LEN || domain.contains('@') {
            return Err(invalid);
        }
        // Header injection and quoting are ruled out here: no whitespace, controls, quotes,
        // angle brackets, commas or semicolons anywhere.
        let forbidden =
            |c: char| c.is_whitespace() || c.is_control() || "\"<>(),;:[]\\".contains(c);
        if text.chars().any(forbidden) {
            return Err(invalid);
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(invalid);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels.iter().any(|label| {
                label.is_empty()
                    || label.len() > 63
                    || label.starts_with('-')
                    || label.ends_with('-')
            })
        {
            return Err(invalid);
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as given (trimmed, domain in lower case).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used for uniqueness and look-ups: all lower case.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Debug for EmailAddress {
    // Personal data: never in a log line by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EmailAddress(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        let address = EmailAddress::parse("  Anna.Maria+ecI@Example.EU ").unwrap();
        assert_eq!(address.as_str(), "Anna.Maria+ecI@example.eu");
        assert_eq!(address.normalized(), "anna.maria+eci@example.eu");
        assert!(EmailAddress::parse("jörg@bücher.de").is_ok());
    }

    #[test]
    fn refuses_what_cannot_be_an_address() {
        assert_eq!(EmailAddress::parse(" "), Err(ErrorCode::MailAddressMissing));
        for bad in [
            "anna",
            "anna@",
            "@example.eu",
            "anna@example",
            "anna@@example.eu",
            "an na@example.eu",
            "anna@example.eu\r\nBcc: x@y.eu",
            "\"anna\"@example.eu",
            "<anna@example.eu>",
            "anna@-example.eu",
            "anna@example..eu",
            ".anna@example.eu",
            "a..b@example.eu",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(ErrorCode::MailAddressInvalid),
                "{bad}"
            );
        }
        let long = format!("{}@example.eu", "a".repeat(65));
        assert_eq!(
            EmailAddress::parse(&long),
            Err(ErrorCode::MailAddressInvalid)
        );
    }

    #[test]
    fn debug_hides_the_address() {
        let address = EmailAddress::parse("anna@example.eu").unwrap();
        assert!(!format!("{address:?}").contains("anna"));
    }
}
