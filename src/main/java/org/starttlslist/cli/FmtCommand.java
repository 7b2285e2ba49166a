package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "fmt", mixinStandardHelpOptions = true, description = "Rewrite source files in canonical form (issue #3).")
final class FmtCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'fmt' is not implemented yet");
    }
}
