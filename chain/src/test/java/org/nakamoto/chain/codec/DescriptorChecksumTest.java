package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DescriptorChecksumTest {
    /** BIP380's example, and BIP386's single-key tr() with the checksum other implementations print for it. */
    @Test
    void knownChecksums() {
        assertEquals("89f8spxm", DescriptorChecksum.of("raw(deadbeef)"));
        assertEquals("tr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)#dh4fyxrd",
                DescriptorChecksum.append("tr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)"));
    }

    @Test
    void aCharacterOutsideBip380sSetHasNoChecksum() {
        assertEquals("", DescriptorChecksum.of("raw(deadbeef)\u00e9"));
    }
}
