//! The checks on a `Response` and its assertion (in clear or an `EncryptedAssertion`), and
//! the identity the assertion states.

use std::fmt::Write as _;

use jiff::Timestamp;
use roxmltree::{Document, Node};
use zeroize::Zeroizing;

use super::{
    ASSERTION_NS, BEARER, CANCELLED, MAX_ASSERTION_AGE, PERSON, PROTOCOL_NS, SKEW, SUCCESS,
    SamlClient, child, children, same, time, xml_escape,
};
use crate::config::ProviderConfig;
use crate::identity::{EidFailure, EidIdentity};
use crate::xmldsig::{self, DsigError};
use crate::{xmlenc, xmlguard};

impl SamlClient {
    pub(super) fn check_response(
        &self,
        provider: &ProviderConfig,
        document: &Document<'_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let response = document.root_element();
        if !response.has_tag_name((PROTOCOL_NS, "Response"))
            || response.attribute("Version") != Some("2.0")
        {
            return Err(EidFailure::Claims);
        }
        if !same(response.attribute("InResponseTo"), request_id) {
            return Err(EidFailure::State);
        }
        let destination = response.attribute("Destination");
        if destination.is_some_and(|d| d != s.acs_url) {
            return Err(EidFailure::Claims);
        }
        if let Some(issuer) = child(response, ASSERTION_NS, "Issuer")
            && xmlguard::text_value(issuer) != Some(s.idp_entity_id.as_str())
        {
            return Err(EidFailure::Claims);
        }
        let status = child(response, PROTOCOL_NS, "Status")
            .and_then(|n| child(n, PROTOCOL_NS, "StatusCode"))
            .ok_or(EidFailure::Claims)?;
        if status.attribute("Value") != Some(SUCCESS) {
            // An error answer gives nothing away: no identity is read from it.
            let cancelled = status.descendants().any(|n| {
                n.has_tag_name((PROTOCOL_NS, "StatusCode"))
                    && n.attribute("Value").is_some_and(|v| CANCELLED.contains(&v))
            });
            return Err(if cancelled {
                EidFailure::Cancelled
            } else {
                EidFailure::Provider
            });
        }
        let encrypted: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((ASSERTION_NS, "EncryptedAssertion")))
            .collect();
        if !encrypted.is_empty() || self.require_encryption {
            return self.check_encrypted(provider, response, &encrypted, request_id, now);
        }
        // Exactly one assertion anywhere, as a child of the response.
        let assertions: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
            .collect();
        let [assertion] = assertions.as_slice() else {
            return Err(EidFailure::Claims);
        };
        if assertion.parent() != Some(response) {
            return Err(EidFailure::Claims);
        }
        let signature_failure = |error: DsigError| {
            tracing::info!(%error, "SAML signature refused");
            EidFailure::Signature
        };
        // The response's signature covers the assertion inside it; otherwise the assertion
        // must carry its own. A present signature must always verify.
        let response_signed = match xmldsig::verify_enveloped(response, &s.idp_key) {
            Ok(()) => true,
            Err(DsigError::Unsigned) => false,
            Err(error) => return Err(signature_failure(error)),
        };
        // SAML core §3.2.2: a signed response must name where it was sent, or it could be
        // posted to another service provider of the same IdP.
        if response_signed && destination.is_none() {
            return Err(EidFailure::Claims);
        }
        match xmldsig::verify_enveloped(*assertion, &s.idp_key) {
            Ok(()) => {}
            Err(DsigError::Unsigned) if response_signed => {}
            Err(error) => return Err(signature_failure(error)),
        }
        self.check_assertion(provider, *assertion, request_id, now)
    }

    /// A response carrying an `EncryptedAssertion`: exactly one, a child of the response, and
    /// no assertion in clear next to it. It is decrypted with our key, parsed under the same
    /// limits as a response, and its assertion must be signed by the IdP unless the response's
    /// own signature (which covers the ciphertext) verifies. Then the usual checks apply.
    fn check_encrypted(
        &self,
        provider: &ProviderConfig,
        response: roxmltree::Node<'_, '_>,
        encrypted: &[roxmltree::Node<'_, '_>],
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let (Some(key), [container]) = (&self.decryption, encrypted) else {
            tracing::warn!(
                encrypted = encrypted.len(),
                decryption_key = self.decryption.is_some(),
                "SAML assertion refused: not encrypted as this provider requires, or encrypted \
                 without a decryption key configured"
            );
            return Err(EidFailure::Provider);
        };
        if container.parent() != Some(response)
            || response
                .descendants()
                .any(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
        {
            return Err(EidFailure::Claims);
        }
        let data = container
            .children()
            .find(|n| n.has_tag_name((xmlenc::XMLENC_NS, "EncryptedData")))
            .ok_or(EidFailure::Claims)?;
        let plain = xmlenc::decrypt_element(data, key).map_err(|error| {
            tracing::info!(%error, "SAML encrypted assertion refused");
            EidFailure::Signature
        })?;
        // The decrypted element is parsed in the context it was encrypted in: the namespace
        // declarations in scope at the `EncryptedAssertion`.
        let mut wrapped = Zeroizing::new(String::from("<decrypted"));
        for namespace in container.namespaces() {
            let uri = xml_escape(namespace.uri());
            match namespace.name() {
                Some(prefix) => {
                    let _ = write!(wrapped, " xmlns:{prefix}=\"{uri}\"");
                }
                None => {
                    let _ = write!(wrapped, " xmlns=\"{uri}\"");
                }
            }
        }
        wrapped.push('>');
        wrapped.push_str(&plain);
        wrapped.push_str("</decrypted>");
        let inner = xmlguard::parse(&wrapped).map_err(|refusal| {
            tracing::info!(reason = refusal.code(), "decrypted SAML assertion refused");
            EidFailure::Claims
        })?;
        let root = inner.root_element();
        let elements: Vec<_> = root
            .children()
            .filter(roxmltree::Node::is_element)
            .collect();
        let [assertion] = elements.as_slice() else {
            return Err(EidFailure::Claims);
        };
        if !assertion.has_tag_name((ASSERTION_NS, "Assertion"))
            || root
                .descendants()
                .filter(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
                .count()
                != 1
        {
            return Err(EidFailure::Claims);
        }
        let signature_failure = |error: DsigError| {
            tracing::info!(%error, "SAML signature refused");
            EidFailure::Signature
        };
        let response_signed = match xmldsig::verify_enveloped(response, &s.idp_key) {
            Ok(()) => true,
            Err(DsigError::Unsigned) => false,
            Err(error) => return Err(signature_failure(error)),
        };
        if response_signed && response.attribute("Destination").is_none() {
            return Err(EidFailure::Claims);
        }
        match xmldsig::verify_enveloped(*assertion, &s.idp_key) {
            Ok(()) => {}
            Err(DsigError::Unsigned) if response_signed => {}
            Err(error) => return Err(signature_failure(error)),
        }
        self.check_assertion(provider, *assertion, request_id, now)
    }

    /// Subject: a bearer confirmation for our ACS, this request, still valid.
    fn confirm_subject(
        &self,
        assertion: Node<'_, '_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<(), EidFailure> {
        let s = &self.settings;
        let late = now.checked_sub(SKEW).unwrap_or(now);
        let early = now.checked_add(SKEW).unwrap_or(now);
        let subject = child(assertion, ASSERTION_NS, "Subject").ok_or(EidFailure::Claims)?;
        let mut confirmed = Err(EidFailure::Claims);
        for confirmation in children(subject, ASSERTION_NS, "SubjectConfirmation") {
            if confirmation.attribute("Method") != Some(BEARER) {
                continue;
            }
            let Some(data) = child(confirmation, ASSERTION_NS, "SubjectConfirmationData") else {
                continue;
            };
            if data.attribute("Recipient") != Some(s.acs_url.as_str()) {
                continue;
            }
            if !same(data.attribute("InResponseTo"), request_id) {
                confirmed = confirmed.or(Err(EidFailure::State));
                continue;
            }
            // SAML profiles §4.1.4.2 allow a NotBefore here too: not yet valid is refused.
            if let Some(start) = data.attribute("NotBefore") {
                match time(Some(start)) {
                    Some(start) if start <= early => {}
                    Some(_) => {
                        confirmed = Err(EidFailure::Expired);
                        continue;
                    }
                    None => return Err(EidFailure::Claims),
                }
            }
            match time(data.attribute("NotOnOrAfter")) {
                Some(until) if until > late => {
                    confirmed = Ok(());
                    break;
                }
                _ => confirmed = Err(EidFailure::Expired),
            }
        }
        confirmed
    }

    /// The checks on the signed assertion, and the identity it states.
    fn check_assertion(
        &self,
        provider: &ProviderConfig,
        assertion: Node<'_, '_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let late = now.checked_sub(SKEW).unwrap_or(now);
        let early = now.checked_add(SKEW).unwrap_or(now);
        if assertion.attribute("Version") != Some("2.0") {
            return Err(EidFailure::Claims);
        }
        if child(assertion, ASSERTION_NS, "Issuer").and_then(xmlguard::text_value)
            != Some(s.idp_entity_id.as_str())
        {
            return Err(EidFailure::Claims);
        }
        let issued = time(assertion.attribute("IssueInstant")).ok_or(EidFailure::Claims)?;
        let oldest = late.checked_sub(MAX_ASSERTION_AGE).unwrap_or(late);
        if issued > early || issued < oldest {
            return Err(EidFailure::Expired);
        }
        self.confirm_subject(assertion, request_id, now)?;
        // Conditions: the time window, and every audience restriction names us.
        let conditions = child(assertion, ASSERTION_NS, "Conditions").ok_or(EidFailure::Claims)?;
        if let Some(start) = conditions.attribute("NotBefore")
            && time(Some(start)).ok_or(EidFailure::Claims)? > early
        {
            return Err(EidFailure::Expired);
        }
        if let Some(end) = conditions.attribute("NotOnOrAfter")
            && time(Some(end)).ok_or(EidFailure::Claims)? <= late
        {
            return Err(EidFailure::Expired);
        }
        let restrictions: Vec<_> =
            children(conditions, ASSERTION_NS, "AudienceRestriction").collect();
        let ours = |restriction: &Node<'_, '_>| {
            children(*restriction, ASSERTION_NS, "Audience")
                .any(|a| xmlguard::text_value(a) == Some(s.entity_id.as_str()))
        };
        if restrictions.is_empty() || !restrictions.iter().all(ours) {
            return Err(EidFailure::Claims);
        }
        // The level of assurance: one AuthnStatement, its class reference an eIDAS level,
        // else mapped by `loa_map`, else `default_loa` when one is set; otherwise refused.
        let mut statements = children(assertion, ASSERTION_NS, "AuthnStatement");
        let (Some(statement), None) = (statements.next(), statements.next()) else {
            return Err(EidFailure::Claims);
        };
        let class_ref = match child(statement, ASSERTION_NS, "AuthnContext")
            .and_then(|n| child(n, ASSERTION_NS, "AuthnContextClassRef"))
        {
            Some(node) => Some(xmlguard::text_value(node).ok_or(EidFailure::Claims)?),
            None => None,
        };
        let loa = provider.level(class_ref).ok_or_else(|| {
            tracing::info!(provider = %provider.id, "SAML assertion with an unknown or no level of assurance");
            EidFailure::Assurance
        })?;
        if loa < provider.minimum_loa {
            return Err(EidFailure::Assurance);
        }
        // The eIDAS natural-person attributes, each required: exactly one `Attribute` of that
        // name with exactly one text-only value (a second one, a child element or a comment
        // makes it unreadable, never shorter).
        let attribute = |name: &str| -> Result<String, EidFailure> {
            let full = format!("{PERSON}{name}");
            let mut found = children(assertion, ASSERTION_NS, "AttributeStatement")
                .flat_map(|st| children(st, ASSERTION_NS, "Attribute"))
                .filter(|a| a.attribute("Name") == Some(full.as_str()));
            let (Some(attribute), None) = (found.next(), found.next()) else {
                return Err(EidFailure::Claims);
            };
            let mut values = children(attribute, ASSERTION_NS, "AttributeValue");
            let (Some(value), None) = (values.next(), values.next()) else {
                return Err(EidFailure::Claims);
            };
            xmlguard::text_value(value)
                .map(str::to_owned)
                .ok_or(EidFailure::Claims)
        };
        let person = attribute("PersonIdentifier")?;
        let family_names = attribute("CurrentFamilyName")?;
        let given_names = attribute("CurrentGivenName")?;
        let birth_date = attribute("DateOfBirth")?;
        if birth_date.parse::<jiff::civil::Date>().is_err() {
            return Err(EidFailure::Claims);
        }
        let birth_date = Some(birth_date);
        Ok(EidIdentity {
            provider: provider.id.to_string(),
            given_names,
            family_names,
            birth_date,
            subject: format!("{}\u{0}{person}", s.idp_entity_id),
            nationality: None,
            loa: loa.as_str().to_owned(),
        })
    }
}
