package org.nakamoto.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.keys.WifKey;

/**
 * The key `nakamotod --mine` pays to when no --mine-to address is given, so one command starts a mining
 * node. Kept in {@code <datadir>/miner.key} as WIF (owner-only, written atomically) and reused on
 * every start, so the coins it mined stay spendable: import the key into a wallet to move them.
 */
final class MiningKey {
    static final String FILE = "miner.key";

    private MiningKey() {
    }

    /** The payout address, creating and storing a new key on first use. */
    static Address loadOrCreate(Path dataDir, NetworkParams params) throws IOException {
        Path file = dataDir.resolve(FILE);
        WifKey key;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                key = WifKey.decode(text, params.wifVersion());
            } catch (ParseException e) {
                throw new IOException(file + " does not hold a " + params.name() + " WIF key: " + e.getMessage(), e);
            }
        } else {
            EcPrivateKey fresh = EcPrivateKey.generate(new SecureRandom());
            key = WifKey.of(fresh.toBytes(), true);
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, key.encode(params.wifVersion()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Address.fromPublicKey(params.pubKeyHashVersion(), key.publicKey());
    }
}
