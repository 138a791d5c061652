import { expect, test } from "@playwright/test";
import { expectAccessible } from "../a11y";
import { LoginPage } from "../pages/login";
import { MembersPage } from "../pages/members";
import { Shell } from "../pages/shell";

test("a syndic invites a co-owner; an owner cannot see the members page", async ({ page, browser }) => {
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  const members = new MembersPage(page);
  await members.goto();
  await new Shell(page).waitForHydration();
  await expect(members.membersTable()).toContainText("Anna Peeters");
  await expectAccessible(page);

  const email = `new-owner-${Date.now()}@example.be`;
  await members.invite(email, "owner");
  await expect(page.locator(".alert-success")).toBeVisible();
  await expect(members.pending()).toContainText(email);
  // The mail leaves through the outbox after the answer; the list says where it is.
  const invitation = members.pending().locator("li", { hasText: email });
  await expect(invitation.locator("[data-mail-status]")).toHaveAttribute("data-mail-status", /mail_status\.(queued|sent)/);
  await page.reload();
  await expect(members.pending().locator("li", { hasText: email }).locator("[data-mail-status]")).toHaveAttribute(
    "data-mail-status",
    "mail_status.sent",
  );
  await page.screenshot({ path: "end2end/test-results/members-invitations.png", fullPage: true });

  const owner = await browser.newPage();
  await new LoginPage(owner).loginAs("owner2@demo.koprogo.be");
  await expect(owner.locator("nav.mainnav")).not.toContainText("Mitglieder");
  await owner.goto("/admin/members");
  await expect(owner.locator(".alert-error")).toHaveText("Ihre Rolle erlaubt diese Aktion nicht.");
  await owner.close();
});
