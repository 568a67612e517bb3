package org.nakamoto.chain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

/** BIP144 encodings, ids and BIP141 sizes, on BIP143's signed native P2WPKH example. */
class WitnessSerializationTest {
    // BIP143, "Native P2WPKH", the serialized signed transaction (bitcoin/bips bip-0143.mediawiki).
    static final String SIGNED = "01000000000102fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f"
            + "00000000494830450221008b9d1dc26ba6a9cb62127b02742fa9d754cd3bebf337f7a55d114c8e5cdd30be022040529b194ba3"
            + "f9281a99f2b1c0a19c0489bc22ede944ccf4ecbab4cc618ef3ed01eeffffffef51e1b804cc89d182d279655c3aa89e815b1b30"
            + "9fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac"
            + "7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac000247304402203609e17b84"
            + "f6a7d30c80bfa610b5b4542f32a8a0d5447a12fb1366d7f01cc44a0220573a954c4518331561406f90300e8f3358f51928d43c"
            + "212a8caed02de67eebee0121025476c2e83188368da1ff3e292e7acafcdb3566bb0ad253f62fc70f07aeee635711000000";

    @Test
    void witnessTransactionRoundTripsAndMeasuresAsBip141() {
        Transaction tx = Transaction.fromHex(SIGNED);
        assertTrue(tx.hasWitness());
        assertEquals(SIGNED, Hex.encode(tx.serialize()));
        assertTrue(tx.inputs().get(0).witness().isEmpty());
        assertEquals(2, tx.inputs().get(1).witness().size());
        byte[] stripped = tx.serializeWithoutWitness();
        assertEquals(stripped.length, tx.strippedSize());
        assertEquals(Hash256.sha256d(stripped), tx.txid());
        assertEquals(Hash256.sha256d(Hex.decode(SIGNED)), tx.wtxid());
        assertNotEquals(tx.txid(), tx.wtxid());
        assertEquals(3L * stripped.length + SIGNED.length() / 2, tx.weight());
        assertEquals((tx.weight() + 3) / 4, tx.vsize());

        Transaction legacy = Transaction.parse(stripped);
        assertFalse(legacy.hasWitness());
        assertEquals(tx.txid(), legacy.txid());
        assertEquals(legacy.txid(), legacy.wtxid());
        assertEquals(4L * legacy.size(), legacy.weight());
        assertEquals(legacy, tx.withoutWitness());

        Transaction rebuilt = legacy.toBuilder().setWitness(1, tx.inputs().get(1).witness()).build();
        assertEquals(tx, rebuilt);
        assertArrayEquals(tx.serialize(), rebuilt.serialize());
    }

    @Test
    void flagWithOnlyEmptyWitnessesIsSuperfluous() {
        Transaction legacy = Transaction.fromHex(SIGNED).withoutWitness();
        byte[] s = legacy.serialize();
        // version, marker, flag, the legacy body, two empty witnesses, lock time.
        String hex = Hex.encode(s);
        String body = hex.substring(8, hex.length() - 8);
        String bad = hex.substring(0, 8) + "0001" + body + "0000" + hex.substring(hex.length() - 8);
        assertThrows(ParseException.class, () -> Transaction.fromHex(bad));
        String unknownFlag = hex.substring(0, 8) + "0003" + body + "0000" + hex.substring(hex.length() - 8);
        assertThrows(ParseException.class, () -> Transaction.fromHex(unknownFlag));
    }

    @Test
    void blockCarriesWitnessesAndWeighs() {
        Transaction tx = Transaction.fromHex(SIGNED);
        Transaction coinbase = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(new byte[] {1, 1}), TxIn.SEQUENCE_FINAL,
                        Witness.of(new byte[32])))
                .addOutput(0, Script.EMPTY).build();
        BlockHeader h = new BlockHeader(1, Hash256.ZERO, Hash256.ZERO, 0, 0, 0);
        Block b = new Block(h, java.util.List.of(coinbase, tx));
        Block back = Block.parse(b.serialize());
        assertEquals(b, back);
        assertEquals(b.serialize().length, b.size());
        assertEquals(b.serializeWithoutWitness().length, b.strippedSize());
        assertEquals(3L * b.strippedSize() + b.size(), b.weight());
        assertEquals(MerkleTree.root(java.util.List.of(Hash256.ZERO, tx.wtxid())), MerkleTree.ofWitnesses(b.transactions()).root());
    }
}
