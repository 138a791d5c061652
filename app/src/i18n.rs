//! Translations with Fluent (fluent-templates): one `.ftl` file per language under
//! `app/locales/`, compiled into both the server and the wasm. Message codes from the domain
//! (`email.invalid`) are Fluent ids with dots written as hyphens (`email-invalid`).

use crate::domain::Locale;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments confuse tests and screen readers alike.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language(locale: Locale) -> LanguageIdentifier {
    match locale {
        Locale::Fr => langid!("fr"),
        Locale::Nl => langid!("nl"),
        Locale::De => langid!("de"),
        Locale::En => langid!("en"),
    }
}

fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The message for `key`; the key itself if no language has it, so a gap is visible.
pub fn translate(locale: Locale, key: &str) -> String {
    LOCALES
        .try_lookup(&language(locale), &fluent_id(key))
        .unwrap_or_else(|| key.to_owned())
}

/// Whether `key` is a message of the app (in English, the fallback every language has).
pub fn is_known(key: &str) -> bool {
    LOCALES
        .try_lookup(&language(Locale::En), &fluent_id(key))
        .is_some()
}

pub fn translate_with(locale: Locale, key: &str, args: &[(&'static str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(&language(locale), &fluent_id(key), &args)
        .unwrap_or_else(|| key.to_owned())
}

/// Every message id of a language's file, for the completeness test.
#[cfg(test)]
fn ids_of(locale: Locale) -> std::collections::BTreeSet<String> {
    let path = format!(
        "{}/locales/{}/main.ftl",
        env!("CARGO_MANIFEST_DIR"),
        locale.as_str()
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            (!id.starts_with(' ') && !id.starts_with('#')).then(|| id.trim().to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let english = ids_of(Locale::En);
        assert!(english.len() > 50, "only {} messages", english.len());
        for locale in [Locale::Fr, Locale::Nl, Locale::De] {
            let ids = ids_of(locale);
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(missing.is_empty(), "{locale} misses {missing:?}");
            assert!(extra.is_empty(), "{locale} has extra {extra:?}");
        }
    }

    #[test]
    fn domain_codes_resolve_in_every_language() {
        for code in [
            "email.invalid",
            "email.required",
            "password.too_short",
            "password.same_as_email",
            "error.not_found",
            "error.forbidden",
            "error.rate_limited",
            "conflict.email_taken",
            "role.board_member",
        ] {
            for locale in Locale::ALL {
                let text = translate(locale, code);
                assert_ne!(text, code, "{code} in {locale}");
            }
        }
    }

    #[test]
    fn arguments_are_interpolated() {
        let text = translate_with(
            Locale::En,
            "error.rate_limited_for",
            &[("seconds", "42".into())],
        );
        assert!(text.contains("42"), "{text}");
    }

    #[test]
    fn unknown_keys_show_themselves() {
        assert_eq!(translate(Locale::Fr, "no.such.key"), "no.such.key");
    }
}
