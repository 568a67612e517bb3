package org.nakamoto.chain.codec;

/**
 * BIP380's output descriptor checksum: eight characters of a BCH code over the descriptor text, written after
 * a {@code #}. In chain so that the node's RPC (inferred {@code desc} fields, descriptor arguments) and the
 * wallet ({@code desc} of its coins) compute it once, the same way. Stateless.
 */
public final class DescriptorChecksum {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL};

    private DescriptorChecksum() {
    }

    /** The checksum of a descriptor without its {@code #}; empty when it has a character BIP380 does not allow. */
    public static String of(String desc) {
        long c = 1;
        int cls = 0;
        int clsCount = 0;
        for (int i = 0; i < desc.length(); i++) {
            int pos = INPUT_CHARSET.indexOf(desc.charAt(i));
            if (pos < 0) {
                return "";
            }
            c = polyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clsCount == 3) {
                c = polyMod(c, cls);
                cls = 0;
                clsCount = 0;
            }
        }
        if (clsCount > 0) {
            c = polyMod(c, cls);
        }
        for (int j = 0; j < 8; j++) {
            c = polyMod(c, 0);
        }
        c ^= 1;
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 8; j++) {
            sb.append(CHECKSUM_CHARSET.charAt((int) ((c >> (5 * (7 - j))) & 31)));
        }
        return sb.toString();
    }

    /** The descriptor followed by {@code #} and its checksum, as Core prints descriptors. */
    public static String append(String desc) {
        return desc + "#" + of(desc);
    }

    private static long polyMod(long c, int val) {
        long c0 = c >> 35;
        c = ((c & 0x7ffffffffL) << 5) ^ val;
        for (int i = 0; i < 5; i++) {
            if (((c0 >> i) & 1) != 0) {
                c ^= GENERATOR[i];
            }
        }
        return c;
    }
}
