import { expect, type Page } from "@playwright/test";

export class SettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
  }

  tokensSection() {
    return this.page.locator("#tokens");
  }

  async createToken(name: string, days = "") {
    const section = this.tokensSection();
    await section.locator("#token-name").fill(name);
    await section.locator("#token-days").fill(days);
    await section.locator("form.form-inline button[type=submit]").click();
    const secret = section.getByTestId("new-token");
    await expect(secret).toBeVisible();
    return (await secret.textContent()) ?? "";
  }

  tokenRow(name: string) {
    return this.tokensSection().locator("tbody tr", { hasText: name });
  }
}
