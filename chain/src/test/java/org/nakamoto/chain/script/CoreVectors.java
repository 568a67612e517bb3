package org.nakamoto.chain.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.EnumSet;
import java.util.Set;

/** Loading Bitcoin Core's JSON vectors (test resources bitcoin/core/, see PROVENANCE.md there) for tests. */
final class CoreVectors {
    private CoreVectors() {
    }

    /** Parses a vector file; a name ending in ".gz" is gunzipped first. */
    static JsonNode load(String file) {
        try (InputStream in = CoreVectors.class.getResourceAsStream("/bitcoin/core/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource bitcoin/core/" + file);
            }
            return new ObjectMapper().readTree(file.endsWith(".gz") ? new GZIPInputStream(in) : in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a flag string names segwit or taproot. */
    static boolean namesWitness(String flags) {
        return flags.contains("WITNESS") || flags.contains("TAPROOT");
    }
}
