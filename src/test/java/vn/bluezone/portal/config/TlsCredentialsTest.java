package vn.bluezone.portal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.testing.TestCertificates;

/** The PEM files of {@code http.tls}, made with the openssl tool: what is accepted, and what each refusal says. */
class TlsCredentialsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.authority(dir).server("rsa", "RSA").server("ec", "EC");
    }

    private static TlsCredentials load(String certificate, String key) {
        return TlsCredentials.load(new TlsSettings(0, certs.file(certificate), certs.file(key)));
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(certs.file(name), text);
    }

    @Test
    void anRsaKeyAndItsCertificateMakeATlsContext() throws Exception {
        TlsCredentials rsa = load("rsa.crt", "rsa.key");
        assertThat(rsa.subject()).isEqualTo("CN=localhost");
        SSLContext context = rsa.sslContext();
        assertThat(context.createSSLEngine().getSupportedProtocols()).contains("TLSv1.3");
        assertThat(rsa.toString()).contains("key=(hidden)");
    }

    @Test
    void anEcKeyWithTheChainAfterTheServerCertificateIsAccepted() throws Exception {
        write("ec-chain.pem", Files.readString(certs.file("ec.crt")) + Files.readString(certs.file("ca.pem")));
        TlsCredentials ec = load("ec-chain.pem", "ec.key");
        assertThat(ec.subject()).isEqualTo("CN=localhost");
        assertThat(ec.toString()).contains("chain=2");
        ec.sslContext();
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> load("rsa.crt", "ec.key")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("does not match the certificate");
        assertThatThrownBy(() -> load("ec.crt", "rsa.key"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("does not match the certificate");
        assertThatThrownBy(() -> load("rsa.crt", "ca.key"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("does not match the certificate");
    }

    @Test
    void theChainMustStartWithTheServersOwnCertificate() throws Exception {
        write("ca-first.pem", Files.readString(certs.file("ca.pem")) + Files.readString(certs.file("rsa.crt")));
        assertThatThrownBy(() -> load("ca-first.pem", "rsa.key"))
                .hasMessageStartingWith("http.tls.certificate: ").hasMessageContaining("must start with the server's own certificate");
    }

    @Test
    void pkcs1AndSec1AndEncryptedKeysAreRefusedWithTheCommandThatConvertsThem() throws Exception {
        certs.openssl("pkey", "-in", "rsa.key", "-traditional", "-out", "rsa.pkcs1.pem");
        certs.openssl("pkey", "-in", "ec.key", "-traditional", "-out", "ec.sec1.pem");
        certs.openssl("pkcs8", "-topk8", "-in", "rsa.key", "-passout", "pass:secret", "-out", "rsa.encrypted.pem");
        assertThat(Files.readString(certs.file("rsa.pkcs1.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(certs.file("ec.sec1.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThatThrownBy(() -> load("rsa.crt", "rsa.pkcs1.pem")).hasMessageStartingWith("http.tls.private-key: ")
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        assertThatThrownBy(() -> load("ec.crt", "ec.sec1.pem")).hasMessageStartingWith("http.tls.private-key: ")
                .hasMessageContaining("SEC1").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        assertThatThrownBy(() -> load("rsa.crt", "rsa.encrypted.pem")).hasMessageStartingWith("http.tls.private-key: ")
                .hasMessageContaining("encrypted").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");

        // the command of the hint gives a key that is accepted
        certs.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "rsa.pkcs1.pem", "-out", "rsa.pk8.pem");
        assertThat(load("rsa.crt", "rsa.pk8.pem").subject()).isEqualTo("CN=localhost");
    }

    @Test
    void missingFilesAndGarbageNameTheKey() throws Exception {
        assertThatThrownBy(() -> load("nothing.crt", "rsa.key"))
                .hasMessageStartingWith("http.tls.certificate: ").hasMessageContaining("no file").hasMessageContaining("nothing.crt");
        assertThatThrownBy(() -> load("rsa.crt", "nothing.key"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("no file");
        write("garbage.txt", "this is not a certificate\n");
        assertThatThrownBy(() -> load("garbage.txt", "rsa.key"))
                .hasMessageStartingWith("http.tls.certificate: ").hasMessageContaining("not a PEM file");
        assertThatThrownBy(() -> load("rsa.crt", "garbage.txt"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("not a PEM file");
        write("broken.crt", "-----BEGIN CERTIFICATE-----\nTUlJQm9rZW4=\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> load("broken.crt", "rsa.key"))
                .hasMessageStartingWith("http.tls.certificate: ").hasMessageContaining("not a valid X.509 certificate");
        write("broken.key", "-----BEGIN PRIVATE KEY-----\nTUlJQm9rZW4=\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> load("rsa.crt", "broken.key"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("not an RSA or EC private key");
    }

    @Test
    void swappedFilesAreNamedAsSuch() {
        assertThatThrownBy(() -> load("rsa.key", "rsa.crt"))
                .hasMessageStartingWith("http.tls.certificate: ").hasMessageContaining("no certificate").hasMessageContaining("swapped");
        assertThatThrownBy(() -> load("rsa.crt", "rsa.crt"))
                .hasMessageStartingWith("http.tls.private-key: ").hasMessageContaining("no private key").hasMessageContaining("swapped");
    }
}
