package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "sign", mixinStandardHelpOptions = true, description = "Write a detached signature of a file (issue #4).")
final class SignCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'sign' is not implemented yet");
    }
}
