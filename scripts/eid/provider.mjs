// Test-only OpenID provider for the eID integration tests: the real `oidc-provider`
// implementation (certified OpenID Connect), on loopback, with dynamic client registration
// so each test registers its own redirect URL, RS256 and ES256 signing keys, and a minimal
// login page (account name, "Sign in", "Cancel"). Never used outside tests.
//
// Prints `ISSUER=http://127.0.0.1:PORT` on stdout once listening. PORT: env (0 = any).
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const year = new Date().getUTCFullYear();
// Test identities. `young` is 12 today: under every member state's minimum age.
const accounts = {
  erika: { given_name: 'Erika', family_name: 'Mustermann', birthdate: '1964-08-12', nationality: 'DE' },
  young: { given_name: 'Kim', family_name: 'Jung', birthdate: `${year - 12}-01-01`, nationality: 'DE' },
  anna: { given_name: 'Anna', family_name: 'Gruber', birthdate: '1990-05-04', nationality: 'AT' },
  marianne: { given_name: 'Marianne', family_name: 'Dupont', birthdate: '1980-02-29', nationality: 'FR' },
};

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT || 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  jwks: {
    keys: [
      { ...rsa, kid: 'rsa-1', use: 'sig', alg: 'RS256' },
      { ...ec, kid: 'ec-1', use: 'sig', alg: 'ES256' },
    ],
  },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
  },
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name', 'birthdate', 'nationality'],
  },
  // The identity goes into the ID token itself, as eID providers do.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: `pid-${id}`, ...claims }) };
  },
});

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login|abort))?/.exec(req.url);
  if (!match) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    const uid = details.uid;
    if (!match[2]) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>Test eID</title>
<form method="post" action="/interaction/${uid}/login"><input name="account"><button>Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button>Cancel</button></form>`);
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.end();
      return;
    }
    if (match[2] === 'abort') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'The person cancelled.',
      }, { mergeWithLastSubmission: false });
      return;
    }
    const form = await readForm(req);
    const accountId = form.get('account');
    if (!accounts[accountId]) {
      res.statusCode = 400;
      res.end('unknown account');
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, {
      login: { accountId },
      consent: { grantId },
    }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});

process.stdout.write(`ISSUER=${issuer}\n`);
