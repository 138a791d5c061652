//! Browser-only: the service worker registration and the small preferences kept in
//! localStorage. The offline data mode (IndexedDB cache, outbox) builds on this later.

use crate::domain::Locale;
use gloo_storage::{LocalStorage, Storage};

const LANGUAGE_KEY: &str = "koprogo.language";

/// Registers `/sw.js`; failures are logged, never fatal (the app works without it).
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let _ = container.register("/sw.js");
}

/// Marks the document as hydrated: CSS uses it to switch from the no-JavaScript layout
/// (everything visible) to the interactive one (menus that open on click).
pub fn mark_hydrated() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.class_list().add_1("js");
    }
}

/// The language the server rendered the page in.
pub fn document_locale() -> Option<Locale> {
    let root = web_sys::window()?.document()?.document_element()?;
    let lang = root.get_attribute("lang")?;
    Locale::parse(&lang).ok()
}

pub fn set_document_locale(locale: Locale) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", locale.as_str());
    }
    let _ = LocalStorage::set(LANGUAGE_KEY, locale.as_str());
}

/// Whether the browser reports being offline right now.
pub fn is_offline() -> bool {
    web_sys::window()
        .map(|w| !w.navigator().on_line())
        .unwrap_or(false)
}
