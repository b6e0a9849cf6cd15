package vn.bluezone.portal.config;

import java.time.Duration;

/**
 * The visitor-facing HTTP listener.
 *
 * @param host address to bind
 * @param port TCP port
 * @param publicUrl base URL visitors reach the portal at (for links the gateway follows back to us);
 *                  empty means "the Host header of the request"
 * @param maxQueryBytes longest query string accepted from a gateway redirect
 * @param idleTimeout how long a connection may stay idle between requests
 */
public record HttpSettings(String host, int port, String publicUrl, int maxQueryBytes, Duration idleTimeout) {
    public HttpSettings {
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/.*)?")) {
            throw new ConfigException("http.public-url", "must be an http:// or https:// URL, got '" + publicUrl + "'");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
