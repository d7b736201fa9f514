#!/usr/bin/env node
'use strict';
// `make bench-node`: the standard request of `make bench` (POST with a form
// body and a query, HMAC-SHA256, token, realm; crates/oauth1/benches/common)
// signed and rendered as an Authorization header
//   - through the binding (bindings/node over liboauth1.so, koffi),
//   - by oauth-1.0a (npm; pure JS over node:crypto's HMAC), the usual Node peer,
//   - through the C API (tests/bindings/sign_ns.c, one process per round),
// in interleaved rounds of one run, so that a load change on the shared
// machine hits all alike. Prints the medians and the ratios, and what one FFI
// crossing costs, to show where the binding's time goes.
//
//   node tests/node/bench.js [SIGN_NS_BINARY]

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const path = require('node:path');
const koffi = require('../../bindings/node/node_modules/koffi');
const OAuth = require('../../bindings/node/node_modules/oauth-1.0a');
const oauth1 = require('../../bindings/node');

const URL = 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait';
const BODY = 'status=active&tags=a%2Cb&name=John+Doe'; // a string, sent as UTF-8 (what callers have)
const FORM = 'application/x-www-form-urlencoded';
const CK = 'ck_5f4dcc3b5aa765d61d8327deb882cf99';
const CS = 'cs_2c26b46b68ffc68ff99b453c1d30413413422d706';
const TK = 'tk_6b86b273ff34fce19d6b804eff5a3f57';
const TS = 'ts_d4735e3a265e46eff7f4b6f0b3e2ab4b';
const TIMESTAMP = '1700000000';
const NONCE = 'kllo9940pd9333jh';
const SIGNATURE = '7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=';
const ROUNDS = 15;
const ITERS = 20000;

