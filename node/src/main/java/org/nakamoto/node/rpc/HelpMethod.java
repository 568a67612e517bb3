package org.nakamoto.node.rpc;

/** Core's built-in {@code help [command]}: the overview of all methods, or one method's full help. */
final class HelpMethod {
    private HelpMethod() {
    }

    static RpcMethod create(RpcRegistry registry) {
        return RpcMethod.builder("help")
                .category(RpcCategory.CONTROL)
                .summary("List all commands, or get help for a specified command.")
                .param(RpcParam.optionalWithHint("command", ParamType.STRING, "all commands",
                        "The command to get help on"))
                .result("\"text\"    (string) The help text")
                .example()
                .example("getblockcount")
                .handler(p -> {
                    if (!p.has("command")) {
                        return RpcHelp.overview(registry.all());
                    }
                    String name = p.getString("command");
                    // Core answers an unknown command with this text as a result, not as an error.
                    return registry.find(name).map(RpcHelp::methodHelp)
                            .orElse("help: unknown command: " + name);
                })
                .build();
    }
}
