package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.model.Hash256;

class ProofOfWorkTest {
    private static final BigInteger LIMIT = TestParams.MAINNET_POW_LIMIT;
    private static final BlockHeader GENESIS = TestParams.MAINNET_GENESIS_HEADER;

    private static RejectReason reasonOf(Hash256 hash, long bits) {
        return assertThrows(ValidationException.class, () -> ProofOfWork.checkProofOfWork(hash, bits, LIMIT)).reason();
    }

    @Test
    void genesisMeetsItsTarget() {
        assertEquals("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", GENESIS.hash().toString());
        assertDoesNotThrow(() -> ProofOfWork.checkProofOfWork(GENESIS.hash(), GENESIS.bits(), LIMIT));
    }

    @Test
    void hashAboveTargetIsHighHash() {
        // Genesis's hash is about 2^204.7: a target of 0x1a... (about 2^200) is too hard for it.
        assertEquals(RejectReason.HIGH_HASH, reasonOf(GENESIS.hash(), 0x1a00ffffL));
        assertEquals(RejectReason.HIGH_HASH, reasonOf(GENESIS.withNonce(0).hash(), GENESIS.bits()));
    }

    @Test
    void hashEqualToTargetPasses() {
        BigInteger target = CompactTarget.decode(0x1c123456L).value();
        byte[] be = target.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        Hash256 atTarget = Hash256.wrap(le);
        assertEquals(target, atTarget.toBigInteger());
        assertDoesNotThrow(() -> ProofOfWork.checkProofOfWork(atTarget, 0x1c123456L, LIMIT));
        le[0]++;
        assertEquals(RejectReason.HIGH_HASH, reasonOf(Hash256.wrap(le), 0x1c123456L));
    }

    @ParameterizedTest(name = "bits 0x{0} is a bad encoding")
    @ValueSource(strings = {
        "00000000", // zero
        "03000000", // zero with an exponent
        "1d80ffff", // negative
        "ff123456", // overflow
        "1d010000", // just above powLimit
        "207fffff", // regtest's limit, far above mainnet's
    })
    void unusableBitsAreBadEncoding(String bits) {
        // Even a zero hash cannot pass: the encoding itself is refused before any comparison.
        assertEquals(RejectReason.BAD_BITS_ENCODING, reasonOf(Hash256.ZERO, Long.parseLong(bits, 16)));
    }

    @Test
    void powLimitItselfIsAllowed() {
        assertDoesNotThrow(() -> ProofOfWork.target(0x1d00ffffL, LIMIT));
        assertEquals(LIMIT, assertDoesNotThrow(() -> ProofOfWork.target(0x1d00ffffL, LIMIT)));
    }

    @Test
    void workOfGenesisIsCoresFirstChainWork() {
        // Core's chainwork after the genesis block: 0x100010001.
        assertEquals(new BigInteger("100010001", 16), ProofOfWork.work(0x1d00ffffL));
    }

    @Test
    void workMatchesCoresFormula() {
        BigInteger notMask = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        for (long bits : new long[] {0x1d00ffffL, 0x1b0404cbL, 0x17034219L, 0x01010000L, 0x207fffffL, 0x2100ffffL}) {
            BigInteger t = CompactTarget.decode(bits).value();
            BigInteger core = t.xor(notMask).divide(t.add(BigInteger.ONE)).add(BigInteger.ONE);
            assertEquals(core, ProofOfWork.work(bits), () -> Long.toHexString(bits));
        }
    }

    @Test
    void unusableBitsAddNoWork() {
        assertEquals(BigInteger.ZERO, ProofOfWork.work(0));
        assertEquals(BigInteger.ZERO, ProofOfWork.work(0x1d80ffffL));
        assertEquals(BigInteger.ZERO, ProofOfWork.work(0xff123456L));
    }
}
