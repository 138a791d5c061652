import { type Page } from "@playwright/test";

export class MembersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/members");
  }

  async invite(email: string, role: string) {
    await this.page.locator("#invite-email").fill(email);
    await this.page.locator("#invite-role").selectOption(role);
    await this.page.locator("#invite-title ~ form button[type=submit]").click();
  }

  pending() {
    return this.page.locator("#invitations-title ~ ul");
  }

  membersTable() {
    return this.page.locator("#members-title ~ table");
  }
}
