package org.nakamoto.chain.scenario;

import java.math.BigInteger;
import java.util.Arrays;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * Signed spends for the soft-fork and policy rows: a pay-to-pubkey output of a fixed key, and the same
 * valid signature spelled the ways strict rules refuse (a non-DER encoding, a high S).
 */
final class Sigs {
    static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(0x5eed));
    static final Script P2PK = StandardScripts.payToPubKey(KEY.publicKeyBytes(true));
    /** Bare 1-of-1 multisig: OP_1 [key] OP_1 OP_CHECKMULTISIG. */
    static final Script MULTISIG = Script.of(concat(new byte[] {0x51}, ScriptCode.pushOf(KEY.publicKeyBytes(true)),
            new byte[] {0x51, (byte) 0xae}));

    private Sigs() {
    }

    /** How a signature is spelled in the spend. */
    enum Spelling { STRICT, NON_DER, HIGH_S }

    /** Spends {@code input}, locked by {@code lock} (P2PK or MULTISIG), into one OP_TRUE output of {@code value}. */
    static Transaction spend(OutPoint input, Script lock, long value, Spelling spelling, boolean nonNullDummy) {
        Transaction unsigned = new Transaction.Builder()
                .addInput(new TxIn(input, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value, BlockBuilder.OP_TRUE).build();
        byte[] sig = LegacySigner.sign(KEY, unsigned, 0, lock, SignatureHash.ALL);
        sig = switch (spelling) {
            case STRICT -> sig;
            case NON_DER -> nonDer(sig);
            case HIGH_S -> highS(sig);
        };
        byte[] scriptSig = lock.equals(MULTISIG)
                ? concat(new byte[] {(byte) (nonNullDummy ? 0x51 : 0x00)}, ScriptCode.pushOf(sig))
                : ScriptCode.pushOf(sig);
        return unsigned.toBuilder().setInput(0, new TxIn(input, Script.of(scriptSig), TxIn.SEQUENCE_FINAL)).build();
    }

    /** The same signature with a needless zero byte before R: lax DER reads it, BIP66 refuses it. */
    static byte[] nonDer(byte[] sigWithType) {
        int rLen = sigWithType[3];
        ByteWriter w = new ByteWriter();
        w.writeUint8(0x30).writeUint8((sigWithType[1] & 0xff) + 1).writeUint8(0x02).writeUint8(rLen + 1).writeUint8(0);
        w.writeBytes(Arrays.copyOfRange(sigWithType, 4, sigWithType.length));
        return w.toByteArray();
    }

    /** The same signature with s replaced by n - s: valid ECDSA, strict DER, but not low-S. */
    static byte[] highS(byte[] sigWithType) {
        byte[] der = Arrays.copyOf(sigWithType, sigWithType.length - 1);
        EcdsaSignature low = EcdsaSignature.parseLaxDer(der).orElseThrow();
        byte[] high = new EcdsaSignature(low.r(), Secp256k1.N.subtract(low.s())).encodeDer();
        return concat(high, new byte[] {sigWithType[sigWithType.length - 1]});
    }

    static byte[] concat(byte[]... parts) {
        ByteWriter w = new ByteWriter();
        for (byte[] p : parts) {
            w.writeBytes(p);
        }
        return w.toByteArray();
    }
}
