package vn.bluezone.portal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority and server certificates for {@code localhost} and {@code 127.0.0.1},
 * made with the {@code openssl} command-line tool in a folder of the test's.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Creates the authority ({@code ca.pem}, {@code ca.key}) in {@code dir}. */
    public static TestCertificates authority(Path dir) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=Bluezone Test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        return certificates;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * A PKCS#8 key ({@code <name>.key}) and a certificate signed by the authority ({@code <name>.crt}).
     *
     * @param algorithm {@code RSA} or {@code EC}
     */
    public TestCertificates server(String name, String algorithm) throws IOException, InterruptedException {
        if (algorithm.equals("RSA")) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
        } else {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        }
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=localhost", "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "server.ext", "-out", name + ".crt");
        return this;
    }

    /** Runs {@code openssl} in the folder; fails the test if it fails. */
    public String openssl(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 4];
        command[0] = "env";
        command[1] = "-C";
        command[2] = dir.toString();
        command[3] = "openssl";
        System.arraycopy(arguments, 0, command, 4, arguments.length);
        Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        }
        return result.output();
    }

    /** A client context that trusts only the test authority. */
    public SSLContext clientTrustingAuthority() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(file("ca.pem"))) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
