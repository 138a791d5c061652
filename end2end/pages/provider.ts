import { type Page } from "@playwright/test";

export const ACR_ADVANCED = "http://itsme.services/v2/claim/acr_advanced";

/** The loopback OpenID Connect provider's own login page (scripts/oidc-provider.mjs), which
 * stands in for the itsme® app: who the person is, and at which level they confirm. */
export class ProviderPage {
  constructor(
    private readonly page: Page,
    private readonly appOrigin: string,
  ) {}

  /** Answers the provider's page if it asks (it does not while its own session is open),
   * and waits until the browser is back on a KoproGo page. */
  async confirmAs(subject: string, acr = ACR_ADVANCED) {
    const back = (url: URL) => url.origin === this.appOrigin && !url.pathname.startsWith("/api/");
    await this.page.waitForURL((url) => url.pathname.startsWith("/interaction/") || back(url));
    if (new URL(this.page.url()).pathname.startsWith("/interaction/")) {
      await this.page.locator("#sub").fill(subject);
      await this.page.locator("#acr").selectOption(acr);
      await this.page.getByRole("button", { name: "Confirm" }).click();
      await this.page.waitForURL(back);
    }
  }
}
