package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the published list's freshness (issue #5).")
final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'status' is not implemented yet");
    }
}
