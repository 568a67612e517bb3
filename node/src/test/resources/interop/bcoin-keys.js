'use strict';
// Signs with bcoin's own library (KeyRing, MTX): the independent side of BcoinInteropIT.
// usage: node bcoin-keys.js BCOIN_HOME key
//        node bcoin-keys.js BCOIN_HOME spend WIF PREV_TX_HEX VOUT TO_ADDRESS AMOUNT_SAT FEE_SAT
const assert = require('assert');
const bcoin = require(require('path').join(process.argv[2], 'node_modules', 'bcoin'));
const {KeyRing, MTX, TX, Coin, Address} = bcoin;
const cmd = process.argv[3];
if (cmd === 'key') {
  const ring = KeyRing.generate(true);
  ring.witness = true;
  console.log(JSON.stringify({wif: ring.toSecret('regtest'), address: ring.getAddress('string', 'regtest')}));
} else if (cmd === 'spend') {
  const [wif, hex, vout, to, amount, fee] = process.argv.slice(4);
  const ring = KeyRing.fromSecret(wif, 'regtest');
  ring.witness = true;
  const prev = TX.fromRaw(Buffer.from(hex, 'hex'));
  const coin = Coin.fromTX(prev, Number(vout), -1);
  const mtx = new MTX();
  mtx.addCoin(coin);
  mtx.addOutput(Address.fromString(to, 'regtest'), Number(amount));
  mtx.addOutput(ring.getAddress(), coin.value - Number(amount) - Number(fee));
  assert(mtx.sign(ring) === 1, 'signed');
  assert(mtx.verify(), 'verifies');
  const tx = mtx.toTX();
  assert(tx.hasWitness(), 'P2WPKH spend carries a witness');
  console.log(tx.toRaw().toString('hex'));
} else {
  throw new Error('unknown command ' + cmd);
}
