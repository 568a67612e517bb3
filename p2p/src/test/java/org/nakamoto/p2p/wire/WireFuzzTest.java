package org.nakamoto.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.nakamoto.p2p.wire.TestBytes.MAINNET;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated byte streams: the decoders may refuse them, but only with {@link WireException}.
 * Any other exception fails the test with the seed and input that caused it. Seeds are fixed so that a
 * failure reproduces.
 */
class WireFuzzTest {
    private static final int RUNS = 10_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private final MessageRegistry registry = MessageRegistry.standard();

    /** Feeds a stream in random chunks and decodes every frame, as a connection would. */
    private void consume(byte[] stream, Random random) {
        FrameDecoder d = new FrameDecoder(MAINNET, registry);
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(64));
            d.feed(stream, at, n);
            at += n;
            while (true) {
                try {
                    Frame f = d.next();
                    if (f == null) {
                        break;
                    }
                    registry.decode(f);
                } catch (WireException e) {
                    if (e.isFatal()) {
                        return;
                    }
                }
            }
        }
    }

    private void run(long seed, java.util.function.Function<Random, byte[]> inputs) {
        assertTimeoutPreemptively(BUDGET, () -> {
            Random random = new Random(seed);
            for (int i = 0; i < RUNS; i++) {
                byte[] input = inputs.apply(random);
                try {
                    consume(input, random);
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("run " + i + " (seed " + seed + ") threw on "
                            + org.nakamoto.chain.codec.Hex.encode(input), e);
                }
            }
        });
    }

    @Test
    void randomBytes() {
        run(42, random -> {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            return b;
        });
    }

    /** Random payloads in well-formed frames of every command: these reach every message decoder. */
    @Test
    void randomPayloadsInValidFrames() {
        List<String> commands = List.copyOf(registry.commands());
        run(7, random -> {
            String command = commands.get(random.nextInt(commands.size()));
            byte[] payload = new byte[random.nextInt(Math.min(registry.maxPayload(command), 400) + 1)];
            random.nextBytes(payload);
            if (payload.length > 0 && random.nextBoolean()) {
                payload[0] = (byte) random.nextInt(4); // small counts, so lists get parsed
            }
            return Frame.of(command, payload).encode(MAINNET);
        });
    }

    /** Valid messages of every type with bytes flipped, cut or appended, re-framed with a good checksum. */
    @Test
    void mutatedValidMessages() {
        List<Samples.Sample> samples = Samples.all();
        run(1234, random -> {
            Samples.Sample s = samples.get(random.nextInt(samples.size()));
            byte[] payload = s.payload();
            switch (random.nextInt(3)) {
                case 0 -> {
                    for (int k = 0; k < 1 + random.nextInt(4) && payload.length > 0; k++) {
                        payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> payload = java.util.Arrays.copyOf(payload, random.nextInt(payload.length + 1));
                default -> {
                    byte[] extra = new byte[1 + random.nextInt(8)];
                    random.nextBytes(extra);
                    payload = TestBytes.concat(payload, extra);
                }
            }
            byte[] wire = TestBytes.frame(s.message().command(), payload);
            if (random.nextInt(10) == 0) {
                wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8)); // header damage too
            }
            return wire;
        });
    }
}
