package io.imcredits.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes a key pair for the tests (never committed) and points the service at its public half. */
public class TestKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-keys");
    static final Path PRIVATE = DIR.resolve("private.pem");
    static final Path PUBLIC = DIR.resolve("public.pem");

    @Override
    public Map<String, String> start() {
        ensure();
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC.toAbsolutePath().toUri().toString());
    }

    @Override
    public void stop() {}

    static synchronized void ensure() {
        if (Files.exists(PRIVATE) && Files.exists(PUBLIC)) return;
        try {
            Files.createDirectories(DIR);
            KeyPair pair = generate();
            Files.writeString(PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the test key pair", e);
        }
    }

    static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
