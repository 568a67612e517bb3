package org.nakamoto.node.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One RPC method declared in one place, like Core's RPCHelpMan: name, category, summary, parameters,
 * result description, examples and handler. The declaration is what validates calls and what {@code help}
 * prints, so the two cannot drift apart. Immutable; build with {@link #builder(String)}:
 *
 * <pre>{@code
 * registry.register(RpcMethod.builder("getblockhash")
 *         .category(RpcCategory.BLOCKCHAIN)
 *         .summary("Returns hash of block in best-block-chain at height provided.")
 *         .param(RpcParam.required("height", ParamType.NUMBER, "The height index"))
 *         .result("\"hex\"    (string) The block hash")
 *         .example("1000")
 *         .handler(p -> chain.hashAt(p.getInt("height")))
 *         .build());
 * }</pre>
 */
public final class RpcMethod {
    private final String name;
    private final RpcCategory category;
    private final String summary;
    private final List<RpcParam> params;
    private final String result;
    private final List<List<String>> examples;
    private final RpcHandler handler;

    private RpcMethod(Builder b) {
        this.name = b.name;
        this.category = Objects.requireNonNull(b.category, () -> name + ": category is required");
        this.summary = requireText(b.summary, name + ": summary is required");
        this.params = List.copyOf(b.params);
        this.result = requireText(b.result, name + ": result description is required");
        this.examples = List.copyOf(b.examples);
        this.handler = Objects.requireNonNull(b.handler, () -> name + ": handler is required");
        params.forEach(this::checkDefault);
    }

    // A default that fails its own type would turn every call that omits it into an error: refuse it now.
    private void checkDefault(RpcParam p) {
        if (p.defaultValue() == null) {
            return;
        }
        String expected = p.type().expectedJsonType();
        if (expected != null && !expected.equals(ParamType.jsonTypeName(p.defaultValue()))) {
            throw new IllegalArgumentException(name + ": default of '" + p.name() + "' is not a " + expected);
        }
        try {
            ParamConverter.convert(p, p.defaultValue());
        } catch (RpcException e) {
            throw new IllegalArgumentException(name + ": default of '" + p.name() + "': " + e.getMessage(), e);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public RpcCategory category() {
        return category;
    }

    public String summary() {
        return summary;
    }

    public List<RpcParam> params() {
        return params;
    }

    public String result() {
        return result;
    }

    /** Each example is the list of command-line arguments after the method name. */
    public List<List<String>> examples() {
        return examples;
    }

    public RpcHandler handler() {
        return handler;
    }

    /** Number of leading parameters a positional call must supply (Core's IsValidNumArgs). */
    int requiredCount() {
        for (int n = params.size(); n > 0; n--) {
            if (params.get(n - 1).required()) {
                return n;
            }
        }
        return 0;
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    /** Collects a declaration; {@link #build()} checks it is complete. Not thread-safe: one builder, one thread. */
    public static final class Builder {
        private final String name;
        private RpcCategory category;
        private String summary;
        private final List<RpcParam> params = new ArrayList<>();
        private final Set<String> paramNames = new HashSet<>();
        private String result;
        private final List<List<String>> examples = new ArrayList<>();
        private RpcHandler handler;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("method name must be lower-case [a-z0-9_]: '" + name + "'");
            }
            this.name = name;
        }

        public Builder category(RpcCategory c) {
            this.category = c;
            return this;
        }

        /** What the method does; the first paragraph of its help. */
        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        /**
         * Declares the next positional parameter. Required parameters come first, as every Core method
         * has them, so that "the first n arguments" is always a valid call.
         */
        public Builder param(RpcParam p) {
            if (!paramNames.add(p.name())) {
                throw new IllegalArgumentException(name + ": duplicate parameter '" + p.name() + "'");
            }
            if (p.required() && params.stream().anyMatch(q -> !q.required())) {
                throw new IllegalArgumentException(name + ": required parameter '" + p.name()
                        + "' follows an optional one");
            }
            params.add(p);
            return this;
        }

        /** The result as Core's help shows it, e.g. {@code "n    (numeric) The current block count"}. */
        public Builder result(String text) {
            this.result = text;
            return this;
        }

        /** An example call: the arguments after the method name, as typed on the command line. */
        public Builder example(String... args) {
            this.examples.add(List.of(args));
            return this;
        }

        public Builder handler(RpcHandler h) {
            this.handler = h;
            return this;
        }

        public RpcMethod build() {
            return new RpcMethod(this);
        }
    }
}
