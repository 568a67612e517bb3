package org.nakamoto.chain.params;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;

/**
 * Every address form a network writes, in one place: Base58Check P2PKH and P2SH under the network's
 * version bytes, and bech32/bech32m witness programs under its human-readable part. RPC, the miner's
 * payout and the wallet all go through here, so a form added here is accepted everywhere.
 */
public final class Addresses {
    private static final int OP_HASH160 = 0xa9;
    private static final int OP_EQUAL = 0x87;

    /** What an address is. */
    public enum Kind {
        P2PKH, P2SH, WITNESS
    }

    /**
     * A decoded address: its kind, the output script that pays it, and for witness addresses the version
     * and program.
     */
    public record Destination(Kind kind, Script scriptPubKey, Optional<SegwitAddress> witness) {
        public boolean isScript() {
            return kind == Kind.P2SH || witness.map(w -> w.witnessVersion() == 0 && w.program().length == SegwitAddress.P2WSH_LENGTH)
                    .orElse(false);
        }
    }

    private Addresses() {
    }

    /**
     * Parses any address of {@code params}' network.
     *
     * @throws ParseException when the text is no address of this network
     */
    public static Destination parse(String text, NetworkParams params) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(params.bech32Hrp() + "1")) {
            SegwitAddress a = SegwitAddress.parse(text, params.bech32Hrp());
            return new Destination(Kind.WITNESS, a.scriptPubKey(), Optional.of(a));
        }
        byte[] payload;
        try {
            payload = Base58Check.decode(text);
        } catch (IllegalArgumentException e) {
            throw new ParseException("not a Base58Check or bech32 address of this network: " + e.getMessage(), e);
        }
        if (payload.length != 21) {
            throw new ParseException("Base58 address payload must be 21 bytes, got " + payload.length);
        }
        int version = payload[0] & 0xff;
        byte[] hash = Arrays.copyOfRange(payload, 1, 21);
        if (version == params.pubKeyHashVersion()) {
            return new Destination(Kind.P2PKH, Address.p2pkh(version, hash).scriptPubKey(), Optional.empty());
        }
        if (version == params.scriptHashVersion()) {
            return new Destination(Kind.P2SH, p2sh(hash), Optional.empty());
        }
        throw new ParseException(String.format("address version 0x%02x belongs to another network", version));
    }

    /** The address an output script pays (P2PKH, P2SH or a witness program), or empty. */
    public static Optional<String> of(Script s, NetworkParams params) {
        Optional<Address> pkh = Address.fromScriptPubKey(s, params.pubKeyHashVersion());
        if (pkh.isPresent()) {
            return Optional.of(pkh.get().toString());
        }
        byte[] b = s.unsafeBytes();
        if (isP2sh(b)) {
            byte[] payload = new byte[21];
            payload[0] = (byte) params.scriptHashVersion();
            System.arraycopy(b, 2, payload, 1, 20);
            return Optional.of(Base58Check.encode(payload));
        }
        return SegwitAddress.fromScriptPubKey(s, params.bech32Hrp()).map(SegwitAddress::toString);
    }

    private static boolean isP2sh(byte[] b) {
        return b.length == 23 && (b[0] & 0xff) == OP_HASH160 && b[1] == 20 && (b[22] & 0xff) == OP_EQUAL;
    }

    private static Script p2sh(byte[] hash) {
        byte[] s = new byte[23];
        s[0] = (byte) OP_HASH160;
        s[1] = 20;
        System.arraycopy(hash, 0, s, 2, 20);
        s[22] = (byte) OP_EQUAL;
        return Script.of(s);
    }
}
