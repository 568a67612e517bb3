package org.nakamoto.node;

/**
 * Small shared facts about the running node: when it started, the best header height the network layer
 * last reported (cached so that the chain thread can log sync progress without waiting on the network
 * context), and how to ask the node to stop. Fields are volatile: written by one thread, read by any.
 */
public final class NodeStatus {
    private final long startedMillis = System.currentTimeMillis();
    private volatile int bestHeaderHeight;
    private volatile Runnable stopRequest = () -> { };

    public long startedMillis() {
        return startedMillis;
    }

    public int bestHeaderHeight() {
        return bestHeaderHeight;
    }

    public void bestHeaderHeight(int h) {
        bestHeaderHeight = h;
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
