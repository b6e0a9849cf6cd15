package vn.bluezone.portal.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vn.bluezone.portal.events.EventStore;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.EventWriter;

/**
 * Whether this node can do its job: the event writer runs and keeps what it is given (in the store, or in the spool
 * file while the store cannot take it), the store answers, and the disks it writes to have room. Three states:
 * {@code ready}; {@code degraded} (still counting and letting visitors on, but something needs an operator: the store
 * is down and events are spooled, or a disk is nearly full); {@code not ready} (events can be kept nowhere, or the
 * writer stopped: visitors get "try again"). Each report carries a message in English and Vietnamese.
 */
public final class Health {
    /** Less free space than this on a disk the portal writes to is reported. */
    public static final long LOW_SPACE_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three answers, most severe last. */
    public enum State {
        READY, DEGRADED, NOT_READY;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final EventStore store;
    private final DurableWriter writer;
    private final Map<String, Path> folders;

    /**
     * @param folders the folders the portal writes to, by the name the report gives them (e.g. {@code data},
     *     {@code database}), for their free space
     */
    public Health(EventStore store, DurableWriter writer, Map<String, Path> folders) {
        this.store = store;
        this.writer = writer;
        this.folders = Map.copyOf(folders);
    }

    /**
     * @param freeBytes usable bytes on the disk of each folder checked
     */
    public record Report(boolean storeReachable, boolean writerRunning, EventWriter.Status writes, Map<String, Long> freeBytes,
            int queued, long stored, long spooled, long failedBatches) {

        public State state() {
            if (!writerRunning || writes.mode() == EventWriter.Mode.FAILING) {
                return State.NOT_READY;
            }
            if (!storeReachable || writes.mode() != EventWriter.Mode.DIRECT || lowOnSpace() != null) {
                return State.DEGRADED;
            }
            return State.READY;
        }

        /** Whether a load balancer should send visitors here. */
        public boolean ready() {
            return state() != State.NOT_READY;
        }

        private String lowOnSpace() {
            return freeBytes.entrySet().stream().filter(e -> e.getValue() < LOW_SPACE_BYTES).map(Map.Entry::getKey).sorted()
                    .findFirst().orElse(null);
        }

        /** What an operator should know first, in English and Vietnamese. */
        public String message() {
            if (!writerRunning) {
                return "The event writer has stopped: impressions cannot be counted"
                        + " / Bộ ghi sự kiện đã dừng: không thể đếm lượt hiển thị";
            }
            if (writes.mode() == EventWriter.Mode.FAILING && writes.diskFull()) {
                return "Disk full: new impressions and accounting records cannot be kept, visitors and NAS are asked to retry;"
                        + " free space on the disk of the data folder and the database"
                        + " / Ổ đĩa đầy: không lưu được lượt hiển thị và bản ghi tính cước mới, khách và NAS được yêu cầu thử lại;"
                        + " hãy giải phóng dung lượng trên ổ đĩa chứa thư mục dữ liệu và cơ sở dữ liệu";
            }
            return switch (writes.mode()) {
                case FAILING -> "Events can be kept neither in the database nor in the spool file: visitors and NAS are asked to retry"
                        + " / Không lưu được sự kiện vào cơ sở dữ liệu lẫn tệp dự phòng: khách và NAS được yêu cầu thử lại";
                case SPOOLING -> "The database cannot take events: they are kept in the spool file on this node and stored when it is back"
                        + " / Cơ sở dữ liệu không nhận sự kiện: chúng được giữ trong tệp dự phòng trên máy này"
                        + " và được ghi vào khi cơ sở dữ liệu hoạt động lại";
                case REPLAYING -> "The database is back: events kept in the spool file are being stored"
                        + " / Cơ sở dữ liệu đã hoạt động lại: các sự kiện trong tệp dự phòng đang được ghi vào";
                case DIRECT -> otherwise();
            };
        }

        private String otherwise() {
            if (!storeReachable) {
                return "The database does not answer / Cơ sở dữ liệu không phản hồi";
            }
            String low = lowOnSpace();
            if (low != null) {
                return "Less than " + (LOW_SPACE_BYTES >> 20) + " MB free on the disk of the " + low + " folder"
                        + " / Ổ đĩa chứa thư mục " + (low.equals("data") ? "dữ liệu" : "cơ sở dữ liệu") + " còn dưới "
                        + (LOW_SPACE_BYTES >> 20) + " MB trống";
            }
            return "Working normally / Hoạt động bình thường";
        }

        public String toJson() {
            ObjectNode body = JSON.createObjectNode();
            body.put("status", state().code());
            body.put("message", message());
            body.put("store", storeReachable ? "reachable" : "unreachable");
            body.put("writes", writes.mode().name().toLowerCase(Locale.ROOT));
            if (!writes.problem().isEmpty()) {
                body.put("problem", writes.problem());
            }
            body.putObject("spool").put("bytes", writes.spoolBytes()).put("batches", writes.spoolBatches());
            ObjectNode free = body.putObject("freeBytes");
            freeBytes.forEach(free::put);
            body.put("writer", writerRunning ? "running" : "stopped");
            body.put("queued", queued);
            body.put("stored", stored);
            body.put("spooled", spooled);
            body.put("failedBatches", failedBatches);
            return body.toString();
        }
    }

    public Report check() {
        Map<String, Long> free = new LinkedHashMap<>();
        folders.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> {
            try {
                free.put(f.getKey(), Files.getFileStore(f.getValue()).getUsableSpace());
            } catch (IOException e) {
                // a folder that is gone is the store's or the spool's problem, reported through them
            }
        });
        return new Report(store.isReachable(), writer.isRunning(), writer.status(), free, writer.queued(), writer.storedCount(),
                writer.spooledCount(), writer.failedBatchCount());
    }
}
