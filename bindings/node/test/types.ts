// A typed use of the whole API, checked by `tsc --strict` (make node-typecheck)
// against index.d.ts; never run.
import * as oauth1 from '..';

export function signing(): string[] {
  const signer = new oauth1.Signer('ck', 'cs', {
    token: 'tk', tokenSecret: 'ts', signatureMethod: 'HMAC-SHA256', realm: 'r', bodyHash: 'non-form',
    includeVersion: true, nonceLength: 16, nonceAlphabet: 'abc',
  });
  const options = new oauth1.SignOptions({ timestamp: 1700000000, nonce: 'n', extraOAuthParams: { oauth_x: 'y' } });
  const s: oauth1.SignedRequest = signer.sign('POST', 'https://h/', { body: new Uint8Array(2), contentType: 'application/json', options });
  const omitted = signer.sign('GET', 'https://h/', { timestamp: oauth1.OMIT, nonce: oauth1.OMIT, callback: null });
  const pairs: Array<[string, string]> = s.oauthParameters;
  const rt = signer.requestTokenRequest('https://h/rt', { callback: 'oob' });
  const at = signer.withToken('a', 'b').accessTokenRequest('https://h/at', { verifier: 'v' });
  const method: oauth1.SignatureMethod = signer.signatureMethod;
  const header: string = signer.authorizationHeader('GET', 'https://h/', { nonce: 'n' });
  const token: string | null = signer.token;
  options.close();
  return [s.authorizationHeader, s.url, s.formBody, s.baseString, s.normalizedParameters, s.signature, s.oauthQuery,
    omitted.signature, rt.signature, at.signature, method, header, token ?? '', String(pairs.length), oauth1.version,
    oauth1.BODY_HASH_POLICIES[1], oauth1.SIGNATURE_METHODS[0], oauth1.RESULT_KINDS[0]];
}

export function flow(): string {
  const url: string = oauth1.authorizationUrl('https://h/authorize', 'rt');
  const cb: { token: string; verifier: string } = oauth1.parseCallback(url, { requestToken: 'rt' });
  const r: oauth1.TokenResponse = oauth1.parseTokenResponse('oauth_token=a', { requireCallbackConfirmed: false });
  const confirmed: boolean | null = r.callbackConfirmed;
  return cb.token + r.tokenSecret + String(confirmed) + (r.get('x') ?? '') + r.extra.length;
}

export function verifying(): number {
  const credentials = new oauth1.Credentials().addConsumer('ck', 'cs', { rsaPublicKey: null }).addToken('t', 's', 'ck');
  const nonceStore = new oauth1.MemoryNonceStore();
  const verifier = new oauth1.Verifier(credentials, { nonceStore, signatureMethods: ['HMAC-SHA1'], timestampWindow: 300, now: 1n, realm: 'r' });
  verifier.allowSignatureMethod('PLAINTEXT');
  verifier.setClock(null);
  const fresh: boolean = nonceStore.checkAndRecord('ck', null, 1, 'n', { now: 1, window: 300 });
  try {
    const v: oauth1.VerifiedRequest = verifier.verify('GET', 'https://h/', { headers: { Authorization: 'OAuth x' }, body: null });
    return (v.timestamp ?? 0) + v.oauthParameters.length + Number(fresh);
  } catch (e) {
    if (e instanceof oauth1.VerificationError) return e.httpStatus + e.parameters.length + e.problem.length + e.wwwAuthenticate.length;
    if (e instanceof oauth1.OAuth1Error) return e.result + e.kind.length;
    throw e;
  } finally {
    verifier.close();
    credentials.close();
    nonceStore.close();
  }
}

export async function fetching(): Promise<number> {
  const signer = new oauth1.Signer('ck', 'cs');
  const signedFetch = oauth1.withOAuth1(fetch, signer);
  const response: Response = await signedFetch('https://h/', { method: 'POST', body: new URLSearchParams({ a: '1' }) });
  const init: RequestInit = oauth1.authorize(signer, new URL('https://h/'), { method: 'GET' }, { nonce: 'n' });
  return response.status + (init.method ?? '').length + oauth1.receivedUrl('/x', [['Host', 'h']], { tls: true }).length;
}

export function profilesAndPassports(): number {
  const all: oauth1.Profile[] = oauth1.profiles();
  const ns: oauth1.Profile = oauth1.profile('netsuite');
  const methods: oauth1.SignatureMethod[] = ns.signatureMethods;
  const base: string | null = oauth1.profileField('netsuite', 'api_base');
  const signer = oauth1.Signer.forProfile('netsuite', 'ck', 'cs', {
    account: '1234567-sb1', token: 'tk', tokenSecret: 'ts', monotonicTimestamps: true,
  });
  const credentials = new oauth1.Credentials().addConsumer('ck', 'cs');
  const verifier = oauth1.Verifier.forProfile('woocommerce', credentials, { nonceStore: new oauth1.MemoryNonceStore() });
  const passportSigner = new oauth1.TokenPassportSigner('1234567', 'ck', 'cs', 'tk', 'ts');
  const passport: oauth1.TokenPassport = passportSigner.sign({ timestamp: 1439829974, nonce: '6obMKq0tmY8ylVOdEkA1' });
  const xml: string = passport.toXml('urn:messages_2024_2.platform.webservices.netsuite.com');
  const fields: string = passport.signature + passport.baseString + passport.timestamp + passport.nonce + passport.algorithm;
  try {
    return all.length + methods.length + (base ?? '').length + (signer.realm ?? '').length + Number(verifier.isAllowed('HMAC-SHA256'))
      + xml.length + fields.length + Number(ns.callbackConfirmedRequired) + ns.docs.length;
  } finally {
    passport.close();
    passportSigner.close();
    verifier.close();
    signer.close();
  }
}
