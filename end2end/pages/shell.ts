import { expect, type Page } from "@playwright/test";

/** The logged-in frame: navigation, organisation switcher, user menu. */
export class Shell {
  constructor(private readonly page: Page) {}

  /** Resolves once the wasm has hydrated the page (the app marks <html class="js">). */
  async waitForHydration() {
    await expect(this.page.locator("html.js")).toHaveCount(1, { timeout: 30_000 });
  }

  avatar() {
    return this.page.locator(".user-menu .avatar");
  }

  menuPanel() {
    return this.page.locator("#user-menu-panel");
  }

  async openMenu() {
    if ((await this.avatar().getAttribute("aria-expanded")) !== "true") {
      await this.avatar().click();
    }
    await expect(this.menuPanel()).toBeVisible();
  }

  async chooseLanguage(nativeName: string) {
    await this.openMenu();
    await this.menuPanel().getByRole("button", { name: nativeName }).click();
  }

  /**
   * Switches the organisation worked in and waits for the app to start again from the
   * dashboard it loads after a switch: a navigation made before that load would be aborted
   * by it (seen as net::ERR_ABORTED under load).
   */
  async switchOrganization(label: string) {
    await this.page.locator("#organization-select").selectOption({ label });
    await Promise.all([
      this.page.waitForResponse(
        (r) => r.request().resourceType() === "document" && new URL(r.url()).pathname === "/",
      ),
      this.page.locator("form.org-switcher button[type=submit]").click(),
    ]);
    await this.page.waitForLoadState("load");
    await this.waitForHydration();
  }

  nav() {
    return this.page.locator("nav.mainnav");
  }

  async logout() {
    await this.openMenu();
    await this.menuPanel().locator("form button[type=submit]").last().click();
  }
}
