package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Turn a verified list into MTA configuration (issue #6).")
final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'export' is not implemented yet");
    }
}
