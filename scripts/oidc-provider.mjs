// A real OpenID Connect provider on loopback for the tests (issue 11): the npm
// `oidc-provider` package (certified by the OpenID Foundation), configured as itsme® is:
// authorization code with PKCE, `private_key_jwt` client authentication, ID tokens signed
// then encrypted, and itsme's two acr values. The person logging in chooses who they are
// and at which level on its own login page, so that a test can drive it like a user.
//
// usage: node scripts/oidc-provider.mjs --port P --client-id ID --redirect-uri URI --client-jwks-uri URI
// It prints `ready <issuer>` on standard output once listening.

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { generateKeyPair, exportJWK } from "jose";
import Provider from "oidc-provider";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "client-id": { type: "string", default: "koprogo" },
    "redirect-uri": { type: "string", multiple: true },
    "client-jwks-uri": { type: "string" },
  },
});

export const ACR_BASIC = "http://itsme.services/v2/claim/acr_basic";
export const ACR_ADVANCED = "http://itsme.services/v2/claim/acr_advanced";

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid: "provider-signing-1", use: "sig", alg: "RS256" };

const server = createServer();
await new Promise((resolve) => server.listen(Number(args.port), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const accounts = new Map();

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args["client-id"],
      redirect_uris: args["redirect-uri"] ?? [],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "RS256",
      jwks_uri: args["client-jwks-uri"],
      id_token_signed_response_alg: "RS256",
      id_token_encrypted_response_alg: "RSA-OAEP-256",
      id_token_encrypted_response_enc: "A256GCM",
      userinfo_signed_response_alg: "RS256",
      userinfo_encrypted_response_alg: "RSA-OAEP-256",
      userinfo_encrypted_response_enc: "A256GCM",
    },
  ],
  jwks: { keys: [signing] },
  pkce: { required: () => true },
  acrValues: [ACR_BASIC, ACR_ADVANCED],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  scopes: ["openid", "email", "profile"],
  features: {
    devInteractions: { enabled: false },
    encryption: { enabled: true },
    claimsParameter: { enabled: true },
  },
  // The client is first-party: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub) ?? { email: `${sub}@itsme.test`, name: sub };
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
});

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function form(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

// The provider's login page: who logs in (a subject), at which level.
server.on("request", async (req, res) => {
  const url = new URL(req.url, issuer);
  const match = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return provider.callback()(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      const wanted = details.params.acr_values ?? "";
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        page(
          "Test identity provider",
          `<form method="post" action="/interaction/${escape(details.uid)}/login">
             <label for="sub">Subject</label> <input id="sub" name="sub" required>
             <label for="email">E-mail</label> <input id="email" name="email">
             <label for="acr">Level</label>
             <select id="acr" name="acr">
               <option value="${ACR_BASIC}">basic</option>
               <option value="${ACR_ADVANCED}"${wanted.includes("advanced") ? " selected" : ""}>advanced</option>
             </select>
             <button type="submit">Confirm</button>
           </form>`,
        ),
      );
      return;
    }
    const fields = await form(req);
    const sub = fields.get("sub");
    accounts.set(sub, { email: fields.get("email") || `${sub}@itsme.test`, name: sub });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub, acr: fields.get("acr") ?? ACR_BASIC, amr: ["mfa"] } },
      { mergeWithLastSubmission: false },
    );
  } catch (err) {
    res.statusCode = 400;
    res.end(`interaction failed: ${err.message}`);
  }
});

process.stdout.write(`ready ${issuer}\n`);
