//! Translations with Fluent: one `.ftl` file per language under `app/locales/`. The server
//! holds every language (fluent-templates); the browser holds only the ones it was sent: the
//! page's language comes inline in the page (`messages_script`), another one from the
//! server when the user switches (`api::messages`). Four languages compiled into the wasm
//! cost it 28 KiB gzipped, and every feature adds messages. Message codes from the domain
//! (`email.invalid`) are Fluent ids with dots written as hyphens (`email-invalid`).

use crate::domain::Locale;

fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

#[cfg(not(feature = "hydrate"))]
mod all {
    use super::*;
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

    pub fn translate(locale: Locale, key: &str) -> String {
        LOCALES
            .try_lookup(&language(locale), &fluent_id(key))
            .unwrap_or_else(|| key.to_owned())
    }

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

    /// A language's messages, as the browser is sent them.
    pub fn source(locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => include_str!("../locales/fr/main.ftl"),
            Locale::Nl => include_str!("../locales/nl/main.ftl"),
            Locale::De => include_str!("../locales/de/main.ftl"),
            Locale::En => include_str!("../locales/en/main.ftl"),
        }
    }
}

#[cfg(not(feature = "hydrate"))]
pub use all::{is_known, source, translate, translate_with};

/// The element of the page that carries its language's messages to the browser.
pub const MESSAGES_ELEMENT: &str = "koprogo-messages";

/// The page's messages, for `<script type="application/x-fluent">`: not run (CSP applies to
/// scripts that run), read by `install_from_page`. `</` is written `<\/` so that no message
/// can end the element.
#[cfg(not(feature = "hydrate"))]
pub fn messages_script(locale: Locale) -> &'static str {
    // Escaped once per language, not once per page.
    static SCRIPTS: [std::sync::OnceLock<String>; 4] = [const { std::sync::OnceLock::new() }; 4];
    let index = Locale::ALL
        .iter()
        .position(|l| *l == locale)
        .expect("every locale is in ALL");
    SCRIPTS[index].get_or_init(|| source(locale).replace("</", "<\\/"))
}

#[cfg(feature = "hydrate")]
mod sent {
    use super::*;
    use fluent_templates::fluent_bundle::{FluentArgs, FluentResource, concurrent::FluentBundle};
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        static BUNDLES: RefCell<HashMap<Locale, FluentBundle<FluentResource>>> =
            RefCell::new(HashMap::new());
    }

    fn language(locale: Locale) -> unic_langid::LanguageIdentifier {
        locale
            .as_str()
            .parse()
            .expect("the four locales are valid language tags")
    }

    /// Makes `source` (a language's `.ftl`) the browser's messages for `locale`.
    pub fn install(locale: Locale, source: &str) {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            // Our own files, tested on the server; a bad message shows its key, no more.
            Err((resource, _)) => resource,
        };
        let mut bundle = FluentBundle::new_concurrent(vec![language(locale)]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        BUNDLES.with(|all| all.borrow_mut().insert(locale, bundle));
    }

    pub fn is_installed(locale: Locale) -> bool {
        BUNDLES.with(|all| all.borrow().contains_key(&locale))
    }

    /// Installs the messages the page came with (before hydration).
    pub fn install_from_page() {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MESSAGES_ELEMENT))
        else {
            return;
        };
        let locale = element
            .get_attribute("data-locale")
            .and_then(|l| Locale::parse(&l).ok())
            .unwrap_or_default();
        let source = element
            .text_content()
            .unwrap_or_default()
            .replace("<\\/", "</");
        install(locale, &source);
    }

    fn format(locale: Locale, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        BUNDLES.with(|all| {
            let all = all.borrow();
            let bundle = all.get(&locale)?;
            let pattern = bundle.get_message(&fluent_id(key))?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        })
    }

    pub fn translate(locale: Locale, key: &str) -> String {
        format(locale, key, None).unwrap_or_else(|| key.to_owned())
    }

    pub fn translate_with(locale: Locale, key: &str, args: &[(&'static str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        format(locale, key, Some(&fluent)).unwrap_or_else(|| key.to_owned())
    }

    /// Whether `key` is a message of the app: the browser knows the languages it was sent,
    /// which all have every message.
    pub fn is_known(key: &str) -> bool {
        BUNDLES.with(|all| {
            all.borrow()
                .values()
                .any(|bundle| bundle.has_message(&fluent_id(key)))
        })
    }
}

#[cfg(feature = "hydrate")]
pub use sent::{install, install_from_page, is_installed, is_known, translate, translate_with};

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
    fn every_document_message_and_category_resolves() {
        let mut codes: Vec<String> = [
            "document.empty",
            "document.type_refused",
            "document.too_large",
            "document.interrupted",
            "document.bad_range",
            "document.quota_exceeded",
            "document.title_too_long",
            "document.category_unknown",
            "document.visibility_unknown",
            "document.owner_required",
            "document.owner_unknown",
            "document.retained",
            "request.invalid_query",
            "request.too_large",
        ]
        .map(String::from)
        .to_vec();
        codes.extend(crate::domain::document::Category::ALL.map(|c| c.label_key()));
        for code in &codes {
            for locale in Locale::ALL {
                assert_ne!(translate(locale, code), *code, "{code} in {locale}");
            }
        }
    }

    #[test]
    fn every_sign_in_refusal_has_its_message() {
        for code in crate::domain::second_factor::OIDC_ERROR_KEYS {
            for locale in Locale::ALL {
                assert_ne!(translate(locale, code), *code, "{code} in {locale}");
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
    fn the_page_carries_its_messages_whole_and_unable_to_end_their_element() {
        let script = messages_script(Locale::Fr);
        assert!(!script.contains("</"));
        assert_eq!(script.replace("<\\/", "</"), source(Locale::Fr));
        assert!(source(Locale::Nl).contains("register-field-iban"));
    }

    #[test]
    fn unknown_keys_show_themselves() {
        assert_eq!(translate(Locale::Fr, "no.such.key"), "no.such.key");
    }
}
