package org.nakamoto.node.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.keys.Bip32Versions;
import org.nakamoto.wallet.keys.DerivationPath;
import org.nakamoto.wallet.keys.ExtendedPrivateKey;
import org.nakamoto.wallet.keys.ExtendedPublicKey;
import org.nakamoto.wallet.keys.InvalidChildKeyException;
import org.nakamoto.wallet.keys.WifKey;

/**
 * One key expression of an output descriptor (BIP380): an optional origin {@code [fingerprint/path]}, then a hex
 * public key (32-byte x-only inside tr()), a WIF private key, or an xpub/xprv (tpub/tprv off mainnet) followed by
 * {@code /}-separated steps, hardened with {@code h} or {@code '}, and optionally a final {@code /*} or
 * {@code /*h} that makes it ranged. Parsed and printed as Core's ParsePubkey and PubkeyProvider::ToString do;
 * private keys are kept only to derive hardened steps and never printed. Immutable.
 */
final class DescriptorKey {
    /** Where a key expression appears: Core's ParseScriptContext, which decides the key forms allowed. */
    enum Context {
        TOP, P2SH, P2WPKH, P2TR;

        boolean permitsUncompressed() {
            return this == TOP || this == P2SH;
        }
    }

    private enum Derive { NONE, UNHARDENED, HARDENED }

    /** Why an expression has no key at a position: a hardened step with no private key (Core's Expand failing). */
    static final class CannotDeriveException extends Exception {
        CannotDeriveException() {
            super("Cannot derive script without private keys");
        }
    }

    private final byte[] fingerprint; // origin; null without one
    private final int[] originPath;
    private final byte[] constKey; // 33 or 65 bytes; null for an extended key
    private final boolean xOnly; // constKey written as 32 bytes (x-only, in tr())
    private final ExtendedPublicKey root;
    private final ExtendedPrivateKey rootPrivate; // null unless an xprv was given
    private final int[] path;
    private final Derive derive;
    private final boolean apostrophe; // hardened steps written ' (else h), as Core remembers per expression
    private final boolean hasPrivateKey;
    private final Bip32Versions versions;

    private DescriptorKey(byte[] fingerprint, int[] originPath, byte[] constKey, boolean xOnly, ExtendedPublicKey root,
                          ExtendedPrivateKey rootPrivate, int[] path, Derive derive, boolean apostrophe,
                          boolean hasPrivateKey, Bip32Versions versions) {
        this.fingerprint = fingerprint;
        this.originPath = originPath;
        this.constKey = constKey;
        this.xOnly = xOnly;
        this.root = root;
        this.rootPrivate = rootPrivate;
        this.path = path;
        this.derive = derive;
        this.apostrophe = apostrophe;
        this.hasPrivateKey = hasPrivateKey;
        this.versions = versions;
    }

    /**
     * Core's ParsePubkey.
     *
     * @throws IllegalArgumentException with Core's message (e.g. "Pubkey '00' is invalid")
     */
    static DescriptorKey parse(String text, Context ctx, NetworkParams params) {
        String[] origin = text.split("]", -1);
        if (origin.length > 2) {
            throw new IllegalArgumentException("Multiple ']' characters found for a single pubkey");
        }
        if (origin.length == 1) {
            return parseInner(text, ctx, params, null, new int[0], new boolean[1]);
        }
        if (origin[0].isEmpty() || origin[0].charAt(0) != '[') {
            throw new IllegalArgumentException("Key origin start '[ character expected but not found, got '"
                    + (origin[0].isEmpty() ? ']' : origin[0].charAt(0)) + "' instead");
        }
        String[] steps = origin[0].substring(1).split("/", -1);
        if (steps[0].length() != 8) {
            throw new IllegalArgumentException("Fingerprint is not 4 bytes (" + steps[0].length()
                    + " characters instead of 8 characters)");
        }
        if (!isHex(steps[0])) {
            throw new IllegalArgumentException("Fingerprint '" + steps[0] + "' is not hex");
        }
        boolean[] apostrophe = new boolean[1];
        int[] originPath = parsePath(steps, 1, steps.length, apostrophe);
        return parseInner(origin[1], ctx, params, Hex.decode(steps[0]), originPath, apostrophe);
    }

