package vn.bluezone.portal.radius;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP port: a few threads take turns receiving datagrams and each handles what it received to the
 * end (quick work; anything slow is handed on and answered later through {@link #send}). A packet that
 * makes the handler throw is logged and dropped; the loop never stops until the port is closed.
 */
final class RadiusListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RadiusListener.class);
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    /** Handles one datagram. {@code packet} is reused after it returns: copy what must outlive the call. */
    interface Handler {
        void handle(byte[] packet, int length, InetSocketAddress source, RadiusListener listener);
    }

    private final DatagramChannel channel;
    private final List<Thread> threads = new ArrayList<>();
    private final String name;
    private volatile boolean open = true;

    private RadiusListener(String name, DatagramChannel channel) {
        this.name = name;
        this.channel = channel;
    }

    static RadiusListener open(String name, InetSocketAddress address, int threadCount, Handler handler) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            // no SO_REUSEADDR: on Linux it would let a second server share a UDP port instead of failing to start
            channel.bind(address);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        RadiusListener listener = new RadiusListener(name, channel);
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(() -> listener.receive(handler), "radius-" + name + "-" + i);
            t.setDaemon(true);
            listener.threads.add(t);
            t.start();
        }
        return listener;
    }

    int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("RADIUS " + name + " port is closed", e);
        }
    }

    private void receive(Handler handler) {
        ByteBuffer buffer = ByteBuffer.allocate(PacketShape.MAX_LENGTH + 1);
        while (open) {
            SocketAddress source;
            try {
                buffer.clear();
                source = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (open) {
                    log.warn("RADIUS {}: receive failed: {}", name, e.toString());
                }
                continue;
            }
            try {
                handler.handle(buffer.array(), buffer.position(), (InetSocketAddress) source, this);
            } catch (RuntimeException e) {
                log.warn("RADIUS {}: a packet from {} could not be handled and was dropped", name, source, e);
            }
        }
    }

    /** Sends a datagram; safe from any thread. A failure is logged: the NAS will retransmit. */
    void send(byte[] packet, InetSocketAddress target) {
        try {
            channel.send(ByteBuffer.wrap(packet), target);
        } catch (IOException e) {
            if (open) {
                log.warn("RADIUS {}: cannot answer {}: {}", name, target, e.toString());
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing RADIUS {}: {}", name, e.toString());
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
