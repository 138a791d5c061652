import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { Shell } from "../pages/shell";

// Without JavaScript: server-rendered pages and plain form posts. (axe-core needs script in
// the page, so accessibility is checked on the same pages by the hydrated project.)
test("read the app without JavaScript", async ({ page }) => {
  const login = new LoginPage(page);
  // A wrong password comes back as a translated message, without any script.
  await login.submit("council@demo.koprogo.be", "not the password");
  await expect(login.error()).toHaveText("The e-mail address or the password is incorrect.");
  await login.loginAs("council@demo.koprogo.be");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour, Marc Lambert");
  await expect(page.locator("#org-card-title")).toHaveText("Syndic Dupont & Associés");

  // The user menu is a plain visible panel when nothing hydrates it.
  const shell = new Shell(page);
  await expect(shell.menuPanel()).toBeVisible();

  await page.goto("/admin/members");
  await expect(page.locator("#members-title ~ table")).toContainText("Sophie Dupont");
  await page.goto("/settings");
  await expect(page.locator("#profile-title")).toBeVisible();

  // The register reads without script: buildings, a building's lots, a lot's timeline, and
  // the owner search (a plain GET form).
  await page.goto("/buildings");
  await page.getByRole("link", { name: "Résidence Les Jardins" }).click();
  await expect(page.locator("[data-testid=lots]")).toContainText("A3");
  await page.getByRole("link", { name: "A3", exact: true }).click();
  await expect(page.locator("[data-testid=timeline] tbody tr")).toHaveCount(2);
  await expect(page.locator("[data-testid=timeline]")).toContainText("Usufruit");
  await page.goto("/owners");
  await page.locator("#owner-search").fill("weber");
  await page.locator("form.search button[type=submit]").click();
  await expect(page.locator("[data-testid=owners] tbody tr")).toHaveCount(1);
  await expect(page.locator("[data-testid=owners]")).toContainText("Weber Jonas");
  await page.goto("/settings");

  // Language switch by form post.
  await shell.menuPanel().getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("#profile-title")).toHaveText("Profil");
  await expect(page.locator("nav.mainnav")).toContainText("Einstellungen");

  await shell.menuPanel().locator("form button[type=submit]").last().click();
  await login.expectOnPage();
});
