package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Banned hosts (by IP, as Core bans an address or subnet), each with an expiry. Expired bans are dropped
 * when looked at. Persisted as banlist.txt, one ban per line.
 *
 * <p>Concurrency: confined to the network context; saving hands an immutable text to a worker.
 */
final class BanList {
    private final Map<String, BanEntry> bans = new LinkedHashMap<>();
    /** Misbehaving addresses: refused only when slots are full, never persisted (see {@link Discouraged}). */
    private final Discouraged discouraged = new Discouraged();
    private boolean dirty;

    boolean isBanned(String host, long now) {
        BanEntry e = bans.get(host);
        if (e == null) {
            return false;
        }
        if (e.isExpired(now)) {
            bans.remove(host);
            dirty = true;
            return false;
        }
        return true;
    }

    void ban(String host, long now, long durationMillis, String reason) {
        long until = durationMillis >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + durationMillis;
        BanEntry old = bans.get(host);
        if (old != null && old.bannedUntil() >= until) {
            return;
        }
        bans.put(host, new BanEntry(host, now, until, reason));
        dirty = true;
    }

    boolean unban(String host) {
        boolean removed = bans.remove(host) != null;
        dirty |= removed;
        return removed;
    }

    /** Clears the bans and, as Core's clearbanned, the discouraged addresses. */
    void clear() {
        dirty |= !bans.isEmpty();
        bans.clear();
        discouraged.clear();
    }

    void discourage(String host) {
        discouraged.add(host);
    }

    boolean isDiscouraged(String host) {
        return discouraged.contains(host);
    }

    List<BanEntry> list(long now) {
        bans.values().removeIf(e -> {
            boolean expired = e.isExpired(now);
            dirty |= expired;
            return expired;
        });
        return List.copyOf(bans.values());
    }

    /** The text to persist if anything changed since the last call, else null. */
    String takeDirtyText() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        StringBuilder sb = new StringBuilder("# nakamoto banlist: host createdAtMillis bannedUntilMillis reason\n");
        for (BanEntry e : bans.values()) {
            sb.append(e.toLine()).append('\n');
        }
        return sb.toString();
    }

    void load(String text, long now) {
        if (text == null) {
            return;
        }
        List<BanEntry> loaded = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                loaded.add(BanEntry.fromLine(line.strip()));
            } catch (RuntimeException skipped) {
                // a damaged line costs that one ban, not the file
            }
        }
        for (BanEntry e : loaded) {
            if (!e.isExpired(now)) {
                bans.put(e.host(), e);
            }
        }
    }
}
