package org.nakamoto.p2p;

/** One banned host, as listbanned reports it. Times are Unix milliseconds. */
public record BanEntry(String host, long createdAt, long bannedUntil, String reason) {
    public BanEntry {
        if (host == null || host.isBlank() || host.contains(" ")) {
            throw new IllegalArgumentException("bad host: " + host);
        }
        reason = reason == null ? "" : reason.replace('\n', ' ');
    }

    boolean isExpired(long now) {
        return now >= bannedUntil;
    }

    String toLine() {
        return host + " " + createdAt + " " + bannedUntil + " " + reason;
    }

    static BanEntry fromLine(String line) {
        String[] f = line.split(" ", 4);
        return new BanEntry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f.length > 3 ? f[3] : "");
    }
}
