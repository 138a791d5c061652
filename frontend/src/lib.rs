//! The WebAssembly entry point: hydrate the server-rendered page and nothing else.

// The pages' view types are deeply nested; release builds compute their layouts here.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The page came with its language's messages; hydration renders with them.
    app::i18n::install_from_page();
    // Lazy routes (every page but the login, see `app::ui::pages`) hydrate once their
    // chunk has loaded, which needs the asynchronous hydration.
    leptos::mount::hydrate_lazy(app::ui::App);
}
