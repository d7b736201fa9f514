#!/usr/bin/env node
'use strict';
// The conformance runner's Node.js side (bindings/node over liboauth1.so).
//
// Runs every vector file of a folder (argument, else $CONFORMANCE_DIR, else
// tests/conformance/vectors) and prints one line per file, e.g.
// `node vectors.json: 97 passed, 0 failed`, then each failure with its case id
// and the first field that differs. Exits non-zero on any failure. A case that
// cannot be run (unreadable, unknown shape) is a failure; nothing is skipped.
// Same case handling as tests/python/conformance.py and tests/c/conformance.c.

const fs = require('node:fs');
const path = require('node:path');
const oauth1 = require('../../bindings/node');

class CaseError extends Error {}

function typeName(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v;
}

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// block[name], which must be present and of one of the given typeof names ('null' for null).
function field(block, name, kinds, where) {
  if (!isObject(block)) throw new CaseError(`${where} is not an object`);
  if (!Object.hasOwn(block, name)) throw new CaseError(`${where}.${name} is missing`);
  const value = block[name];
  if (!kinds.includes(typeName(value))) throw new CaseError(`${where}.${name} has type ${typeName(value)}`);
  return value;
}

const optField = (block, name, where) => (Object.hasOwn(block, name) ? field(block, name, ['string', 'null'], where) : null);

// Signs a signing case's input through the binding, as a user would.
function signCase(c) {
  const request = c.request;
  const o = c.oauth;
  if (!isObject(request)) throw new CaseError('request is missing or not an object');
  if (!isObject(o)) throw new CaseError('oauth is missing or not an object');
  const opt = (name) => (o[name] === undefined || o[name] === null ? null : field(o, name, ['string'], 'oauth'));
  const extra = o.extra_oauth_params ?? {};
  if (!isObject(extra) || !Object.values(extra).every((v) => typeof v === 'string')) {
    throw new CaseError('oauth.extra_oauth_params is not an object of strings');
  }
  const bodyHash = o.body_hash ?? false;
  if (typeof bodyHash !== 'boolean' && typeof bodyHash !== 'string') throw new CaseError('oauth.body_hash is not a boolean');
  const token = opt('token');
  const signer = new oauth1.Signer(field(o, 'consumer_key', ['string'], 'oauth'), field(o, 'consumer_secret', ['string'], 'oauth'), {
    token,
    tokenSecret: token === null ? undefined : (opt('token_secret') ?? ''),
    signatureMethod: field(o, 'signature_method', ['string'], 'oauth'),
    realm: opt('realm'),
    rsaPrivateKey: opt('rsa_private_key_pem'),
    includeVersion: opt('version') !== null,
    bodyHash,
  });
  try {
    const timestamp = opt('timestamp');
    const nonce = opt('nonce');
    return signer.sign(field(request, 'method', ['string'], 'request'), field(request, 'url', ['string'], 'request'), {
      body: optField(request, 'body', 'request'),
      contentType: optField(request, 'content_type', 'request'),
      timestamp: timestamp === null ? oauth1.OMIT : timestamp,
      nonce: nonce === null ? oauth1.OMIT : nonce,
      callback: opt('callback'),
      verifier: opt('verifier'),
      extraOAuthParams: extra,
    });
  } finally {
    signer.close();
  }
}

const expectField = (c, name) => field(c.expect, name, ['string'], 'expect');

