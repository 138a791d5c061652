import { expect, test } from "@playwright/test";
import { expectAccessible } from "../a11y";
import { LoginPage } from "../pages/login";
import { Shell } from "../pages/shell";

const SYNDIC = "syndic@demo.koprogo.be";

test("a wrong password shows a translated error and keeps the form", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await new Shell(page).waitForHydration();
  await login.submit(SYNDIC, "not the right password");
  await expect(login.error()).toHaveText("The e-mail address or the password is incorrect.");
  await login.expectOnPage();
  await expect(page.locator("#email")).toHaveValue(SYNDIC);
});

test("log in, use the hydrated menu, switch language, log out", async ({ page }) => {
  const login = new LoginPage(page);
  const shell = new Shell(page);
  await login.goto();
  await expectAccessible(page);
  await login.loginAs(SYNDIC);

  // The syndic's profile language is French: the login sets it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour, Sophie Dupont");
  await expect(shell.nav()).toContainText("Tableau de bord");
  await shell.waitForHydration();
  await expectAccessible(page);

  // Only works once the wasm runs: the menu is a button that toggles a panel.
  await expect(shell.menuPanel()).toBeHidden();
  await shell.openMenu();
  await expect(shell.menuPanel()).toContainText(SYNDIC);

  await shell.menuPanel().getByRole("button", { name: "Nederlands" }).click();
  await expect(shell.nav()).toContainText("Overzicht");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallo, Sophie Dupont");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  // Remembered: a reload renders in Dutch on the server.
  await page.reload();
  await expect(shell.nav()).toContainText("Overzicht");

  await shell.waitForHydration();
  await shell.chooseLanguage("English");
  await expect(shell.nav()).toContainText("Dashboard");

  await shell.logout();
  await new LoginPage(page).expectOnPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("the organisation switcher changes the organisation worked in", async ({ page }) => {
  await new LoginPage(page).loginAs(SYNDIC);
  const shell = new Shell(page);
  await shell.waitForHydration();
  const select = page.locator("#organization-select");
  await expect(select).toBeVisible();
  await select.selectOption({ label: "ACP Résidence Les Tilleuls" });
  await page.locator("form.org-switcher button[type=submit]").click();
  await expect(page.locator("#org-card-title")).toHaveText("ACP Résidence Les Tilleuls");
  await select.selectOption({ label: "Syndic Dupont & Associés" });
  await page.locator("form.org-switcher button[type=submit]").click();
  await expect(page.locator("#org-card-title")).toHaveText("Syndic Dupont & Associés");
});
