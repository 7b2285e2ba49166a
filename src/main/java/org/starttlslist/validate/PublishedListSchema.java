package org.starttlslist.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The published-list schema ({@code schema/policy-list.schema.json}, on the classpath as {@code
 * schema/policy-list.schema.json}), compiled once.
 */
public final class PublishedListSchema {
    /** One schema violation: where (a JSON pointer) and what. */
    public record Violation(String pointer, String message) {}

    private static final class Holder {
        static final Schema SCHEMA =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(SchemaLocation.of("classpath:schema/policy-list.schema.json"));
    }

    private PublishedListSchema() {}

    public static List<Violation> check(JsonNode document) {
        List<Error> errors =
                Holder.SCHEMA.validate(
                        document,
                        context ->
                                context.executionConfig(
                                        config -> config.formatAssertionsEnabled(true)));
        return errors.stream()
                .map(e -> new Violation(e.getInstanceLocation().toString(), e.getMessage()))
                .toList();
    }
}
