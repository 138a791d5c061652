// A real OpenID Connect provider on loopback for the tests (issue 11): the npm
// `oidc-provider` package (certified by the OpenID Foundation), configured as itsme® is:
// authorization code with PKCE, `private_key_jwt` client authentication, ID tokens signed
// then encrypted, and itsme's two acr values. The person logging in chooses who they are
// and at which level on its own login page, so that a test can drive it like a user.
//
// usage: node scripts/oidc-provider.mjs --port P --client-id ID --redirect-uri URI --client-jwks-uri URI
// It prints `ready <issuer>` on standard output once listening.
//
// For the tests of what a relying party must refuse, `POST /__test/next-token` with
// `{"mode": …}` makes the next token request answer an ID token built here instead of by
// the provider, for the code it was given (the code is consumed as the provider would):
// wrong_aud, wrong_nonce, wrong_issuer, expired, tampered_signature, unknown_kid, rotated
// (signed with a new key that the key set publishes from then on), plain (not encrypted),
// nonsense (an HTML page), slow (answers after 5 s).

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { generateKeyPair, exportJWK, importJWK, SignJWT, CompactEncrypt } from "jose";
import Provider, { interactionPolicy } from "oidc-provider";

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

async function signingKey(kid) {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, use: "sig", alg: "RS256" };
}
const signing = await signingKey("provider-signing-1");
const rotated = await signingKey("provider-signing-2");
const stranger = await signingKey("stranger-1");
let published = [signing];
let nextMode = null;

const server = createServer();
await new Promise((resolve) => server.listen(Number(args.port), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const accounts = new Map();

// itsme asks the person to confirm in the app at every authorization request: so does this
// provider (its own session never answers for them).
const policy = interactionPolicy.base();
policy.get("login").checks.add(
  new interactionPolicy.Check("confirm_each_time", "the person confirms every request", (ctx) =>
    ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT),
);

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
      // What itsme's discovery document lists.
      id_token_encrypted_response_alg: "RSA-OAEP",
      id_token_encrypted_response_enc: "A128CBC-HS256",
      userinfo_signed_response_alg: "RS256",
      userinfo_encrypted_response_alg: "RSA-OAEP",
      userinfo_encrypted_response_enc: "A128CBC-HS256",
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
  interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // The provider refuses to fetch from special-use addresses (SSRF protection), loopback
  // among them; here the client's key set is on loopback by design.
  fetch: (url, { dispatcher: _ssrfGuard, ...options }) => globalThis.fetch(url, options),
  ttl: { AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
});

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function raw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function form(req) {
  return new URLSearchParams(await raw(req));
}

// The client's encryption key, read from its key set as the provider does (jose's remote key
// sets select signature keys only).
async function clientEncryptionKey() {
  const response = await fetch(args["client-jwks-uri"]);
  const { keys } = await response.json();
  const jwk = keys.find((k) => k.use === "enc" && k.kty === "RSA");
  if (!jwk) throw new Error("the client publishes no encryption key");
  return importJWK({ ...jwk, alg: "RSA-OAEP" }, "RSA-OAEP");
}

function publicJwk({ kty, n, e, kid, use, alg }) {
  return { kty, n, e, kid, use, alg };
}

function json(res, status, body) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify(body));
}

// The next token request, answered here with the ID token `mode` asks for.
async function misbehave(req, res, mode) {
  const fields = await form(req);
  const code = await provider.AuthorizationCode.find(fields.get("code") ?? "");
  if (!code) return json(res, 400, { error: "invalid_grant" });
  await code.consume();
  if (mode === "nonsense") {
    res.setHeader("content-type", "text/html");
    return res.end("<html><body>Service temporarily unavailable</body></html>");
  }
  if (mode === "slow") await new Promise((r) => setTimeout(r, 5000));
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: code.accountId,
    nonce: mode === "wrong_nonce" ? "another-nonce" : code.nonce,
    acr: code.acr,
    amr: ["mfa"],
    auth_time: code.authTime,
  };
  let key = signing;
  if (mode === "unknown_kid") key = stranger;
  if (mode === "rotated") {
    key = rotated;
    published = [signing, rotated];
  }
  let jws = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(mode === "wrong_issuer" ? "https://evil.example" : issuer)
    .setAudience(mode === "wrong_aud" ? "someone-else" : code.clientId)
    .setIssuedAt(mode === "expired" ? now - 7200 : now)
    .setExpirationTime(mode === "expired" ? now - 3600 : now + 300)
    .sign(await importJWK(key, "RS256"));
  if (mode === "tampered_signature") {
    const [h, p, sig] = jws.split(".");
    const flipped = (sig[5] === "A" ? "B" : "A");
    jws = [h, p, sig.slice(0, 5) + flipped + sig.slice(6)].join(".");
  }
  let idToken = jws;
  if (mode !== "plain") {
    const encryptionKey = await clientEncryptionKey();
    idToken = await new CompactEncrypt(new TextEncoder().encode(jws))
      .setProtectedHeader({ alg: "RSA-OAEP", enc: "A128CBC-HS256", cty: "JWT" })
      .encrypt(encryptionKey);
  }
  json(res, 200, { access_token: "test-access-token", token_type: "Bearer", expires_in: 60, id_token: idToken });
}

// The provider's login page: who logs in (a subject), at which level.
server.on("request", async (req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === "POST" && url.pathname === "/__test/next-token") {
    const body = JSON.parse((await raw(req)) || "{}");
    nextMode = body.mode ?? null;
    return json(res, 200, { mode: nextMode });
  }
  if (req.method === "GET" && url.pathname === "/jwks") {
    return json(res, 200, { keys: published.map(publicJwk) });
  }
  if (req.method === "POST" && url.pathname === "/token" && nextMode) {
    const mode = nextMode;
    nextMode = null;
    try {
      return await misbehave(req, res, mode);
    } catch (err) {
      return json(res, 500, { error: "server_error", error_description: err.message });
    }
  }
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

// What the provider refused and why, for the test log (never tokens: only error details).
for (const event of ["grant.error", "authorization.error", "server_error", "jwks.error"]) {
  provider.on(event, (_ctx, err) => {
    process.stderr.write(`oidc-provider ${event}: ${err.message} ${err.error_detail ?? ""} ${err.cause?.message ?? ""}\n`);
  });
}

process.stdout.write(`ready ${issuer}\n`);
