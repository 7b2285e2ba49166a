package org.starttlslist.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a settings file is malformed, refused with the file and the line. */
class SettingsFileTest {
    @TempDir Path dir;

    private MalformedSettingsException refused(byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("mirror.conf"), content);
        var e = assertThrows(MalformedSettingsException.class, () -> SettingsFile.read(file));
        assertEquals(file, e.file());
        return e;
    }

    private MalformedSettingsException refused(String content) throws Exception {
        return refused(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aLineWithoutEquals() throws Exception {
        assertEquals(2, refused("# comment\ninto /var/lib/x\n").line());
    }

    @Test
    void aBadSettingName() throws Exception {
        assertEquals(1, refused("Into = /var/lib/x\n").line());
    }

    @Test
    void aSettingGivenTwice() throws Exception {
        assertEquals(3, refused("into = /a\n\ninto = /b\n").line());
    }

    @Test
    void notUtf8() throws Exception {
        assertEquals(0, refused(new byte[] {'i', '=', (byte) 0xff}).line());
    }
}
