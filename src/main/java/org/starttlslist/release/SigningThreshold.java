package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.json.Json;
import org.starttlslist.source.ListRepository;
import tools.jackson.databind.JsonNode;

/**
 * How many maintainers must sign a release: {@code "threshold"} in {@code release/config.json}
 * (default 1). Mirrors are told to use the same number with {@code mirror --threshold K}.
 */
public final class SigningThreshold {
    private SigningThreshold() {}

    public static int read(ListRepository repository) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(repository.configFile());
        } catch (NoSuchFileException e) {
            return 1;
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read "
                            + repository.display(repository.configFile())
                            + ": "
                            + e.getMessage(),
                    e);
        }
        JsonNode threshold = Json.readStrict(bytes).path("threshold");
        if (threshold.isMissingNode()) {
            return 1;
        }
        if (!threshold.isIntegralNumber() || threshold.asInt() < 1) {
            throw new SigningEventRefusedException(
                    "\"threshold\" in release/config.json must be a whole number of at least 1");
        }
        // Refused when read, not when the last signature is missing: a threshold no set of
        // maintainers can meet would otherwise be found only at publish time.
        JsonNode maintainers = Json.readStrict(bytes).path("maintainers");
        if (maintainers.isArray() && threshold.asInt() > maintainers.size()) {
            throw new ThresholdUnreachableException(threshold.asInt(), maintainers.size());
        }
        return threshold.asInt();
    }
}
