// Independent check of the wallet's taproot key-path spends with bitcoinjs-lib and tiny-secp256k1
// (libsecp256k1 compiled to WebAssembly), which share no code with nakamoto.
//
// Input (argv[2]): JSON written by the wallet's test tool TaprootCrossCheckInput: transactions the wallet
// signed, each with the outputs its inputs spend and, for BIP86 inputs, the internal key. For each taproot
// input this script recomputes the BIP86 output key from the internal key (payments.p2tr), the BIP341
// signature hash (hashForWitnessV1, SIGHASH_DEFAULT unless the signature carries a hash type) and checks the
// BIP340 signature against the output key; anything that disagrees stops it with exit code 1. Output
// (argv[3]): the same JSON with "sighash" (hex) added to each taproot input and the tool's versions.
//
// Run: npm install bitcoinjs-lib tiny-secp256k1 into a directory outside the repository, then
//   NODE_PATH=<that dir>/node_modules node scripts/taproot-crosscheck.cjs in.json out.json
'use strict';
const fs = require('fs');
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');

bitcoin.initEccLib(ecc);
const hex = (b) => Buffer.from(b).toString('hex');
const bytes = (h) => Uint8Array.from(Buffer.from(h, 'hex'));

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let checked = 0;
for (const t of input.transactions) {
  const tx = bitcoin.Transaction.fromHex(t.hex);
  if (tx.getId() !== t.txid) throw new Error(`txid ${tx.getId()} != ${t.txid}`);
  const scripts = t.prevouts.map((p) => bytes(p.scriptPubKey));
  const values = t.prevouts.map((p) => BigInt(p.value));
  t.prevouts.forEach((p, i) => {
    if (p.internal_key === undefined) return; // not a taproot input
    const outputKey = scripts[i].slice(2);
    const p2tr = bitcoin.payments.p2tr({ internalPubkey: bytes(p.internal_key) });
    if (hex(p2tr.output) !== p.scriptPubKey) {
      throw new Error(`${t.txid}:${i}: BIP86 output ${hex(p2tr.output)} != ${p.scriptPubKey}`);
    }
    const witness = tx.ins[i].witness;
    if (witness.length !== 1) throw new Error(`${t.txid}:${i}: key path needs 1 witness item, has ${witness.length}`);
    const sig = witness[0];
    const hashType = sig.length === 65 ? sig[64] : 0x00; // 64 bytes: SIGHASH_DEFAULT
    const sighash = tx.hashForWitnessV1(i, scripts, values, hashType);
    if (!ecc.verifySchnorr(sighash, outputKey, sig.slice(0, 64))) {
      throw new Error(`${t.txid}:${i}: the Schnorr signature does not verify`);
    }
    p.sighash = hex(sighash);
    p.hash_type = hashType;
    checked++;
  });
}
// package.json is not in the packages' export maps: find it beside the resolved entry point.
const pkg = (name) => {
  const path = require('path');
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== name) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
};
input.checked_by = `bitcoinjs-lib ${pkg('bitcoinjs-lib')}, tiny-secp256k1 ${pkg('tiny-secp256k1')}, node ${process.version}`;
fs.writeFileSync(process.argv[3], JSON.stringify(input, null, 2) + '\n');
console.log(`${checked} taproot inputs: output key, sighash and signature agree`);
