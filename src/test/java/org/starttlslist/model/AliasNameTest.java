package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AliasNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "example-hosting", "big_host.eu", "x1", "a.b_c-d"})
    void valid(String name) {
        assertTrue(AliasName.isValid(name));
        assertEquals(Optional.of(new AliasName(name)), AliasName.parse(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "A",
                "-a",
                "a-",
                ".a",
                "a.",
                "_a",
                "a/b",
                "../x",
                "a b",
                "ä",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void invalid(String name) {
        assertFalse(AliasName.isValid(name));
        assertEquals(Optional.empty(), AliasName.parse(name));
        assertThrows(IllegalArgumentException.class, () -> new AliasName(name));
    }

    /**
     * One rule: the pattern the source schema publishes is the one every reader (validate, the
     * schema fast path, import) checks through {@link AliasName}.
     */
    @Test
    void theSchemaStatesTheSameRule() throws Exception {
        var schema =
                org.starttlslist.json.Json.readStrict(
                        Files.readAllBytes(Path.of("schema/domain-source.schema.json")));
        assertEquals(
                "^" + AliasName.RULE.pattern() + "$",
                schema.at("/$defs/aliasName/pattern").stringValue());
    }
}
