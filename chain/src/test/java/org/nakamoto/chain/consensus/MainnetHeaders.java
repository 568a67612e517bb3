package org.nakamoto.chain.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/** The 8,065 real mainnet headers 822528..830592 and Core's chain work around them, from test resources. */
final class MainnetHeaders {
    static final int FIRST_HEIGHT = 822_528;
    static final int LAST_HEIGHT = 830_592;
    static final int[] RETARGET_HEIGHTS = {824_544, 826_560, 828_576, 830_592};

    /** Parsed once: the headers are immutable, and the file is 645 kB. */
    static final List<BlockHeader> HEADERS = load();
    static final JsonNode CHAINWORK = json("/bitcoin/mainnet-chainwork.json");

    private MainnetHeaders() {
    }

    static BlockHeader at(int height) {
        return HEADERS.get(height - FIRST_HEIGHT);
    }

    /** Core's cumulative chain work at one of the heights the file lists. */
    static BigInteger chainWork(int height) {
        return new BigInteger(CHAINWORK.get(Integer.toString(height)).asText(), 16);
    }

    static Hash256 tipHash() {
        return Hash256.fromHex(CHAINWORK.get("tipHash830592").asText());
    }

    /** The first header as a trusted checkpoint, its chain work derived from Core's value at its parent. */
    static ChainedHeader checkpoint() {
        BlockHeader first = HEADERS.get(0);
        return new ChainedHeader(first, FIRST_HEIGHT, chainWork(FIRST_HEIGHT - 1).add(ProofOfWork.work(first.bits())));
    }

    /** The headers after the checkpoint. */
    static List<BlockHeader> run() {
        return HEADERS.subList(1, HEADERS.size());
    }

    /** The headers up to and including {@code height}, as a branch starting at the checkpoint. */
    static HeaderListAncestry branchTo(int height) {
        return HeaderListAncestry.of(FIRST_HEIGHT, HEADERS.subList(0, height - FIRST_HEIGHT + 1));
    }

    /** The latest time any header carries: a clock set here accepts every header of the file. */
    static long latestTime() {
        return HEADERS.stream().mapToLong(BlockHeader::time).max().orElseThrow();
    }

    private static List<BlockHeader> load() {
        try (InputStream in = MainnetHeaders.class.getResourceAsStream("/bitcoin/mainnet-headers-822528-830592.bin")) {
            byte[] raw = in.readAllBytes();
            ByteReader r = new ByteReader(raw);
            List<BlockHeader> headers = new ArrayList<>(raw.length / BlockHeader.SIZE);
            while (r.hasRemaining()) {
                headers.add(BlockHeader.read(r));
            }
            return List.copyOf(headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String resource) {
        try (InputStream in = MainnetHeaders.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
