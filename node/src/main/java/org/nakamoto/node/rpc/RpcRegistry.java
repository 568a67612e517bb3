package org.nakamoto.node.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of RPC methods by name (Core's CRPCTable). {@code help} is always registered. Methods may be
 * registered while the server is already answering (modules come up one by one), so the table is a
 * ConcurrentHashMap: lookups from worker threads need no lock and see a method as soon as it is added.
 */
public final class RpcRegistry {
    private final ConcurrentHashMap<String, RpcMethod> methods = new ConcurrentHashMap<>();

    public RpcRegistry() {
        register(HelpMethod.create(this));
    }

    /** @throws IllegalArgumentException when a method of that name is already registered */
    public RpcRegistry register(RpcMethod method) {
        RpcMethod previous = methods.putIfAbsent(method.name(), method);
        if (previous != null) {
            throw new IllegalArgumentException("RPC method '" + method.name() + "' is already registered");
        }
        return this;
    }

    public Optional<RpcMethod> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /** A snapshot of every registered method, including hidden ones. */
    public Collection<RpcMethod> all() {
        return List.copyOf(new ArrayList<>(methods.values()));
    }
}
