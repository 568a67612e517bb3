package org.nakamoto.node.api;

import java.util.Arrays;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.Taproot;

/**
 * A parsed output descriptor ({@link Descriptors#parseDescriptor}): what Core's Descriptor answers for the forms
 * nakamoto knows, i.e. its output script at a range position, whether it is ranged or solvable, whether private
 * keys were given, and its public string form without checksum. Immutable.
 */
sealed interface Descriptor {

    /** The output script at a position (ignored when not ranged). */
    Script script(long position) throws DescriptorKey.CannotDeriveException;

    /** True when a key ends in {@code /*}: one script per position. */
    default boolean isRange() {
        return false;
    }

    /** Core's IsSolvable: false for addr() and raw(), whose keys or scripts are unknown. */
    default boolean isSolvable() {
        return true;
    }

    default boolean hasPrivateKeys() {
        return false;
    }

    /**
     * The descriptor Core's scantxoutset shows for the script at a position (InferDescriptor with the keys the
     * expansion produced): keys with their full origin, see {@link DescriptorKey#inferred}; a fixed script as
     * {@link Descriptors#infer} names it. Without checksum.
     */
    String inferred(long position, NetworkParams params) throws DescriptorKey.CannotDeriveException;

    /**
     * addr(ADDRESS) or raw(HEX): a fixed script whose keys are unknown; {@code text} is the descriptor as Core prints
     * it (the address in its canonical form, the hex in lower case).
     */
    record Fixed(String text, Script scriptPubKey) implements Descriptor {
        @Override
        public Script script(long position) {
            return scriptPubKey;
        }

        @Override
        public boolean isSolvable() {
            return false;
        }

        @Override
        public String inferred(long position, NetworkParams params) {
            String d = Descriptors.infer(scriptPubKey, params);
            return d.substring(0, d.indexOf('#'));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** pk(KEY), pkh(KEY), wpkh(KEY), tr(KEY) (key path only, BIP86's tweak) and rawtr(KEY): one key, one script. */
    record SingleKey(String function, DescriptorKey key) implements Descriptor {
        @Override
        public Script script(long position) throws DescriptorKey.CannotDeriveException {
            byte[] k = key.publicKey(position);
            return switch (function) {
                case "pk" -> StandardScripts.payToPubKey(k);
                case "pkh" -> StandardScripts.payToPubKeyHash(Hashes.hash160(k));
                case "wpkh" -> StandardScripts.payToWitnessKeyHash(Hashes.hash160(k));
                case "tr" -> Script.of(Taproot.scriptPubKey(Taproot.outputKey(xOnly(k), null).xOnly()));
                case "rawtr" -> Script.of(Taproot.scriptPubKey(xOnly(k)));
                default -> throw new IllegalStateException(function);
            };
        }

        private static byte[] xOnly(byte[] key) {
            return Arrays.copyOfRange(key, 1, 33);
        }

        @Override
        public boolean isRange() {
            return key.isRange();
        }

        @Override
        public boolean hasPrivateKeys() {
            return key.hasPrivateKey();
        }

        @Override
        public String inferred(long position, NetworkParams params) throws DescriptorKey.CannotDeriveException {
            return function + "(" + key.inferred(position, function.equals("tr") || function.equals("rawtr")) + ")";
        }

        @Override
        public String toString() {
            return function + "(" + key + ")";
        }
    }

    /** sh(SCRIPT): P2SH of the inner descriptor's script. */
    record Sh(Descriptor inner) implements Descriptor {
        @Override
        public Script script(long position) throws DescriptorKey.CannotDeriveException {
            return StandardScripts.payToScriptHash(Hashes.hash160(inner.script(position).unsafeBytes()));
        }

        @Override
        public boolean isRange() {
            return inner.isRange();
        }

        @Override
        public boolean hasPrivateKeys() {
            return inner.hasPrivateKeys();
        }

        @Override
        public String inferred(long position, NetworkParams params) throws DescriptorKey.CannotDeriveException {
            return "sh(" + inner.inferred(position, params) + ")";
        }

        @Override
        public String toString() {
            return "sh(" + inner + ")";
        }
    }
}
