package org.starttlslist.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The material in {@code ../shared} beside the project. Tests that use it skip, saying why, when it
 * is absent (a clone outside the development setup).
 */
public final class SharedFixtures {
    private SharedFixtures() {}

    /** {@code ../shared/<relative>}, or skips the calling test when it does not exist. */
    public static Path require(String relative) {
        Path shared = Path.of("..", "shared").toAbsolutePath().normalize();
        Path path = shared.resolve(relative);
        assumeTrue(
                Files.exists(path),
                "skipped: " + path + " is absent (../shared is only beside development checkouts)");
        return path;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(require(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
