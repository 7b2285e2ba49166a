package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;

/** The signing threshold as release/config.json states it, refused when it cannot be met. */
class SigningThresholdTest {
    @TempDir Path dir;

    private ListRepository withConfig(String json) throws Exception {
        Files.createDirectories(dir.resolve("release"));
        Files.writeString(dir.resolve("release/config.json"), json);
        return new ListRepository(dir);
    }

    private static String maintainers(int count) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ", ").append("{\"name\": \"m").append(i).append("\"}");
        }
        return "[" + list + "]";
    }

    @Test
    void absentMeansOne() throws Exception {
        assertEquals(1, SigningThreshold.read(withConfig("{\"maintainers\": []}")));
    }

    @Test
    void aThresholdAsHighAsTheMaintainersIsRead() throws Exception {
        assertEquals(
                2,
                SigningThreshold.read(
                        withConfig("{\"threshold\": 2, \"maintainers\": " + maintainers(2) + "}")));
    }

    @Test
    void aThresholdAboveTheMaintainersIsRefusedWhenRead() throws Exception {
        ListRepository repository =
                withConfig("{\"threshold\": 3, \"maintainers\": " + maintainers(2) + "}");
        var e =
                assertThrows(
                        ThresholdUnreachableException.class,
                        () -> SigningThreshold.read(repository));
        assertEquals(3, e.threshold());
        assertEquals(2, e.maintainers());
    }

    @Test
    void aThresholdBelowOneIsRefused() throws Exception {
        ListRepository repository =
                withConfig("{\"threshold\": 0, \"maintainers\": " + maintainers(1) + "}");
        assertThrows(SigningEventRefusedException.class, () -> SigningThreshold.read(repository));
    }
}