    /** Core's ParsePubkeyInner: the key and its derivation steps, after any origin. */
    private static DescriptorKey parseInner(String text, Context ctx, NetworkParams params, byte[] fingerprint,
                                            int[] originPath, boolean[] apostrophe) {
        String[] split = text.split("/", -1);
        String key = split[0];
        if (key.isEmpty()) {
            throw new IllegalArgumentException("No key provided");
        }
        if (Character.isWhitespace(key.charAt(0)) || Character.isWhitespace(key.charAt(key.length() - 1))) {
            throw new IllegalArgumentException("Key '" + key + "' is invalid due to whitespace");
        }
        if (split.length == 1) {
            if (isHex(key)) {
                return hexKey(key, ctx, fingerprint, originPath, apostrophe[0]);
            }
            WifKey wif = wif(key, params);
            if (wif != null) {
                if (!ctx.permitsUncompressed() && !wif.compressed()) {
                    throw new IllegalArgumentException("Uncompressed keys are not allowed");
                }
                byte[] pub = wif.publicKey();
                return new DescriptorKey(fingerprint, originPath, pub, ctx == Context.P2TR, null, null, null,
                        Derive.NONE, apostrophe[0], true, null);
            }
        }
        Bip32Versions versions = new Bip32Versions(params.bip32PrivateVersion(), params.bip32PublicVersion());
        ExtendedPrivateKey xprv = null;
        ExtendedPublicKey xpub;
        try {
            xpub = ExtendedPublicKey.fromBase58(key, versions);
        } catch (ParseException notPublic) {
            try {
                xprv = ExtendedPrivateKey.fromBase58(key, versions);
                xpub = xprv.neuter();
            } catch (ParseException notPrivate) {
                throw new IllegalArgumentException("key '" + key + "' is not valid");
            }
        }
        int end = split.length;
        Derive derive = Derive.NONE;
        if (split[end - 1].equals("*")) {
            derive = Derive.UNHARDENED;
            end--;
        } else if (split[end - 1].equals("*'") || split[end - 1].equals("*h")) {
            derive = Derive.HARDENED;
            apostrophe[0] = split[end - 1].equals("*'");
            end--;
        }
        int[] path = parsePath(split, 1, end, apostrophe);
        return new DescriptorKey(fingerprint, originPath, null, false, xpub, xprv, path, derive, apostrophe[0],
                xprv != null, versions);
    }

    private static DescriptorKey hexKey(String hex, Context ctx, byte[] fingerprint, int[] originPath,
                                        boolean apostrophe) {
        byte[] data = Hex.decode(hex);
        // CPubKey's IsValid: a length that matches the header byte; 06/07 are OpenSSL's hybrid form.
        if (data.length == 65 && (data[0] == 0x06 || data[0] == 0x07)) {
            throw new IllegalArgumentException("Hybrid public keys are not allowed");
        }
        boolean sized = data.length == 33 && (data[0] == 0x02 || data[0] == 0x03) || data.length == 65 && data[0] == 0x04;
        if (sized && EcPublicKey.decode(data).isPresent()) {
            if (!ctx.permitsUncompressed() && data.length == 65) {
                throw new IllegalArgumentException("Uncompressed keys are not allowed");
            }
            return new DescriptorKey(fingerprint, originPath, data, false, null, null, null, Derive.NONE, apostrophe,
                    false, null);
        }
        if (data.length == 32 && ctx == Context.P2TR && EcPublicKey.isValidXOnly(data)) {
            byte[] even = new byte[33];
            even[0] = 0x02;
            System.arraycopy(data, 0, even, 1, 32);
            return new DescriptorKey(fingerprint, originPath, even, true, null, null, null, Derive.NONE, apostrophe,
                    false, null);
        }
        throw new IllegalArgumentException("Pubkey '" + hex + "' is invalid");
    }

