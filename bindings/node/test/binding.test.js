'use strict';
// Unit tests of the Node.js binding: each checks that a binding call reaches
// the core and brings its answer (or its error) back unchanged.

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const oauth1 = require('..');

const VECTORS = path.resolve(__dirname, '..', '..', '..', 'tests', 'conformance', 'vectors');
const vector = (id) => JSON.parse(fs.readFileSync(path.join(VECTORS, 'vectors.json'), 'utf8')).find((c) => c.id === id);

// The project's standard request (crates/oauth1/benches/common/mod.rs).
const STD = {
  url: 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait',
  body: 'status=active&tags=a%2Cb&name=John+Doe',
  ck: 'ck_5f4dcc3b5aa765d61d8327deb882cf99',
  cs: 'cs_2c26b46b68ffc68ff99b453c1d30413413422d706',
  tk: 'tk_6b86b273ff34fce19d6b804eff5a3f57',
  ts: 'ts_d4735e3a265e46eff7f4b6f0b3e2ab4b',
  signature: '7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=',
};
const FORM = 'application/x-www-form-urlencoded';
const FIXED = { timestamp: '1700000000', nonce: 'kllo9940pd9333jh' };

function standardSigner(extra = {}) {
  return new oauth1.Signer(STD.ck, STD.cs, {
    token: STD.tk, tokenSecret: STD.ts, signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1', ...extra,
  });
}

const param = (signed, name) => (signed.oauthParameters.find(([n]) => n === name) || [])[1];

