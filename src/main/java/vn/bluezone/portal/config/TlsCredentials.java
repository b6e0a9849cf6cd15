package vn.bluezone.portal.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate chain and private key named by {@code http.tls}, read from PEM files with the JDK alone
 * and checked before anything listens: every problem is a {@link ConfigException} naming the key.
 */
public final class TlsCredentials {
    static final String CERTIFICATE_KEY = "http.tls.certificate";
    static final String PRIVATE_KEY_KEY = "http.tls.private-key";
    /** Turns a PKCS#1, SEC1 or encrypted key into the unencrypted PKCS#8 the portal reads. */
    static final String CONVERT_HINT = "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem";
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    /** The in-memory key store never leaves the process; its password only satisfies the API. */
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private TlsCredentials(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    /** Reads and checks both files. */
    public static TlsCredentials load(TlsSettings settings) {
        List<X509Certificate> chain = certificates(settings.certificate());
        PrivateKey key = privateKey(settings.privateKey());
        int owner = -1;
        for (int i = 0; i < chain.size() && owner < 0; i++) {
            if (matches(key, chain.get(i).getPublicKey())) {
                owner = i;
            }
        }
        if (owner < 0) {
            throw new ConfigException(PRIVATE_KEY_KEY, "the key in " + settings.privateKey() + " does not match the certificate in "
                    + settings.certificate() + " (" + key.getAlgorithm() + " key, " + chain.get(0).getPublicKey().getAlgorithm()
                    + " certificate for " + chain.get(0).getSubjectX500Principal().getName() + "); use the key the certificate was issued for");
        }
        if (owner > 0) {
            throw new ConfigException(CERTIFICATE_KEY, settings.certificate() + " must start with the server's own certificate, then the chain;"
                    + " the key's certificate is number " + (owner + 1) + " in the file");
        }
        return new TlsCredentials(key, chain.toArray(X509Certificate[]::new));
    }

    /** A server-side TLS context presenting this chain. */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("portal", key, STORE_PASSWORD, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** The server certificate's subject, e.g. {@code CN=portal.example.vn}. */
    public String subject() {
        return chain[0].getSubjectX500Principal().getName();
    }

    /** When the server certificate expires. */
    public Instant notAfter() {
        return chain[0].getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "TlsCredentials[subject=" + subject() + ", notAfter=" + notAfter() + ", chain=" + chain.length + ", key=(hidden)]";
    }

    private static List<X509Certificate> certificates(Path file) {
        List<Block> blocks = blocks(CERTIFICATE_KEY, file);
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 support", e);
        }
        for (Block block : blocks) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new ConfigException(CERTIFICATE_KEY, "certificate number " + (chain.size() + 1) + " in " + file
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (chain.isEmpty()) {
            boolean holdsKey = blocks.stream().anyMatch(b -> b.label().endsWith("PRIVATE KEY"));
            throw new ConfigException(CERTIFICATE_KEY, "no certificate in " + file + " (expected PEM blocks -----BEGIN CERTIFICATE-----,"
                    + " the server's certificate first, then the chain)" + (holdsKey ? "; it holds a private key: is it swapped with "
                    + PRIVATE_KEY_KEY + "?" : ""));
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        List<Block> blocks = blocks(PRIVATE_KEY_KEY, file);
        List<Block> keys = new ArrayList<>();
        for (Block block : blocks) {
            switch (block.label()) {
                case "RSA PRIVATE KEY" -> throw new ConfigException(PRIVATE_KEY_KEY, file + " holds a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY);"
                        + " the portal reads PKCS#8 (BEGIN PRIVATE KEY). Convert it with: " + CONVERT_HINT);
                case "EC PRIVATE KEY" -> throw new ConfigException(PRIVATE_KEY_KEY, file + " holds a SEC1 EC key (BEGIN EC PRIVATE KEY);"
                        + " the portal reads PKCS#8 (BEGIN PRIVATE KEY). Convert it with: " + CONVERT_HINT);
                case "ENCRYPTED PRIVATE KEY" -> throw new ConfigException(PRIVATE_KEY_KEY, file + " holds an encrypted key;"
                        + " the portal reads it without a passphrase. Decrypt it with: " + CONVERT_HINT);
                case "PRIVATE KEY" -> keys.add(block);
                default -> {
                    // certificates or parameters next to the key are ignored
                }
            }
        }
        if (keys.isEmpty()) {
            boolean holdsCertificate = blocks.stream().anyMatch(b -> b.label().equals("CERTIFICATE"));
            throw new ConfigException(PRIVATE_KEY_KEY, "no private key in " + file + " (expected -----BEGIN PRIVATE KEY-----)"
                    + (holdsCertificate ? "; it holds a certificate: is it swapped with " + CERTIFICATE_KEY + "?" : ""));
        }
        if (keys.size() > 1) {
            throw new ConfigException(PRIVATE_KEY_KEY, file + " holds " + keys.size() + " private keys; keep only the certificate's");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0).der());
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " support", e);
            }
        }
        throw new ConfigException(PRIVATE_KEY_KEY, "the key in " + file + " is not an RSA or EC private key in PKCS#8 form");
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // e.g. an EC key on another curve than the certificate's
            return false;
        }
    }

    /** One PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and base64 body, from one file. */
    private record Block(String key, Path file, String label, String body) {
        byte[] der() {
            try {
                return Base64.getMimeDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "the " + label + " block in " + file + " is not valid base64");
            }
        }
    }

    private static List<Block> blocks(String key, Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(key, file + " is larger than 1 MB: not a PEM file");
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(key, "no file " + file);
        } catch (AccessDeniedException e) {
            throw new ConfigException(key, "cannot read " + file + ": permission denied (the portal's user must be able to read it)");
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + " (" + e + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(key, file, m.group(1), m.group(2)));
        }
        if (blocks.isEmpty()) {
            throw new ConfigException(key, file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
