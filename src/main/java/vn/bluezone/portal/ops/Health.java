package vn.bluezone.portal.ops;

import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.EventWriter;

/** Whether this node can do its job: the store answers and the impression writer is running. */
public final class Health {
    private final EventStore store;
    private final EventWriter writer;

    public Health(EventStore store, EventWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    public record Report(boolean storeReachable, boolean writerRunning, int queued, long stored, long failedBatches) {
        public boolean ready() {
            return storeReachable && writerRunning;
        }

        public String toJson() {
            return "{\"status\":\"" + (ready() ? "ready" : "not ready") + "\",\"store\":\"" + (storeReachable ? "reachable" : "unreachable")
                    + "\",\"writer\":\"" + (writerRunning ? "running" : "stopped") + "\",\"queued\":" + queued
                    + ",\"stored\":" + stored + ",\"failedBatches\":" + failedBatches + "}";
        }
    }

    public Report check() {
        return new Report(store.isReachable(), writer.isRunning(), writer.queued(), writer.storedCount(), writer.failedBatchCount());
    }
}