const signer = new oauth1.Signer(CK, CS, { token: TK, tokenSecret: TS, signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1' });
const options = new oauth1.SignOptions({ timestamp: TIMESTAMP, nonce: NONCE });
let sink = 0;

function bindingReused() {
  const s = signer.sign('POST', URL, { body: BODY, contentType: FORM, options });
  sink += s.authorizationHeader.length;
  s.close();
}

function bindingHeaderOnly() {
  sink += signer.authorizationHeader('POST', URL, { body: BODY, contentType: FORM, options }).length;
}

function bindingInline() {
  const s = signer.sign('POST', URL, { body: BODY, contentType: FORM, timestamp: TIMESTAMP, nonce: NONCE });
  sink += s.authorizationHeader.length;
  s.close();
}

// oauth-1.0a takes the body's parameters decoded, as an object, and makes its
// own timestamp and nonce: fixed here to the standard request's. It keeps a
// default port in the base string URI (RFC 5849 s3.4.1.2 drops `:443`), so it
// gets the same URL without it, which it then signs byte for byte alike.
const peer = OAuth({
  consumer: { key: CK, secret: CS },
  signature_method: 'HMAC-SHA256',
  realm: '1234567_SB1',
  hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64'),
});
peer.getTimeStamp = () => TIMESTAMP;
peer.getNonce = () => NONCE;
const PEER_TOKEN = { key: TK, secret: TS };
const PEER_REQUEST = { url: URL.replace(':443/', '/'), method: 'POST', data: Object.fromEntries(new URLSearchParams(BODY)) };

function peerSign() {
  const authorized = peer.authorize(PEER_REQUEST, PEER_TOKEN);
  sink += peer.toHeader(authorized).Authorization.length;
}

// The FFI alone: koffi calls into the same library that do (almost) no work.
const lib = koffi.load(process.env.OAUTH1_LIB || path.resolve(__dirname, '..', '..', 'target', 'c', 'lib', 'liboauth1.so'));
const freeNull = lib.func('void oauth1_signed_free(void *p)');
const resultStr = lib.func('const char *oauth1_result_str(uint32_t r)');
const ffiVoid = () => freeNull(null);
const ffiString = () => { sink += resultStr(4).length; };

function roundNs(f, iters = ITERS) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) f();
  return Number(process.hrtime.bigint() - start) / iters;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function cRound(binary) {
  const r = spawnSync(binary, [String(ITERS), '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${binary} failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

function main() {
  const cBinary = process.argv[2];
  // Both sign the same request: the same signature.
  const check = signer.sign('POST', URL, { body: BODY, contentType: FORM, options });
  if (check.signature !== SIGNATURE) throw new Error(`binding: not the standard signature: ${check.signature}`);
  const peerSig = peer.authorize(PEER_REQUEST, PEER_TOKEN).oauth_signature;
  if (peerSig !== SIGNATURE) throw new Error(`oauth-1.0a: not the standard signature: ${peerSig}`);

  const fns = { bindingReused, bindingHeaderOnly, bindingInline, peerSign, ffiVoid, ffiString };
  for (const f of Object.values(fns)) roundNs(f, 5000); // warm-up (JIT)
  const samples = Object.fromEntries([...Object.keys(fns), 'c'].map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    if (cBinary) samples.c.push(cRound(cBinary));
    for (const [name, f] of Object.entries(fns)) samples[name].push(roundNs(f));
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.length ? median(v) : NaN]));
  const peerVersion = require('../../bindings/node/node_modules/oauth-1.0a/package.json').version;
  const koffiVersion = require('../../bindings/node/node_modules/koffi/package.json').version;
  const f = (ns) => `${ns.toFixed(0).padStart(6)} ns`;
  const x = (a, b) => `${(a / b).toFixed(2)}x`;
  console.log(`bench-node: the standard request (POST + query + form body, HMAC-SHA256, token, realm), signed + Authorization header;`);
  console.log(`            median of ${ROUNDS} interleaved rounds of ${ITERS} (node ${process.version}, koffi ${koffiVersion}, oauth-1.0a ${peerVersion})`);
  if (cBinary) console.log(`  C API (liboauth1, same run)            ${f(m.c)}`);
  console.log(`  node binding, reused SignOptions       ${f(m.bindingReused)}   ${cBinary ? `${x(m.bindingReused, m.c)} C` : ''}`);
  console.log(`  node binding, authorizationHeader()    ${f(m.bindingHeaderOnly)}   ${cBinary ? `${x(m.bindingHeaderOnly, m.c)} C` : ''}   (no SignedRequest kept)`);
  console.log(`  node binding, inline timestamp/nonce   ${f(m.bindingInline)}   ${cBinary ? `${x(m.bindingInline, m.c)} C` : ''}   (SignOptions made per call)`);
  console.log(`  oauth-1.0a ${peerVersion} (pure JS + node:crypto) ${f(m.peerSign)}   ${cBinary ? `${x(m.peerSign, m.c)} C` : ''}`);
  console.log(`  node binding / oauth-1.0a: ${x(m.bindingReused, m.peerSign)} (sign()), ${x(m.bindingHeaderOnly, m.peerSign)} (authorizationHeader()), ${x(m.bindingInline, m.peerSign)} (inline)`);
  console.log(`  one koffi call: ${m.ffiVoid.toFixed(0)} ns (void, NULL argument), ${m.ffiString.toFixed(0)} ns (returning a C string);`);
  console.log('  sign() makes 4 crossings (sign: 4 strings and a Buffer in; the header; its free; the SignedRequest\'s free)');
  console.log('  plus a FinalizationRegistry register/unregister; authorizationHeader() the same crossings, no registry.');
  if (cBinary) {
    for (const [name, ns] of [['sign()', m.bindingReused], ['authorizationHeader()', m.bindingHeaderOnly]]) {
      const d = ns - m.c;
      console.log(`  ${name} minus C: ${d.toFixed(0)} ns of marshalling and crossing per signing (${x(d, m.c)} the signing itself)`);
    }
  }
  if (sink === 0) console.log('');
}

main();
