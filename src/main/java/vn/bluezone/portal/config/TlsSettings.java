package vn.bluezone.portal.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The HTTPS listener, served next to the HTTP one (never instead of it: gateways send visitors to http).
 * The files are read when the portal starts ({@link TlsCredentials}).
 *
 * @param port TCP port; 0 means any free port
 * @param certificate PEM file with the server's certificate first, then the chain
 * @param privateKey PEM file with the certificate's private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC
 */
public record TlsSettings(int port, Path certificate, Path privateKey) {
    public static final int DEFAULT_PORT = 8443;

    public TlsSettings {
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.tls.port", "must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
