package org.nakamoto.node;

import org.nakamoto.chain.model.Script;

/** Where the built-in miner pays: an address of any form the network writes (P2PKH, P2SH, bech32) and its script. */
record MinePayout(String address, Script scriptPubKey) {
    @Override
    public String toString() {
        return address;
    }
}