test('standard request: the signature of `make bench` and the C examples', () => {
  const signer = standardSigner();
  const s = signer.sign('POST', STD.url, { body: STD.body, contentType: FORM, ...FIXED });
  assert.equal(s.signature, STD.signature);
  assert.match(s.authorizationHeader, /^OAuth realm="1234567_SB1", oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99", /);
  assert.ok(s.baseString.startsWith('POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&'));
  assert.equal(signer.consumerKey, STD.ck);
  assert.equal(signer.token, STD.tk);
  assert.equal(signer.signatureMethod, 'HMAC-SHA256');
  assert.equal(signer.realm, '1234567_SB1');
  // The header alone, with no handle kept, is the same.
  assert.equal(signer.authorizationHeader('POST', STD.url, { body: STD.body, contentType: FORM, ...FIXED }), s.authorizationHeader);
  // A reusable SignOptions gives the same request.
  const options = new oauth1.SignOptions(FIXED);
  assert.equal(signer.sign('POST', STD.url, { body: Buffer.from(STD.body), contentType: FORM, options }).signature, STD.signature);
  options.close();
  s.close();
  signer.close();
});

test('RFC 5849 s3.4.1.1 base string and Appendix-A style vectors, every HMAC method and PLAINTEXT', () => {
  for (const method of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']) {
    const s = new oauth1.Signer('ck', 'cs', { signatureMethod: method, token: 't', tokenSecret: 'ts' })
      .sign('GET', 'http://example.com/r?b=2&a=1', FIXED);
    assert.equal(param(s, 'oauth_signature_method'), method);
    if (method === 'PLAINTEXT') assert.equal(s.signature, 'cs&ts');
    else assert.equal(s.signature.length, { 'HMAC-SHA1': 28, 'HMAC-SHA256': 44, 'HMAC-SHA512': 88 }[method]);
  }
});

test('vector oauth-wiki-testcases-rsa-sha1: RSA-SHA1 through the binding', () => {
  const c = vector('oauth-wiki-testcases-rsa-sha1');
  const o = c.oauth;
  const s = new oauth1.Signer(o.consumer_key, o.consumer_secret, {
    token: o.token, tokenSecret: o.token_secret ?? '', signatureMethod: 'RSA-SHA1', rsaPrivateKey: o.rsa_private_key_pem,
    includeVersion: o.version !== null,
  }).sign(c.request.method, c.request.url, {
    body: c.request.body, contentType: c.request.content_type, timestamp: o.timestamp, nonce: o.nonce,
  });
  assert.equal(s.signature, c.expect.signature);
  assert.equal(s.baseString, c.expect.base_string);
});

test('RSA-SHA256 and RSA-SHA512: signed, then verified with the public key', () => {
  const pem = vector('oauth-wiki-testcases-rsa-sha1').oauth.rsa_private_key_pem;
  const pub = crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' });
  const credentials = new oauth1.Credentials().addConsumer('ck-rsa', null, { rsaPublicKey: pub });
  const verifier = new oauth1.Verifier(credentials, { nonceStore: new oauth1.MemoryNonceStore(), now: 1700000000 });
  for (const method of ['RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512']) {
    const s = new oauth1.Signer('ck-rsa', '', { signatureMethod: method, rsaPrivateKey: pem })
      .sign('GET', 'https://api.example.com/x', { timestamp: 1700000000, nonce: `n-${method}` });
    assert.equal(verifier.verify('GET', 'https://api.example.com/x', { authorization: s.authorizationHeader }).signatureMethod, method);
  }
  assert.throws(() => new oauth1.Signer('ck', '', { signatureMethod: 'RSA-SHA256', rsaPrivateKey: 'not a key' }),
    (e) => e.kind === 'invalid_key' && /key/.test(e.message));
});

test('the three transmissions: Authorization header, URL query (s3.5.3), form body (s3.5.2)', () => {
  const signer = new oauth1.Signer('ck', 'cs');
  const s = signer.sign('POST', 'https://h.example/p?x=1', { body: 'a=1&b=2', contentType: FORM, ...FIXED });
  assert.match(s.authorizationHeader, /^OAuth oauth_consumer_key="ck", /);
  assert.match(s.url, /^https:\/\/h\.example\/p\?x=1&oauth_consumer_key=ck&.*&oauth_signature=[^&]+$/);
  assert.match(s.formBody, /^a=1&b=2&oauth_consumer_key=ck&.*&oauth_signature=[^&]+$/);
  assert.match(s.oauthQuery, /^oauth_consumer_key=ck&.*oauth_signature=/);
  const json = signer.sign('POST', 'https://h.example/p', { body: '{}', contentType: 'application/json' });
  assert.throws(() => json.formBody, (e) => e instanceof oauth1.OAuth1Error && e.kind === 'invalid_parameter');
});

test('realm: in the header only, never signed; a control character is refused', () => {
  const s = new oauth1.Signer('ck', 'cs', { realm: 'Photos' }).sign('GET', 'http://h.example/', FIXED);
  assert.match(s.authorizationHeader, /^OAuth realm="Photos", /);
  assert.ok(!s.baseString.includes('realm'));
  assert.throws(() => new oauth1.Signer('ck', 'cs', { realm: 'a\nb' }), (e) => e.kind === 'invalid_parameter' && /realm/.test(e.message));
});

test('body hash policies: off, non-form, always (a form body refused), booleans', () => {
  const JSON_BODY = '{"a":1}';
  const sign = (bodyHash, body, contentType) => new oauth1.Signer('ck', 'cs', { bodyHash }).sign('POST', 'http://h.example/', { body, contentType });
  assert.equal(param(sign('off', JSON_BODY, 'application/json'), 'oauth_body_hash'), undefined);
  assert.equal(param(sign(false, JSON_BODY, 'application/json'), 'oauth_body_hash'), undefined);
  assert.equal(param(sign('non-form', JSON_BODY, 'application/json'), 'oauth_body_hash'), 'n4nHQM60bXQYySSnisV5QdXpZSA=');
  assert.equal(param(sign('non-form', null, null), 'oauth_body_hash'), undefined);
  assert.equal(param(sign('non-form', 'a=1', FORM), 'oauth_body_hash'), undefined);
  assert.equal(param(sign('always', null, null), 'oauth_body_hash'), '2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
  assert.equal(param(sign(true, new Uint8Array([123, 34, 97, 34, 58, 49, 125]), 'application/json'), 'oauth_body_hash'), 'n4nHQM60bXQYySSnisV5QdXpZSA=');
  assert.throws(() => sign('always', 'a=1', FORM), (e) => e.kind === 'invalid_parameter');
  assert.throws(() => sign('sometimes', null, null), (e) => e.kind === 'invalid_parameter' && /sometimes/.test(e.message));
  assert.throws(() => sign(1, null, null), TypeError);
});

test('timestamp and nonce: fresh by default, fixed, or OMIT; extra protocol parameters', () => {
  const signer = new oauth1.Signer('ck', 'cs', { signatureMethod: 'PLAINTEXT', nonceLength: 8, nonceAlphabet: 'ab' });
  const fresh = signer.sign('GET', 'http://h.example/');
  assert.match(param(fresh, 'oauth_nonce'), /^[ab]{8}$/);
  assert.ok(Math.abs(Number(param(fresh, 'oauth_timestamp')) - Date.now() / 1000) < 60);
  const omitted = signer.sign('GET', 'http://h.example/', { timestamp: oauth1.OMIT, nonce: oauth1.OMIT });
  assert.equal(param(omitted, 'oauth_nonce'), undefined);
  const extra = signer.sign('GET', 'http://h.example/', { ...FIXED, extraOAuthParams: { oauth_session_handle: 'sh 1' } });
  assert.equal(param(extra, 'oauth_session_handle'), 'sh 1');
  assert.throws(() => signer.sign('GET', 'http://h.example/', { timestamp: '-1' }), (e) => e.kind === 'invalid_parameter' && /timestamp/.test(e.message));
  assert.throws(() => signer.sign('GET', 'http://h.example/', { nonse: 'x' }), TypeError);
});

test('token flow: request token, authorization URL, callback, access token', () => {
  const consumer = new oauth1.Signer('ck', 'cs');
  const rt = consumer.requestTokenRequest('https://p.example/oauth/request_token', { callback: 'https://c.example/cb' });
  assert.equal(param(rt, 'oauth_callback'), 'https://c.example/cb');
  assert.equal(param(consumer.requestTokenRequest('https://p.example/rt'), 'oauth_callback'), 'oob');
  const issued = oauth1.parseTokenResponse('oauth_token=rt1&oauth_token_secret=rs1&oauth_callback_confirmed=true&x=1');
  assert.deepEqual([issued.token, issued.tokenSecret, issued.callbackConfirmed, issued.get('x')], ['rt1', 'rs1', true, '1']);
  assert.throws(() => oauth1.parseTokenResponse('oauth_token=rt1&oauth_token_secret=rs1'), (e) => e.kind === 'invalid_response' && /callback_confirmed/.test(e.message));
  const access = oauth1.parseTokenResponse(Buffer.from('oauth_token=at&oauth_token_secret=as'), { requireCallbackConfirmed: false });
  assert.equal(access.callbackConfirmed, null);
  assert.equal(oauth1.authorizationUrl('https://p.example/authorize?lang=en', 'rt 1'), 'https://p.example/authorize?lang=en&oauth_token=rt%201');
  assert.deepEqual(oauth1.parseCallback('https://c.example/cb?oauth_token=rt1&oauth_verifier=v1'), { token: 'rt1', verifier: 'v1' });
  assert.throws(() => oauth1.parseCallback('oauth_problem=user_refused'), (e) => e.kind === 'invalid_response' && /user_refused/.test(e.message));
  assert.deepEqual(oauth1.parseCallback('oauth_token=rt1&oauth_verifier=v1', { requestToken: 'rt1' }), { token: 'rt1', verifier: 'v1' });
  assert.throws(() => oauth1.parseCallback('oauth_token=rt2&oauth_verifier=v1', { requestToken: 'rt1' }), (e) => e.kind === 'invalid_response' && /rt2|another|token/.test(e.message));
  const withRt = consumer.withToken('rt1', 'rs1');
  const at = withRt.accessTokenRequest('https://p.example/oauth/access_token', { verifier: 'v1' });
  assert.equal(param(at, 'oauth_verifier'), 'v1');
  assert.equal(param(at, 'oauth_token'), 'rt1');
  assert.throws(() => consumer.accessTokenRequest('https://p.example/at', { verifier: 'v1' }), (e) => e.kind === 'invalid_parameter');
});

function provider(now = 1700000000) {
  const credentials = new oauth1.Credentials().addConsumer('ck', 'cs').addToken('tk', 'ts', 'ck');
  const nonceStore = new oauth1.MemoryNonceStore();
  return new oauth1.Verifier(credentials, { nonceStore, now, timestampWindow: 300, realm: 'api.example' });
}

test('verification: accepted once, the replay refused nonce_used (401), forgery signature_invalid', () => {
  const verifier = provider();
  const signer = new oauth1.Signer('ck', 'cs', { token: 'tk', tokenSecret: 'ts', realm: 'r' });
  const url = 'https://api.example/x?y=1';
  const s = signer.sign('POST', url, { body: 'a=b', contentType: FORM, ...FIXED });
  const ok = verifier.verify('POST', url, { headers: { Authorization: s.authorizationHeader, 'Content-Type': FORM }, body: 'a=b' });
  assert.deepEqual([ok.consumerKey, ok.token, ok.signatureMethod, ok.realm, ok.nonce, ok.timestamp, ok.parameterLocation],
    ['ck', 'tk', 'HMAC-SHA1', 'r', FIXED.nonce, 1700000000, 'header']);
  assert.equal(verifier.nonceStore.size, 1);
  assert.ok(verifier.nonceStore.contains('ck', 'tk', 1700000000, FIXED.nonce));
  assert.throws(() => verifier.verify('POST', url, { authorization: s.authorizationHeader, contentType: FORM, body: 'a=b' }), (e) => {
    assert.ok(e instanceof oauth1.VerificationError && e instanceof oauth1.OAuth1Error);
    assert.deepEqual([e.problem, e.httpStatus, e.kind], ['nonce_used', 401, 'verification_failed']);
    assert.equal(e.wwwAuthenticate, 'OAuth realm="api.example"');
    assert.match(e.body, /^oauth_problem=nonce_used/);
    assert.match(e.message, /^nonce_used/);
    return true;
  });
  const forged = signer.sign('POST', url, { body: 'a=c', contentType: FORM, timestamp: FIXED.timestamp, nonce: 'other' });
  assert.throws(() => verifier.verify('POST', url, { authorization: forged.authorizationHeader, contentType: FORM, body: 'a=b' }),
    (e) => e.problem === 'signature_invalid');
  assert.equal(verifier.nonceStore.size, 1, 'a forgery records no nonce');
});

test('verification problems: parameters absent, timestamp refused with its range, unknown consumer', () => {
  const verifier = provider();
  assert.throws(() => verifier.verify('GET', 'https://api.example/', { authorization: 'OAuth oauth_consumer_key="ck"' }), (e) => {
    assert.equal(e.problem, 'parameter_absent');
    assert.equal(e.httpStatus, 400);
    assert.ok(e.parameters.includes('oauth_signature'));
    return true;
  });
  const late = new oauth1.Signer('ck', 'cs').sign('GET', 'https://api.example/', { timestamp: 1600000000, nonce: 'n' });
  assert.throws(() => verifier.verify('GET', 'https://api.example/', { authorization: late.authorizationHeader }),
    (e) => e.problem === 'timestamp_refused' && e.acceptableTimestamps[0] === 1699999700 && e.acceptableTimestamps[1] === 1700000300);
  const stranger = new oauth1.Signer('who', 'cs').sign('GET', 'https://api.example/', FIXED);
  assert.throws(() => verifier.verify('GET', 'https://api.example/', { authorization: stranger.authorizationHeader }),
    (e) => e.problem === 'consumer_key_unknown');
});

test('verifier settings, credentials table and nonce store', () => {
  const verifier = provider();
  assert.equal(verifier.isAllowed('PLAINTEXT'), false);
  verifier.allowSignatureMethod('PLAINTEXT');
  assert.equal(verifier.isAllowed('PLAINTEXT'), true);
  assert.throws(() => verifier.isAllowed('HMAC-MD5'), (e) => e.kind === 'unsupported_signature_method');
  assert.equal(verifier.timestampWindow, 300);
  assert.equal(verifier.now, 1700000000);
  verifier.setClock(null);
  assert.ok(Math.abs(verifier.now - Date.now() / 1000) < 60);
  const creds = verifier.credentials;
  assert.deepEqual([creds.consumerCount, creds.tokenCount], [1, 1]);
  assert.equal(creds.removeToken('tk'), true);
  assert.equal(creds.removeToken('tk'), false);
  assert.equal(creds.removeConsumer('ck'), true);
  assert.throws(() => creds.addConsumer('ck2', null, { rsaPublicKey: 'junk' }), (e) => e.kind === 'invalid_key');
  const store = new oauth1.MemoryNonceStore();
  const clock = { now: 1000, window: 10 };
  assert.equal(store.checkAndRecord('ck', null, 995, 'n', clock), true);
  assert.equal(store.checkAndRecord('ck', '', 995, 'n', clock), false);
  store.forgetExpired({ now: 2000, window: 10 });
  assert.equal(store.size, 0);
  assert.throws(() => store.checkAndRecord('ck', null, -1, 'n', clock), RangeError);
});

test('received URL behind a proxy: Forwarded headers only when trusted', () => {
  const headers = { Host: 'internal:8080', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example' };
  assert.equal(oauth1.receivedUrl('/x?y=1', headers), 'http://internal:8080/x?y=1');
  assert.equal(oauth1.receivedUrl('/x?y=1', headers, { trustProxyHeaders: true }), 'https://api.example/x?y=1');
});

test('errors carry the library message and result code', () => {
  const signer = new oauth1.Signer('ck', 'cs');
  assert.throws(() => signer.sign('GET', 'ftp://x'), (e) => {
    assert.equal(e.kind, 'invalid_url');
    assert.equal(e.result, 6);
    assert.equal(e.message, 'invalid_url: url "ftp://x": scheme "ftp" is not http or https');
    return true;
  });
  assert.throws(() => new oauth1.Signer('ck', 'cs', { signatureMethod: 'hmac-sha1' }), (e) => e.kind === 'unsupported_signature_method' && /hmac-sha1/.test(e.message));
  assert.throws(() => new oauth1.Signer('', 'cs'), (e) => e.kind === 'invalid_parameter' && /consumer_key is empty/.test(e.message));
  assert.equal(oauth1.RESULT_KINDS[13], 'verification_failed');
  assert.match(oauth1.version, /^\d+\.\d+\.\d+/);
});

test('strings: UTF-8 passes; a NUL or a lone surrogate is refused before the C call; bodies keep every byte', () => {
  const signer = new oauth1.Signer('ck', 'cs');
  const s = signer.sign('GET', 'https://h.example/?q=caf\u00e9\u{1F600}', FIXED);
  assert.ok(s.baseString.endsWith('q%3Dcaf%25C3%25A9%25F0%259F%2598%2580'), s.baseString);
  assert.throws(() => signer.sign('GET', 'https://h.example/\0x'), (e) => e.kind === 'interior_nul' && /url holds a NUL/.test(e.message));
  assert.throws(() => new oauth1.Signer('ck\ud800', 'cs'), (e) => e.kind === 'invalid_utf8' && /consumerKey/.test(e.message));
  assert.throws(() => signer.sign(42, 'https://h.example/'), TypeError);
  // A body is (pointer, length): a NUL inside is data, hashed like any byte.
  const hashing = new oauth1.Signer('ck', 'cs', { bodyHash: 'always' });
  const h = hashing.sign('PUT', 'https://h.example/', { body: Buffer.from([0, 1, 0]), contentType: 'application/octet-stream' });
  assert.equal(param(h, 'oauth_body_hash'), crypto.createHash('sha1').update(Buffer.from([0, 1, 0])).digest('base64'));
  // A view into a larger buffer: exactly its bytes are sent.
  const big = Buffer.from('xx{"a":1}yy');
  const view = hashing.sign('PUT', 'https://h.example/', { body: big.subarray(2, 9), contentType: 'application/json' });
  assert.equal(param(view, 'oauth_body_hash'), 'n4nHQM60bXQYySSnisV5QdXpZSA=');
  const u16 = new Uint16Array(new Uint8Array(Buffer.from('{"a":1}\0')).buffer);
  assert.equal(param(hashing.sign('PUT', 'https://h.example/', { body: u16 }), 'oauth_body_hash'),
    crypto.createHash('sha1').update(Buffer.from('{"a":1}\0')).digest('base64'));
  // Not UTF-8 in a form body: refused by the core, with its message.
  assert.throws(() => signer.sign('POST', 'https://h.example/', { body: Buffer.from([0x61, 0x3d, 0xff]), contentType: FORM }), (e) => e.kind === 'invalid_encoding');
});

test('handles: close() frees now and twice is harmless; use after close throws; finalizers free the rest', async () => {
  const signer = new oauth1.Signer('ck', 'cs');
  const s = signer.sign('GET', 'https://h.example/');
  s.close();
  s.close();
  assert.throws(() => s.signature, /closed/);
  signer.close();
  assert.throws(() => signer.sign('GET', 'https://h.example/'), /closed/);
  if (typeof Symbol.dispose === 'symbol') {
    const scoped = new oauth1.Signer('ck', 'cs'); // what `using` calls at the end of a block
    scoped[Symbol.dispose]();
    assert.throws(() => scoped.consumerKey, /closed/);
  }
  // Unclosed handles: the FinalizationRegistry frees them once collected.
  if (typeof global.gc === 'function') {
    for (let i = 0; i < 2000; i++) new oauth1.Signer('ck', 'cs').sign('GET', 'https://h.example/');
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
    global.gc();
  }
});
