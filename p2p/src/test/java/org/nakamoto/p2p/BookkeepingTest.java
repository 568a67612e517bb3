package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Hash256;

/** The small stateful pieces: locator shape, address book backoff and persistence, bans, known inventory. */
class BookkeepingTest {
    @Test
    void locatorIsTenDenseThenExponentialEndingAtGenesis() {
        assertEquals(List.of(0), BlockLocator.heights(0));
        assertEquals(List.of(5, 4, 3, 2, 1, 0), BlockLocator.heights(5));
        // Core's CChain::GetLocator from height 100: 100..91, then steps 2, 4, 8, 16, 32, then genesis.
        assertEquals(List.of(100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 89, 85, 77, 61, 29, 0), BlockLocator.heights(100));
        assertTrue(BlockLocator.heights(1_000_000).size() < 40);
    }

    @Test
    void addressBookBacksOffExponentiallyAndRoundTrips() {
        AddressBook book = new AddressBook(100, 1_000, 60_000);
        NetAddress a = new NetAddress("127.0.0.1", 18444);
        assertTrue(book.add(a, 1, 1_700_000_000L));
        assertFalse(book.add(a, 1, 1_600_000_000L));
        book.markFailure(a, 0);
        assertEquals(1_000, book.get(a).nextAttemptAt);
        book.markFailure(a, 0);
        book.markFailure(a, 0);
        assertEquals(4_000, book.get(a).nextAttemptAt);
        for (int i = 0; i < 20; i++) {
            book.markFailure(a, 0);
        }
        assertEquals(60_000, book.get(a).nextAttemptAt, "capped");
        assertTrue(book.dialCandidates(59_999, x -> false).isEmpty());
        assertEquals(List.of(a), book.dialCandidates(60_000, x -> false));
        book.markSuccess(a, 1_700_000_001L);
        assertEquals(0, book.get(a).failures);

        String text = book.takeDirtyText();
        assertNull(book.takeDirtyText(), "nothing changed since");
        AddressBook loaded = new AddressBook(100, 1_000, 60_000);
        loaded.load(text + "garbage line\n", true);
        assertEquals(1, loaded.size());
        assertEquals(1_700_000_001L, loaded.get(a).lastSeenSeconds);
    }

    @Test
    void addressBookIsBoundedAndNeverDialsItself() {
        AddressBook book = new AddressBook(3, 1_000, 60_000);
        for (int i = 1; i <= 5; i++) {
            book.add(new NetAddress("127.0.0.1", 1000 + i), 0, i);
        }
        assertEquals(3, book.size());
        assertNull(book.get(new NetAddress("127.0.0.1", 1001)), "the oldest went first");
        NetAddress me = new NetAddress("127.0.0.1", 1005);
        book.markSelf(me);
        assertFalse(book.isDue(me, Long.MAX_VALUE));
        assertFalse(book.dialCandidates(Long.MAX_VALUE, x -> false).contains(me));
    }

    @Test
    void bansExpireAndPersist() {
        BanList bans = new BanList();
        bans.ban("127.0.0.1", 1_000, 5_000, "bad header");
        assertTrue(bans.isBanned("127.0.0.1", 5_999));
        assertFalse(bans.isBanned("127.0.0.2", 5_999));
        BanList loaded = new BanList();
        loaded.load(bans.takeDirtyText(), 2_000);
        assertEquals(List.of(new BanEntry("127.0.0.1", 1_000, 6_000, "bad header")), loaded.list(2_000));
        assertFalse(loaded.isBanned("127.0.0.1", 6_000));
        assertTrue(loaded.list(6_000).isEmpty());
        assertTrue(loaded.unban("x") == false);
    }

    @Test
    void knownInventoryForgetsTheOldestPastItsCapacity() {
        KnownInventory known = new KnownInventory(2);
        Hash256 h1 = Hash256.sha256d(new byte[] {1});
        Hash256 h2 = Hash256.sha256d(new byte[] {2});
        Hash256 h3 = Hash256.sha256d(new byte[] {3});
        assertTrue(known.add(h1));
        assertFalse(known.add(h1));
        known.add(h2);
        known.add(h3);
        assertEquals(2, known.size());
        assertFalse(known.contains(h1));
        assertTrue(known.contains(h3));
    }

    @Test
    void addressesParse() {
        assertEquals(new NetAddress("127.0.0.1", 8333), NetAddress.parse("127.0.0.1", 8333));
        assertEquals(new NetAddress("127.0.0.1", 18444), NetAddress.parse("127.0.0.1:18444", 8333));
        assertEquals(new NetAddress("::1", 18444), NetAddress.parse("[::1]:18444", 8333));
        assertTrue(new NetAddress("::1", 1).isLoopback());
        assertTrue(new NetAddress("127.0.0.5", 1).isLoopback());
        assertFalse(new NetAddress("10.0.0.1", 1).isLoopback());
        assertNull(new NetAddress("example.invalid", 1).literal(), "no name lookup");
    }
}
