package org.starttlslist.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The source schemas in {@code schema/} (on the classpath as {@code schema/…}), compiled once per
 * run and shared by every thread: compiling is the expensive part, validating one small file is
 * not.
 */
final class SourceSchemas {
    /** Which schema a file is checked against. */
    enum Kind {
        DOMAIN("domain-source.schema.json"),
        ALIAS("alias-source.schema.json"),
        CONFIG("config.schema.json");

        final String file;

        Kind(String file) {
            this.file = file;
        }
    }

    /** One schema violation, as the validator reports it. */
    record Violation(String pointer, String keyword, String property, String message) {}

    private static final class Holder {
        static final Map<Kind, Schema> SCHEMAS = compile();

        private static Map<Kind, Schema> compile() {
            SchemaRegistry registry =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            Map<Kind, Schema> schemas = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                Schema schema =
                        registry.getSchema(SchemaLocation.of("classpath:schema/" + kind.file));
                schema.initializeValidators();
                schemas.put(kind, schema);
            }
            return Collections.unmodifiableMap(schemas);
        }
    }

    private SourceSchemas() {}

    /**
     * Compiles the schemas now (they compile once per run); lets a caller overlap it with other
     * work.
     */
    static void compile() {
        // Touching the holder runs its initialiser, which compiles the schemas.
        var unused = Holder.SCHEMAS;
    }

    static List<Violation> check(Kind kind, JsonNode document) {
        List<Error> errors =
                Holder.SCHEMAS
                        .get(kind)
                        .validate(
                                document,
                                context ->
                                        context.executionConfig(
                                                config -> config.formatAssertionsEnabled(true)));
        return errors.stream()
                .map(
                        e ->
                                new Violation(
                                        e.getInstanceLocation().toString(),
                                        e.getKeyword(),
                                        e.getProperty(),
                                        e.getMessage()))
                .toList();
    }
}
