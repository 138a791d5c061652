import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "koprogo-demo-2026";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async loginAs(email: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.page.locator("#email").fill(email);
    await this.page.locator("#password").fill(password);
    await this.page.locator("form.form button[type=submit]").click();
  }

  error() {
    return this.page.locator(".alert-error");
  }

  async expectOnPage() {
    await expect(this.page).toHaveURL(/\/login/);
    await expect(this.page.locator("#email")).toBeVisible();
  }
}
