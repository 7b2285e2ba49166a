package org.starttlslist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.starttlslist.build.UnifiedDiff;

/** {@code fmt --check}: the change fmt would make to one file, as a unified diff. */
final class FmtDiff {
    private FmtDiff() {}

    static void print(PrintWriter out, String name, Path file, byte[] canonical) {
        String before;
        try {
            before = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // the file was just read; if it is gone now, the name above is enough
        }
        UnifiedDiff.of(name, before, new String(canonical, StandardCharsets.UTF_8))
                .forEach(out::println);
    }
}
