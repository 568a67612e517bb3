package org.nakamoto.node;

/**
 * Small shared facts about the running node: when it started, and how to ask the node to stop. Fields
 * are volatile: written by one thread, read by any. (The best header is chain state:
 * {@code ChainState.bestHeader()}.)
 */
public final class NodeStatus {
    private final long startedMillis = System.currentTimeMillis();
    private volatile Runnable stopRequest = () -> { };

    public long startedMillis() {
        return startedMillis;
    }

    void onStopRequest(Runnable r) {
        stopRequest = r;
    }

    /** Starts a clean shutdown on another thread and returns at once (the stop RPC must still answer). */
    public void requestStop() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(200); // let the reply to "stop" leave before the RPC server closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopRequest.run();
        }, "stop-request");
        t.start();
    }
}
