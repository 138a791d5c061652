import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "koprogo-demo-2026";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  /** Fills and submits the form; goes to the page first unless already there. */
  async submit(email: string, password: string) {
    if (!this.page.url().endsWith("/login")) {
      await this.goto();
    }
    await this.page.locator("#email").fill(email);
    await this.page.locator("#password").fill(password);
    await this.page.locator("form.form button[type=submit]").click();
  }

  /** Logs in and waits for the dashboard, so the next navigation cannot race the login. */
  async loginAs(email: string, password = DEMO_PASSWORD) {
    await this.submit(email, password);
    await this.page.waitForURL((url) => url.pathname === "/");
    await expect(this.page.locator("h1")).toBeVisible();
  }

  error() {
    return this.page.locator(".alert-error");
  }

  async expectOnPage() {
    await expect(this.page).toHaveURL(/\/login/);
    await expect(this.page.locator("#email")).toBeVisible();
  }
}
