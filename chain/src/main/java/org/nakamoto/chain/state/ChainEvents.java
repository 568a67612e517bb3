package org.nakamoto.chain.state;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ordered channel for chain and mempool events (Core's validation-interface queue). Producers
 * {@link #publish} while they hold the lock that orders their change (the chain writer's monitor, the
 * mempool's monitor), so the queue's order is the order the state changed in. Whoever finishes a task
 * then calls {@link #deliver()} holding no lock; a producer that cannot (the mempool notifies inside its
 * own monitor) calls {@link #deliverLater()}, which delivers on a short-lived "chain-events" thread.
 *
 * <p>Concurrency: the queue is a lock-free {@link ConcurrentLinkedQueue}. Delivery happens under
 * {@code delivering}, a lock that guards nothing but delivery, so subscribers are never called
 * concurrently and never out of order, and when {@link #deliver()} returns every event published before
 * the call has been delivered. A subscriber that starts a nested task on the delivering thread does not
 * deliver from inside the outer delivery (that would reorder events for the remaining subscribers): the
 * outer loop delivers them next. Subscribers ({@link CopyOnWriteArrayList}) may be added and removed from
 * any thread. A subscriber must be quick, must never wait for the chain writer (the writer may be waiting
 * for delivery), and may read state freely; an exception it throws is logged and does not stop delivery
 * to the others.
 */
public final class ChainEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ChainEvents.class);

    private final Queue<ChainEvent> queue = new ConcurrentLinkedQueue<>();
    private final List<Consumer<? super ChainEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ReentrantLock delivering = new ReentrantLock();
    /** At most one thread, which ends after a second idle: nothing to shut down. */
    private final ThreadPoolExecutor later = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "chain-events");
                t.setDaemon(true);
                return t;
            });

    public void subscribe(Consumer<? super ChainEvent> s) {
        subscribers.add(s);
    }

    public void unsubscribe(Consumer<? super ChainEvent> s) {
        subscribers.remove(s);
    }

    /** Queues an event; call while holding the lock that ordered the change it describes. */
    public void publish(ChainEvent e) {
        queue.add(e);
    }

    /**
     * Delivers every event queued so far, on this thread or (if another thread is delivering) by waiting
     * for that thread. Must be called holding no lock of the chain or the mempool.
     */
    public void deliver() {
        if (delivering.isHeldByCurrentThread()) {
            return; // a nested task inside a subscriber: the outer loop delivers its events, in order
        }
        delivering.lock();
        try {
            ChainEvent e;
            while ((e = queue.poll()) != null) {
                for (Consumer<? super ChainEvent> s : subscribers) {
                    try {
                        s.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.error("event subscriber {} failed on {}", s, e, ex);
                    }
                }
            }
        } finally {
            delivering.unlock();
        }
    }

    /** Delivers what is queued on the "chain-events" thread, for a producer that holds a lock. */
    public void deliverLater() {
        later.execute(this::deliver);
    }
}
