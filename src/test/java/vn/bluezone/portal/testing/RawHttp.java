package vn.bluezone.portal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP/1.1 connection over a plain socket, for what an HTTP client library will not send: oversized or
 * malformed requests, and requests dribbled byte by byte.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request's bytes (ISO-8859-1); false if the server had already closed or reset the connection. */
    public boolean send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends {@code text} one byte at a time, {@code pause} apart, for at most {@code atMost}.
     *
     * @return how long after the first byte the server closed the connection (a write failed), or empty if it
     *     was still open when the text was sent or the time was up
     */
    public Optional<Duration> dribble(String text, Duration pause, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException e) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() - start > atMost.toNanos()) {
                return Optional.empty();
            }
            Thread.sleep(pause.toMillis());
        }
        return Optional.empty();
    }

    /** Everything the server sends until it closes the connection or the read timeout passes; "" for nothing. */
    public String readAll() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // timeout or reset: what arrived so far is the answer
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** The status code of the response at the start of {@code received}, or 0 when there is none. */
    public static int status(String received) {
        return received.startsWith("HTTP/1.1 ") && received.length() >= 12 ? Integer.parseInt(received.substring(9, 12)) : 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
