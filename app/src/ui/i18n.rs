//! The UI side of translations: the current language as a signal, so switching language
//! re-renders every text in place.

use crate::domain::{AppError, Locale};
use crate::i18n::{translate, translate_with};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n {
            locale: RwSignal::new(locale),
        }
    }

    /// Switches every text on the page, and the document's language. In the browser, a
    /// language the page was not sent is asked of the server first; offline, the page stays
    /// in its language.
    pub fn switch_to(&self, locale: Locale) {
        #[cfg(feature = "hydrate")]
        if !crate::i18n::is_installed(locale) {
            let this = *self;
            leptos::task::spawn_local(async move {
                match crate::api::messages(locale.as_str().to_owned()).await {
                    Ok(source) => {
                        crate::i18n::install(locale, &source);
                        this.show(locale);
                    }
                    Err(err) => leptos::logging::warn!("messages of {locale} unavailable: {err}"),
                }
            });
            return;
        }
        self.show(locale);
    }

    fn show(&self, locale: Locale) {
        self.locale.set(locale);
        #[cfg(feature = "hydrate")]
        crate::offline::set_document_locale(locale);
    }

    pub fn t(&self, key: &str) -> String {
        translate(self.locale.get(), key)
    }

    /// The message in the current language, read once. For the document title: leptos_meta
    /// renders it after the page, when a reactive closure may no longer be alive.
    pub fn t_untracked(&self, key: &str) -> String {
        translate(self.locale.get_untracked(), key)
    }

    pub fn t_with(&self, key: &str, args: &[(&'static str, String)]) -> String {
        translate_with(self.locale.get(), key, args)
    }

    pub fn t_with_untracked(&self, key: &str, args: &[(&'static str, String)]) -> String {
        translate_with(self.locale.get_untracked(), key, args)
    }

    /// The headline for an error, in the user's language.
    pub fn error(&self, error: &AppError) -> String {
        match error {
            AppError::RateLimited { retry_after_secs } => self.t_with(
                "error.rate_limited_for",
                &[("seconds", retry_after_secs.to_string())],
            ),
            AppError::Unavailable { retry_after_secs } => self.t_with(
                "error.unavailable",
                &[("seconds", retry_after_secs.to_string())],
            ),
            other => self.t(&other.message_key()),
        }
    }
}

pub fn use_i18n() -> I18n {
    expect_context()
}

/// The language to render in. On the server it is resolved from the request (cookie, then
/// Accept-Language); in the browser it is read back from `<html lang>` so that hydration
/// renders exactly what the server sent.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use crate::domain::locale::{LOCALE_COOKIE, cookie_value};
        use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
        if let Some(parts) = use_context::<axum::http::request::Parts>() {
            let cookie = parts
                .headers
                .get(COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(|c| cookie_value(c, LOCALE_COOKIE));
            let accept = parts
                .headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok());
            return Locale::resolve(cookie, accept);
        }
    }
    #[cfg(feature = "hydrate")]
    {
        if let Some(locale) = crate::offline::document_locale() {
            return locale;
        }
    }
    Locale::default()
}
