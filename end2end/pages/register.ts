import { expect, type Page } from "@playwright/test";

/** The register pages of a syndic: buildings, a building's lots, owners, a lot. */
export class RegisterPages {
  constructor(private readonly page: Page) {}

  async createBuilding(name: string, totalQuota: string) {
    await this.page.goto("/buildings");
    // After hydration the form's success opens the new building's page.
    await expect(this.page.locator("html.js")).toHaveCount(1, { timeout: 30_000 });
    await this.page.locator("#building-name").fill(name);
    await this.page.locator("#building-street").fill("Rue de la Loi 16");
    await this.page.locator("#building-postal_code").fill("1000");
    await this.page.locator("#building-city").fill("Bruxelles");
    await this.page.locator("#building-total_quota").fill(totalQuota);
    await this.page.locator("#building-name").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await expect(this.page.locator("h1")).toHaveText(name);
  }

  lotRows() {
    return this.page.locator("[data-testid=lots] tbody tr");
  }

  async addLot(number: string, kind: string, quota: string) {
    const before = await this.lotRows().count();
    await this.page.locator("#lot-number").fill(number);
    await this.page.locator("#lot-kind").selectOption(kind);
    await this.page.locator("#lot-quota").fill(quota);
    await this.page.locator("#lot-number").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await expect(this.lotRows()).toHaveCount(before + 1);
  }

  async addOwner(first: string, last: string, email: string) {
    await this.page.goto("/owners");
    await this.page.locator("#owner-first_name").fill(first);
    await this.page.locator("#owner-last_name").fill(last);
    await this.page.locator("#owner-street").fill("Rue Haute 1");
    await this.page.locator("#owner-postal_code").fill("1000");
    await this.page.locator("#owner-city").fill("Bruxelles");
    await this.page.locator("#owner-email").fill(email);
    await this.page.locator("#owner-last_name").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await expect(this.page.locator("[data-testid=owners]")).toContainText(`${last} ${first}`);
  }

  timelineRows() {
    return this.page.locator("[data-testid=timeline] tbody tr");
  }

  /** Fills holder row `i` of the form whose rows are prefixed `form` (holders / transfer). */
  async holder(form: string, i: number, ownerName: string, share: string) {
    await this.page.locator(`#${form}-${i}-owner`).selectOption({ label: ownerName });
    await this.page.locator(`#${form}-${i}-share`).fill(share);
  }
}
