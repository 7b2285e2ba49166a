package org.starttlslist.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.starttlslist.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The {@code --format json} output of status, verify and mirror, checked against its published
 * schema (schema/COMMAND-output.schema.json) with networknt, and against the run's exit code.
 */
public final class OutputSchemas {
    private OutputSchemas() {}

    /** Standard output is exactly one document, valid against the command's schema. */
    public static JsonNode assertValid(String command, CliRun run) {
        JsonNode document = Json.readStrict(run.out().getBytes(StandardCharsets.UTF_8));
        Schema schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(
                                SchemaLocation.of(
                                        "classpath:schema/" + command + "-output.schema.json"));
        List<Error> errors = schema.validate(document);
        assertTrue(errors.isEmpty(), errors + "\n" + run);
        assertEquals(command, document.get("command").asString(), run::toString);
        assertEquals(run.exitCode(), document.get("exit-code").asInt(), "exit-code member\n" + run);
        return document;
    }

    /** An error document of {@code kind}, whose message is the line the text form prints. */
    public static JsonNode assertError(String command, CliRun run, String kind) {
        JsonNode document = assertValid(command, run);
        JsonNode error = document.get("error");
        assertEquals(kind, error.get("kind").asString(), run::toString);
        assertTrue(
                run.err().contains(error.get("message").asString()),
                "the message is the stderr line\n" + run);
        return document;
    }
}
