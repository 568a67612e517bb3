package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One declared parameter of an RPC method: its name, type, whether it is required, its default and
 * its description. The declaration drives validation, named-argument mapping and the help text.
 *
 * @param name         the name used for named arguments and shown in help
 * @param type         the declared type, checked before the handler runs
 * @param required     whether a call must supply it
 * @param defaultValue the value a handler sees when an optional parameter is omitted (or null for none)
 * @param defaultHint  what help shows as the default when it is not a plain JSON value (or null)
 * @param description  one line or more for help; must not be empty
 */
public record RpcParam(String name, ParamType type, boolean required, JsonNode defaultValue,
                       String defaultHint, String description) {

    public RpcParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name must be lower-case [a-z0-9_]: '" + name + "'");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a description");
        }
        if (required && (defaultValue != null || defaultHint != null)) {
            throw new IllegalArgumentException("required parameter '" + name + "' cannot have a default");
        }
    }

    public static RpcParam required(String name, ParamType type, String description) {
        return new RpcParam(name, type, true, null, null, description);
    }

    /** An optional parameter; {@code defaultValue} is what the handler sees when it is omitted (may be null). */
    public static RpcParam optional(String name, ParamType type, JsonNode defaultValue, String description) {
        return new RpcParam(name, type, false, defaultValue, null, description);
    }

    /**
     * An optional parameter without a JSON default, whose help shows {@code hint} instead
     * (Core's RPCArg::DefaultHint, for example "all commands").
     */
    public static RpcParam optionalWithHint(String name, ParamType type, String hint, String description) {
        return new RpcParam(name, type, false, null, hint, description);
    }
}
