package vn.bluezone.portal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The visitor-facing HTTP listener.
 *
 * @param host address to bind
 * @param port TCP port
 * @param publicUrl base URL visitors reach the portal at (for links the gateway follows back to us);
 *                  empty means "the Host header of the request"
 * @param maxQueryBytes longest query string accepted from a gateway redirect
 * @param idleTimeout how long a connection may stay idle between requests
 * @param requestTimeout how long a client has to send a request's headers, and again its body; then the connection is closed
 * @param tls the HTTPS listener on the same host, if configured
 */
public record HttpSettings(String host, int port, String publicUrl, int maxQueryBytes, Duration idleTimeout, Duration requestTimeout,
        Optional<TlsSettings> tls) {
    public HttpSettings {
        if (tls.isPresent() && tls.get().port() != 0 && tls.get().port() == port) {
            throw new ConfigException("http.tls.port", "must differ from http.port (" + port + "): the portal keeps serving http");
        }
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/.*)?")) {
            throw new ConfigException("http.public-url", "must be an http:// or https:// URL, got '" + publicUrl + "'");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
