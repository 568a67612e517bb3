package org.nakamoto.chain.params;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nakamoto.chain.codec.Base58;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.codec.Bech32Errors;
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

    /**
     * What {@link #decode} makes of a string: a destination, or Core's {@code error} and
     * {@code error_locations} (character positions, for bech32 strings whose checksum or characters fail).
     */
    public record Decoding(Optional<Destination> destination, String error, List<Integer> errorLocations) {
        public Decoding {
            errorLocations = List.copyOf(errorLocations);
        }

        static Decoding valid(Destination d) {
            return new Decoding(Optional.of(d), "", List.of());
        }

        static Decoding invalid(String error, List<Integer> locations) {
            return new Decoding(Optional.empty(), error, locations);
        }
    }

    private Addresses() {
    }

    /**
     * Parses any address of {@code params}' network.
     *
     * @throws ParseException when the text is no address of this network, with {@link #decode}'s error
     */
    public static Destination parse(String text, NetworkParams params) {
        Decoding d = decode(text, params);
        return d.destination().orElseThrow(() -> new ParseException(d.error()));
    }

    /**
     * Decodes as Core's DecodeDestination does: a string with a valid bech32 or bech32m checksum is a witness
     * address or refused as one (any human-readable part, so that another network's address says so);
     * otherwise Base58Check; otherwise, if it is not even Base58, the bech32 error locator says what is wrong
     * and where.
     */
    public static Decoding decode(String text, NetworkParams params) {
        boolean bech32;
        try {
            Bech32.decode(text);
            bech32 = true;
        } catch (ParseException e) {
            bech32 = false;
        }
        if (bech32) {
            try {
                SegwitAddress a = SegwitAddress.parse(text, params.bech32Hrp());
                return Decoding.valid(new Destination(Kind.WITNESS, a.scriptPubKey(), Optional.of(a)));
            } catch (ParseException e) {
                return Decoding.invalid(e.getMessage(), List.of());
            }
        }
        byte[] payload;
        try {
            payload = Base58Check.decode(text);
        } catch (ParseException e) {
            if (isBase58(text)) {
                return Decoding.invalid("Invalid checksum or length of Base58 address (P2PKH or P2SH)", List.of());
            }
            Bech32Errors.Report r = Bech32Errors.locate(text);
            return Decoding.invalid("Bech32(m) address decoded with error: " + r.message(), r.positions());
        }
        // Core reads at most 21 bytes of Base58Check payload; a longer one fails as a bad checksum would.
        if (payload.length > 21) {
            return Decoding.invalid("Invalid checksum or length of Base58 address (P2PKH or P2SH)", List.of());
        }
        int version = payload.length == 0 ? -1 : payload[0] & 0xff;
        if (payload.length < 21) {
            return Decoding.invalid(version == params.pubKeyHashVersion() || version == params.scriptHashVersion()
                    ? "Invalid length for Base58 address (P2PKH or P2SH)" : "Invalid or unsupported Base58-encoded address.",
                    List.of());
        }
        byte[] hash = Arrays.copyOfRange(payload, 1, 21);
        if (version == params.pubKeyHashVersion()) {
            return Decoding.valid(new Destination(Kind.P2PKH, Address.p2pkh(version, hash).scriptPubKey(), Optional.empty()));
        }
        if (version == params.scriptHashVersion()) {
            return Decoding.valid(new Destination(Kind.P2SH, p2sh(hash), Optional.empty()));
        }
        return Decoding.invalid(String.format("Invalid or unsupported Base58-encoded address: version 0x%02x belongs to "
                + "another network", version), List.of());
    }

    private static boolean isBase58(String text) {
        try {
            Base58.decode(text);
            return true;
        } catch (ParseException e) {
            return false;
        }
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