function checkVector(c) {
  let signed;
  try {
    signed = signCase(c);
  } catch (e) {
    if (e instanceof oauth1.OAuth1Error) return `refused: ${e.kind}: ${e.message}`;
    throw e;
  }
  try {
    for (const [name, prop] of [['normalized_parameters', 'normalizedParameters'], ['base_string', 'baseString'], ['signature', 'signature']]) {
      const want = expectField(c, name);
      const got = signed[prop];
      if (got !== want) return `${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    }
    return null;
  } finally {
    signed.close();
  }
}

function checkError(c) {
  const want = expectField(c, 'error');
  let signed;
  try {
    signed = signCase(c);
  } catch (e) {
    if (!(e instanceof oauth1.OAuth1Error)) throw e;
    return e.kind === want ? null : `error: expected ${want}, got ${e.kind}: ${e.message}`;
  }
  const signature = signed.signature;
  signed.close();
  return `error: expected ${want}, got a signature ${JSON.stringify(signature)}`;
}

// A verification case's provider (VERIFY.md, "Provider model"). Method names
// the library does not know are left out of the allowed list, as in the Rust
// runner: no request can use them anyway.
function buildProvider(block) {
  const isInt = (v) => Number.isSafeInteger(v) && v >= 0;
  const now = field(block, 'now', ['number'], 'provider');
  const window = field(block, 'timestamp_window', ['number'], 'provider');
  if (!isInt(now) || !isInt(window)) throw new CaseError('provider.now or timestamp_window is not a non-negative integer');
  const credentials = new oauth1.Credentials();
  for (const [key, consumer] of Object.entries(field(block, 'consumers', ['object'], 'provider'))) {
    const where = `provider.consumers[${JSON.stringify(key)}]`;
    credentials.addConsumer(key, field(consumer, 'secret', ['string', 'null'], where), {
      rsaPublicKey: field(consumer, 'rsa_public_key_pem', ['string', 'null'], where),
    });
  }
  for (const [token, t] of Object.entries(field(block, 'tokens', ['object'], 'provider'))) {
    const where = `provider.tokens[${JSON.stringify(token)}]`;
    credentials.addToken(token, field(t, 'secret', ['string'], where), field(t, 'consumer_key', ['string'], where));
  }
  const nonceStore = new oauth1.MemoryNonceStore();
  for (const entry of field(block, 'seen_nonces', ['list'], 'provider')) {
    if (!(Array.isArray(entry) && entry.length === 4 && isInt(entry[2]) && [0, 1, 3].every((i) => typeof entry[i] === 'string'))) {
      throw new CaseError(`provider.seen_nonces entry ${JSON.stringify(entry)} is not [str, str, int, str]`);
    }
    nonceStore.checkAndRecord(entry[0], entry[1], entry[2], entry[3], { now, window });
  }
  const methods = field(block, 'signature_methods', ['list'], 'provider');
  if (!methods.every((m) => typeof m === 'string')) throw new CaseError('a signature method is not a string');
  return new oauth1.Verifier(credentials, {
    nonceStore,
    signatureMethods: methods.filter((m) => oauth1.SIGNATURE_METHODS.includes(m)),
    timestampWindow: window,
    now,
  });
}

function closeProvider(verifier) {
  verifier.close();
  verifier.credentials.close();
  verifier.nonceStore.close();
}

// Verifies a case's request as a provider would: a VerifiedRequest or a VerificationError.
function verifyRequest(verifier, request) {
  if (!isObject(request)) throw new CaseError('request is missing or not an object');
  const headers = Object.hasOwn(request, 'headers') && request.headers !== null ? field(request, 'headers', ['object'], 'request') : {};
  for (const [n, v] of Object.entries(headers)) {
    if (typeof v !== 'string') throw new CaseError(`request.headers.${n} is not a string`);
  }
  try {
    return verifier.verify(field(request, 'method', ['string'], 'request'), field(request, 'url', ['string'], 'request'), {
      headers,
      body: optField(request, 'body', 'request'),
      contentType: optField(request, 'content_type', 'request'),
    });
  } catch (e) {
    if (e instanceof oauth1.VerificationError) return e;
    throw e;
  }
}

function compareVerify(expect, outcome) {
  const ok = field(expect, 'ok', ['boolean'], 'expect');
  const refused = outcome instanceof oauth1.VerificationError;
  if (ok) return refused ? `expected ok, got ${outcome.message}` : null;
  const want = field(expect, 'problem', ['string'], 'expect');
  const wantParams = Object.hasOwn(expect, 'parameters') ? field(expect, 'parameters', ['list'], 'expect') : [];
  if (!refused) return `expected ${want} ${JSON.stringify(wantParams)}, got ok`;
  if (outcome.problem !== want) return `problem: expected ${want}, got ${outcome.message}`;
  if (JSON.stringify(outcome.parameters) !== JSON.stringify(wantParams)) {
    return `parameters: expected ${JSON.stringify(wantParams)}, got ${JSON.stringify(outcome.parameters)} (${outcome.message})`;
  }
  return null;
}

function checkVerify(c) {
  const verifier = buildProvider(c.provider);
  try {
    return compareVerify(c.expect, verifyRequest(verifier, c.request));
  } finally {
    closeProvider(verifier);
  }
}

const RUNNERS = { 'vectors.json': checkVector, 'errors.json': checkError, 'verify.json': checkVerify };

function runFile(file, runner) {
  let cases;
  try {
    cases = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [0, [[file, `cannot read: ${e.message}`]]];
  }
  if (!Array.isArray(cases)) return [0, [[file, 'not a JSON list']]];
  let passed = 0;
  const failures = [];
  cases.forEach((c, i) => {
    const id = isObject(c) && typeof c.id === 'string' ? c.id : `#${i}`;
    let outcome;
    try {
      outcome = isObject(c) ? runner(c) : 'case is not an object';
    } catch (e) {
      // A case the runner cannot run is a failure.
      outcome = e instanceof CaseError ? `cannot run: ${e.message}` : `cannot run: ${e.name}: ${e.message}`;
    }
    if (outcome === null) passed++;
    else failures.push([id, outcome]);
  });
  return [passed, failures];
}

function main(argv) {
  const folder = argv[2] || process.env.CONFORMANCE_DIR || 'tests/conformance/vectors';
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(`node: ${folder} is not a folder`);
    return 2;
  }
  let failed = false;
  let ran = 0;
  for (const [name, runner] of Object.entries(RUNNERS)) {
    const file = path.join(folder, name);
    if (!fs.existsSync(file)) continue;
    ran++;
    const [passed, failures] = runFile(file, runner);
    console.log(`node ${name}: ${passed} passed, ${failures.length} failed`);
    for (const [id, why] of failures) console.log(`  FAIL ${id}: ${why}`);
    failed = failed || failures.length > 0;
  }
  if (ran === 0) {
    console.error(`node: none of ${Object.keys(RUNNERS).join(', ')} in ${folder}`);
    return 2;
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv);
