package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.List;
import org.starttlslist.json.Json;
import org.starttlslist.testing.SharedFixtures;
import org.starttlslist.validate.PublishedListSchema;
import tools.jackson.databind.JsonNode;

/** Asserts that bytes are a list valid against our schema and the predecessor's draft-07 one. */
final class SchemaChecks {
    static final String PREDECESSOR_SCHEMA =
            "starttls-policy-cli/related/starttls-everywhere/schema/policy-0.1.schema.json";

    private static Schema predecessor;

    private SchemaChecks() {}

    static void assertValidAgainstOurSchema(byte[] list) {
        JsonNode node = Json.readStrict(list);
        assertEquals(
                List.of(),
                PublishedListSchema.check(node),
                "our schema (schema/policy-list.schema.json)");
    }

    /** Skips the calling test when {@code ../shared} is absent. */
    static void assertValidAgainstPredecessorSchema(byte[] list) {
        JsonNode node = Json.readStrict(list);
        List<String> errors =
                predecessorSchema().validate(node).stream().map(Object::toString).toList();
        assertEquals(List.of(), errors, "the predecessor's schema (policy-0.1, draft-07)");
    }

    static synchronized Schema predecessorSchema() {
        if (predecessor == null) {
            Path file = SharedFixtures.require("fixtures/" + PREDECESSOR_SCHEMA);
            JsonNode schema =
                    Json.readStrict(SharedFixtures.bytes("fixtures/" + PREDECESSOR_SCHEMA));
            // Registered under the file's URI; its $ref are all local (#/definitions/...), so
            // nothing is fetched.
            predecessor =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                            .getSchema(SchemaLocation.of(file.toUri().toString()), schema);
        }
        return predecessor;
    }
}
