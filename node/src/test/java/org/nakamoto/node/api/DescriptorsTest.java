package org.nakamoto.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Script;

class DescriptorsTest {
    /** BIP380's test vector. */
    @Test
    void checksumMatchesBip380() {
        assertEquals("89f8spxm", Descriptors.checksum("raw(deadbeef)"));
    }

    @Test
    void asmFollowsCore() {
        assertEquals("OP_DUP OP_HASH160 0102030405060708090a0b0c0d0e0f1011121314 OP_EQUALVERIFY OP_CHECKSIG",
                ScriptJson.asm(Script.fromHex("76a9140102030405060708090a0b0c0d0e0f101112131488ac"), false));
        assertEquals("0 1 16 -1 OP_RETURN 101", ScriptJson.asm(Script.fromHex("0051604f6a0165"), false));
        assertEquals("nulldata", ScriptJson.type(Script.fromHex("6a0401020304")));
    }
}