    private static WifKey wif(String text, NetworkParams params) {
        try {
            return WifKey.decode(text, params.wifVersion());
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Core's ParseKeyPath over {@code steps[from..to)}: indices below 2^31, hardened with ' or h. */
    private static int[] parsePath(String[] steps, int from, int to, boolean[] apostrophe) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            String step = steps[i];
            if (step.startsWith("<") && step.endsWith(">")) {
                throw new IllegalArgumentException("Key path value '" + step
                        + "' is a multipath specifier, which nakamoto does not support");
            }
            boolean hardened = !step.isEmpty() && (step.endsWith("'") || step.endsWith("h"));
            String digits = hardened ? step.substring(0, step.length() - 1) : step;
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Long.parseLong(digits) > 0xffffffffL) {
                throw new IllegalArgumentException("Key path value '" + digits + "' is not a valid uint32");
            }
            long index = Long.parseLong(digits);
            if (index > 0x7fffffffL) {
                throw new IllegalArgumentException("Key path value " + index + " is out of range");
            }
            if (hardened) {
                apostrophe[0] = step.endsWith("'");
            }
            out[i - from] = hardened ? DerivationPath.harden((int) index) : (int) index;
        }
        return out;
    }

    static boolean isHex(String s) {
        return !s.isEmpty() && s.length() % 2 == 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }

    boolean isRange() {
        return derive != Derive.NONE;
    }

    boolean hasPrivateKey() {
        return hasPrivateKey;
    }

    /**
     * The public key at a position of the range (ignored when not ranged): 33 bytes, or 65 for an uncompressed
     * hex or WIF key; an x-only key comes back with its even-y prefix.
     */
    byte[] publicKey(long position) throws CannotDeriveException {
        if (constKey != null) {
            return constKey.clone();
        }
        DerivationPath steps = DerivationPath.of(steps(position));
        try {
            if (steps.hasHardened()) {
                if (rootPrivate == null) {
                    throw new CannotDeriveException();
                }
                return rootPrivate.derive(steps).publicKey();
            }
            return root.derive(steps).publicKey();
        } catch (InvalidChildKeyException | IllegalStateException e) {
            // Core's CExtPubKey::Derive fails the same way for BIP32's invalid child and below depth 255.
            throw new CannotDeriveException();
        }
    }

    /** The steps from the extended key to the key at a position: the path, then the position when ranged. */
    private int[] steps(long position) {
        if (derive == Derive.NONE) {
            return path;
        }
        int[] steps = Arrays.copyOf(path, path.length + 1);
        steps[path.length] = derive == Derive.HARDENED ? DerivationPath.harden((int) position) : (int) position;
        return steps;
    }

    /**
     * The key at a position as Core's InferDescriptor names it after expanding the descriptor (scantxoutset's
     * {@code desc}): {@code [fingerprint/path]} then the hex key, x-only when {@code xOnlyKey}. The origin is the
     * given one followed by the steps taken; without one, an extended key's own fingerprint, or for a plain key the
     * first 4 bytes of its hash160, as Core's pubkey providers record them. Hardened steps are written h.
     */
    String inferred(long position, boolean xOnlyKey) throws CannotDeriveException {
        byte[] key = publicKey(position);
        byte[] fp = fingerprint;
        int[] steps = originPath;
        if (constKey == null) {
            fp = fp != null ? fp : ByteBuffer.allocate(4).putInt(root.fingerprint()).array();
            int[] own = steps(position);
            steps = Arrays.copyOf(originPath, originPath.length + own.length);
            System.arraycopy(own, 0, steps, originPath.length, own.length);
        } else if (fp == null) {
            fp = Arrays.copyOf(Hashes.hash160(constKey), 4);
        }
        StringBuilder sb = new StringBuilder("[").append(Hex.encode(fp));
        for (int step : steps) {
            sb.append('/').append(step & ~DerivationPath.HARDENED_BIT).append(DerivationPath.isHardened(step) ? "h" : "");
        }
        return sb.append(']').append(Hex.encode(xOnlyKey ? Arrays.copyOfRange(key, 1, 33) : key)).toString();
    }

    /** Core's ToString(PUBLIC): hex keys as given (lower case), an xprv as its xpub, each origin and step as written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (fingerprint != null) {
            sb.append('[').append(Hex.encode(fingerprint));
            appendPath(sb, originPath);
            sb.append(']');
        }
        if (constKey != null) {
            return sb.append(Hex.encode(xOnly ? Arrays.copyOfRange(constKey, 1, 33) : constKey)).toString();
        }
        sb.append(root.toBase58(versions));
        appendPath(sb, path);
        if (derive != Derive.NONE) {
            sb.append("/*");
            if (derive == Derive.HARDENED) {
                sb.append(apostrophe ? '\'' : 'h');
            }
        }
        return sb.toString();
    }

    private void appendPath(StringBuilder sb, int[] steps) {
        for (int step : steps) {
            sb.append('/').append(step & ~DerivationPath.HARDENED_BIT);
            if (DerivationPath.isHardened(step)) {
                sb.append(apostrophe ? '\'' : 'h');
            }
        }
    }
}
